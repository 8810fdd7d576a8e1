/**
 * An alert as an OASIS CAP 1.2 message (DESIGN.md §5), served at `GET /cap/alerts/<id>.xml` for ward
 * loudspeakers and websites. Pure functions, no XML library: the few elements are written by hand,
 * every text and attribute goes through {@link escapeXmlText} / {@link escapeXmlAttribute}.
 * The Atom feed of active alerts is in `cap-feed.ts`.
 */

/** Alert levels, most urgent first. */
export type AlertLevel = "khan" | "cao" | "tb";

/** Where an alert is in its life; every alert ends expired, cancelled or resolved. */
export type AlertState = "active" | "expired" | "cancelled" | "resolved";

/** What the CAP renderer needs to know about an alert. */
export interface CapAlert {
  /** Alert id: the alert is `K<number>`. */
  number: number;
  /** Area code, e.g. `ninhbinh.p5`. */
  areaCode: string;
  /** Area name, e.g. `Phường 5`. */
  areaName: string;
  /** Police unit that sent it, e.g. `Công an phường 5`; `null` shows as `Kẻng`. */
  senderUnit: string | null;
  level: AlertLevel;
  /** The officer's raw text (may contain `<`, `&`, emoji, control characters). */
  text: string;
  issuedAt: Date;
  expiresAt: Date;
  state: AlertState;
  /** When it was cancelled or resolved (required in those states), otherwise `null`. */
  endedAt: Date | null;
  /** The officer's closing words for a resolved alert, otherwise `null`. */
  closureText: string | null;
  /** `B` for a resident's alarm an officer or guard confirmed (`/cap/alarms/B<n>.xml`); default `K`, an alert. */
  kind?: CapKind;
  /** The CAP `event` when it is not the alert level's (a resident's alarm). */
  event?: string;
}

/** The letter before the number: `K` alerts, `B` residents' confirmed alarms. */
export type CapKind = "K" | "B";

/** Deployment facts that go into every CAP message. */
export interface CapContext {
  /** CAP `sender`, e.g. `keng@ninhbinh.example.vn`: no whitespace, commas, `<` or `&`. */
  senderId: string;
  /** Public base URL of the bot's HTTP server, e.g. `https://keng.example.vn`. */
  baseUrl: string;
}

/** CAP 1.2 XML namespace. */
export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

/** CAP severity of each alert level (DESIGN.md §5). */
export const CAP_SEVERITY: Record<AlertLevel, "Extreme" | "Severe" | "Moderate"> = {
  khan: "Extreme",
  cao: "Severe",
  tb: "Moderate",
};

/** Vietnamese name of each level, as used in the CAP `event`. */
export const ALERT_LEVEL_NAME_VI: Record<AlertLevel, string> = { khan: "khẩn cấp", cao: "cao", tb: "trung bình" };

/** Who signs when the alert has no police unit. */
export const DEFAULT_SENDER_NAME = "Kẻng";

const HEADLINE_MAX_CHARS = 160;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000; // Asia/Ho_Chi_Minh has had no DST since 1975.

// XML 1.0 §2.2 Char, plus the discouraged DEL and C1 controls (never meaningful in an officer's text).
// With the `u` flag a lone surrogate is one code point outside every range, so it is removed too.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text fit for an XML document: characters XML 1.0 forbids (NUL, most C0 and C1 controls, lone
 * surrogates, U+FFFE/U+FFFF) removed, line ends as `\n` (a parser would turn a bare `\r` into `\n`
 * anyway), Unicode NFC so decomposed Vietnamese diacritics from some keyboards read the same.
 */
export function cleanXmlText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(NOT_XML_CHAR, "").normalize("NFC");
}

/** Escapes cleaned text for element content; `>` too, so `]]>` can never appear. */
export function escapeXmlText(text: string): string {
  return cleanXmlText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes cleaned text for a double- or single-quoted attribute; whitespace kept as references so attribute normalisation does not eat it. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;");
}

/** `<name>text</name>` at the given depth, text escaped. */
export function xmlElement(depth: number, name: string, text: string): string {
  return `${"  ".repeat(depth)}<${name}>${escapeXmlText(text)}</${name}>`;
}

/**
 * A CAP 1.2 datetime in Vietnam time: `2026-11-29T01:30:00Z` → `2026-11-29T08:30:00+07:00`
 * (CAP forbids `Z` and fractional seconds; the milliseconds are dropped).
 * @throws RangeError for an invalid Date or a year outside 0000–9999.
 */
export function formatCapDateTime(instant: Date): string {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("CAP datetime: invalid Date");
  const local = new Date(ms + VIETNAM_OFFSET_MS);
  const year = local.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`CAP datetime: year ${year} out of range`);
  const two = (n: number): string => String(n).padStart(2, "0");
  const date = `${String(year).padStart(4, "0")}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  return `${date}T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}+07:00`;
}

function checkSender(senderId: string): string {
  if (senderId === "" || /[\s,<&]/u.test(senderId)) {
    throw new RangeError(
      `CAP sender must be non-empty without whitespace, commas, < or &: ${JSON.stringify(senderId)}`,
    );
  }
  return senderId;
}

/**
 * The host part of the CAP sender (`keng@ninhbinh.example.vn` → `ninhbinh.example.vn`), lower-case, with
 * anything but letters, digits, `.` and `-` turned into `-`; used in identifiers and tag URIs.
 */
export function capSenderHost(ctx: CapContext): string {
  const sender = checkSender(ctx.senderId);
  const host = sender
    .slice(sender.lastIndexOf("@") + 1)
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, "-");
  return host === "" ? "keng" : host;
}

/**
 * Identifier of an alert's original CAP message: `ninhbinh.example.vn-K12`. Free of spaces, commas and
 * the restricted `<` and `&` (CAP 1.2 §3.3.2), and unique per sender.
 * @throws RangeError if the alert number is not a positive safe integer or the sender is unusable.
 */
export function capIdentifier(ctx: CapContext, alertNumber: number, kind: CapKind = "K"): string {
  if (!Number.isSafeInteger(alertNumber) || alertNumber < 1) {
    throw new RangeError(`alert number must be a positive integer: ${alertNumber}`);
  }
  return `${capSenderHost(ctx)}-${kind}${alertNumber}`;
}

/** `https://keng.example.vn/` → `https://keng.example.vn`. @throws RangeError unless http(s). */
export function capBaseUrl(ctx: CapContext): string {
  const base = ctx.baseUrl.replace(/\/+$/, "");
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) {
    throw new RangeError(`CAP base URL must be an absolute http(s) URL: ${JSON.stringify(ctx.baseUrl)}`);
  }
  return base;
}

/** Where the alert's CAP document is served: `${baseUrl}/cap/alerts/K12.xml` (a confirmed alarm: `/cap/alarms/B3.xml`). */
export function capAlertUrl(ctx: CapContext, alertNumber: number, kind: CapKind = "K"): string {
  return `${capBaseUrl(ctx)}/cap/${kind === "B" ? "alarms" : "alerts"}/${kind}${alertNumber}.xml`;
}

/** The CAP `event`: `Tiếng kẻng an ninh – mức khẩn cấp`. */
export function capEvent(level: AlertLevel): string {
  return `Tiếng kẻng an ninh – mức ${ALERT_LEVEL_NAME_VI[level]}`;
}

/** The unit that sent the alert, or `Kẻng`. */
export function capSenderName(alert: CapAlert): string {
  const unit = cleanXmlText(alert.senderUnit ?? "").trim();
  return unit === "" ? DEFAULT_SENDER_NAME : unit;
}

/**
 * CAP `headline`: the first non-blank line of the text, whitespace collapsed; if longer than 160
 * characters (code points), cut at the last space of the first 159 and ended with `…`. Only a word
 * longer than half the limit is cut inside, and then between graphemes (an emoji stays whole).
 */
export function capHeadline(alert: CapAlert): string {
  const lines = cleanXmlText(alert.text)
    .split("\n")
    .map((l) => l.replace(/\s+/gu, " ").trim());
  const line = lines.find((l) => l !== "") ?? alert.event ?? capEvent(alert.level);
  if (Array.from(line).length <= HEADLINE_MAX_CHARS) return line;
  const room = HEADLINE_MAX_CHARS - 1; // one for "…"
  const segmenter = new Intl.Segmenter("vi", { granularity: "grapheme" });
  let kept = "";
  let keptChars = 0;
  let lastSpace = -1; // length of `kept` (UTF-16) just before its last space
  let lastSpaceChars = 0;
  for (const { segment } of segmenter.segment(line)) {
    const chars = Array.from(segment).length;
    if (segment === " ") {
      lastSpace = kept.length;
      lastSpaceChars = keptChars;
    }
    if (keptChars + chars > room) break;
    kept += segment;
    keptChars += chars;
  }
  // The loop saw the space right after `kept` too, so a cut exactly at a word end is taken as is.
  const cut = lastSpace >= 0 && lastSpaceChars >= room / 2 ? kept.slice(0, lastSpace) : kept;
  return `${cut.replace(/[\s,;:–—-]+$/u, "")}…`;
}

/** CAP `description`: the full text; for a resolved alert the closing words, a blank line, then the text. */
export function capDescription(alert: CapAlert): string {
  const text = cleanXmlText(alert.text).trim();
  const closure = cleanXmlText(alert.closureText ?? "").trim();
  return alert.state === "resolved" && closure !== "" ? `${closure}\n\n${text}` : text;
}

interface CapMessageKind {
  msgType: "Alert" | "Update" | "Cancel";
  /** Appended to the original identifier; an Update/Cancel is a message of its own. */
  suffix: string;
  /** `endedAt` for Update/Cancel. */
  endedAt: Date | null;
}

function messageKind(alert: CapAlert): CapMessageKind {
  switch (alert.state) {
    // An expired alert keeps its original message: a CAP message never changes once sent, and
    // consumers drop it by its `expires`.
    case "active":
    case "expired":
      return { msgType: "Alert", suffix: "", endedAt: null };
    case "cancelled":
    case "resolved": {
      if (alert.endedAt === null) throw new RangeError(`alert K${alert.number} is ${alert.state} but has no endedAt`);
      const cancelled = alert.state === "cancelled";
      return {
        msgType: cancelled ? "Cancel" : "Update",
        suffix: cancelled ? "-cancel" : "-update",
        endedAt: alert.endedAt,
      };
    }
    default: {
      const unknown: never = alert.state;
      throw new RangeError(`unknown alert state ${String(unknown)}`);
    }
  }
}

/**
 * The current CAP 1.2 message for an alert: the `Alert` while active or expired, the `Cancel` once
 * cancelled (`/huykeng`), the `Update` with `AllClear` once resolved (`/ketthuc`). Update and Cancel
 * carry their own identifier (`…-K12-cancel`) and reference the original by
 * `sender,identifier,sent`. Elements follow the CAP 1.2 schema order.
 * @throws RangeError for an unusable context, number or date, or an ended alert without `endedAt`.
 */
export function renderCapAlert(alert: CapAlert, ctx: CapContext): string {
  const kind = messageKind(alert);
  const sender = checkSender(ctx.senderId);
  const identifier = capIdentifier(ctx, alert.number, alert.kind);
  const issued = formatCapDateTime(alert.issuedAt);
  const ended = kind.endedAt !== null;
  const urgency = ended ? "Past" : alert.level === "khan" ? "Immediate" : "Expected";
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<alert xmlns="${CAP_NAMESPACE}">`,
    xmlElement(1, "identifier", identifier + kind.suffix),
    xmlElement(1, "sender", sender),
    xmlElement(1, "sent", kind.endedAt === null ? issued : formatCapDateTime(kind.endedAt)),
    xmlElement(1, "status", "Actual"),
    xmlElement(1, "msgType", kind.msgType),
    xmlElement(1, "scope", "Public"),
    ...(ended ? [xmlElement(1, "references", `${sender},${identifier},${issued}`)] : []),
    `  <info>`,
    xmlElement(2, "language", "vi-VN"),
    xmlElement(2, "category", "Security"),
    xmlElement(2, "event", alert.event ?? capEvent(alert.level)),
    xmlElement(2, "responseType", ended ? "AllClear" : "Monitor"),
    xmlElement(2, "urgency", urgency),
    xmlElement(2, "severity", CAP_SEVERITY[alert.level]),
    xmlElement(2, "certainty", alert.level === "tb" ? "Likely" : "Observed"),
    xmlElement(2, "expires", formatCapDateTime(alert.expiresAt)),
    xmlElement(2, "senderName", capSenderName(alert)),
    xmlElement(2, "headline", capHeadline(alert)),
    xmlElement(2, "description", capDescription(alert)),
    xmlElement(2, "web", capAlertUrl(ctx, alert.number, alert.kind)),
    `    <area>`,
    xmlElement(3, "areaDesc", alert.areaName),
    `      <geocode>`,
    xmlElement(4, "valueName", "keng-area"),
    xmlElement(4, "value", alert.areaCode),
    `      </geocode>`,
    `    </area>`,
    `  </info>`,
    `</alert>`,
  ];
  return `${lines.join("\n")}\n`;
}
