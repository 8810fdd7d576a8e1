/**
 * `npm run admin -- rotate`: after TIP_SEAL_KEY was replaced (the old key moved to
 * TIP_SEAL_KEYS_OLD), every sealed value the database keeps is re-sealed under the new key or
 * deleted, and the keyed hashes (which derive from the current key) are recomputed, so that after
 * rotation the old key opens nothing in the database and can be dropped:
 * - tips: the tipster's seal is re-sealed and its hash recomputed;
 * - deliveries: a pending message to a tipster is re-sealed; a settled one no longer needs its
 *   address, which is deleted (the worker drops it when it settles; older rows may still hold it);
 * - flow state and numbered prompts: any sealed value inside their JSON or text is re-sealed.
 * Idempotent and resumable: values already under the new key are skipped.
 */
import type { Sealer } from "../core/seal.js";
import type { Db } from "../db/client.js";

const BATCH = 200;
/** A batch of rows in id order; the next batch starts after the last id read. */
const BY_ID = { orderBy: { id: "asc" }, take: BATCH } as const;

/** Every row, read a batch at a time by `read(after)`, the rows whose id comes after `after`. */
async function* inBatches<K extends number | bigint, R extends { id: K }>(
  first: NoInfer<K>,
  read: (after: K) => Promise<R[]>,
): AsyncGenerator<R> {
  for (let after = first; ;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.id ?? after;
    yield* rows;
  }
}

export interface RotationReport {
  readonly tips: number;
  readonly deliveries: number;
  /** Sealed addresses of settled deliveries, deleted rather than re-sealed. */
  readonly dropped: number;
  readonly flows: number;
  readonly unreadable: number;
}

/** `kid.iv.tag.data`: what a sealed value looks like (src/core/seal.ts). */
const SEALED = /^[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/;

export async function rotateSealKeys(options: { db: Db; sealer: Sealer }): Promise<RotationReport> {
  const { db, sealer } = options;
  const counts = { tips: 0, deliveries: 0, dropped: 0, flows: 0, unreadable: 0 };
  const isOld = (value: string) => SEALED.test(value) && sealer.keyIdOf(value) !== sealer.currentKeyId;
  const reseal = (value: string): string | null => {
    try {
      return sealer.seal(sealer.unseal(value));
    } catch {
      counts.unreadable++;
      return null;
    }
  };

  const tips = inBatches(0, (after: number) =>
    db.tip.findMany({
      where: { id: { gt: after }, sealedTipster: { not: null } },
      select: { id: true, sealedTipster: true },
      ...BY_ID,
    }),
  );
  for await (const row of tips) {
    if (!row.sealedTipster || !isOld(row.sealedTipster)) continue;
    const plain = tryUnseal(sealer, row.sealedTipster);
    if (plain === null) {
      counts.unreadable++;
      continue;
    }
    await db.tip.update({
      where: { id: row.id },
      data: { sealedTipster: sealer.seal(plain), tipsterHash: sealer.hash(plain) },
    });
    counts.tips++;
  }

  // Settled: the address is no longer needed, whatever key sealed it.
  counts.dropped = (
    await db.delivery.updateMany({
      where: { sealedTarget: { not: null }, status: { not: "pending" } },
      data: { sealedTarget: null },
    })
  ).count;
  const deliveries = inBatches(0n, (after: bigint) =>
    db.delivery.findMany({
      where: { id: { gt: after }, sealedTarget: { not: null } },
      select: { id: true, sealedTarget: true },
      ...BY_ID,
    }),
  );
  for await (const row of deliveries) {
    if (!row.sealedTarget || !isOld(row.sealedTarget)) continue;
    const fresh = reseal(row.sealedTarget);
    // An unreadable address can never be sent to: the message fails instead of waiting for ever.
    await db.delivery.update({
      where: { id: row.id },
      data: fresh ? { sealedTarget: fresh } : { sealedTarget: null, status: "failed", error: "seal_unreadable" },
    });
    if (fresh) counts.deliveries++;
  }

  for (const row of await db.conversation.findMany({ select: { key: true, data: true } })) {
    const data = resealJson(row.data, isOld, reseal);
    if (data.changed) {
      await db.conversation.update({ where: { key: row.key }, data: { data: data.value as object } });
      counts.flows++;
    }
  }
  for (const row of await db.chatPrompt.findMany({ select: { chatKey: true, number: true, data: true } })) {
    if (!isOld(row.data)) continue;
    const fresh = reseal(row.data);
    if (fresh)
      await db.chatPrompt.update({
        where: { chatKey_number: { chatKey: row.chatKey, number: row.number } },
        data: { data: fresh },
      });
    else await db.chatPrompt.delete({ where: { chatKey_number: { chatKey: row.chatKey, number: row.number } } });
    counts.flows++;
  }
  return counts;
}

/** Re-seals every sealed string inside a JSON value; an unreadable one is removed. */
function resealJson(
  value: unknown,
  isOld: (s: string) => boolean,
  reseal: (s: string) => string | null,
): { value: unknown; changed: boolean } {
  if (typeof value === "string") {
    if (!isOld(value)) return { value, changed: false };
    return { value: reseal(value), changed: true };
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => resealJson(item, isOld, reseal));
    return { value: items.map((i) => i.value), changed: items.some((i) => i.changed) };
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, resealJson(v, isOld, reseal)] as const);
    return {
      value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])),
      changed: entries.some(([, v]) => v.changed),
    };
  }
  return { value, changed: false };
}

function tryUnseal(sealer: Sealer, sealed: string): string | null {
  try {
    return sealer.unseal(sealed);
  } catch {
    return null;
  }
}
