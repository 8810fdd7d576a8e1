/** Steps of the end-to-end tests on the fake Zalo Bot API: the fake, and a person's message answered by the bot. */
import type { FakeZaloServer } from "../../src/sandbox/fake-zalo/index.js";
import type { Harness } from "./harness.js";

export interface ZaloPerson {
  readonly id: string;
  readonly displayName: string;
}

/** The harness's fake Zalo server (started with `zalo: true`). */
export function zaloOf(h: Harness): FakeZaloServer {
  if (!h.zalo) throw new Error("zalo fake not started");
  return h.zalo;
}

/** Sends a Zalo text and resolves with the bot's next message in that chat (the next one matching `match`, if given). */
export function sayOnZalo(
  h: Harness,
  input: {
    chatId: string;
    from: ZaloPerson;
    text: string;
    match?: RegExp;
    chatType?: "PRIVATE" | "GROUP";
    mentionBot?: boolean;
    replyTo?: string;
    timeoutMs: number;
  },
) {
  const zalo = zaloOf(h);
  const seen = new Set(zalo.messagesIn(input.chatId).map((m) => m.messageId));
  zalo.sendText({
    chatId: input.chatId,
    chatType: input.chatType ?? "PRIVATE",
    from: input.from,
    text: input.text,
    ...(input.mentionBot ? { mentionBot: true } : {}),
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
  });
  const { match } = input;
  return zalo.waitForMessage(
    input.chatId,
    (m) => !seen.has(m.messageId) && (!match || match.test(m.plainText)),
    input.timeoutMs,
  );
}
