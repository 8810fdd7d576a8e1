/** The generic flow router against an in-memory ConversationStore (the port's contract, by hand). */
import { describe, expect, it } from "vitest";
import type { ChatRecord, UserRecord } from "../../src/core/actors.js";
import type { RequestContext } from "../../src/core/commands.js";
import type { InboundEvent } from "../../src/core/messages.js";
import { FlowRouter } from "../../src/modules/flows/flow-router.js";
import type { ConversationStore, FlowState } from "../../src/modules/flows/types.js";

class MemoryConversations implements ConversationStore {
  readonly rows = new Map<string, FlowState>();
  private tick = 0;
  private stamp = () => new Date(Date.UTC(2026, 0, 1) + ++this.tick);

  async get(key: string) {
    return this.rows.get(key) ?? null;
  }
  async start(input: { key: string; flow: string; step: string; data: object; ttlSeconds: number }) {
    const state = {
      key: input.key,
      flow: input.flow,
      step: input.step,
      data: input.data,
      expiresAt: new Date(Date.now() + input.ttlSeconds * 1000),
      version: this.stamp(),
    };
    this.rows.set(input.key, state);
    return state;
  }
  async advance(state: FlowState, input: { step: string; data: object; ttlSeconds: number }) {
    if (this.rows.get(state.key)?.version !== state.version) return null;
    return this.start({ key: state.key, flow: state.flow, ...input });
  }
  async finish(state: FlowState) {
    if (this.rows.get(state.key)?.version !== state.version) return false;
    return this.rows.delete(state.key);
  }
  async clear(key: string) {
    const state = this.rows.get(key) ?? null;
    this.rows.delete(key);
    return state;
  }
  async purgeExpired() {
    return [];
  }
}

const chat: ChatRecord = {
  id: 1,
  platform: "telegram",
  platformChatId: "42",
  kind: "private",
  title: null,
  areaId: null,
  active: true,
  locale: null,
};
const user: UserRecord = { id: 1, platform: "telegram", platformUserId: "42", displayName: null, locale: null };
const ctx: RequestContext = { user, chat, locale: "vi", isSuperadmin: false, reply: async () => undefined };
const text = (value: string): InboundEvent => ({
  platform: "telegram",
  updateKey: value,
  chat: { platform: "telegram", chatId: "42", kind: "private" },
  from: { platform: "telegram", userId: "42" },
  type: "text",
  text: value,
  messageId: "1",
});

describe("FlowRouter", () => {
  it("gives a message to the chat's flow, else to the fallback, and drops flows nobody handles", async () => {
    const store = new MemoryConversations();
    const seen: string[] = [];
    const router = new FlowRouter({
      store,
      keyOf: (c) => `dm:${c.platformChatId}`,
      handlers: [
        {
          flow: "survey",
          onMessage: async ({ event, state }) =>
            void seen.push(`${state.step}:${event.type === "text" ? event.text : ""}`),
        },
      ],
      fallback: async (_ctx, event) => event.type === "text" && event.text === "follow-up",
    });
    expect(await router.handle(ctx, text("hello"))).toBe(false);
    expect(await router.handle(ctx, text("follow-up"))).toBe(true);
    const state = await store.start({ key: "dm:42", flow: "survey", step: "q1", data: {}, ttlSeconds: 60 });
    expect(await router.handle(ctx, text("yes"))).toBe(true);
    expect(seen).toEqual(["q1:yes"]);
    expect(await store.advance(state, { step: "q2", data: {}, ttlSeconds: 60 })).not.toBeNull();
    expect(await store.advance(state, { step: "q3", data: {}, ttlSeconds: 60 })).toBeNull();
    await store.start({ key: "dm:42", flow: "retired", step: "x", data: {}, ttlSeconds: 60 });
    expect(await router.handle(ctx, text("hello"))).toBe(false);
    expect(await store.get("dm:42")).toBeNull();
  });
});
