/** A tip's messages: the thread between tipster and officers, and the capped follow-ups. Prisma, for the tips repo. */
import type { Db } from "../../db/client.js";
import type { FollowUpCap, TipMessageRecord } from "./types.js";

/** First key of the advisory lock that serialises a tip's follow-ups (the second is the tip id). */
const FOLLOW_UP_LOCK = 7301;

const messageFields = { id: true, direction: true, text: true, photoFileId: true, createdAt: true } as const;

export async function addTipMessage(
  db: Db,
  input: {
    tipId: number;
    direction: TipMessageRecord["direction"];
    officerUserId?: number;
    text?: string;
    photoFileId?: string;
  },
): Promise<TipMessageRecord> {
  const [message] = await db.$transaction([
    db.tipMessage.create({
      data: {
        tipId: input.tipId,
        direction: input.direction,
        officerUserId: input.officerUserId ?? null,
        text: input.text ?? null,
        photoFileId: input.photoFileId ?? null,
      },
      select: messageFields,
    }),
    db.tip.update({ where: { id: input.tipId }, data: { updatedAt: new Date() }, select: { id: true } }),
  ]);
  return message;
}

export function addTipFollowUp(
  db: Db,
  input: { tipId: number; text?: string; photoFileId?: string },
  cap: FollowUpCap,
): Promise<TipMessageRecord | null> {
  return db.$transaction(async (tx) => {
    // One follow-up of a tip at a time, so that concurrent updates cannot all pass the count.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FOLLOW_UP_LOCK}::int, ${input.tipId}::int)`;
    const mine = { tipId: input.tipId, direction: "from_tipster" as const };
    const [total, lastHour] = await Promise.all([
      tx.tipMessage.count({ where: mine }),
      tx.tipMessage.count({ where: { ...mine, createdAt: { gt: new Date(cap.now.getTime() - 3_600_000) } } }),
    ]);
    if (total >= cap.total || lastHour >= cap.perHour) return null;
    const message = await tx.tipMessage.create({
      data: {
        tipId: input.tipId,
        direction: "from_tipster",
        text: input.text ?? null,
        photoFileId: input.photoFileId ?? null,
      },
      select: messageFields,
    });
    await tx.tip.update({ where: { id: input.tipId }, data: { updatedAt: new Date() }, select: { id: true } });
    return message;
  });
}

export function readTipMessages(db: Db, tipId: number): Promise<TipMessageRecord[]> {
  return db.tipMessage.findMany({ where: { tipId }, orderBy: { id: "asc" }, select: messageFields });
}
