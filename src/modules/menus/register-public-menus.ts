/**
 * The menus everyone sees: one for private chats and one for groups, in Vietnamese and English
 * (Telegram picks by the client's language), and in DEFAULT_LOCALE for every other client language.
 */
import type { CommandSpec } from "../../core/commands.js";
import type { CommandMenus, MenuScope } from "../../core/ports.js";
import type { Locale } from "../../core/text.js";
import { menuEntries } from "./menu-entries.js";

export async function registerPublicMenus(options: {
  menus: CommandMenus;
  commands: readonly CommandSpec[];
  defaultLocale: Locale;
}): Promise<void> {
  const { menus, commands, defaultLocale } = options;
  const noRoles = new Set<never>();
  for (const where of ["private", "group"] as const) {
    const scope: MenuScope = { kind: where === "private" ? "private_chats" : "group_chats" };
    const entries = menuEntries({ commands, where, roles: noRoles });
    await menus.set({ scope, renderIn: defaultLocale, entries });
    for (const language of ["vi", "en"] as const) await menus.set({ scope, language, renderIn: language, entries });
  }
}
