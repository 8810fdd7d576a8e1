/** Prisma implementation of IdentityStore. */
import { Prisma, type Db } from "../../db/client.js";
import type { ChatRef, UserRef } from "../../core/messages.js";
import { isLocale, localeFromLanguageCode, type Locale } from "../../core/text.js";
import type { Sql } from "../../db/sql.js";
import { resolveActorRows } from "./resolve-actors-sql.js";
import type { ChatRecord, IdentityStore, UserRecord } from "./types.js";

type UserRow = {
  id: number;
  platform: UserRecord["platform"];
  platformUserId: string;
  displayName: string | null;
  locale: string | null;
};
type ChatRow = Omit<ChatRecord, "locale"> & { locale: string | null };

export const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  platform: row.platform,
  platformUserId: row.platformUserId,
  displayName: row.displayName,
  locale: isLocale(row.locale) ? row.locale : null,
});
export const toChat = (row: ChatRow): ChatRecord => ({
  id: row.id,
  platform: row.platform,
  platformChatId: row.platformChatId,
  kind: row.kind,
  title: row.title,
  areaId: row.areaId,
  active: row.active,
  locale: isLocale(row.locale) ? row.locale : null,
});

export class PrismaIdentityStore implements IdentityStore {
  /** `sql`: the pool under `db`, for resolveActors (the inbound hot path), one plain statement. */
  constructor(
    private readonly db: Db,
    private readonly sql: Sql,
  ) {}

  async resolveActors(
    userRef: UserRef,
    chatRef: ChatRef,
    options: { reactivate?: boolean } = {},
  ): Promise<{ user: UserRecord; chat: ChatRecord }> {
    const rows = await resolveActorRows(this.sql, {
      user: userRef,
      chat: chatRef,
      today: startOfDay(new Date()),
      reactivate: options.reactivate ?? true,
    });
    return { user: toUser(rows.user as UserRow), chat: toChat(rows.chat as ChatRow) };
  }

  async upsertUser(ref: UserRef): Promise<UserRecord> {
    // Day precision only: a tipster's last activity must not be matchable to a tip's time.
    const data = {
      displayName: ref.displayName ?? null,
      username: ref.username ?? null,
      lastSeenAt: startOfDay(new Date()),
    };
    const row = await this.db.user.upsert({
      where: { platform_platformUserId: { platform: ref.platform, platformUserId: ref.userId } },
      // A new person whose app speaks Vietnamese starts in it; anyone else hears DEFAULT_LOCALE until they choose.
      create: {
        platform: ref.platform,
        platformUserId: ref.userId,
        ...data,
        createdAt: data.lastSeenAt,
        locale: localeFromLanguageCode(ref.languageCode) ?? null,
      },
      update: data,
    });
    return toUser(row);
  }

  async upsertChat(ref: ChatRef): Promise<ChatRecord> {
    const upsert = () =>
      this.db.chat.upsert({
        where: { platform_platformChatId: { platform: ref.platform, platformChatId: ref.chatId } },
        // A private chat's creation is kept to the day, like its person's (see resolve-actors-sql.ts).
        create: {
          platform: ref.platform,
          platformChatId: ref.chatId,
          kind: ref.kind,
          title: ref.title ?? null,
          ...(ref.kind === "private" ? { createdAt: startOfDay(new Date()), updatedAt: startOfDay(new Date()) } : {}),
        },
        update: ref.title ? { title: ref.title } : {},
      });
    // With nothing to update Prisma reads, then inserts: two first updates from a new chat at once both
    // insert, and the loser fails on the unique key. The row exists by then, so once more finds it.
    const row = await upsert().catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return upsert();
      throw error;
    });
    return toChat(row);
  }

  async findChat(ref: { platform: ChatRef["platform"]; chatId: string }): Promise<ChatRecord | null> {
    const row = await this.db.chat.findUnique({
      where: { platform_platformChatId: { platform: ref.platform, platformChatId: ref.chatId } },
    });
    return row ? toChat(row) : null;
  }

  async privateChatOf(user: UserRecord): Promise<ChatRecord> {
    return this.upsertChat({ platform: user.platform, chatId: user.platformUserId, kind: "private" });
  }

  async recordSeen(userId: number, chatId: number): Promise<void> {
    await this.db.chatMember.upsert({
      where: { userId_chatId: { userId, chatId } },
      create: { userId, chatId },
      update: { lastSeenAt: startOfDay(new Date()) },
    });
  }

  async setUserLocale(userId: number, locale: Locale): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { locale } });
  }

  async claimLanguageOffer(userId: number): Promise<boolean> {
    const claimed = await this.db.user.updateMany({
      where: { id: userId, locale: null, languageOfferedAt: null },
      data: { languageOfferedAt: new Date() },
    });
    return claimed.count === 1;
  }

  async setChatActive(chatId: number, active: boolean, reason?: string): Promise<void> {
    await this.db.chat.update({
      where: { id: chatId },
      data: { active, inactiveReason: active ? null : (reason ?? null) },
    });
  }

  async migrateChat(options: { platform: ChatRef["platform"]; fromChatId: string; toChatId: string }): Promise<void> {
    const { platform, fromChatId, toChatId } = options;
    await this.db.$transaction(async (tx) => {
      const old = await tx.chat.findUnique({
        where: { platform_platformChatId: { platform, platformChatId: fromChatId } },
      });
      if (!old) return;
      const existing = await tx.chat.findUnique({
        where: { platform_platformChatId: { platform, platformChatId: toChatId } },
      });
      if (existing) {
        // The new supergroup already sent us something: keep the old row (area, history) and retire the stub.
        await tx.chatMember.deleteMany({ where: { chatId: existing.id } });
        await tx.chat.update({
          where: { id: existing.id },
          data: { platformChatId: `${toChatId}:superseded:${existing.id}`, active: false },
        });
      }
      await tx.chat.update({
        where: { id: old.id },
        data: { platformChatId: toChatId, previousPlatformChatId: fromChatId, active: true },
      });
    });
  }

  async areasSeenIn(userId: number): Promise<number[]> {
    const rows = await this.db.chatMember.findMany({
      where: { userId, chat: { areaId: { not: null }, active: true, kind: "group" } },
      select: { chat: { select: { areaId: true } } },
    });
    return [...new Set(rows.map((r) => r.chat.areaId).filter((id): id is number => id !== null))];
  }
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
