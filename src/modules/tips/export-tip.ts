/**
 * "📄 Xuất phiếu": a tip as a plain-text sheet for the unit's official register of crime reports
 * (Thông tư 28/2020/TT-BCA). The mailbox is not that register: an officer who accepts a tip records
 * it there. The sheet holds what the register needs — code, time, category, area, text, follow-ups,
 * status and outcome — and nothing that names the tipster (not even contact details they typed).
 */
import type { ButtonContext } from "../../core/commands.js";
import { t, type Locale } from "../../core/text.js";
import { noEscape, type Translator } from "../../core/i18n.js";
import { formatDateTime } from "../../core/time.js";
import type { TipDeps } from "./deps.js";
import { mayHandle } from "./help-request.js";
import type { TipMessageRecord, TipRecord } from "./types.js";

export async function exportTip(input: { ctx: ButtonContext; deps: TipDeps; tipId: number }): Promise<void> {
  const { ctx, deps } = input;
  const tip = await deps.tips.findById(input.tipId);
  if (!tip || ctx.chat.kind !== "private" || !(await mayHandle(deps.access, ctx.user, tip))) {
    return ctx.answer(t("tips:officer.notFound"), { alert: true });
  }
  await ctx.answer(t("tips:export.sent"));
  await deps.audit.record({ actorUserId: ctx.user.id, action: "tip.export", areaId: tip.area.id, subject: tip.code });
  const sheet = tipSheet({
    tip,
    messages: await deps.tips.messages(tip.id),
    locale: ctx.locale,
    timeZone: deps.settings.timeZone,
    translator: deps.translator,
  });
  await deps.outbox.enqueue([
    {
      key: `tip:${tip.id}:export:${ctx.event.platform}:${ctx.event.updateKey}`,
      to: { chatId: ctx.chat.id },
      priority: "interactive",
      source: { kind: "tip", id: tip.id },
      message: {
        locale: ctx.locale,
        text: t("tips:export.caption", { code: tip.code }),
        document: {
          kind: "bytes",
          base64: Buffer.from(`\uFEFF${sheet}`, "utf8").toString("base64"),
          filename: `phieu-${tip.code}.txt`,
        },
      },
    },
  ]);
}

/** The sheet's text, in the officer's language (UTF-8 with a BOM when written, for Windows editors). */
export function tipSheet(input: {
  tip: TipRecord;
  messages: readonly TipMessageRecord[];
  locale: Locale;
  timeZone: string;
  translator: Translator;
}): string {
  const { tip, locale, timeZone } = input;
  const s = (key: string, params?: Record<string, string | number>) =>
    input.translator.render(t(key, params), locale, noEscape);
  const at = (date: Date) => formatDateTime(date, locale, timeZone);
  const outcome =
    tip.status !== "closed"
      ? s("tips:export.open")
      : s("tips:export.outcome", {
          case: s(tip.outcome.caseOpened ? "tips:word.yes" : "tips:word.no"),
          arrested: tip.outcome.peopleArrested,
          assets: tip.outcome.assetsRecovered.toString(),
        });
  const followUps = input.messages
    .filter((m) => m.text)
    .map(
      (m) =>
        `- ${at(m.createdAt)} ${s(m.direction === "from_tipster" ? "tips:export.fromTipster" : "tips:export.toTipster")}: ${m.text ?? ""}`,
    );
  return [
    s("tips:export.title"),
    s("tips:export.notRegister"),
    "",
    s("tips:export.code", { code: tip.code }),
    s("tips:export.received", { time: at(tip.createdAt) }),
    s("tips:export.category", { category: s(`tips:category.${tip.category}`) }),
    s("tips:export.area", { area: tip.area.name, code: tip.area.code }),
    s("tips:export.status", { status: s(`tips:status.${tip.status}`) }),
    ...(tip.closedAt ? [s("tips:export.closed", { time: at(tip.closedAt) })] : []),
    outcome,
    ...(tip.location
      ? [
          s("tips:export.location", {
            latitude: tip.location.latitude.toFixed(5),
            longitude: tip.location.longitude.toFixed(5),
          }),
        ]
      : []),
    "",
    s("tips:export.text"),
    tip.text ?? s("tips:card.noText"),
    ...(followUps.length > 0 ? ["", s("tips:export.followUps"), ...followUps] : []),
    "",
    s("tips:export.identity"),
    "",
  ].join("\n");
}
