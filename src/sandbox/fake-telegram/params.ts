import { badRequest } from "./api-error.js";
import { isUploadedFile } from "./request-body.js";
import type { ApiParams, UploadedFile } from "./types.js";

/** Typed access to call parameters, which may arrive as JSON values or as form strings. */
export class Params {
  constructor(readonly raw: ApiParams) {}

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== "";
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return undefined;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw badRequest(`${name} is empty`);
    return value;
  }

  /** An integer; form strings are converted. Absent → undefined; garbage → 400. */
  int(name: string): number | undefined {
    const value = this.number(name);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value)) throw badRequest(`invalid ${name} specified`);
    return value;
  }

  requiredInt(name: string): number {
    const value = this.int(name);
    if (value === undefined) throw badRequest(`${name} is empty`);
    return value;
  }

  number(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === "") return undefined;
    const parsed = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
    if (!Number.isFinite(parsed)) throw badRequest(`invalid ${name} specified`);
    return parsed;
  }

  bool(name: string): boolean | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === "") return undefined;
    return value === true || value === "true" || value === "1" || value === 1;
  }

  object(name: string): Record<string, unknown> | undefined {
    const value = this.raw[name];
    return typeof value === "object" && value !== null && !Array.isArray(value) && !isUploadedFile(value)
      ? (value as Record<string, unknown>)
      : undefined;
  }

  array(name: string): unknown[] | undefined {
    const value = this.raw[name];
    return Array.isArray(value) ? value : undefined;
  }

  /** A multipart file part, or a string (file_id or URL). */
  file(name: string): UploadedFile | string | undefined {
    const value = this.raw[name];
    if (isUploadedFile(value)) return value;
    return this.string(name);
  }
}
