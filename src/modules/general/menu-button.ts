/**
 * The `menu:` buttons of the welcome and `/trogiup`: `menu:<command>` runs that command with no
 * argument, as if typed; `menu:all` is the full help, `menu:lang` offers the languages and
 * `menu:lang_<vi|en>` sets one.
 */
import type { ButtonContext, ButtonSpec } from "../../core/commands.js";
import { isLocale, t } from "../../core/text.js";
import type { GeneralDeps } from "./deps.js";
import { help } from "./help.js";
import { MENU_PREFIX, menuChoices } from "./menu-choices.js";
import { runCommandAs } from "./run-command.js";
import { chooseLanguage } from "./set-language.js";

export function menuButton(deps: GeneralDeps): ButtonSpec {
  return {
    prefix: MENU_PREFIX,
    async run(ctx: ButtonContext, payload: string) {
      await ctx.answer();
      if (payload === "all") return help({ ctx, deps, full: true });
      if (payload === "lang") {
        return ctx.reply(t("common:language.choose"), {
          buttons: [
            [
              { text: t("common:menu.vietnamese"), callback: `${MENU_PREFIX}:lang_vi` },
              { text: t("common:menu.english"), callback: `${MENU_PREFIX}:lang_en` },
            ],
          ],
        });
      }
      if (payload.startsWith("lang_")) {
        const locale = payload.slice("lang_".length);
        return isLocale(locale) ? chooseLanguage({ ctx, deps, locale }) : undefined;
      }
      // Only what a menu offers this person here: a forged press runs nothing else.
      const roles = await deps.access.roleNames(ctx.user);
      const spec = menuChoices({ commands: deps.commands(), roles, chatKind: ctx.chat.kind }).find(
        (s) => s.names[0] === payload,
      );
      if (!spec) return ctx.reply(t("common:errors.buttonExpired"));
      return runCommandAs({ ctx, event: ctx.event, spec, args: "" });
    },
  };
}
