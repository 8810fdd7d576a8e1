/**
 * `npm run admin -- rotate`: after TIP_SEAL_KEY was replaced (the old key moved to
 * TIP_SEAL_KEYS_OLD), re-seal every tipster identity and pending tipster delivery under the new key
 * and recompute the keyed hashes (which derive from the current key), so the old key can then be
 * dropped. Idempotent and resumable: rows already under the new key are skipped.
 */
import type { Sealer } from "../core/seal.js";
import type { Db } from "../db/client.js";

const BATCH = 200;

export interface RotationReport {
  readonly tips: number;
  readonly deliveries: number;
  readonly unreadable: number;
}

export async function rotateSealKeys(options: { db: Db; sealer: Sealer }): Promise<RotationReport> {
  const { db, sealer } = options;
  const current = `${sealer.currentKeyId}.`;
  let tips = 0;
  let deliveries = 0;
  let unreadable = 0;
  for (let after = 0; ; ) {
    const rows = await db.tip.findMany({
      where: { id: { gt: after }, sealedTipster: { not: null } },
      select: { id: true, sealedTipster: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    for (const row of rows) {
      if (!row.sealedTipster || row.sealedTipster.startsWith(current)) continue;
      const plain = tryUnseal(sealer, row.sealedTipster);
      if (plain === null) {
        unreadable++;
        continue;
      }
      await db.tip.update({ where: { id: row.id }, data: { sealedTipster: sealer.seal(plain), tipsterHash: sealer.hash(plain) } });
      tips++;
    }
  }
  for (let after = 0n; ; ) {
    const rows = await db.delivery.findMany({
      where: { id: { gt: after }, sealedTarget: { not: null }, status: "pending" },
      select: { id: true, sealedTarget: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    for (const row of rows) {
      if (!row.sealedTarget || row.sealedTarget.startsWith(current)) continue;
      const plain = tryUnseal(sealer, row.sealedTarget);
      if (plain === null) {
        unreadable++;
        continue;
      }
      await db.delivery.update({ where: { id: row.id }, data: { sealedTarget: sealer.seal(plain) } });
      deliveries++;
    }
  }
  return { tips, deliveries, unreadable };
}

function tryUnseal(sealer: Sealer, sealed: string): string | null {
  try {
    return sealer.unseal(sealed);
  } catch {
    return null;
  }
}
