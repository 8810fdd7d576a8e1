/**
 * Active alerts as an Atom 1.0 feed (RFC 4287), served at `GET /cap/alerts.xml` (DESIGN.md §5):
 * one entry per alert, each linking to its CAP document.
 */
import {
  capAlertUrl,
  capBaseUrl,
  capDescription,
  capHeadline,
  capIdentifier,
  capSenderHost,
  capSenderName,
  DEFAULT_SENDER_NAME,
  escapeXmlAttribute,
  formatCapDateTime,
  xmlElement,
  type CapAlert,
  type CapContext,
} from "./cap.js";

/** Atom 1.0 XML namespace. */
export const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";

/** Title of the feed. */
export const CAP_FEED_TITLE = "Kẻng — tiếng kẻng an ninh đang hiệu lực";

/** Where the feed is served: `${baseUrl}/cap/alerts.xml`; also its Atom `id`. */
export function capFeedUrl(ctx: CapContext): string {
  return `${capBaseUrl(ctx)}/cap/alerts.xml`;
}

/**
 * Atom `id` of an alert's entry, a tag URI (RFC 4151) on the sender's host dated the day the alert
 * was issued: `tag:ninhbinh.example.vn,2026-11-29:cap:ninhbinh.example.vn-K12`. It names the alert, not a
 * CAP message, so the entry keeps its id when the alert is updated or cancelled.
 */
export function capEntryId(alert: CapAlert, ctx: CapContext): string {
  const day = formatCapDateTime(alert.issuedAt).slice(0, 10);
  return `tag:${capSenderHost(ctx)},${day}:cap:${capIdentifier(ctx, alert.number, alert.kind)}`;
}

/** When the entry last changed: the later of issued and ended. */
function entryUpdated(alert: CapAlert): Date {
  return alert.endedAt !== null && alert.endedAt.getTime() > alert.issuedAt.getTime() ? alert.endedAt : alert.issuedAt;
}

function renderEntry(alert: CapAlert, ctx: CapContext): string[] {
  const href = escapeXmlAttribute(capAlertUrl(ctx, alert.number, alert.kind));
  return [
    `  <entry>`,
    xmlElement(2, "id", capEntryId(alert, ctx)),
    xmlElement(2, "title", capHeadline(alert)),
    xmlElement(2, "published", formatCapDateTime(alert.issuedAt)),
    xmlElement(2, "updated", formatCapDateTime(entryUpdated(alert))),
    `    <author>`,
    xmlElement(3, "name", capSenderName(alert)),
    `    </author>`,
    `    <link rel="alternate" type="application/cap+xml" href="${href}"/>`,
    xmlElement(2, "summary", capDescription(alert)),
    `  </entry>`,
  ];
}

/**
 * Atom 1.0 feed of the given alerts (the caller passes the active ones), newest change first.
 * `updated` is `now`: the feed also changes when an alert leaves it, which no entry date shows.
 * An empty list gives a valid feed with no entries (the feed-level author keeps it valid).
 * @throws RangeError for an unusable context, alert number or date.
 */
export function renderCapFeed(alerts: readonly CapAlert[], ctx: CapContext, now: Date): string {
  const self = capFeedUrl(ctx);
  const sorted = [...alerts].sort(
    (a, b) => entryUpdated(b).getTime() - entryUpdated(a).getTime() || b.number - a.number,
  );
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<feed xmlns="${ATOM_NAMESPACE}" xml:lang="vi">`,
    xmlElement(1, "id", self),
    xmlElement(1, "title", CAP_FEED_TITLE),
    xmlElement(1, "updated", formatCapDateTime(now)),
    `  <link rel="self" type="application/atom+xml" href="${escapeXmlAttribute(self)}"/>`,
    `  <author>`,
    xmlElement(2, "name", DEFAULT_SENDER_NAME),
    `  </author>`,
    ...sorted.flatMap((alert) => renderEntry(alert, ctx)),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}
