/** Prisma implementation of CodeBackfillStore: signed messages that have no code recorded yet. */
import type { SignedContent } from "../../core/verification.js";
import { campaignSignedParts } from "../campaigns/campaign-message.js";
import { PrismaSignedMessageStore } from "./repo.js";
import type { CodeBackfillStore } from "./types.js";

interface AlertRow {
  id: number;
  areaCode: string;
  text: string;
}

interface RunRow {
  id: number;
  areaCode: string;
  title: string;
  text: string;
}

export class PrismaCodeBackfillStore extends PrismaSignedMessageStore implements CodeBackfillStore {
  // Each query walks the primary key from `afterId` and skips what has a row (unique index on kind, refId).
  async unrecorded(input: { kind: SignedContent["kind"]; afterId: number; limit: number }): Promise<SignedContent[]> {
    const { kind, afterId, limit } = input;
    if (kind === "campaign") {
      const rows = await this.db.$queryRaw<RunRow[]>`
        SELECT r."id", ar."code" AS "areaCode", c."title", c."text"
        FROM "CampaignRun" r JOIN "Campaign" c ON c."id" = r."campaignId" JOIN "Area" ar ON ar."id" = c."areaId"
        WHERE r."id" > ${afterId} AND NOT EXISTS (SELECT 1 FROM "VerificationCode" v WHERE v."kind" = 'campaign' AND v."refId" = r."id")
        ORDER BY r."id" LIMIT ${limit}`;
      return rows.map((r) => ({ kind, refId: r.id, areaCode: r.areaCode, text: campaignSignedParts(r).join("\n") }));
    }
    // A closure is signed only when an alert is resolved with a text (a cancellation carries the alert's code).
    const rows =
      kind === "closure"
        ? await this.db.$queryRaw<AlertRow[]>`
            SELECT a."id", ar."code" AS "areaCode", a."closureText" AS "text"
            FROM "Alert" a JOIN "Area" ar ON ar."id" = a."areaId"
            WHERE a."id" > ${afterId} AND a."state" = 'resolved' AND a."closureText" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM "VerificationCode" v WHERE v."kind" = 'closure' AND v."refId" = a."id")
            ORDER BY a."id" LIMIT ${limit}`
        : await this.db.$queryRaw<AlertRow[]>`
            SELECT a."id", ar."code" AS "areaCode", a."text"
            FROM "Alert" a JOIN "Area" ar ON ar."id" = a."areaId"
            WHERE a."id" > ${afterId} AND NOT EXISTS (SELECT 1 FROM "VerificationCode" v WHERE v."kind" = 'alert' AND v."refId" = a."id")
            ORDER BY a."id" LIMIT ${limit}`;
    return rows.map((r) => ({ kind, refId: r.id, areaCode: r.areaCode, text: r.text }));
  }
}
