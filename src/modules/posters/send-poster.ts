/**
 * `/apphich [areaCode] [vi|en]` (`/poster`): an officer or admin of the area (or above) gets the
 * area's printable tip-box poster as a PDF document in this private chat. Without an area, the
 * officer's only area; without a language, DEFAULT_LOCALE (posters speak to residents, not to the
 * officer's own language setting).
 */
import type { CommandContext } from "../../core/commands.js";
import { officerArea } from "../areas/officer-area.js";
import { isLocale, t, type Locale } from "../../core/text.js";
import type { PosterDeps } from "./deps.js";
import { makePoster } from "./make-poster.js";
import { isSchoolPoster } from "./poster-content.js";

type PosterArgs =
  | { readonly ok: true; readonly areaCode: string | undefined; readonly locale: Locale | undefined }
  | { readonly ok: false };

/** One area code and one language, each optional, in either order. */
export function parsePosterArgs(args: string): PosterArgs {
  const words = args.split(/\s+/).filter(Boolean);
  const locales = words.map((w) => w.toLowerCase()).filter(isLocale);
  const others = words.filter((w) => !isLocale(w.toLowerCase()));
  if (locales.length > 1 || others.length > 1) return { ok: false };
  return { ok: true, areaCode: others[0], locale: locales[0] };
}

export async function sendPoster(input: { ctx: CommandContext; deps: PosterDeps }): Promise<void> {
  const { ctx, deps } = input;
  const args = parsePosterArgs(ctx.args);
  if (!args.ok) return ctx.reply(t("posters:usage"));
  const area = await officerArea({
    ctx,
    deps,
    typed: args.areaCode,
    replies: {
      command: "apphich",
      whichAreaKey: "posters:whichArea",
      usageKey: "posters:usage",
      forbiddenKey: "posters:forbidden",
    },
  });
  if (!area) return;
  // Zalo's Bot API uploads no files: the PDF reaches Zalo only as a link of ours.
  if (ctx.chat.platform === "zalo" && !deps.settings.zaloFileLinks)
    return ctx.reply(t("posters:zaloUnsupported", { code: area.code }));
  const poster = await makePoster({
    area,
    // A residential group's poster names its ward's police.
    parent: area.parentId === null ? null : await deps.areas.findAreaById(area.parentId),
    locale: args.locale ?? deps.settings.defaultLocale,
    botUsername: deps.directory.botUsername("telegram"),
    zaloLink: deps.settings.zaloBotLink,
    translator: deps.translator,
  });
  if (!poster) return ctx.reply(t("posters:noLinks"));
  await deps.outbox.enqueue([
    {
      // Derived from the update: a redelivered /apphich sends the poster once.
      key: `poster:${ctx.event.platform}:${ctx.event.updateKey}`,
      to: { chatId: ctx.chat.id },
      priority: "interactive",
      message: {
        locale: ctx.locale,
        text: t(isSchoolPoster(area) ? "posters:helpCaption" : "posters:caption", { area: area.name, code: area.code }),
        document: { kind: "bytes", base64: poster.pdf.toString("base64"), filename: poster.filename },
      },
    },
  ]);
}
