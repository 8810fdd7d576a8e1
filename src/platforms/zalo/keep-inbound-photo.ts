/**
 * Zalo's links to the photos people send are temporary (ZALO.md: download them when they arrive):
 * the photo is fetched at once, within a size and a time bound, and kept in the MediaStore behind
 * a link of ours, which then stands for the photo everywhere (a tip, a relay to an officer).
 */
import { detectContentType } from "../media-type.js";
import type { PublicMedia } from "../public-media.js";

/** Zalo photos are compressed JPEGs well under this. */
export const ZALO_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** The webhook waits for this download: Zalo does not resend, but it must not wait long either. */
export const ZALO_PHOTO_TIMEOUT_MS = 15_000;

/** Our link to a copy of the photo; throws (without the link, which may name the sender) when it cannot be had. */
export type KeepInboundPhoto = (url: string) => Promise<string>;

export function inboundPhotoKeeper(options: {
  media: PublicMedia;
  ttlMs: number;
  maxBytes?: number;
  timeoutMs?: number;
}): KeepInboundPhoto {
  const maxBytes = options.maxBytes ?? ZALO_PHOTO_MAX_BYTES;
  return async (url) => {
    if (!/^https?:\/\//i.test(url)) throw new Error("Zalo photo: not a link");
    const response = await fetch(url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? ZALO_PHOTO_TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new Error(`Zalo photo download failed: ${error instanceof Error ? error.name : "network error"}`);
    });
    if (!response.ok) throw new Error(`Zalo photo download answered ${response.status} (the link may have expired)`);
    if (Number(response.headers.get("content-length") ?? 0) > maxBytes)
      throw new Error(`Zalo photo over ${maxBytes} bytes`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw new Error(`Zalo photo over ${maxBytes} bytes`);
    // Only pictures are served back as pictures: anything else is no photo.
    if (!detectContentType(bytes).startsWith("image/")) throw new Error("Zalo photo: not an image");
    return (await options.media.keep({ bytes, ttlMs: options.ttlMs })).url;
  };
}
