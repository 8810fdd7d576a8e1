/**
 * Issue 14 §5: every example speaks of the map as it is today. Since 01/7/2025 local government has
 * two levels (province, then xã / phường / đặc khu): districts (quận, huyện) and provincial cities
 * ("thành phố thuộc tỉnh") are gone, and Hà Nam with its former city of Phủ Lý is part of Ninh Bình.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const TEXT = /\.(ts|js|json|html|css|md)$/;

/** Whole words only: "huyện" must not match "chuyện". */
const GONE = ["Phủ Lý", "phuly", "Hà Nam", "huyện", "quận", "thành phố thuộc tỉnh"].map((word) => ({
  word,
  pattern: new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, "iu"),
}));

function files(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .flatMap((name) => files(join(path, name)))
    .filter((p) => TEXT.test(p));
}

describe("examples and the sandbox world", () => {
  it("name no district, former provincial city or former province", () => {
    const scanned = ["README.md", "locales", "src/sandbox", "src/admin/usage.ts"].flatMap(files);
    expect(scanned.length).toBeGreaterThan(20);
    const found = scanned.flatMap((path) =>
      readFileSync(join(root, path), "utf8")
        .split("\n")
        .flatMap((line, i) => GONE.filter((g) => g.pattern.test(line)).map((g) => `${path}:${i + 1}: ${g.word}`)),
    );
    expect(found).toEqual([]);
  });
});
