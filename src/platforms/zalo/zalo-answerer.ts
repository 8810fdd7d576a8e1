/**
 * Zalo has no callback answers: the "toast" for a numeric reply becomes a short message in that
 * chat, queued like every other message.
 */
import type { IdentityStore } from "../../modules/identity/types.js";
import type { ButtonAnswerer, ButtonPress, Outbox } from "../../core/ports.js";
import type { Locale, Text } from "../../core/text.js";

export class ZaloAnswerer implements ButtonAnswerer {
  constructor(private readonly options: { outbox: Outbox; identity: IdentityStore }) {}

  async answer(input: { press: ButtonPress; text?: Text; locale: Locale }): Promise<void> {
    if (!input.text) return;
    const chat = await this.options.identity.findChat({ platform: "zalo", chatId: input.press.chat.chatId });
    if (!chat) return;
    await this.options.outbox.enqueue([
      {
        key: `ans:zalo:${input.press.messageId}`,
        to: { chatId: chat.id },
        priority: "interactive",
        message: { locale: input.locale, text: input.text },
      },
    ]);
  }
}
