import type { Params } from "./params.js";
import type { UpdateQueue } from "./update-queue.js";
import type { World } from "./world.js";

/** What a Bot API method handler gets. */
export interface MethodContext {
  world: World;
  updates: UpdateQueue;
  params: Params;
  /** Canonical method name, e.g. "sendMessage". */
  method: string;
  /** Aborted when the client goes away or the server stops (long polls watch it). */
  signal: AbortSignal;
  /**
   * Runs `effect` once the call is recorded — events go out through it, so a listener that sees
   * "botMessage" also finds the call in `calls` and in `stats`.
   */
  later: (effect: () => void) => void;
}

/** Returns the `result` of the call, or throws an ApiError. */
export type MethodHandler = (context: MethodContext) => unknown;

/** "send" and "edit" methods are rate-limited and counted in stats. */
export type MethodKind = "send" | "edit" | "other";

export interface MethodSpec {
  handler: MethodHandler;
  kind: MethodKind;
}
