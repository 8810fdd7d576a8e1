/** Shapes both fake Bot API servers share. */

/** How `setDown(true)` fails requests: a 502 HTML page, or a destroyed socket. */
export type OutageMode = "502" | "reset";

/** One API request as a fake saw it. */
export interface FakeCallRecord {
  method: string;
  params: Record<string, unknown>;
  /** Arrival, epoch milliseconds. */
  time: number;
  /** HTTP status answered (0 when the socket was destroyed). */
  status: number;
  ok: boolean;
  result?: unknown;
  errorCode?: number;
  description?: string;
}

/** An HTTP answer in Bot API shape (`{ ok, result }` or `{ ok: false, error_code, description }`). */
export interface JsonReply {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string };
}
