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

/** `https://t.me/KengBot?start=tip_ninhbinh-p5`: opens the guided tip flow preset to the area. */
export function telegramTipLink(botUsername: string, area: { readonly id: number; readonly code: string }): string {
  return `https://t.me/${botUsername.replace(/^@/, "")}?start=${areaStartPayload("tip", area)}`;
}

/** The poster of an area; undefined when there is no link to print (no Telegram bot name, no Zalo link). */
export function posterContent(input: { area: AreaRecord; parent?: AreaRecord | null; botUsername: string | undefined; zaloLink: string | undefined }): PosterContent | undefined {
  const { area } = input;
  const channels: PosterChannel[] = [];
  if (input.botUsername) {
    channels.push({ platform: "telegram", link: telegramTipLink(input.botUsername, area), label: t("posters:poster.telegram"), hint: t("posters:poster.telegramHint") });
  }
  if (input.zaloLink) channels.push({ platform: "zalo", link: input.zaloLink, label: t("posters:poster.zalo"), hint: t("posters:poster.zaloHint") });
  if (channels.length === 0) return undefined;
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
