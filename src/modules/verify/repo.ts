/** Prisma implementation of SignedMessageStore. */
import type { Db } from "../../db/client.js";
import type { SignedAlert, SignedCampaignRun, SignedMessageStore } from "./types.js";

const area = { select: { code: true, name: true, unitName: true } } as const;

export class PrismaSignedMessageStore implements SignedMessageStore {
  constructor(private readonly db: Db) {}

  async alertsSince(since: Date): Promise<SignedAlert[]> {
    const rows = await this.db.alert.findMany({
      where: { issuedAt: { gte: since } },
      select: { id: true, text: true, closureText: true, state: true, issuedAt: true, expiresAt: true, endedAt: true, area },
      orderBy: { id: "desc" },
      take: 50_000,
    });
    return rows.map((r) => ({ ...r, areaCode: r.area.code, areaName: r.area.name, unitName: r.area.unitName }));
  }

  async campaignRunsSince(since: Date): Promise<SignedCampaignRun[]> {
    const rows = await this.db.campaignRun.findMany({
      where: { runAt: { gte: since } },
      select: { id: true, runAt: true, campaign: { select: { id: true, title: true, text: true, area } } },
      orderBy: { id: "desc" },
      take: 50_000,
    });
    return rows.map((r) => ({
      runId: r.id,
      campaignId: r.campaign.id,
      runAt: r.runAt,
      title: r.campaign.title,
      text: r.campaign.text,
      areaCode: r.campaign.area.code,
      areaName: r.campaign.area.name,
      unitName: r.campaign.area.unitName,
    }));
  }
}
