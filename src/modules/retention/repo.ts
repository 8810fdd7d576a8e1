/** Prisma implementation of RetentionStore: deletions by age, in bounded batches. */
import type { Db } from "../../db/client.js";
import type { PurgedTip } from "../tips/types.js";
import type { RetentionStore } from "./types.js";

/** Prisma keeps UTC in "timestamp without time zone" columns: compare with the UTC wall time. */
const utc = (date: Date): string => date.toISOString().slice(0, -1);

/** Broadcast rows: the statistics count alerts' and campaigns' deliveries (src/modules/stats/repo.ts). */
const BROADCAST = `(COALESCE("sourceKind" IN ('alert', 'campaign'), false))`;

/** Rolls back one person's deletion (a message still waits for their chat). */
class KeepPerson extends Error {}

export class PrismaRetentionStore implements RetentionStore {
  constructor(private readonly db: Db) {}

  async forgetTipDeliveries(tips: readonly PurgedTip[]): Promise<number> {
    if (tips.length === 0) return 0;
    const ids = tips.map((tip) => tip.id);
    const codes = tips.map((tip) => `%${tip.code}%`);
    // Officers' cards, follow-ups and register sheets carry the tip as their source; messages to the tipster (no
    // chat row: they went by seal) are keyed by update or tip, and each names the code.
    const deliveries = await this.db.$executeRaw`
      DELETE FROM "Delivery"
      WHERE ("sourceKind" IN ('tip', 'tipCard') AND "sourceId" = ANY(${ids}::int[]))
         OR "key" LIKE ANY(SELECT 'tip:' || unnest(${ids}::int[]) || ':%')
         OR ("chatId" IS NULL AND "payload"::text LIKE ANY(${codes}::text[]))`;
    // A register sheet sent to a Zalo officer is served as a file named after the tip.
    await this.db.$executeRaw`DELETE FROM "Media" WHERE "filename" LIKE ANY(${codes}::text[])`;
    return deliveries;
  }

  async deleteSettledDeliveries(input: {
    othersBefore: Date;
    sealedBefore: Date;
    broadcastsBefore: Date;
    limit: number;
  }): Promise<number> {
    return this.db.$executeRawUnsafe(
      `DELETE FROM "Delivery" WHERE "id" IN (
        SELECT "id" FROM "Delivery"
        WHERE "status" <> 'pending'
          AND (("createdAt" < $1::timestamp AND NOT ${BROADCAST}) OR ("createdAt" < $2::timestamp AND ${BROADCAST})
            OR ("createdAt" < $4::timestamp AND "chatId" IS NULL))
        LIMIT $3)`,
      utc(input.othersBefore),
      utc(input.broadcastsBefore),
      input.limit,
      utc(input.sealedBefore),
    );
  }

  async forgetIdlePeople(input: { before: Date; limit: number }): Promise<number> {
    const idle = await this.db.$queryRaw<{ id: number; platform: string; platformUserId: string }[]>`
      SELECT u."id", u."platform"::text AS "platform", u."platformUserId" FROM "User" u
      WHERE u."lastSeenAt" < ${utc(input.before)}::timestamp
        AND NOT EXISTS (SELECT 1 FROM "Role" r WHERE u."id" IN (r."userId", r."grantedById", r."revokedById"))
        AND NOT EXISTS (SELECT 1 FROM "ChatMember" m WHERE m."userId" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "AreaFollower" f WHERE f."userId" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "QuizAnswer" q WHERE q."userId" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "AlertAck" a WHERE a."userId" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "Invite" i WHERE u."id" IN (i."createdById", i."usedById"))
        AND NOT EXISTS (SELECT 1 FROM "Alert" al WHERE u."id" IN (al."senderUserId", al."endedById"))
        AND NOT EXISTS (SELECT 1 FROM "Tip" t WHERE t."takenById" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "TipMessage" tm WHERE tm."officerUserId" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "Campaign" c WHERE c."createdById" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "Chat" g WHERE g."registeredById" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "AuditLog" l WHERE l."actorUserId" = u."id")
        AND NOT EXISTS (SELECT 1 FROM "Alarm" x WHERE u."id" IN (x."callerUserId", x."closedById"))
        AND NOT EXISTS (SELECT 1 FROM "AlarmBar" b WHERE u."id" IN (b."userId", b."byUserId"))
      LIMIT ${input.limit}`;
    let forgotten = 0;
    // One short transaction per person: a large backlog never holds a long one open.
    for (const person of idle) {
      const done = await this.db
        .$transaction(async (tx) => {
          // Seen again meanwhile (a new message): keep them.
          const gone = await tx.user.deleteMany({ where: { id: person.id, lastSeenAt: { lt: input.before } } });
          if (gone.count === 0) return false;
          const chat = await tx.chat.findUnique({
            where: {
              platform_platformChatId: {
                platform: person.platform as "telegram" | "zalo",
                platformChatId: person.platformUserId,
              },
            },
            select: { id: true, kind: true },
          });
          if (chat?.kind === "private") {
            // A message still waiting for this chat keeps the person for now: a later pass takes them.
            if ((await tx.delivery.count({ where: { chatId: chat.id, status: "pending" } })) > 0)
              throw new KeepPerson();
            await tx.delivery.deleteMany({ where: { chatId: chat.id } });
            await tx.chat.delete({ where: { id: chat.id } });
          }
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof KeepPerson) return false;
          throw error;
        });
      if (done) forgotten++;
    }
    return forgotten;
  }
}
