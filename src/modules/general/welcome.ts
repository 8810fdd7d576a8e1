/**
 * The first thing a person meets in a private chat (`/start`, a greeting, words the bot does not
 * understand): a short welcome, the 113 reminder, and a button for each thing they can do.
 */
import type { RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { lines, t } from "../../core/text.js";
import type { GeneralDeps } from "./deps.js";
import { choiceButtons, MENU_PREFIX, menuChoices } from "./menu-choices.js";

/** The button that switches to English, for someone whose app speaks English and who never chose. */
export function englishButton(): Button {
  return { text: t("common:menu.english"), callback: `${MENU_PREFIX}:lang_en` };
}

export async function welcome(options: {
  ctx: RequestContext;
  deps: GeneralDeps;
  /** "start": /start or a greeting; "unknown": text nothing else understood; or a command Kẻng lacks. */
  reason: "start" | "unknown" | { unknownCommand: string };
  /** The client's language (Telegram's `language_code`), if the platform tells it. */
  languageCode: string | undefined;
}): Promise<void> {
  const { ctx, deps, reason } = options;
  const roles = await deps.access.roleNames(ctx.user);
  const buttons = choiceButtons(menuChoices({ commands: deps.commands(), roles, chatKind: "private" }));
  // Vietnamese until the person chooses; an English app gets the way out once (the menu's language
  // button stays for later).
  const englishApp =
    ctx.user.locale === null && ctx.locale !== "en" && (options.languageCode ?? "").toLowerCase().startsWith("en");
  const offerEnglish = englishApp && (await deps.identity.claimLanguageOffer(ctx.user.id));
  const opening =
    reason === "start"
      ? t("common:welcome.start")
      : reason === "unknown"
        ? t("common:welcome.unknown")
        : t("common:welcome.unknownCommand", { command: reason.unknownCommand });
  await ctx.reply(lines(opening, t("common:welcome.emergency")), {
    buttons: [...buttons, ...(offerEnglish ? [[englishButton()]] : [])],
  });
}
