/**
 * What a relay receives: the message exactly as the groups read it (its text, unit, time and
 * verification code), the link any resident can open to check the code, and one choice,
 * «Đã chuyển vào nhóm» (a number on Zalo). `/kiemtra` rebuilds this copy too (verify/expected-copies.ts).
 */
import type { OutboundMessage } from "../../core/messages.js";
import { lines, t } from "../../core/text.js";
import { normaliseCode } from "../../core/verification.js";
import { RELAY_PREFIX } from "./types.js";

/** `PUBLIC_BASE_URL/verify/<code>`: GET /verify answers whether the code is Kẻng's. */
export function verifyUrl(publicBaseUrl: string | undefined, verifyCode: string | undefined): string | undefined {
  if (!publicBaseUrl || !verifyCode) return undefined;
  return `${publicBaseUrl.replace(/\/+$/, "")}/verify/${normaliseCode(verifyCode)}`;
}

export function forwardedButton(forwardId: number) {
  return { text: t("relays:button.forwarded"), callback: `${RELAY_PREFIX}:${forwardId}`, primary: true };
}

/** The groups' message made ready to forward: same text, the verify link below it, the one choice. */
export function relayCopy(
  message: OutboundMessage,
  options: { link: string | undefined; forwardId: number },
): OutboundMessage {
  const { replyToMessageId: _reply, editMessageId: _edit, buttons: _buttons, ...rest } = message;
  return {
    ...rest,
    text: options.link ? lines(message.text, t("relays:message.verifyLink", { url: options.link })) : message.text,
    buttons: [[forwardedButton(options.forwardId)]],
  };
}
