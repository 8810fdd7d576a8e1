/**
 * Guided flows (a tip now, a campaign later): at most one active flow per chat, kept in Postgres
 * with an expiry so a restart keeps the conversation and abandoned drafts disappear.
 */
import type { InboundEvent } from "../../core/messages.js";
import type { RequestContext } from "../../core/commands.js";

/** A chat's active flow as read from the store. `data` is unvalidated: each flow parses it with zod. */
export interface FlowState {
  readonly key: string;
  readonly flow: string;
  readonly step: string;
  readonly data: unknown;
  readonly expiresAt: Date;
  /** Optimistic-concurrency token (the row's last update): a stale state cannot overwrite a newer one. */
  readonly version: Date;
}

/** Persistence of flow states. Keys of private chats are keyed hashes, never chat ids (see flow-key.ts). */
export interface ConversationStore {
  /** The chat's unexpired flow, if any. */
  get(key: string): Promise<FlowState | null>;
  /** Starts a flow, replacing whatever flow the chat had. */
  start(input: { key: string; flow: string; step: string; data: object; ttlSeconds: number }): Promise<FlowState>;
  /** Moves a flow on, only if nobody changed it since `state` was read; null when someone did. */
  advance(state: FlowState, input: { step: string; data: object; ttlSeconds: number }): Promise<FlowState | null>;
  /** Ends a flow, only if it is still as read: of two concurrent finishes exactly one returns true. */
  finish(state: FlowState): Promise<boolean>;
  /** Ends whatever flow the chat has; returns it. */
  clear(key: string): Promise<FlowState | null>;
  /** Deletes expired flows (a draft may hold a tip's text); returns them, so their owners can be told. */
  purgeExpired(now: Date): Promise<FlowState[]>;
}

/** The private-chat messages a flow can receive. */
export type FlowMessageEvent = Extract<InboundEvent, { type: "text" | "photo" | "location" | "clip" }>;

/** One kind of guided flow: what to do with a message while a chat is in it. */
export interface FlowHandler {
  readonly flow: string;
  onMessage(input: { ctx: RequestContext; event: FlowMessageEvent; state: FlowState }): Promise<void>;
}
