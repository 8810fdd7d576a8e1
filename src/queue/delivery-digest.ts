/**
 * Digests: when a message to a private chat is about to be sent and newer messages of the same
 * mergeable kind wait for that chat (tip cards for an officer during a burst), a module-supplied
 * digester merges them into one message, so a chat limited to ~1 message/s still gets them all
 * quickly. The merged Delivery rows stay the truth: they are marked sent, with the digest's message
 * id, in the same transaction as the one whose job sent it — until then they are pending, and a
 * restart or a Redis wipe simply offers them again.
 */
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { readDeliverySource, type DeliverySource } from "../core/delivery-source.js";
import { OutboundMessageSchema } from "../core/message-schema.js";
import type { OutboundMessage, PlatformName } from "../core/messages.js";

/** A pending delivery as a digester sees it. */
export interface DigestCandidate {
  readonly id: bigint;
  readonly source: DeliverySource | null;
  readonly message: OutboundMessage;
}

/**
 * Merges pending messages to one private chat (implemented by a module, wired by the composition
 * root). `accepts` runs before every private send, so it must be cheap and do no I/O.
 */
export interface DeliveryDigester {
  /** Whether a delivery from this source may be merged with others to the same chat on this platform. */
  accepts(source: DeliverySource | null, platform: PlatformName): boolean;
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
  readonly covered: readonly { readonly id: bigint; readonly source: DeliverySource | null }[];
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
  delivery: { id: bigint; chatId: number | null; source: DeliverySource | null };
  message: OutboundMessage;
  logger: Logger;
}): Promise<PlannedDigest | null> {
  const { db, digester, platform, delivery } = input;
  if (delivery.chatId === null || !digester.accepts(delivery.source, platform)) return null;
  const rows = await db.delivery.findMany({
    where: { chatId: delivery.chatId, status: "pending", id: { gt: delivery.id }, dueAt: { lte: new Date() } },
    select: { id: true, sourceKind: true, sourceId: true, sourceStep: true, payload: true },
    orderBy: { id: "asc" },
    take: LOOK_AHEAD,
  });
  const others = rows.flatMap((row) => {
    const source = deliverySourceOf(row, input.logger);
    if (!digester.accepts(source, platform)) return [];
    const parsed = OutboundMessageSchema.safeParse(row.payload);
    return parsed.success ? [{ id: row.id, source, message: parsed.data }] : [];
  });
  if (others.length === 0) return null;
  const digest = await digester.digest({
    platform,
    first: { id: delivery.id, source: delivery.source, message: input.message },
    others,
  });
  if (!digest) return null;
  const covered = others.filter((o) => o.id !== delivery.id && digest.covered.includes(o.id));
  return covered.length > 0
    ? { message: digest.message, covered: covered.map((c) => ({ id: c.id, source: c.source })) }
    : null;
}

/** A row's source; columns that do not fit together are a bug, logged, and the row counts as having no source. */
export function deliverySourceOf(
  row: { id: bigint } & Parameters<typeof readDeliverySource>[0],
  logger: Logger,
): DeliverySource | null {
  const source = readDeliverySource(row);
  if (source !== "unreadable") return source;
  logger.error(
    { event: "delivery_source_unreadable", delivery: row.id.toString(), kind: row.sourceKind, id: row.sourceId },
    "a delivery's source fields do not fit together",
  );
  return null;
}
