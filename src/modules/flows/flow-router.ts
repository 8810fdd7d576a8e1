/**
 * Routes private-chat texts, photos, clips and locations to the flow the chat is in; what no flow takes
 * goes to an optional fallback (e.g. a tipster's follow-up to an open tip).
 */
import type { ChatRecord } from "../../core/actors.js";
import type { RequestContext } from "../../core/commands.js";
import type { InboundEvent } from "../../core/messages.js";
import type { ConversationStore, FlowHandler, FlowMessageEvent } from "./types.js";

export type PrivateMessageHandler = (ctx: RequestContext, event: InboundEvent) => Promise<boolean>;

export interface FlowRouterOptions {
  readonly store: ConversationStore;
  readonly keyOf: (chat: ChatRecord) => string;
  readonly handlers: readonly FlowHandler[];
  readonly fallback?: PrivateMessageHandler;
}

function isFlowMessage(event: InboundEvent): event is FlowMessageEvent {
  return event.type === "text" || event.type === "photo" || event.type === "location" || event.type === "clip";
}

export class FlowRouter {
  private readonly byFlow: ReadonlyMap<string, FlowHandler>;

  constructor(private readonly options: FlowRouterOptions) {
    this.byFlow = new Map(options.handlers.map((h) => [h.flow, h]));
  }

  /** True when a flow (or the fallback) took the message; false lets the dispatcher answer with a hint. */
  readonly handle: PrivateMessageHandler = async (ctx, event) => {
    if (ctx.chat.kind === "private" && isFlowMessage(event)) {
      const state = await this.options.store.get(this.options.keyOf(ctx.chat));
      const handler = state ? this.byFlow.get(state.flow) : undefined;
      if (state && handler) {
        await handler.onMessage({ ctx, event, state });
        return true;
      }
      // A flow this process no longer knows (renamed in an upgrade) is dropped rather than kept forever.
      if (state) await this.options.store.finish(state);
    }
    return this.options.fallback ? this.options.fallback(ctx, event) : false;
  };
}
