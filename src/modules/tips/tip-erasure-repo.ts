/** Destroying tips' content (retention, a tipster's erasure): text, contact, photos and our copies go, counts stay. */
import { readAttachment } from "../../core/attachment.js";
import type { Db, Prisma } from "../../db/client.js";
import type { PurgedTip } from "./types.js";

/** Up to 500 matching tips lose their content in one transaction; returns the ones it touched. */
export function destroyTipContent(db: Db, where: Prisma.TipWhereInput): Promise<PurgedTip[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.tip.findMany({ where, select: { id: true, code: true }, take: 500 });
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    // Copies of its photos and clips we serve to Zalo (GET /media/<id>) are destroyed with the tip.
    const photos = await tx.tipMessage.findMany({
      where: { tipId: { in: ids }, photoFileId: { not: null } },
      select: { photoFileId: true },
    });
    // A clip is stored with its kind in front (core/attachment.ts); its copies are keyed by the bare file id.
    const sources = photos.flatMap((p) =>
      p.photoFileId ? [`telegram:${readAttachment(p.photoFileId).fileId}`, readAttachment(p.photoFileId).fileId] : [],
    );
    // A Zalo photo was kept at once (its own link is temporary): the tip holds our link, `…/media/<id>`.
    const kept = photos.flatMap((p) => /\/media\/([A-Za-z0-9_-]{24})$/.exec(p.photoFileId ?? "")?.[1] ?? []);
    if (sources.length > 0 || kept.length > 0)
      await tx.media.deleteMany({ where: { OR: [{ source: { in: sources } }, { id: { in: kept } }] } });
    await tx.tipMessage.updateMany({ where: { tipId: { in: ids } }, data: { text: null, photoFileId: null } });
    await tx.tip.updateMany({
      where: { id: { in: ids } },
      data: {
        text: null,
        contact: null,
        latitude: null,
        longitude: null,
        sealedTipster: null,
        tipsterHash: null,
        contentDeletedAt: new Date(),
      },
    });
    // The source key only made submission idempotent; it may hold an update id or a flow's nonce.
    await tx.$executeRaw`UPDATE "Tip" SET "sourceKey" = 'purged:' || "id" WHERE "id" = ANY(${ids}::int[])`;
    return rows;
  });
}
