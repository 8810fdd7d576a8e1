/** Prisma implementation of CodeBackfillStore: signed messages that have no code recorded yet. */
import type { IssuedArea, SignedContent } from "../../core/verification.js";
import { campaignSignedParts } from "../campaigns/campaign-message.js";
import { PrismaSignedMessageStore } from "./repo.js";
import type { CodeBackfillStore, UnrecordedMessage } from "./types.js";

/** The area columns every query reads (the parent's only for alerts, whose sender may be worded from it). */
interface AreaColumns {
  areaCode: string;
  areaName: string;
  areaKind: string | null;
  unitName: string | null;
  parentName: string | null;
  parentKind: string | null;
  parentUnitName: string | null;
}

interface AlertRow extends AreaColumns {
  id: number;
  text: string;
}

interface RunRow extends AreaColumns {
  id: number;
  title: string;
  text: string;
}

export class PrismaCodeBackfillStore extends PrismaSignedMessageStore implements CodeBackfillStore {
  // Each query walks the primary key from `afterId` and skips what has a row (unique index on kind, refId).
  async unrecorded(input: {
    kind: SignedContent["kind"];
    afterId: number;
    limit: number;
  }): Promise<UnrecordedMessage[]> {
    const { kind, afterId, limit } = input;
    if (kind === "campaign") {
      const rows = await this.db.$queryRaw<RunRow[]>`
        SELECT r."id", ar."code" AS "areaCode", ar."name" AS "areaName", NULL AS "areaKind", ar."unitName",
          NULL AS "parentName", NULL AS "parentKind", NULL AS "parentUnitName", c."title", c."text"
        FROM "CampaignRun" r JOIN "Campaign" c ON c."id" = r."campaignId" JOIN "Area" ar ON ar."id" = c."areaId"
        WHERE r."id" > ${afterId} AND NOT EXISTS (SELECT 1 FROM "VerificationCode" v WHERE v."kind" = 'campaign' AND v."refId" = r."id")
        ORDER BY r."id" LIMIT ${limit}`;
      return rows.map((r) => ({
        content: { kind, refId: r.id, areaCode: r.areaCode, text: campaignSignedParts(r).join("\n") },
        area: areaOf(r),
      }));
    }
    // A closure is signed only when an alert is resolved with a text (a cancellation carries the alert's code).
    const rows =
      kind === "closure"
        ? await this.db.$queryRaw<AlertRow[]>`
            SELECT a."id", ar."code" AS "areaCode", ar."name" AS "areaName", ar."kind"::text AS "areaKind", ar."unitName",
              p."name" AS "parentName", p."kind"::text AS "parentKind", p."unitName" AS "parentUnitName", a."closureText" AS "text"
            FROM "Alert" a JOIN "Area" ar ON ar."id" = a."areaId" LEFT JOIN "Area" p ON p."id" = ar."parentId"
            WHERE a."id" > ${afterId} AND a."state" = 'resolved' AND a."closureText" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM "VerificationCode" v WHERE v."kind" = 'closure' AND v."refId" = a."id")
            ORDER BY a."id" LIMIT ${limit}`
        : await this.db.$queryRaw<AlertRow[]>`
            SELECT a."id", ar."code" AS "areaCode", ar."name" AS "areaName", ar."kind"::text AS "areaKind", ar."unitName",
              p."name" AS "parentName", p."kind"::text AS "parentKind", p."unitName" AS "parentUnitName", a."text"
            FROM "Alert" a JOIN "Area" ar ON ar."id" = a."areaId" LEFT JOIN "Area" p ON p."id" = ar."parentId"
            WHERE a."id" > ${afterId} AND NOT EXISTS (SELECT 1 FROM "VerificationCode" v WHERE v."kind" = 'alert' AND v."refId" = a."id")
            ORDER BY a."id" LIMIT ${limit}`;
    return rows.map((r) => ({ content: { kind, refId: r.id, areaCode: r.areaCode, text: r.text }, area: areaOf(r) }));
  }
}

/** The area as these old messages showed it, as far as is known now (it was not recorded then). */
function areaOf(r: AreaColumns): IssuedArea {
  const parent = r.parentName === null ? null : { name: r.parentName, kind: r.parentKind, unitName: r.parentUnitName };
  return { code: r.areaCode, name: r.areaName, kind: r.areaKind, unitName: r.unitName, parent };
}
