/**
 * Telegram's command menus: the public ones when the platform starts, and each role holder's own,
 * kept in step with the Role table by a short periodic sync (in one of the processes that take updates).
 */
import type { Logger } from "pino";
import type { Config, ProcessRole } from "../config.js";
import type { CommandSpec } from "../core/commands.js";
import { PgPeriodicLocks } from "../db/periodic-locks.js";
import { PrismaRoleMenuStore } from "../modules/menus/repo.js";
import { registerPublicMenus } from "../modules/menus/register-public-menus.js";
import { RoleMenuSync } from "../modules/menus/sync-role-menus.js";
import { TelegramMenus } from "../platforms/telegram/telegram-menus.js";
import type { TelegramPlatform } from "../platforms/telegram/telegram-platform.js";
import type { Infrastructure } from "./infrastructure.js";

/** How often role changes are looked for: a new officer finds their menu within seconds. */
const ROLE_MENU_TICK_MS = 2_000;
/** The advisory lock of the process that keeps the menus. */
const MENU_LOCK = "command-menus";

export interface MenuRoleInputs {
  readonly roles: ReadonlySet<ProcessRole>;
  readonly telegram: TelegramPlatform | undefined;
  readonly infra: Infrastructure;
  readonly commands: readonly CommandSpec[];
  readonly logger: Logger;
}

/**
 * Registers the menus and starts the role-menu sync; returns what stops it. Zalo has no menus. With
 * several inbound processes (KENG_ROLES), one of them does it: the one holding a PostgreSQL advisory
 * lock, kept for as long as it runs. The others try for the lock every tick and take over, with a
 * fresh registration, when its holder stops or dies (PostgreSQL releases a dead session's locks).
 */
export async function startMenus(config: Config, inputs: MenuRoleInputs): Promise<() => Promise<void>> {
  const { roles, telegram, infra, commands, logger } = inputs;
  if (!telegram || !roles.has("inbound")) return () => Promise.resolve();
  const menus = new TelegramMenus({ telegram: telegram.bot.telegram, translator: infra.translator, logger });
  const newSync = () =>
    new RoleMenuSync({
      store: new PrismaRoleMenuStore(infra.db),
      access: infra.access,
      menus,
      commands: () => commands,
      defaultLocale: config.DEFAULT_LOCALE,
      superadminIds: config.SUPERADMINS.filter((s) => s.platform === "telegram").map((s) => s.platformUserId),
    });
  /** While this process holds the lock: its sync, and what lets the lock go. */
  let held: { sync: RoleMenuSync; release: () => void } | undefined;
  // Counts lost lock connections: a registration that saw one does not claim the lock it lost.
  let lost = 0;
  const locks = new PgPeriodicLocks({
    pool: infra.database.pool,
    onConnectionLost: (error) => {
      lost++;
      logger.warn(
        { event: "menu_lock_connection_lost", err: { message: error.message } },
        "the command menus' lock connection to PostgreSQL ended; the next tick takes the lock again",
      );
      held?.release();
      held = undefined;
    },
  });

  /** Takes the lock if free and registers every menu; resolves then, or at once when another process holds it. */
  const lead = () =>
    new Promise<void>((settled) => {
      locks
        .runAlone(MENU_LOCK, async () => {
          const seen = lost;
          const sync = newSync();
          try {
            await registerPublicMenus({ menus, commands, defaultLocale: config.DEFAULT_LOCALE });
            await sync.sync();
          } catch (error) {
            // A menu is a convenience: the bot answers commands without one.
            logger.error({ err: error, event: "menus_failed" }, "command menus could not be registered");
          }
          if (seen !== lost) return settled();
          // Held until stop (or a lost connection): the lock is released when this task ends.
          await new Promise<void>((release) => {
            held = { sync, release };
            settled();
          });
        })
        .then(
          () => settled(),
          (error: unknown) => {
            logger.error({ err: error, event: "menu_lock_failed" }, "the command menus' lock could not be taken");
            settled();
          },
        );
    });

  await lead();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const tick = held
      ? held.sync
          .sync()
          .catch((error: unknown) =>
            logger.error({ err: error, event: "role_menus_failed" }, "role menus could not be synced"),
          )
      : lead();
    void tick.finally(() => (running = false));
  }, ROLE_MENU_TICK_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    held?.release();
    held = undefined;
    await locks.close();
  };
}
