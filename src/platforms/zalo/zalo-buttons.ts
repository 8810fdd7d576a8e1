/** A number that answers no open prompt arrives as `expired:<n>`: say so instead of guessing. */
import type { ButtonSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";

export const expiredChoiceButton: ButtonSpec = {
  prefix: "expired",
  run: (ctx, payload) =>
    ctx.answer(t("common:zalo.choiceExpired", { number: /^\d{1,3}$/.test(payload) ? payload : "?" })),
};
