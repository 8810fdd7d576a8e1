/**
 * What a resident holds after copying one of our messages out of a chat, per platform: Telegram
 * shows the text without its buttons; Zalo prints the buttons as numbered lines under the text
 * (numbers differ per chat, so they are left as ANY_NUMBER). `/kiemtra` compares a pasted message
 * with these, whole.
 */
import { escapeHtml, type Translator } from "../core/i18n.js";
import type { OutboundMessage } from "../core/messages.js";
import { lines, type Text } from "../core/text.js";
import { ANY_NUMBER } from "../core/verification.js";
import { htmlToPlain } from "./plain-text.js";
import { choiceLines } from "./zalo/zalo-choices.js";

export function messageCopies(translator: Translator): (message: OutboundMessage) => string[] {
  return (message) => {
    const plain = (text: Text) => htmlToPlain(translator.render(text, message.locale, escapeHtml));
    const buttons = (message.buttons ?? []).flat();
    const telegram = plain(message.text);
    if (buttons.length === 0) return [telegram];
    return [
      telegram,
      plain(
        lines(
          message.text,
          ...choiceLines(
            buttons,
            buttons.map(() => ANY_NUMBER),
          ),
        ),
      ),
    ];
  };
}
