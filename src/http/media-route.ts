/**
 * `GET /media/<id>`: a file we stored so that Zalo could fetch it (it takes photos only by URL).
 * Unknown and expired ids are the same 404. Only types from media-type.ts are ever stored, and
 * nosniff plus a sandboxing CSP keep any file from acting as a page of ours.
 */
import type { Clock, MediaStore } from "../core/ports.js";
import type { HttpResponse, Route } from "./server.js";

/** Browsers and proxies keep a copy at most this long, and never beyond the link's expiry. */
const MAX_CACHE_SECONDS = 3600;

export function mediaRoute(deps: { store: MediaStore; clock: Clock }): Route {
  return {
    method: "GET",
    path: "/media/:id",
    handler: async (request): Promise<HttpResponse> => {
      const now = deps.clock.now();
      const media = await deps.store.get(request.params.id ?? "", now);
      if (!media)
        return {
          status: 404,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
          body: "not found",
        };
      const maxAge = Math.max(
        0,
        Math.min(MAX_CACHE_SECONDS, Math.floor((media.expiresAt.getTime() - now.getTime()) / 1000)),
      );
      const inline = media.contentType.startsWith("image/");
      return {
        status: 200,
        headers: {
          "content-type": media.contentType,
          "content-length": String(media.bytes.byteLength),
          "cache-control": `private, max-age=${maxAge}`,
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'; sandbox",
          "referrer-policy": "no-referrer",
          "content-disposition": inline ? "inline" : contentDisposition(media.filename),
        },
        body: Buffer.from(media.bytes.buffer, media.bytes.byteOffset, media.bytes.byteLength),
      };
    },
  };
}

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266). */
function contentDisposition(filename: string | undefined): string {
  if (!filename) return "attachment";
  const ascii =
    filename
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .slice(0, 100) || "file";
  const encoded = encodeURIComponent(Array.from(filename).slice(0, 200).join("")).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
