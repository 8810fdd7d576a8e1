/**
 * Digests: when a message to a private chat is about to be sent and newer messages of the same
 * mergeable kind wait for that chat (tip cards for an officer during a burst), a module-supplied
 * digester merges them into one message, so a chat limited to ~1 message/s still gets them all
 * quickly. The merged Delivery rows stay the truth: they are marked sent, with the digest's message
 * id, in the same transaction as the one whose job sent it — until then they are pending, and a
 * restart or a Redis wipe simply offers them again.
 */
import type { Db } from "../db/client.js";
import { OutboundMessageSchema } from "../core/message-schema.js";
import type { OutboundMessage, PlatformName } from "../core/messages.js";

/** A pending delivery as a digester sees it. */
export interface DigestCandidate {
  readonly id: bigint;
  readonly key: string;
  readonly message: OutboundMessage;
}

/**
 * Merges pending messages to one private chat (implemented by a module, wired by the composition
 * root). `accepts` runs before every private send, so it must be cheap and do no I/O.
 */
export interface DeliveryDigester {
  /** Whether a delivery with this key may be merged with others to the same chat on this platform. */
  accepts(key: string, platform: PlatformName): boolean;
  /**
   * One message standing for `first` and some of `others` (those listed in `covered`, never
   * `first` itself), or null to send `first` as it is.
   */
  digest(input: {
    platform: PlatformName;
    first: DigestCandidate;
    others: readonly DigestCandidate[];
  }): Promise<{ message: OutboundMessage; covered: readonly bigint[] } | null>;
}

/** A digest ready to send: the message, and the other deliveries it stands for. */
export interface PlannedDigest {
  readonly message: OutboundMessage;
  readonly covered: readonly { readonly id: bigint; readonly source: string | null }[];
}

/** Newer pending rows looked at for one digest (a digest holds far fewer). */
const LOOK_AHEAD = 200;

/**
 * The digest for a delivery about to go to a chat row, or null when nothing merges. Only called for
 * the oldest pending delivery of the chat: the worker sends a private chat's messages in order.
 */
export async function planDigest(input: {
  db: Db;
  digester: DeliveryDigester;
  platform: PlatformName;
  delivery: { id: bigint; key: string; chatId: number | null };
  message: OutboundMessage;
}): Promise<PlannedDigest | null> {
  const { db, digester, platform, delivery } = input;
  if (delivery.chatId === null || !digester.accepts(delivery.key, platform)) return null;
  const rows = await db.delivery.findMany({
    where: { chatId: delivery.chatId, status: "pending", id: { gt: delivery.id }, dueAt: { lte: new Date() } },
    select: { id: true, key: true, source: true, payload: true },
    orderBy: { id: "asc" },
    take: LOOK_AHEAD,
  });
  const others = rows.flatMap((row) => {
    if (!digester.accepts(row.key, platform)) return [];
    const parsed = OutboundMessageSchema.safeParse(row.payload);
    return parsed.success ? [{ id: row.id, key: row.key, source: row.source, message: parsed.data }] : [];
  });
  if (others.length === 0) return null;
  const digest = await digester.digest({
    platform,
    first: { id: delivery.id, key: delivery.key, message: input.message },
    others,
  });
  if (!digest) return null;
  const covered = others.filter((o) => o.id !== delivery.id && digest.covered.includes(o.id));
  return covered.length > 0
    ? { message: digest.message, covered: covered.map((c) => ({ id: c.id, source: c.source })) }
    : null;
}
