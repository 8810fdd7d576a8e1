/**
 * Public, expiring links for platforms that take files only by URL (Zalo's sendPhoto). Bytes we
 * hold and Telegram file ids (downloaded through getFile) are stored in the MediaStore and served
 * at `PUBLIC_BASE_URL/media/<id>` until MEDIA_TTL_HOURS have passed; URLs pass through unchanged.
 */
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Media } from "../core/messages.js";
import type { Clock, MediaStore } from "../core/ports.js";
import { detectContentType } from "./media-type.js";

/** The bytes of a Telegram file, by file id. Throws when Telegram refuses or cannot be reached. */
export type FetchTelegramFile = (fileId: string) => Promise<{ bytes: Uint8Array; filename?: string }>;

export interface PublicMediaOptions {
  readonly store: MediaStore;
  /** PUBLIC_BASE_URL: where the platform's servers reach our HTTP role. */
  readonly baseUrl: string;
  /** How long a link works (MEDIA_TTL_HOURS). */
  readonly ttlMs: number;
  /** Present when Telegram is configured: a tip's or campaign's Telegram photo can then reach Zalo. */
  readonly fetchTelegramFile?: FetchTelegramFile;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** A link to send; `expiresAt` when it is ours and stops working. */
export interface PublicLink {
  readonly url: string;
  readonly filename?: string;
  readonly expiresAt?: Date;
}

export class PublicMedia {
  constructor(private readonly options: PublicMediaOptions) {}

  /** A public link for the media, or undefined when it cannot have one (then the text goes alone). */
  async link(media: Media): Promise<PublicLink | undefined> {
    switch (media.kind) {
      case "url":
        return { url: media.url };
      case "bytes": {
        const bytes = Buffer.from(media.base64, "base64");
        const digest = createHash("sha256").update(media.filename).update("\0").update(bytes).digest("hex");
        return this.stored(`sha256:${digest}`, async () => ({ bytes, filename: media.filename }));
      }
      case "file": {
        const fileId = media.platformFileId;
        // A Zalo photo's "file id" is already its address on Zalo's servers.
        if (/^https?:\/\//i.test(fileId)) return { url: fileId };
        const fetchFile = this.options.fetchTelegramFile;
        if (!fetchFile) return undefined;
        return this.stored(`telegram:${fileId}`, () => fetchFile(fileId));
      }
      default: {
        const never: never = media;
        throw new Error(`unknown media ${JSON.stringify(never)}`);
      }
    }
  }

  /** Stores bytes we were given (a Zalo photo, whose own link is temporary) for `ttlMs`, behind a new link. */
  async keep(input: { bytes: Uint8Array; ttlMs: number }): Promise<PublicLink> {
    const now = this.options.clock.now().getTime();
    const row = await this.options.store.put({
      bytes: input.bytes,
      contentType: detectContentType(input.bytes),
      expiresAt: new Date(now + input.ttlMs),
    });
    return this.toLink(row);
  }

  /** Reuses a row of the same source with at least half its life ahead, else loads and stores the bytes. */
  private async stored(
    source: string,
    load: () => Promise<{ bytes: Uint8Array; filename?: string }>,
  ): Promise<PublicLink | undefined> {
    const now = this.options.clock.now().getTime();
    const fresh = await this.options.store.findFresh(source, new Date(now + this.options.ttlMs / 2));
    if (fresh) return this.toLink(fresh);
    let loaded: { bytes: Uint8Array; filename?: string };
    try {
      loaded = await load();
    } catch (error) {
      // The text still goes out; the file is named in the log by its source kind only.
      this.options.logger.warn(
        { event: "media_fetch_failed", source: source.split(":")[0], err: error },
        "a file for a Zalo message could not be fetched; sending the text alone",
      );
      return undefined;
    }
    const row = await this.options.store.put({
      bytes: loaded.bytes,
      contentType: detectContentType(loaded.bytes, loaded.filename),
      ...(loaded.filename ? { filename: loaded.filename } : {}),
      source,
      expiresAt: new Date(now + this.options.ttlMs),
    });
    return this.toLink({ ...row, ...(loaded.filename ? { filename: loaded.filename } : {}) });
  }

  private toLink(row: { id: string; expiresAt: Date; filename?: string }): PublicLink {
    const base = this.options.baseUrl.replace(/\/+$/, "");
    return {
      url: `${base}/media/${row.id}`,
      expiresAt: row.expiresAt,
      ...(row.filename ? { filename: row.filename } : {}),
    };
  }
}
