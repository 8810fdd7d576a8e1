/** Prisma implementation of ConsoleSessionStore. */
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { isLocale } from "../../core/text.js";
import { toChat, toUser } from "../identity/repo.js";
import type { ConsoleNotice, ConsoleSessionRecord, ConsoleSessionStore } from "./types.js";

const NoticesSchema = z.array(z.object({ html: z.string(), alert: z.boolean() }));

interface SessionRow {
  id: number;
  userId: number;
  chatId: number;
  locale: string;
  openedAt: Date | null;
  expiresAt: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
}

export class PrismaConsoleSessionStore implements ConsoleSessionStore {
  constructor(private readonly db: Db) {}

  async createLink(input: {
    userId: number;
    chatId: number;
    linkHash: string;
    linkExpiresAt: Date;
    locale: string;
  }): Promise<{ id: number }> {
    const row = await this.db.consoleSession.create({ data: input, select: { id: true } });
    return row;
  }

  async openLink(input: {
    linkHash: string;
    sessionHash: string;
    now: Date;
    expiresAt: Date;
  }): Promise<ConsoleSessionRecord | null> {
    // One statement: of two browsers opening the same link at once, one wins.
    const opened = await this.db.consoleSession.updateMany({
      where: { linkHash: input.linkHash, openedAt: null, endedAt: null, linkExpiresAt: { gt: input.now } },
      data: { sessionHash: input.sessionHash, openedAt: input.now, expiresAt: input.expiresAt, lastSeenAt: input.now },
    });
    if (opened.count !== 1) return null;
    const row = await this.db.consoleSession.findUnique({ where: { linkHash: input.linkHash } });
    return row && this.toRecord(row);
  }

  async findLive(input: { sessionHash: string; now: Date }): Promise<ConsoleSessionRecord | null> {
    const row = await this.db.consoleSession.findUnique({ where: { sessionHash: input.sessionHash } });
    if (!row || row.endedAt || !row.expiresAt || row.expiresAt <= input.now) return null;
    await this.db.consoleSession.update({ where: { id: row.id }, data: { lastSeenAt: input.now } });
    return this.toRecord(row);
  }

  async listLive(input: { userId: number; now: Date }): Promise<ConsoleSessionRecord[]> {
    const rows = await this.db.consoleSession.findMany({
      where: { userId: input.userId, endedAt: null, openedAt: { not: null }, expiresAt: { gt: input.now } },
      orderBy: { id: "desc" },
      take: 20,
    });
    const records = await Promise.all(rows.map((row) => this.toRecord(row)));
    return records.filter((r): r is ConsoleSessionRecord => r !== null);
  }

  async end(input: { userId: number; id?: number; now: Date }): Promise<number> {
    const ended = await this.db.consoleSession.updateMany({
      where: { userId: input.userId, endedAt: null, ...(input.id === undefined ? {} : { id: input.id }) },
      data: { endedAt: input.now },
    });
    return ended.count;
  }

  async purgeBefore(before: Date): Promise<number> {
    const gone = await this.db.consoleSession.deleteMany({
      where: {
        OR: [
          { endedAt: { lt: before } },
          { expiresAt: { lt: before } },
          { openedAt: null, linkExpiresAt: { lt: before } },
        ],
      },
    });
    return gone.count;
  }

  async setLocale(input: { id: number; locale: string }): Promise<void> {
    await this.db.consoleSession.update({ where: { id: input.id }, data: { locale: input.locale } });
  }

  async addNotices(input: { id: number; notices: readonly ConsoleNotice[] }): Promise<void> {
    if (input.notices.length === 0) return;
    const row = await this.db.consoleSession.findUnique({ where: { id: input.id }, select: { flash: true } });
    const before = NoticesSchema.safeParse(row?.flash ?? []);
    const flash = [...(before.success ? before.data : []), ...input.notices].slice(-10).map((n) => ({ ...n }));
    await this.db.consoleSession.update({ where: { id: input.id }, data: { flash } });
  }

  async takeNotices(id: number): Promise<ConsoleNotice[]> {
    const row = await this.db.consoleSession.findUnique({ where: { id }, select: { flash: true } });
    if (!row?.flash) return [];
    await this.db.consoleSession.update({ where: { id }, data: { flash: [] } });
    const parsed = NoticesSchema.safeParse(row.flash);
    return parsed.success ? parsed.data : [];
  }

  private async toRecord(row: SessionRow): Promise<ConsoleSessionRecord | null> {
    const [user, chat] = await Promise.all([
      this.db.user.findUnique({ where: { id: row.userId } }),
      this.db.chat.findUnique({ where: { id: row.chatId } }),
    ]);
    if (!user || !chat) return null;
    return {
      id: row.id,
      user: toUser(user),
      chat: toChat(chat),
      locale: isLocale(row.locale) ? row.locale : "vi",
      openedAt: row.openedAt,
      expiresAt: row.expiresAt,
      lastSeenAt: row.lastSeenAt,
      createdAt: row.createdAt,
    };
  }
}
