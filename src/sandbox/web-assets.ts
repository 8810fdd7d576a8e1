/**
 * The web chat's files (src/sandbox/web: one HTML page, its CSS and JS, a few pictures), served
 * as they are: no build step. Only files present at start-up are served, by exact name.
 */
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { HttpResponse, Route } from "../http/server.js";

const WEB_DIR = fileURLToPath(new URL("./web/", import.meta.url));
const IMAGES_DIR = `${WEB_DIR}images/`;

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
};

/** Scripts and styles come from this server only; nothing inline, nothing from elsewhere. */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** A picture a persona can send as a photo. */
export interface BundledImage {
  /** File name without extension, e.g. `xe-may-la`. */
  readonly name: string;
  readonly url: string;
  readonly file: string;
}

function listFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** The pictures under web/images, by name. */
export function bundledImages(): BundledImage[] {
  return listFiles(IMAGES_DIR, /^[a-z0-9-]+\.(jpg|png)$/).map((file) => ({
    name: file.replace(/\.\w+$/, ""),
    url: `/sandbox/images/${file}`,
    file: `${IMAGES_DIR}${file}`,
  }));
}

/** The bytes of a bundled picture, or undefined for an unknown name. */
export async function readBundledImage(name: string): Promise<Buffer | undefined> {
  const image = bundledImages().find((candidate) => candidate.name === name);
  return image === undefined ? undefined : readFile(image.file);
}

async function serve(path: string, type: string, cache: boolean): Promise<HttpResponse> {
  const body = await readFile(path);
  return {
    status: 200,
    headers: {
      "content-type": type,
      "cache-control": cache ? "public, max-age=3600" : "no-cache",
      ...SECURITY_HEADERS,
    },
    body,
  };
}

/** `GET /` (the page), `GET /sandbox/<file>` (its CSS and JS) and `GET /sandbox/images/<file>`. */
export function webAssetRoutes(): Route[] {
  const assets = new Set(listFiles(WEB_DIR, /^[a-z0-9-]+\.(css|js|svg)$/));
  const images = new Set(listFiles(IMAGES_DIR, /^[a-z0-9-]+\.(jpg|png|svg)$/));
  const typeOf = (file: string): string => TYPES[file.slice(file.lastIndexOf(".") + 1)] ?? "application/octet-stream";
  const notFound: HttpResponse = { status: 404, headers: { "content-type": "text/plain" }, body: "not found" };
  return [
    { method: "GET", path: "/", handler: () => serve(`${WEB_DIR}index.html`, TYPES["html"] ?? "text/html", false) },
    {
      method: "GET",
      path: "/sandbox/:file",
      handler: ({ params }) => {
        const file = params["file"] ?? "";
        return assets.has(file) ? serve(`${WEB_DIR}${file}`, typeOf(file), false) : notFound;
      },
    },
    {
      method: "GET",
      path: "/sandbox/images/:file",
      handler: ({ params }) => {
        const file = params["file"] ?? "";
        return images.has(file) ? serve(`${IMAGES_DIR}${file}`, typeOf(file), true) : notFound;
      },
    },
  ];
}
