import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { ApiError, badRequest } from "./api-error.js";
import type { ApiParams, UploadedFile } from "./types.js";

/** Fields that form and multipart bodies carry as JSON strings (telegraf stringifies them). */
const JSON_FIELDS = new Set([
  "reply_markup",
  "reply_parameters",
  "entities",
  "caption_entities",
  "link_preview_options",
  "commands",
  "scope",
  "allowed_updates",
  "media",
  "results",
]);

const MAX_BODY_BYTES = 60 * 1024 * 1024;

/** Reads a whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "Request Entity Too Large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** True for a file part of a multipart body. */
export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && Buffer.isBuffer((value as { bytes?: unknown }).bytes);
}

/**
 * Parses query string plus a JSON, urlencoded or multipart body into one parameter object;
 * body fields win over the query string, JSON-ish string fields are decoded.
 */
export function parseParams(options: {
  query: URLSearchParams;
  headers: IncomingHttpHeaders | Headers;
  body: Buffer;
}): ApiParams {
  const params: ApiParams = {};
  for (const [key, value] of options.query) params[key] = value;
  const contentType = readContentType(options.headers);
  if (options.body.length > 0) Object.assign(params, parseBody(contentType, options.body));
  for (const [key, value] of Object.entries(params)) {
    if (JSON_FIELDS.has(key) && typeof value === "string") params[key] = tryParseJson(value);
  }
  return params;
}

function readContentType(headers: IncomingHttpHeaders | Headers): string {
  const value = headers instanceof Headers ? headers.get("content-type") : headers["content-type"];
  return typeof value === "string" ? value : "";
}

function parseBody(contentType: string, body: Buffer): ApiParams {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    const value = boundary?.[1] ?? boundary?.[2];
    if (value === undefined) throw badRequest("multipart body without boundary");
    return parseMultipart(body, value);
  }
  if (type === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(body.toString("utf8")));
  }
  // Telegram accepts JSON whatever the declared type; so does the fake.
  const text = body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest("can't parse request body as JSON");
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as ApiParams) : {};
}

function tryParseJson(value: string): unknown {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/** Splits a multipart/form-data body; file parts become `{ filename, bytes }`. */
export function parseMultipart(body: Buffer, boundary: string): ApiParams {
  const params: ApiParams = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    let start = position + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing "--boundary--"
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), start);
    if (next === -1) break;
    addPart(params, body.subarray(start, next));
    position = next + 2;
  }
  return params;
}

function addPart(params: ApiParams, part: Buffer): void {
  const headerEnd = part.indexOf("\r\n\r\n");
  if (headerEnd === -1) return;
  const headers = new Map<string, string>();
  for (const line of part.subarray(0, headerEnd).toString("utf8").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return;
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const bytes = Buffer.from(part.subarray(headerEnd + 4));
  if (filename === undefined) {
    params[name] = bytes.toString("utf8");
    return;
  }
  const contentType = headers.get("content-type");
  const file: UploadedFile = contentType === undefined ? { filename, bytes } : { filename, bytes, contentType };
  params[name] = file;
}
