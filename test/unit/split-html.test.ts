import { describe, expect, it } from "vitest";
import { splitHtml, visibleLength } from "../../src/core/split-html.js";

describe("splitHtml", () => {
  it("leaves short text alone", () => {
    expect(splitHtml("<b>hi</b> &amp; bye", 4096)).toEqual(["<b>hi</b> &amp; bye"]);
  });

  it("splits long text at line breaks, losing nothing", () => {
    const line = "Dòng thông báo số ";
    const text = Array.from({ length: 400 }, (_, i) => `${line}${i}`).join("\n");
    const parts = splitHtml(text, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(visibleLength(part)).toBeLessThanOrEqual(4096);
    expect(parts.join("\n")).toBe(text);
  });

  it("never cuts an entity and reopens tags that span chunks", () => {
    const text = `<b>${"&amp;".repeat(30)}</b>`;
    const parts = splitHtml(text, 7);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.startsWith("<b>")).toBe(true);
      expect(part.endsWith("</b>")).toBe(true);
      expect(part.replace(/<\/?b>/g, "")).toMatch(/^(&amp;)+$/);
      expect(visibleLength(part)).toBeLessThanOrEqual(7);
    }
    expect(parts.map((p) => p.replace(/<\/?b>/g, "")).join("")).toBe("&amp;".repeat(30));
  });

  it("splits a single long word by characters when there is no space", () => {
    const parts = splitHtml("x".repeat(10_000), 4096);
    expect(parts.map((p) => p.length)).toEqual([4096, 4096, 1808]);
  });
});
