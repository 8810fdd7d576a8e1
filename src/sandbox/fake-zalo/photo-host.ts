/**
 * Zalo's CDN, for the photos people send: each link works for a short while only (ZALO.md: inbound
 * photo links are temporary; download them when they arrive), then answers 404.
 */
import { randomBytes } from "node:crypto";

/** A tiny JPEG (the SOI marker and a few bytes): enough for content sniffing. */
export const DEFAULT_PHOTO = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

const PHOTO_ROUTE = /^\/photos\/([A-Za-z0-9_-]+)\.jpg$/;

export class PhotoHost {
  private readonly photos = new Map<string, { bytes: Buffer; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  /** Hosts the bytes and returns the path of their temporary link. */
  host(bytes: Uint8Array): string {
    const id = randomBytes(12).toString("base64url");
    this.photos.set(id, { bytes: Buffer.from(bytes), expiresAt: Date.now() + this.ttlMs });
    return `/photos/${id}.jpg`;
  }

  /** Every link handed out so far stops working now. */
  expireAll(): void {
    this.photos.clear();
  }

  /** The bytes behind a path, or null when it is no photo link or has expired; undefined when not a photo path. */
  serve(pathname: string): Buffer | null | undefined {
    const id = PHOTO_ROUTE.exec(pathname)?.[1];
    if (id === undefined) return undefined;
    const photo = this.photos.get(id);
    if (photo === undefined || photo.expiresAt <= Date.now()) {
      this.photos.delete(id);
      return null;
    }
    return photo.bytes;
  }
}
