/** Prisma implementation of TipStore. */
import { readAttachment } from "../../core/attachment.js";
import { Prisma, type Db } from "../../db/client.js";
import type {
  FollowUpCap,
  NewTip,
  PurgedTip,
  TakeResult,
  TipMessageRecord,
  TipOutcome,
  TipRecord,
  TipStore,
} from "./types.js";
import { areaSubtreeWhere } from "../../db/area-subtree.js";

const tipInclude = { area: { select: { id: true, code: true, name: true, parentId: true } } } as const;
type TipRow = Prisma.TipGetPayload<{ include: typeof tipInclude }>;
const OPEN = ["received", "forwarded", "taken"] as const;

function toTip(row: TipRow): TipRecord {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    area: row.area,
    category: row.category,
    text: row.text,
    anonymous: row.anonymous,
    contact: row.contact,
    location:
      row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : null,
    status: row.status,
    sealedTipster: row.sealedTipster,
    tipsterHash: row.tipsterHash,
    handlingAreaId: row.handlingAreaId,
    escalationLevel: row.escalationLevel,
    escalateAt: row.escalateAt,
    takenById: row.takenById,
    valuable: row.valuable,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    outcome: { caseOpened: row.caseOpened, peopleArrested: row.peopleArrested, assetsRecovered: row.assetsRecovered },
  };
}

const isUniqueViolation = (error: unknown, field: string): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError &&
  error.code === "P2002" &&
  JSON.stringify(error.meta ?? {}).includes(field);

export class PrismaTipStore implements TipStore {
  constructor(private readonly db: Db) {}

  async create(tip: NewTip): Promise<{ tip: TipRecord; created: boolean } | "code_taken"> {
    try {
      const row = await this.db.tip.create({
        data: {
          code: tip.code,
          kind: tip.kind,
          areaId: tip.areaId,
          handlingAreaId: tip.areaId,
          category: tip.category,
          text: tip.text,
          anonymous: tip.anonymous,
          contact: tip.contact,
          latitude: tip.location?.latitude ?? null,
          longitude: tip.location?.longitude ?? null,
          sealedTipster: tip.sealedTipster,
          tipsterHash: tip.tipsterHash,
          sourceKey: tip.sourceKey,
          messages: {
            create: tip.photoFileIds.map((photoFileId) => ({ direction: "from_tipster" as const, photoFileId })),
          },
        },
        include: tipInclude,
      });
      return { tip: toTip(row), created: true };
    } catch (error) {
      if (isUniqueViolation(error, "sourceKey")) {
        const existing = await this.findBySource(tip.sourceKey);
        if (existing) return { tip: existing, created: false };
      }
      if (isUniqueViolation(error, "code")) return "code_taken";
      throw error;
    }
  }

  async findById(id: number): Promise<TipRecord | null> {
    const row = await this.db.tip.findUnique({ where: { id }, include: tipInclude });
    return row && toTip(row);
  }

  async findByCode(code: string): Promise<TipRecord | null> {
    const row = await this.db.tip.findUnique({ where: { code }, include: tipInclude });
    return row && toTip(row);
  }

  async findForDigest(ids: readonly number[]): Promise<{ tip: TipRecord; photos: number }[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.tip.findMany({
      where: { id: { in: [...ids] } },
      include: {
        ...tipInclude,
        _count: { select: { messages: { where: { direction: "from_tipster", photoFileId: { not: null } } } } },
      },
    });
    return rows.map((row) => ({ tip: toTip(row), photos: row._count.messages }));
  }

  async findBySource(sourceKey: string): Promise<TipRecord | null> {
    const row = await this.db.tip.findUnique({ where: { sourceKey }, include: tipInclude });
    return row && toTip(row);
  }

  async countSince(tipsterHash: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const result = await this.db.tip.aggregate({
      where: { tipsterHash, createdAt: { gte: since } },
      _count: { _all: true },
      _min: { createdAt: true },
    });
    return { count: result._count._all, oldest: result._min.createdAt };
  }

  async hasAny(tipsterHash: string): Promise<boolean> {
    return (await this.db.tip.findFirst({ where: { tipsterHash }, select: { id: true } })) !== null;
  }

  async listByTipster(tipsterHash: string, limit: number): Promise<TipRecord[]> {
    const rows = await this.db.tip.findMany({
      where: { tipsterHash },
      orderBy: { createdAt: "desc" },
      take: limit,
      include: tipInclude,
    });
    return rows.map(toTip);
  }

  async latestOpen(tipsterHash: string): Promise<TipRecord | null> {
    const row = await this.db.tip.findFirst({
      where: { tipsterHash, status: { in: [...OPEN] } },
      orderBy: { updatedAt: "desc" },
      include: tipInclude,
    });
    return row && toTip(row);
  }

  async markForwarded(input: { id: number; handlingAreaId: number; escalateAt: Date | null }): Promise<boolean> {
    const { count } = await this.db.tip.updateMany({
      where: { id: input.id, status: "received" },
      data: { status: "forwarded", handlingAreaId: input.handlingAreaId, escalateAt: input.escalateAt },
    });
    return count === 1;
  }

  async escalate(input: {
    id: number;
    fromLevel: number;
    handlingAreaId: number;
    escalateAt: Date | null;
  }): Promise<boolean> {
    const { count } = await this.db.tip.updateMany({
      where: { id: input.id, status: "forwarded", escalationLevel: input.fromLevel },
      data: {
        handlingAreaId: input.handlingAreaId,
        escalationLevel: input.fromLevel + 1,
        escalateAt: input.escalateAt,
      },
    });
    return count === 1;
  }

  async stopEscalating(input: { id: number; level: number }): Promise<void> {
    await this.db.tip.updateMany({
      where: { id: input.id, status: "forwarded", escalationLevel: input.level },
      data: { escalateAt: null },
    });
  }

  async take(input: { id: number; officerUserId: number; now: Date }): Promise<TakeResult> {
    const { count } = await this.db.tip.updateMany({
      where: { id: input.id, status: { in: ["received", "forwarded"] }, takenById: null },
      data: { status: "taken", takenById: input.officerUserId, takenAt: input.now, escalateAt: null },
    });
    if (count === 1) return "taken";
    const row = await this.db.tip.findUnique({ where: { id: input.id }, select: { status: true, takenById: true } });
    if (!row || row.status === "closed") return "closed";
    return row.takenById === input.officerUserId ? "already_yours" : "taken_by_other";
  }

  async markValuable(id: number): Promise<boolean> {
    const { count } = await this.db.tip.updateMany({ where: { id, valuable: false }, data: { valuable: true } });
    return count === 1;
  }

  async close(input: { id: number; outcome: TipOutcome; now: Date }): Promise<boolean> {
    const { count } = await this.db.tip.updateMany({
      where: { id: input.id, status: { not: "closed" } },
      data: { status: "closed", closedAt: input.now, escalateAt: null, ...input.outcome },
    });
    return count === 1;
  }

  async setLocation(input: { id: number; latitude: number; longitude: number }): Promise<void> {
    await this.db.tip.update({
      where: { id: input.id },
      data: { latitude: input.latitude, longitude: input.longitude },
    });
  }

  async addMessage(input: {
    tipId: number;
    direction: TipMessageRecord["direction"];
    officerUserId?: number;
    text?: string;
    photoFileId?: string;
  }): Promise<TipMessageRecord> {
    const [message] = await this.db.$transaction([
      this.db.tipMessage.create({
        data: {
          tipId: input.tipId,
          direction: input.direction,
          officerUserId: input.officerUserId ?? null,
          text: input.text ?? null,
          photoFileId: input.photoFileId ?? null,
        },
        select: messageFields,
      }),
      this.db.tip.update({ where: { id: input.tipId }, data: { updatedAt: new Date() }, select: { id: true } }),
    ]);
    return message;
  }

  async addFollowUp(
    input: { tipId: number; text?: string; photoFileId?: string },
    cap: FollowUpCap,
  ): Promise<TipMessageRecord | null> {
    return this.db.$transaction(async (tx) => {
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

  messages(tipId: number): Promise<TipMessageRecord[]> {
    return this.db.tipMessage.findMany({ where: { tipId }, orderBy: { id: "asc" }, select: messageFields });
  }

  async openWithin(areaCodes: readonly string[] | "all", limit: number): Promise<TipRecord[]> {
    const within = areaCodes === "all" ? {} : { OR: areaCodes.map((code) => ({ area: areaSubtreeWhere(code) })) };
    const rows = await this.db.tip.findMany({
      where: { status: { in: [...OPEN] }, ...within },
      orderBy: { id: "desc" },
      take: limit,
      include: tipInclude,
    });
    return rows.map(toTip);
  }

  async awaitingForward(limit: number): Promise<number[]> {
    const rows = await this.db.tip.findMany({
      where: { status: "received" },
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async dueEscalations(before: Date, limit: number): Promise<{ id: number; level: number; at: Date }[]> {
    const rows = await this.db.tip.findMany({
      where: { status: "forwarded", escalateAt: { lte: before } },
      orderBy: { escalateAt: "asc" },
      take: limit,
      select: { id: true, escalationLevel: true, escalateAt: true },
    });
    return rows.flatMap((r) => (r.escalateAt ? [{ id: r.id, level: r.escalationLevel, at: r.escalateAt }] : []));
  }

  async purgeContent(closedBefore: Date, helpClosedBefore?: Date): Promise<PurgedTip[]> {
    const closedAt = helpClosedBefore
      ? { OR: [{ closedAt: { lt: closedBefore } }, { kind: "help" as const, closedAt: { lt: helpClosedBefore } }] }
      : { closedAt: { lt: closedBefore } };
    return this.destroyContent({ status: "closed", contentDeletedAt: null, ...closedAt });
  }

  /** A tipster asked for their tip to be deleted: closed (if open) and destroyed now, counts kept. */
  async eraseNow(code: string, now: Date): Promise<PurgedTip | null> {
    await this.db.tip.updateMany({
      where: { code, status: { not: "closed" } },
      data: { status: "closed", closedAt: now, escalateAt: null },
    });
    const [erased] = await this.destroyContent({ code, contentDeletedAt: null });
    return erased ?? null;
  }

  private destroyContent(where: Prisma.TipWhereInput): Promise<PurgedTip[]> {
    return this.db.$transaction(async (tx) => {
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
}

/** First key of the advisory lock that serialises a tip's follow-ups (the second is the tip id). */
const FOLLOW_UP_LOCK = 7301;

const messageFields = { id: true, direction: true, text: true, photoFileId: true, createdAt: true } as const;
