/**
 * Telegram's command menus: the public ones when the platform starts, and each role holder's own,
 * kept in step with the Role table by a short periodic sync (in the process that takes updates).
 */
import type { Logger } from "pino";
import type { Config, ProcessRole } from "../config.js";
import type { CommandSpec } from "../core/commands.js";
import { PrismaRoleMenuStore } from "../modules/menus/repo.js";
import { registerPublicMenus } from "../modules/menus/register-public-menus.js";
import { RoleMenuSync } from "../modules/menus/sync-role-menus.js";
import { TelegramMenus } from "../platforms/telegram/telegram-menus.js";
import type { TelegramPlatform } from "../platforms/telegram/telegram-platform.js";
import type { Infrastructure } from "./infrastructure.js";

/** How often role changes are looked for: a new officer finds their menu within seconds. */
const ROLE_MENU_TICK_MS = 2_000;

export interface MenuRoleInputs {
  readonly roles: ReadonlySet<ProcessRole>;
  readonly telegram: TelegramPlatform | undefined;
  readonly infra: Infrastructure;
  readonly commands: readonly CommandSpec[];
  readonly logger: Logger;
}

/** Registers the menus and starts the role-menu sync; returns what stops it. Zalo has no menus. */
export async function startMenus(config: Config, inputs: MenuRoleInputs): Promise<() => void> {
  const { roles, telegram, infra, commands, logger } = inputs;
  if (!telegram || !roles.has("inbound")) return () => undefined;
  const menus = new TelegramMenus({ telegram: telegram.bot.telegram, translator: infra.translator, logger });
  const sync = new RoleMenuSync({
    store: new PrismaRoleMenuStore(infra.db),
    access: infra.access,
    menus,
    commands: () => commands,
    defaultLocale: config.DEFAULT_LOCALE,
    superadminIds: config.SUPERADMINS.filter((s) => s.platform === "telegram").map((s) => s.platformUserId),
  });
  try {
    await registerPublicMenus({ menus, commands, defaultLocale: config.DEFAULT_LOCALE });
    await sync.sync();
  } catch (error) {
    // A menu is a convenience: the bot answers commands without one.
    logger.error({ err: error, event: "menus_failed" }, "command menus could not be registered");
  }
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sync
      .sync()
      .catch((error: unknown) => logger.error({ err: error, event: "role_menus_failed" }, "role menus could not be synced"))
      .finally(() => (running = false));
  }, ROLE_MENU_TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
