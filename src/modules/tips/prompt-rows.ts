/** Rows of buttons that the tip flow and the help flow (a student's request) ask with alike. */
import type { Button } from "../../core/messages.js";
import { t, type Text } from "../../core/text.js";
import { tipData } from "./callback-data.js";

/** What a step of a flow says, and its buttons. */
export interface Prompt {
  readonly text: Text;
  readonly buttons: Button[][];
}

/** "Hủy" under every step. */
export const cancelRow = (): Button[] => [{ text: t("tips:button.cancel"), callback: tipData.cancel() }];

/** Whether to leave a contact: each flow asks in its own words. */
export function identityPrompt(words: { question: Text; anonymous: Text; withContact: Text }): Prompt {
  return {
    text: words.question,
    buttons: [
      [{ text: words.anonymous, callback: tipData.identity(true) }],
      [{ text: words.withContact, callback: tipData.identity(false) }],
      cancelRow(),
    ],
  };
}
