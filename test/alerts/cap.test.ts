import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  CAP_NAMESPACE,
  CAP_SEVERITY,
  capHeadline,
  capIdentifier,
  escapeXmlAttribute,
  escapeXmlText,
  formatCapDateTime,
  renderCapAlert,
  type CapAlert,
  type CapContext,
} from "../../src/modules/alerts/cap.js";
import { ATOM_NAMESPACE, CAP_FEED_TITLE, renderCapFeed } from "../../src/modules/alerts/cap-feed.js";

const ctx: CapContext = { senderId: "keng@phuly.example.vn", baseUrl: "https://keng.example.vn" };

const TEXT =
  "Phát hiện đối tượng trộm xe máy tại ngõ 12 Lê Hồng Phong 🚨\nĐối tượng mặc áo khoác đen, đi xe Wave không biển. Bà con khoá xe, báo ngay cho công an phường.";

function alertOf(overrides: Partial<CapAlert> = {}): CapAlert {
  return {
    number: 12,
    areaCode: "phuly.minhkhai",
    areaName: "Phường Minh Khai",
    senderUnit: "Công an phường Minh Khai",
    level: "khan",
    text: TEXT,
    issuedAt: new Date("2026-11-29T01:30:00Z"),
    expiresAt: new Date("2026-11-29T03:30:00Z"),
    state: "active",
    endedAt: null,
    closureText: null,
    ...overrides,
  };
}

const parser = new XMLParser({ ignoreAttributes: false });
const orderedParser = new XMLParser({ preserveOrder: true });

/** A parsed element: its children by name, attributes as `@_name`, text as a string. */
type Node = { [name: string]: Node | string };

function child(node: Node | string | undefined, name: string): Node {
  if (typeof node !== "object" || typeof node[name] !== "object") throw new Error(`no element <${name}>`);
  return node[name];
}

function text(node: Node | string | undefined, name: string): string {
  if (typeof node !== "object") throw new Error(`no element around <${name}>`);
  const value = node[name];
  if (typeof value !== "string") throw new Error(`<${name}> is not text: ${JSON.stringify(value)}`);
  return value;
}

/** Well-formed (fast-xml-parser's validator), only XML 1.0 characters, then parsed. */
function parseXml(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(/[^\t\n\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n`)).toBe(true);
  const parsed: unknown = parser.parse(xml);
  if (typeof parsed !== "object" || parsed === null) throw new Error("not parsed");
  return parsed as Node;
}

function parseCap(xml: string): { alert: Node; info: Node; area: Node } {
  const alert = child(parseXml(xml), "alert");
  const info = child(alert, "info");
  return { alert, info, area: child(info, "area") };
}

/** Child element names of the first `path` element, in document order. */
function childOrder(xml: string, path: readonly string[]): string[] {
  let nodes: unknown = orderedParser.parse(xml);
  for (const name of path) {
    const list = Array.isArray(nodes) ? (nodes as Record<string, unknown>[]) : [];
    nodes = list.find((n) => name in n)?.[name];
  }
  return (Array.isArray(nodes) ? (nodes as Record<string, unknown>[]) : []).flatMap((n) =>
    Object.keys(n).filter((k) => k !== ":@"),
  );
}

describe("CAP datetimes and identifiers", () => {
  it("renders instants in Vietnam time, without Z or fractional seconds", () => {
    expect(formatCapDateTime(new Date("2026-11-29T01:30:00Z"))).toBe("2026-11-29T08:30:00+07:00");
    expect(formatCapDateTime(new Date("2026-12-31T20:15:30.999Z"))).toBe("2027-01-01T03:15:30+07:00");
    expect(formatCapDateTime(new Date("2026-07-01T00:00:00+07:00"))).toBe("2026-07-01T00:00:00+07:00");
    expect(() => formatCapDateTime(new Date("nonsense"))).toThrow(RangeError);
  });

  it("makes identifiers from the sender's host and the alert number, free of CAP-restricted characters", () => {
    expect(capIdentifier(ctx, 12)).toBe("phuly.example.vn-K12");
    expect(capIdentifier({ ...ctx, senderId: "Keng@Phu_Ly.Example.VN" }, 3)).toBe("phu-ly.example.vn-K3");
    expect(capIdentifier({ ...ctx, senderId: "keng.example.vn" }, 1)).toBe("keng.example.vn-K1");
    expect(capIdentifier(ctx, 12)).not.toMatch(/[\s,<&]/);
    expect(() => capIdentifier(ctx, 0)).toThrow(RangeError);
    expect(() => capIdentifier(ctx, 1.5)).toThrow(RangeError);
    expect(() => capIdentifier({ ...ctx, senderId: "keng, phuly" }, 1)).toThrow(RangeError);
  });

  it("maps levels to CAP severity", () => {
    expect(CAP_SEVERITY).toEqual({ khan: "Extreme", cao: "Severe", tb: "Moderate" });
  });
});

describe("renderCapAlert", () => {
  it("renders an active khan alert with every field, in schema order", () => {
    const xml = renderCapAlert(alertOf(), ctx);
    const { alert, info, area } = parseCap(xml);
    expect(alert["@_xmlns"]).toBe(CAP_NAMESPACE);
    expect(text(alert, "identifier")).toBe("phuly.example.vn-K12");
    expect(text(alert, "sender")).toBe("keng@phuly.example.vn");
    expect(text(alert, "sent")).toBe("2026-11-29T08:30:00+07:00");
    expect(text(alert, "status")).toBe("Actual");
    expect(text(alert, "msgType")).toBe("Alert");
    expect(text(alert, "scope")).toBe("Public");
    expect(alert.references).toBeUndefined();
    expect(text(info, "language")).toBe("vi-VN");
    expect(text(info, "category")).toBe("Security");
    expect(text(info, "event")).toBe("Tiếng kẻng an ninh – mức khẩn cấp");
    expect(text(info, "responseType")).toBe("Monitor");
    expect(text(info, "urgency")).toBe("Immediate");
    expect(text(info, "severity")).toBe("Extreme");
    expect(text(info, "certainty")).toBe("Observed");
    expect(text(info, "expires")).toBe("2026-11-29T10:30:00+07:00");
    expect(text(info, "senderName")).toBe("Công an phường Minh Khai");
    expect(text(info, "headline")).toBe("Phát hiện đối tượng trộm xe máy tại ngõ 12 Lê Hồng Phong 🚨");
    expect(text(info, "description")).toBe(TEXT);
    expect(text(info, "web")).toBe("https://keng.example.vn/cap/alerts/K12.xml");
    expect(text(area, "areaDesc")).toBe("Phường Minh Khai");
    expect(child(area, "geocode")).toEqual({ valueName: "keng-area", value: "phuly.minhkhai" });

    expect(childOrder(xml, ["alert"])).toEqual(["identifier", "sender", "sent", "status", "msgType", "scope", "info"]);
    // CAP 1.2 schema order: expires comes before senderName.
    expect(childOrder(xml, ["alert", "info"])).toEqual([
      "language",
      "category",
      "event",
      "responseType",
      "urgency",
      "severity",
      "certainty",
      "expires",
      "senderName",
      "headline",
      "description",
      "web",
      "area",
    ]);
    expect(childOrder(xml, ["alert", "info", "area"])).toEqual(["areaDesc", "geocode"]);
  });

  it("uses the level for urgency, severity and certainty, and Kẻng when there is no unit", () => {
    const cao = parseCap(renderCapAlert(alertOf({ level: "cao", senderUnit: null }), ctx)).info;
    expect([text(cao, "urgency"), text(cao, "severity"), text(cao, "certainty")]).toEqual([
      "Expected",
      "Severe",
      "Observed",
    ]);
    expect(text(cao, "event")).toBe("Tiếng kẻng an ninh – mức cao");
    expect(text(cao, "senderName")).toBe("Kẻng");
    const tb = parseCap(renderCapAlert(alertOf({ level: "tb", senderUnit: "  " }), ctx)).info;
    expect([text(tb, "urgency"), text(tb, "severity"), text(tb, "certainty")]).toEqual([
      "Expected",
      "Moderate",
      "Likely",
    ]);
    expect(text(tb, "event")).toBe("Tiếng kẻng an ninh – mức trung bình");
    expect(text(tb, "senderName")).toBe("Kẻng");
  });

  it("keeps an expired alert's original message unchanged", () => {
    expect(renderCapAlert(alertOf({ state: "expired" }), ctx)).toBe(renderCapAlert(alertOf(), ctx));
  });

  it("renders a cancelled alert as a Cancel of its own that references the original", () => {
    const endedAt = new Date("2026-11-29T02:05:00Z");
    const xml = renderCapAlert(alertOf({ state: "cancelled", endedAt }), ctx);
    const { alert, info } = parseCap(xml);
    expect(text(alert, "identifier")).toBe("phuly.example.vn-K12-cancel");
    expect(text(alert, "sent")).toBe("2026-11-29T09:05:00+07:00");
    expect(text(alert, "msgType")).toBe("Cancel");
    expect(text(alert, "references")).toBe("keng@phuly.example.vn,phuly.example.vn-K12,2026-11-29T08:30:00+07:00");
    expect(text(info, "responseType")).toBe("AllClear");
    expect(text(info, "urgency")).toBe("Past");
    expect(text(info, "severity")).toBe("Extreme");
    expect(text(info, "description")).toBe(TEXT);
    expect(childOrder(xml, ["alert"])).toEqual([
      "identifier",
      "sender",
      "sent",
      "status",
      "msgType",
      "scope",
      "references",
      "info",
    ]);
  });

  it("renders a resolved alert as an Update with AllClear and the closing words first", () => {
    const endedAt = new Date("2026-11-29T02:40:00Z");
    const closureText = "Đã bắt giữ đối tượng. Cảm ơn bà con!";
    const { alert, info } = parseCap(
      renderCapAlert(alertOf({ level: "cao", state: "resolved", endedAt, closureText }), ctx),
    );
    expect(text(alert, "identifier")).toBe("phuly.example.vn-K12-update");
    expect(text(alert, "sent")).toBe("2026-11-29T09:40:00+07:00");
    expect(text(alert, "msgType")).toBe("Update");
    expect(text(alert, "references")).toBe("keng@phuly.example.vn,phuly.example.vn-K12,2026-11-29T08:30:00+07:00");
    expect(text(info, "responseType")).toBe("AllClear");
    expect(text(info, "urgency")).toBe("Past");
    expect(text(info, "description")).toBe(`${closureText}\n\n${TEXT}`);
    expect(text(info, "headline")).toBe("Phát hiện đối tượng trộm xe máy tại ngõ 12 Lê Hồng Phong 🚨");
    // Without closing words the description is the text alone.
    const bare = parseCap(renderCapAlert(alertOf({ state: "resolved", endedAt, closureText: null }), ctx)).info;
    expect(text(bare, "description")).toBe(TEXT);
  });

  it("refuses an ended alert without an end time", () => {
    expect(() => renderCapAlert(alertOf({ state: "resolved" }), ctx)).toThrow(RangeError);
    expect(() => renderCapAlert(alertOf({ state: "cancelled" }), ctx)).toThrow(RangeError);
  });

  it("escapes markup and quotes and strips characters XML 1.0 forbids", () => {
    const raw = `<script>alert("x")</script> & 'y' ]]>\u0000\u0007\u001B\u007F\u0085\uFFFE\uD800 hết\r\ndòng 2\rdòng 3\tcột`;
    const xml = renderCapAlert(alertOf({ text: raw, areaName: "Tổ 5 <A&B>", senderUnit: `CA "phường" & 'xã'` }), ctx);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("]]>");
    const { info, area } = parseCap(xml);
    const expected = `<script>alert("x")</script> & 'y' ]]> hết\ndòng 2\ndòng 3\tcột`;
    expect(text(info, "description")).toBe(expected);
    expect(text(info, "headline")).toBe(`<script>alert("x")</script> & 'y' ]]> hết`);
    expect(text(area, "areaDesc")).toBe("Tổ 5 <A&B>");
    expect(text(info, "senderName")).toBe(`CA "phường" & 'xã'`);
  });

  it("escapes attribute values, and text without touching Vietnamese or emoji", () => {
    expect(escapeXmlAttribute(`a&b<c>"d'e\tf\ng`)).toBe("a&amp;b&lt;c&gt;&quot;d&apos;e&#9;f&#10;g");
    expect(escapeXmlText("Công an 🚔 & <dân>")).toBe("Công an 🚔 &amp; &lt;dân&gt;");
  });

  it("preserves Vietnamese, normalising decomposed diacritics to NFC", () => {
    const composed = "Cảnh báo: kẻ gian đột nhập nhà dân ở phường Hà Nam, Phủ Lý 🙏";
    const { info } = parseCap(renderCapAlert(alertOf({ text: composed.normalize("NFD") }), ctx));
    expect(text(info, "description")).toBe(composed);
    expect(text(info, "description").normalize("NFC")).toBe(text(info, "description"));
  });
});

describe("capHeadline", () => {
  const words = "Đối tượng trộm cắp tài sản đang lẩn trốn trong khu dân cư tổ dân phố số năm phường Minh Khai";

  it("takes the first non-blank line, whitespace collapsed", () => {
    expect(capHeadline(alertOf({ text: "\n  \n  Cháy   nhà\tở ngõ 3  \nchi tiết" }))).toBe("Cháy nhà ở ngõ 3");
    expect(capHeadline(alertOf({ text: " \n " }))).toBe("Tiếng kẻng an ninh – mức khẩn cấp");
  });

  it("keeps a line of exactly 160 characters", () => {
    const line = "ạ".repeat(160);
    expect(capHeadline(alertOf({ text: line }))).toBe(line);
  });

  it("cuts a long line at a word boundary with …, within 160 characters", () => {
    const long = `${words} ${words} ${words}`;
    const headline = capHeadline(alertOf({ text: long }));
    const chars = Array.from(headline);
    expect(chars.length).toBeLessThanOrEqual(160);
    expect(chars.length).toBeGreaterThan(120);
    expect(headline.endsWith("…")).toBe(true);
    const kept = headline.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    expect(long[kept.length]).toBe(" ");
    // The full text is still in the description.
    expect(text(parseCap(renderCapAlert(alertOf({ text: long }), ctx)).info, "description")).toBe(long);
  });

  it("cuts one endless word between graphemes, keeping emoji whole", () => {
    const headline = capHeadline(alertOf({ text: "🚨".repeat(200) }));
    expect(Array.from(headline)).toEqual([...Array<string>(159).fill("🚨"), "…"]);
    const family = capHeadline(alertOf({ text: "a".repeat(150) + "👨‍👩‍👧".repeat(5) }));
    expect(family).toBe(`${"a".repeat(150)}👨‍👩‍👧…`);
  });
});

describe("renderCapFeed", () => {
  const now = new Date("2026-11-29T03:00:00Z");

  it("renders an empty list as a valid feed", () => {
    const feed = child(parseXml(renderCapFeed([], ctx, now)), "feed");
    expect(feed["@_xmlns"]).toBe(ATOM_NAMESPACE);
    expect(text(feed, "id")).toBe("https://keng.example.vn/cap/alerts.xml");
    expect(text(feed, "title")).toBe(CAP_FEED_TITLE);
    expect(CAP_FEED_TITLE).toBe("Kẻng — tiếng kẻng an ninh đang hiệu lực");
    expect(text(feed, "updated")).toBe("2026-11-29T10:00:00+07:00");
    expect(child(feed, "link")).toEqual({
      "@_rel": "self",
      "@_type": "application/atom+xml",
      "@_href": "https://keng.example.vn/cap/alerts.xml",
    });
    expect(child(feed, "author")).toEqual({ name: "Kẻng" });
    expect(feed.entry).toBeUndefined();
  });

  it("renders one entry per alert, newest first, linking to its CAP document", () => {
    const older = alertOf({
      number: 7,
      level: "tb",
      senderUnit: null,
      text: "Cảnh giác lừa đảo qua điện thoại & <mạng>",
      issuedAt: new Date("2026-11-28T23:00:00Z"),
    });
    const newer = alertOf({ number: 12 });
    const feed = child(
      parseXml(renderCapFeed([older, newer], { ...ctx, baseUrl: "https://keng.example.vn/" }, now)),
      "feed",
    );
    const entries = feed.entry;
    if (!Array.isArray(entries)) throw new Error("expected two entries");
    expect(entries).toHaveLength(2);
    const [first, second] = entries as Node[];
    expect(text(first, "id")).toBe("tag:phuly.example.vn,2026-11-29:cap:phuly.example.vn-K12");
    expect(text(first, "title")).toBe("Phát hiện đối tượng trộm xe máy tại ngõ 12 Lê Hồng Phong 🚨");
    expect(text(first, "updated")).toBe("2026-11-29T08:30:00+07:00");
    expect(text(first, "published")).toBe("2026-11-29T08:30:00+07:00");
    expect(text(first, "summary")).toBe(TEXT);
    expect(child(first, "author")).toEqual({ name: "Công an phường Minh Khai" });
    expect(child(first, "link")).toEqual({
      "@_rel": "alternate",
      "@_type": "application/cap+xml",
      "@_href": "https://keng.example.vn/cap/alerts/K12.xml",
    });
    expect(text(second, "id")).toBe("tag:phuly.example.vn,2026-11-29:cap:phuly.example.vn-K7");
    expect(text(second, "title")).toBe("Cảnh giác lừa đảo qua điện thoại & <mạng>");
    expect(text(second, "updated")).toBe("2026-11-29T06:00:00+07:00");
    expect(child(second, "author")).toEqual({ name: "Kẻng" });
    expect(child(second, "link")["@_href"]).toBe("https://keng.example.vn/cap/alerts/K7.xml");
  });

  it("dates an ended entry by its end and escapes the base URL in attributes", () => {
    const resolved = alertOf({ state: "resolved", endedAt: new Date("2026-11-29T02:40:00Z"), closureText: "Đã xong." });
    const feed = child(
      parseXml(renderCapFeed([resolved], { ...ctx, baseUrl: "https://keng.example.vn/a&b'c" }, now)),
      "feed",
    );
    const entry = child(feed, "entry");
    expect(text(entry, "updated")).toBe("2026-11-29T09:40:00+07:00");
    expect(text(entry, "summary")).toBe(`Đã xong.\n\n${TEXT}`);
    expect(child(feed, "link")["@_href"]).toBe("https://keng.example.vn/a&b'c/cap/alerts.xml");
    expect(child(entry, "link")["@_href"]).toBe("https://keng.example.vn/a&b'c/cap/alerts/K12.xml");
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => renderCapFeed([], { ...ctx, baseUrl: "keng.example.vn" }, now)).toThrow(RangeError);
  });
});
