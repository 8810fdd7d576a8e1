/**
 * Tip digests for officers (DESIGN.md §8): a private chat takes about one message a second, so
 * during a burst the officer cards waiting for one officer are merged into digest messages — each
 * tip with its code, kind, area and first line, and its own buttons (the same callback data as the
 * single card). The deliver worker asks when it is about to send a card and newer cards wait for
 * the same chat; a card that waits alone is sent unchanged.
 *
 * Telegram: each tip keeps its four action buttons (plus `📄 Xem đủ`, which sends the full card, when
 * the first line is not the whole text or the tipster left contact details), so a digest holds at most 100 / 4 = 25 tips and stays under 4,096 characters.
 * Zalo has no buttons, only numbered replies (at most 99 open numbers per chat): each tip gets one
 * numbered choice that opens its full card, whose four actions are then numbered in turn.
 */
import type { DeliverySource } from "../../core/delivery-source.js";
import type { Button, OutboundMessage, PlatformName } from "../../core/messages.js";
import { lines, t, type Locale, type Text } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import type { TipSettings } from "./deps.js";
import type { TipDigestSource, TipRecord } from "./types.js";

/** Characters of a tip's first line shown in a digest. */
const PREVIEW_CHARS = 120;

interface Layout {
  /** Rendered characters a digest may hold (HTML as rendered, which is never shorter than the text shown). */
  readonly textBudget: number;
  readonly maxButtons: number;
  readonly maxTips: number;
  /** Characters the platform adds per button (Zalo prints each as a numbered line). */
  readonly perButtonChars: number;
}

const LAYOUTS: Record<PlatformName, Layout> = {
  telegram: { textBudget: 4096 - 96, maxButtons: 100, maxTips: 25, perButtonChars: 0 },
  // Zalo splits at 2,000 characters; numbered lines ("12 — 📄 Mở tin TG-…") and a footer follow the text.
  zalo: { textBudget: 2000 - 120, maxButtons: 15, maxTips: 15, perButtonChars: 40 },
};

/** A pending delivery offered for a digest (the deliver worker's candidate). */
export interface DigestCandidate {
  readonly id: bigint;
  readonly source: DeliverySource | null;
  readonly message: OutboundMessage;
}

interface Entry {
  readonly candidateIds: bigint[];
  readonly tip: TipRecord;
  readonly photos: number;
  readonly level: number;
}

export class OfficerDigester {
  constructor(
    private readonly options: {
      tips: TipDigestSource;
      settings: Pick<TipSettings, "escalateMinutes">;
      /** Rendered length of a text in a locale (HTML, user strings escaped). */
      measure: (text: Text, locale: Locale) => number;
    },
  ) {}

  /** Cards sent by forwarding and escalation; a card an officer asked for (`📄 Xem đủ`) always goes alone. */
  accepts(source: DeliverySource | null, _platform: PlatformName): boolean {
    return source?.kind === "tipCard";
  }

  async digest(input: {
    platform: PlatformName;
    first: DigestCandidate;
    others: readonly DigestCandidate[];
  }): Promise<{ message: OutboundMessage; covered: readonly bigint[] } | null> {
    const candidates = [input.first, ...input.others].flatMap(({ id, source }) =>
      source?.kind === "tipCard" ? [{ id, tipId: source.id, level: source.level }] : [],
    );
    const found = new Map(
      (await this.options.tips.findForDigest([...new Set(candidates.map((c) => c.tipId))])).map((f) => [f.tip.id, f]),
    );
    const entries: Entry[] = [];
    for (const c of candidates) {
      const hit = found.get(c.tipId);
      // A tip that cannot be read is left to its own card (or to nobody, if it is gone).
      if (!hit) continue;
      const same = entries.find((e) => e.tip.id === c.tipId);
      if (same) same.candidateIds.push(c.id);
      else entries.push({ candidateIds: [c.id], tip: hit.tip, photos: hit.photos, level: c.level });
    }
    if (entries[0]?.candidateIds[0] !== input.first.id) return null;
    const locale = input.first.message.locale;
    const chosen = this.fit({ entries, platform: input.platform, locale });
    if (chosen.length < 2) return null;
    return {
      message: {
        locale,
        text: lines(
          t("tips:digest.title", { count: chosen.length }),
          ...chosen.map((c) => c.text),
          hint(
            input.platform,
            chosen.some((c) => hasMedia(c.entry)),
          ),
        ),
        buttons: chosen.flatMap((c) => c.buttons),
      },
      covered: chosen.flatMap((c) => c.entry.candidateIds).filter((id) => id !== input.first.id),
    };
  }

  /** The first entries that fit one message of this platform. */
  private fit(input: { entries: readonly Entry[]; platform: PlatformName; locale: Locale }) {
    const layout = LAYOUTS[input.platform];
    const { measure } = this.options;
    let used =
      measure(t("tips:digest.title", { count: layout.maxTips }), input.locale) +
      measure(hint(input.platform, true), input.locale) +
      2;
    let buttons = 0;
    const chosen: { entry: Entry; text: Text; buttons: Button[][] }[] = [];
    for (const entry of input.entries) {
      const n = chosen.length + 1;
      const preview = firstLine(entry.tip.text);
      const text = this.entryText(entry, n, preview);
      const rows =
        input.platform === "zalo"
          ? [[{ text: t("tips:digest.open", { code: entry.tip.code }), callback: tipData.show(entry.tip.id) }]]
          : telegramButtons(entry.tip.id, n, preview.cut || hasContact(entry.tip));
      const count = rows.flat().length;
      const size = measure(text, input.locale) + 2 + count * layout.perButtonChars;
      if (chosen.length >= layout.maxTips || buttons + count > layout.maxButtons || used + size > layout.textBudget)
        break;
      chosen.push({ entry, text, buttons: rows });
      used += size;
      buttons += count;
    }
    return chosen;
  }

  private entryText(entry: Entry, n: number, preview: { text: string | null }): Text {
    const { tip } = entry;
    const minutes = Math.round(this.options.settings.escalateMinutes * entry.level * 100) / 100;
    return lines(
      { raw: "" },
      t("tips:digest.entry", {
        n,
        code: tip.code,
        category: t(`tips:category.${tip.category}`),
        area: tip.area.name,
        escalated: entry.level > 0 ? t("tips:digest.escalated", { minutes }) : "",
        photos: entry.photos > 0 ? t("tips:digest.photos", { count: entry.photos }) : "",
        location: tip.location ? t("tips:digest.location") : "",
        contact: hasContact(tip) ? t("tips:digest.contact") : "",
      }),
      preview.text === null ? t("tips:digest.noText") : t("tips:digest.preview", { text: preview.text }),
    );
  }
}

function hint(platform: PlatformName, media: boolean): Text {
  const main = t(platform === "zalo" ? "tips:digest.hintZalo" : "tips:digest.hint");
  return media ? lines(main, t("tips:digest.mediaNote")) : main;
}

/** Photos and the location are separate messages, queued after the card: they follow the digest. */
const hasMedia = (entry: Entry): boolean => entry.photos > 0 || entry.tip.location !== null;

/** Contact details the tipster typed are shown on the full card only. */
const hasContact = (tip: TipRecord): boolean => !tip.anonymous && tip.contact !== null && tip.contact !== "";

/** The single card's four actions, numbered like the tip's line, and `Xem đủ` when the line does not say everything. */
function telegramButtons(tipId: number, n: number, cut: boolean): Button[][] {
  const label = (key: string) => t("tips:digest.button", { n, label: t(key) });
  return [
    [
      { text: label("tips:button.take"), callback: tipData.take(tipId) },
      { text: label("tips:button.valuable"), callback: tipData.valuable(tipId) },
    ],
    [
      { text: label("tips:button.ask"), callback: tipData.ask(tipId) },
      { text: label("tips:button.close"), callback: tipData.close(tipId) },
    ],
    ...(cut ? [[{ text: label("tips:digest.show"), callback: tipData.show(tipId) }]] : []),
  ];
}

/** The first non-empty line, at most PREVIEW_CHARS characters (never splitting a character); `cut` when more text exists. */
export function firstLine(text: string | null): { text: string | null; cut: boolean } {
  const all = text?.trim() ?? "";
  if (!all) return { text: null, cut: false };
  const line = all.split(/\r?\n/, 1)[0]?.trim() ?? "";
  const chars = Array.from(line);
  const shown =
    chars.length > PREVIEW_CHARS
      ? `${chars
          .slice(0, PREVIEW_CHARS - 1)
          .join("")
          .trimEnd()}…`
      : line;
  return { text: shown, cut: chars.length > PREVIEW_CHARS || line.length < all.length };
}
