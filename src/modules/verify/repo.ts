/**
 * Prisma implementation of SignedMessageStore: issued codes, found by index on the code. A message
 * is read with its area as recorded with the code (`context`); rows written before that was
 * recorded fall back to the area as it is now.
 */
import type { Db, Prisma } from "../../db/client.js";
import type { IssuedArea, IssuedCode } from "../../core/verification.js";
import { readIssuedArea, shownArea } from "../areas/issued-area.js";
import type { SignedAlert, SignedCampaignRun, SignedMessage, SignedMessageStore } from "./types.js";

const unit = { name: true, kind: true, unitName: true } as const;
/** A code matches another message by chance about once in 887 million: a few rows are plenty. */
const MAX_ROWS = 20;

export class PrismaSignedMessageStore implements SignedMessageStore {
  constructor(protected readonly db: Db) {}

  async record(codes: readonly IssuedCode[]): Promise<void> {
    if (codes.length === 0) return;
    await this.db.verificationCode.createMany({
      data: codes.map(({ area, ...c }) => ({ ...c, context: asJson(area) })),
      skipDuplicates: true,
    });
  }

  async recordOne(code: IssuedCode): Promise<IssuedCode> {
    await this.record([code]);
    const row = await this.db.verificationCode.findUnique({
      where: { kind_refId_keyId: { kind: code.kind, refId: code.refId, keyId: code.keyId } },
      select: { code: true, context: true },
    });
    return row ? { ...code, code: row.code, area: readIssuedArea(row.context) ?? code.area } : code;
  }

  async findByCode(code: string): Promise<SignedMessage[]> {
    const rows = await this.db.verificationCode.findMany({
      where: { code },
      select: { kind: true, refId: true, keyId: true, context: true },
      orderBy: { id: "desc" },
      take: MAX_ROWS,
    });
    const alertIds = rows.filter((r) => r.kind === "alert" || r.kind === "closure").map((r) => r.refId);
    const runIds = rows.filter((r) => r.kind === "campaign").map((r) => r.refId);
    const alerts = new Map((alertIds.length > 0 ? await this.alerts(alertIds) : []).map((a) => [a.id, a]));
    const runs = new Map((runIds.length > 0 ? await this.runs(runIds) : []).map((r) => [r.runId, r]));
    return rows.flatMap((row): SignedMessage[] => {
      const area = readIssuedArea(row.context);
      if (row.kind === "campaign") {
        const campaign = runs.get(row.refId);
        return campaign
          ? [
              {
                kind: "campaign",
                keyId: row.keyId,
                campaign: area
                  ? { ...campaign, areaCode: area.code, areaName: area.name, unitName: area.unitName }
                  : campaign,
              },
            ]
          : [];
      }
      const alert = alerts.get(row.refId);
      return alert && (row.kind === "alert" || row.kind === "closure")
        ? [{ kind: row.kind, keyId: row.keyId, alert: area ? { ...alert, ...shownArea(area) } : alert }]
        : [];
    });
  }

  private async alerts(ids: number[]): Promise<SignedAlert[]> {
    const rows = await this.db.alert.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        level: true,
        text: true,
        closureText: true,
        state: true,
        issuedAt: true,
        expiresAt: true,
        endedAt: true,
        area: { select: { id: true, code: true, ...unit, parent: { select: unit } } },
      },
    });
    return rows.map(({ area, ...alert }) => ({
      ...alert,
      areaId: area.id,
      areaCode: area.code,
      areaName: area.name,
      unitName: area.unitName,
      areaKind: area.kind,
      parentArea: area.parent,
    }));
  }

  private async runs(ids: number[]): Promise<SignedCampaignRun[]> {
    const rows = await this.db.campaignRun.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        runAt: true,
        campaign: {
          select: {
            id: true,
            title: true,
            text: true,
            photoFileId: true,
            area: { select: { code: true, name: true, unitName: true } },
          },
        },
      },
    });
    return rows.map((r) => ({
      runId: r.id,
      campaignId: r.campaign.id,
      runAt: r.runAt,
      title: r.campaign.title,
      text: r.campaign.text,
      photoFileId: r.campaign.photoFileId,
      areaCode: r.campaign.area.code,
      areaName: r.campaign.area.name,
      unitName: r.campaign.area.unitName,
    }));
  }
}

const asJson = (area: IssuedArea): Prisma.InputJsonObject => ({
  ...area,
  parent: area.parent ? { ...area.parent } : null,
});
