/** Postgres-backed MediaStore (table Media): the bytes behind `PUBLIC_BASE_URL/media/<id>`. */
import { randomBytes } from "node:crypto";
import type { MediaStore, StoredMedia } from "../core/ports.js";
import type { Db } from "./client.js";

/** 18 random bytes: 144 bits, 24 base64url characters, no padding. */
const ID_BYTES = 18;
/** What an id looks like; anything else is unknown without asking the database. */
export const MEDIA_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export class PrismaMediaStore implements MediaStore {
  constructor(private readonly db: Db) {}

  async put(input: StoredMedia & { source?: string; expiresAt: Date }): Promise<{ id: string; expiresAt: Date }> {
    const id = randomBytes(ID_BYTES).toString("base64url");
    await this.db.media.create({
      data: {
        id,
        contentType: input.contentType,
        bytes: Uint8Array.from(input.bytes),
        filename: input.filename ?? null,
        source: input.source ?? null,
        expiresAt: input.expiresAt,
      },
    });
    return { id, expiresAt: input.expiresAt };
  }

  async findFresh(source: string, validAt: Date): Promise<{ id: string; expiresAt: Date; filename?: string } | null> {
    const row = await this.db.media.findFirst({
      where: { source, expiresAt: { gt: validAt } },
      orderBy: { expiresAt: "desc" },
      select: { id: true, expiresAt: true, filename: true },
    });
    return row && { id: row.id, expiresAt: row.expiresAt, ...(row.filename ? { filename: row.filename } : {}) };
  }

  async get(id: string, now: Date): Promise<(StoredMedia & { expiresAt: Date }) | null> {
    if (!MEDIA_ID_PATTERN.test(id)) return null;
    const row = await this.db.media.findUnique({ where: { id } });
    if (!row || row.expiresAt <= now) return null;
    return {
      contentType: row.contentType,
      bytes: row.bytes,
      expiresAt: row.expiresAt,
      ...(row.filename ? { filename: row.filename } : {}),
    };
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.db.media.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
