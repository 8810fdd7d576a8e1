/**
 * The user and chat behind an update in one statement: each row is inserted, refreshed only when
 * something changed (name, username, title, day of last sight), or read as it is; the user is
 * recorded as seen in the chat when it is a registered group. Most updates come from people and
 * groups seen minutes ago, so most of them write nothing. A person's and a private chat's times are
 * kept to the day (created, last seen): a first-time tipster's rows must not point at the tip's minute.
 * A chat marked inactive (a send failed with "blocked" or "chat not found") that writes again is
 * active again: whoever writes can be written to (the bot is back in the group, the person unblocked it).
 */
import type { ChatRef, UserRef } from "../../core/messages.js";
import { localeFromLanguageCode } from "../../core/text.js";
import type { Sql } from "../../db/sql.js";

/** Column names as in the database, which are the records' field names. */
const USER_COLUMNS = `"id", "platform", "platformUserId", "displayName", "locale"`;
const CHAT_COLUMNS = `"id", "platform", "platformChatId", "kind", "title", "areaId", "active", "locale"`;

const RESOLVE_ACTORS = `
WITH written_user AS (
  INSERT INTO "User" ("platform", "platformUserId", "displayName", "username", "locale", "lastSeenAt", "createdAt")
  VALUES ($1::"Platform", $2, $3, $4, $5, $6, $6)
  ON CONFLICT ("platform", "platformUserId") DO UPDATE
    SET "displayName" = EXCLUDED."displayName", "username" = EXCLUDED."username", "lastSeenAt" = EXCLUDED."lastSeenAt"
    WHERE ("User"."displayName", "User"."username", "User"."lastSeenAt")
      IS DISTINCT FROM (EXCLUDED."displayName", EXCLUDED."username", EXCLUDED."lastSeenAt")
  RETURNING ${USER_COLUMNS}
), the_user AS (
  SELECT * FROM written_user
  UNION ALL
  SELECT ${USER_COLUMNS} FROM "User"
  WHERE "platform" = $1::"Platform" AND "platformUserId" = $2 AND NOT EXISTS (SELECT 1 FROM written_user)
), written_chat AS (
  INSERT INTO "Chat" ("platform", "platformChatId", "kind", "title", "createdAt", "updatedAt")
  VALUES ($1::"Platform", $7, $8::"ChatKind", $9,
    CASE WHEN $8 = 'private' THEN $6::timestamp ELSE now() END, CASE WHEN $8 = 'private' THEN $6::timestamp ELSE now() END)
  ON CONFLICT ("platform", "platformChatId") DO UPDATE
    SET "title" = COALESCE(EXCLUDED."title", "Chat"."title"), "updatedAt" = now(),
      "active" = "Chat"."active" OR $10::boolean, "inactiveReason" = CASE WHEN $10::boolean THEN NULL ELSE "Chat"."inactiveReason" END
    WHERE (EXCLUDED."title" IS NOT NULL AND "Chat"."title" IS DISTINCT FROM EXCLUDED."title") OR (NOT "Chat"."active" AND $10::boolean)
  RETURNING ${CHAT_COLUMNS}
), the_chat AS (
  SELECT * FROM written_chat
  UNION ALL
  SELECT ${CHAT_COLUMNS} FROM "Chat"
  WHERE "platform" = $1::"Platform" AND "platformChatId" = $7 AND NOT EXISTS (SELECT 1 FROM written_chat)
), seen AS (
  INSERT INTO "ChatMember" ("userId", "chatId", "lastSeenAt")
  SELECT u."id", c."id", $6 FROM the_user u, the_chat c
  WHERE c."kind" = 'group' AND c."areaId" IS NOT NULL
  ON CONFLICT ("userId", "chatId") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
    WHERE "ChatMember"."lastSeenAt" < EXCLUDED."lastSeenAt"
)
SELECT row_to_json(u) AS "user", row_to_json(c) AS "chat" FROM the_user u, the_chat c`;

export interface ActorRows {
  user: { id: number; platform: string; platformUserId: string; displayName: string | null; locale: string | null };
  chat: {
    id: number;
    platform: string;
    platformChatId: string;
    kind: string;
    title: string | null;
    areaId: number | null;
    active: boolean;
    locale: string | null;
  };
}

/**
 * Runs the statement; retried when a concurrent first update of the same person or chat inserted
 * the row after this statement's snapshot was taken (the row is then visible to the retry).
 */
export async function resolveActorRows(
  sql: Sql,
  input: { user: UserRef; chat: ChatRef; today: Date; reactivate: boolean },
): Promise<ActorRows> {
  const { user, chat, today } = input;
  const values = [
    user.platform,
    user.userId,
    user.displayName ?? null,
    user.username ?? null,
    localeFromLanguageCode(user.languageCode) ?? null,
    // Prisma keeps UTC in "timestamp without time zone" columns: send the UTC wall time, no offset.
    today.toISOString().slice(0, -1),
    chat.chatId,
    chat.kind,
    chat.title ?? null,
    input.reactivate,
  ];
  for (let attempt = 0; ; attempt++) {
    const result = await sql.query<ActorRows>({ name: "keng_resolve_actors", text: RESOLVE_ACTORS, values });
    const row = result.rows[0];
    if (row) return row;
    if (attempt >= 2) throw new Error("resolveActorRows: the user or chat row could not be read back");
  }
}
