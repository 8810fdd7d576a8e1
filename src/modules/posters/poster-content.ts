/**
 * What a tip-box poster says, as i18n Text and links: the title, the area (name and police unit),
 * one QR code per platform that can take the tip (Telegram's `tip_<area>` deep link, the Zalo bot
 * link when configured), three lines on anonymity and tracking codes, and the area's phone.
 */
import { raw, t, type Text } from "../../core/text.js";
import { areaStartPayload } from "../areas/area-code.js";
import { policeUnitName } from "../areas/police-unit.js";
import type { AreaRecord } from "../areas/types.js";

/** A QR code on the poster: the link it encodes and the lines printed under it. */
export interface PosterChannel {
  readonly platform: "telegram" | "zalo";
  readonly link: string;
  readonly label: Text;
  readonly hint: Text;
}

export interface PosterContent {
  readonly title: Text;
  readonly subtitle: Text;
  readonly areaName: Text;
  /** The police unit of the area: the one the admin set (`/suakhuvuc <area> donvi …`) or one worded from its kind. */
  readonly unitName: Text | undefined;
  readonly scan: Text;
  /** Telegram first; never empty. */
  readonly channels: readonly PosterChannel[];
  /** Anonymity, the tracking code, how to follow a tip. */
  readonly points: readonly [Text, Text, Text];
  readonly phone: Text | undefined;
  readonly emergency: Text;
  readonly footer: Text;
}

/** `https://t.me/KengBot?start=tip_ninhbinh-p5`: opens the guided tip flow preset to the area (`help_…`: a school's help mailbox). */
export function telegramTipLink(
  botUsername: string,
  area: { readonly id: number; readonly code: string },
  prefix: "tip" | "help" = "tip",
): string {
  return `https://t.me/${botUsername.replace(/^@/, "")}?start=${areaStartPayload(prefix, area)}`;
}

/** A school's poster is its help mailbox (issue 18): words for a teenager, 111 and 113. */
export function isSchoolPoster(area: Pick<AreaRecord, "kind">): boolean {
  return area.kind === "truonghoc";
}

/** The poster of an area; undefined when there is no link to print (no Telegram bot name, no Zalo link). */
export function posterContent(input: {
  area: AreaRecord;
  parent?: AreaRecord | null;
  botUsername: string | undefined;
  zaloLink: string | undefined;
}): PosterContent | undefined {
  const { area } = input;
  const school = isSchoolPoster(area);
  // The school poster's words live under `posters:school`, the same keys as `posters:poster`.
  const k = (key: string) => `posters:${school ? "school" : "poster"}.${key}`;
  const channels: PosterChannel[] = [];
  if (input.botUsername) {
    channels.push({
      platform: "telegram",
      link: telegramTipLink(input.botUsername, area, school ? "help" : "tip"),
      label: t("posters:poster.telegram"),
      hint: t(k("telegramHint")),
    });
  }
  if (input.zaloLink)
    channels.push({ platform: "zalo", link: input.zaloLink, label: t("posters:poster.zalo"), hint: t(k("zaloHint")) });
  if (channels.length === 0) return undefined;
  if (school) {
    return {
      title: t(k("title")),
      subtitle: t(k("subtitle")),
      areaName: raw(area.name),
      unitName: undefined,
      scan: t(k("scan")),
      channels,
      points: [t(k("anonymous")), t(k("tracking")), t(k("follow"))],
      phone: undefined,
      emergency: t(k("emergency")),
      footer: t(k("footer"), { area: area.name, code: area.code }),
    };
  }
  return {
    title: t("posters:poster.title"),
    subtitle: t("posters:poster.subtitle"),
    areaName: raw(area.name),
    unitName: policeUnitName(area, input.parent),
    scan: t("posters:poster.scan"),
    channels,
    points: [t("posters:poster.anonymous"), t("posters:poster.tracking"), t("posters:poster.follow")],
    phone: area.phone ? t("posters:poster.phone", { phone: area.phone }) : undefined,
    emergency: t("posters:poster.emergency"),
    footer: t("posters:poster.footer", { area: area.name, code: area.code }),
  };
}

/** `poster-ninhbinh.p5-vi.pdf`. */
export function posterFilename(areaCode: string, locale: string): string {
  return `poster-${areaCode}-${locale}.pdf`;
}
