/**
 * Zalo has no callback answers: the "toast" for a numeric reply becomes a short message in that
 * chat, queued like every other message.
 */
import type { IdentityStore } from "../../modules/identity/types.js";
import type { ButtonAnswerer, Outbox } from "../../core/ports.js";
import type { Locale, Text } from "../../core/text.js";

export class ZaloAnswerer implements ButtonAnswerer {
  constructor(private readonly options: { outbox: Outbox; identity: IdentityStore }) {}

  async answer(input: { callbackId: string; text?: Text; locale: Locale }): Promise<void> {
    if (!input.text) return;
    const match = /^zalo:([^:]+):(.+)$/.exec(input.callbackId);
    if (!match?.[1] || !match[2]) return;
    const chat = await this.options.identity.findChat({ platform: "zalo", chatId: match[1] });
    if (!chat) return;
    await this.options.outbox.enqueue([
      {
        key: `ans:zalo:${match[2]}`,
        to: { chatId: chat.id },
        priority: "interactive",
        message: { locale: input.locale, text: input.text },
      },
    ]);
  }
}
