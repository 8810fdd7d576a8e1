/** Prisma implementation of TipStore. */
import { Prisma, type Db } from "../../db/client.js";
import type {
  FollowUpCap,
  NewTip,
  NewTipMessage,
  PurgedTip,
  TakeResult,
  TipMessageRecord,
  TipOutcome,
  TipRecord,
  TipStore,
} from "./types.js";
import { areaSubtreeWhere } from "../../db/area-subtree.js";
import { destroyTipContent } from "./tip-erasure-repo.js";
import { addTipFollowUp, addTipMessage, readTipMessages } from "./tip-message-repo.js";

export const tipInclude = { area: { select: { id: true, code: true, name: true, parentId: true } } } as const;
type TipRow = Prisma.TipGetPayload<{ include: typeof tipInclude }>;
const OPEN = ["received", "forwarded", "taken"] as const;

export function toTip(row: TipRow): TipRecord {
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

  addMessage(input: NewTipMessage): Promise<TipMessageRecord> {
    return addTipMessage(this.db, input);
  }

  addFollowUp(
    input: { tipId: number; text?: string; photoFileId?: string },
    cap: FollowUpCap,
  ): Promise<TipMessageRecord | null> {
    return addTipFollowUp(this.db, input, cap);
  }

  messages(tipId: number): Promise<TipMessageRecord[]> {
    return readTipMessages(this.db, tipId);
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
    return destroyTipContent(this.db, { status: "closed", contentDeletedAt: null, ...closedAt });
  }

  /** A tipster asked for their tip to be deleted: closed (if open) and destroyed now, counts kept. */
  async eraseNow(code: string, now: Date): Promise<PurgedTip | null> {
    await this.db.tip.updateMany({
      where: { code, status: { not: "closed" } },
      data: { status: "closed", closedAt: now, escalateAt: null },
    });
    const [erased] = await destroyTipContent(this.db, { code, contentDeletedAt: null });
    return erased ?? null;
  }
}
