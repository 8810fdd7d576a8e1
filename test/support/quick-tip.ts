/**
 * `/togiac <text>` as a person sends it: a first tip comes back with the privacy notice and one
 * "📮 Gửi tin" button (nothing is stored before the press); later tips come back with the receipt.
 */
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import type { Harness } from "./harness.js";

/** The tracking-code receipt, in either language. */
export const RECEIPT_TEXT =
  /(đã nhận<\/?b?>? tin tố giác|đã nhận tin tố giác|has received your tip)[\s\S]*TG-[A-Z0-9]{6}/;
const SEND_BUTTON = "📮";

export function isPrivacyNotice(message: StoredMessage): boolean {
  return message.buttons.some((b) => b.text.includes(SEND_BUTTON));
}

/**
 * Sends `/togiac <text>` and, if the notice comes, reads it and presses "📮 Gửi tin"; resolves with the
 * receipt and the notice (if one came first).
 */
export async function sendQuickTip(
  h: Harness,
  user: FakeUserInput,
  text: string,
  timeoutMs = 20_000,
): Promise<{ receipt: StoredMessage; notice: StoredMessage | undefined }> {
  const after = h.fake.lastMessage(user.id)?.messageId ?? 0;
  h.fake.sendText({ chatId: user.id, from: user, text: `/togiac ${text}` });
  const first = await h.fake.waitForMessage(
    user.id,
    (m) => m.messageId > after && (isPrivacyNotice(m) || RECEIPT_TEXT.test(m.plainText)),
    timeoutMs,
  );
  if (!isPrivacyNotice(first)) return { receipt: first, notice: undefined };
  const button = first.buttons.find((b) => b.text.includes(SEND_BUTTON));
  h.fake.pressButton({ chatId: user.id, from: user, messageId: first.messageId, data: button?.callback_data ?? "" });
  const receipt = await h.fake.waitForMessage(
    user.id,
    (m) => m.messageId > first.messageId && RECEIPT_TEXT.test(m.plainText),
    timeoutMs,
  );
  return { receipt, notice: first };
}
