/**
 * `npm run admin -- tip-erase <CODE>`: a tipster asked the data controller (Luật 91/2025/QH15) to
 * delete their tip. It is closed if still open, and destroyed at once exactly as the retention sweep
 * would: content, follow-ups, media, seal, hash and every delivery that carried them; counts stay.
 */
import type { Db } from "../db/client.js";
import { PrismaRetentionStore } from "../modules/retention/repo.js";
import { PrismaTipStore } from "../modules/tips/repo.js";

export async function eraseTip(db: Db, code: string, now: Date): Promise<{ deliveries: number } | null> {
  const erased = await new PrismaTipStore(db).eraseNow(code, now);
  if (!erased) return null;
  const deliveries = await new PrismaRetentionStore(db).forgetTipDeliveries([erased]);
  const tip = await db.tip.findUnique({ where: { id: erased.id }, select: { areaId: true } });
  await db.auditLog.create({ data: { action: "tip.erase", areaId: tip?.areaId ?? null, subject: erased.code } });
  return { deliveries };
}
