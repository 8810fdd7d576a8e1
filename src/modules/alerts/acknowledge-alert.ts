/**
 * `✅ Đã nhận` on an alert: one acknowledgement per user, refused once the alert has ended or
 * expired. The toast says how many have acknowledged; the officer's progress message shows it too.
 * In a Zalo group, where a "toast" is a message everyone reads, the group hears one thank-you per
 * alert (DESIGN.md §4 "On Zalo"), not one per person.
 */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AlertDeps } from "./deps.js";
import { progressEdit } from "./report-progress.js";

/** The officer's progress message is edited for the first acknowledgements, then every tenth. */
const shouldEditProgress = (people: number) => people <= 10 || people % 10 === 0;

export async function acknowledgeAlert(options: {
  ctx: ButtonContext;
  payload: string;
  deps: AlertDeps;
}): Promise<void> {
  const { ctx, deps } = options;
  const id = /^\d{1,9}$/.test(options.payload) ? Number(options.payload) : undefined;
  // One statement: the alert, the acknowledgement while it is in force, the count after it, and the
  // update's done mark (not in a Zalo group, whose thank-you is queued after the statement).
  const now = deps.clock.now();
  const zaloGroup = ctx.chat.platform === "zalo" && ctx.chat.kind === "group";
  const ledger = ctx.ledger && !zaloGroup ? { ledger: ctx.ledger } : {};
  const pressed =
    id === undefined
      ? null
      : await deps.alerts.press({ alertId: id, userId: ctx.user.id, chatId: ctx.chat.id, now, ...ledger });
  if (!pressed) return ctx.answer(t("common:errors.buttonExpired"));
  const { alert, fresh, people } = pressed;
  const ended = alert.state === "cancelled" || alert.state === "resolved";
  if (ended || alert.state === "expired" || alert.expiresAt <= now) {
    return ctx.answer(t(ended ? "alerts:ack.ended" : "alerts:ack.expired"));
  }
  const thanks = t(fresh ? "alerts:ack.thanks" : "alerts:ack.already", { count: people });
  if (zaloGroup) {
    // Keyed per alert and group: the outbox sends the first and skips the rest.
    await deps.outbox.enqueue([
      {
        key: `alert:${alert.id}:zalo-thanks:${ctx.chat.id}`,
        to: { chatId: ctx.chat.id },
        priority: "interactive",
        message: { locale: ctx.locale, text: t("alerts:ack.groupThanks") },
      },
    ]);
    await ctx.answer();
  } else {
    await ctx.answer(thanks);
  }
  if (fresh && deps.ackEdits) await deps.ackEdits.noted(alert.id, people);
  else if (fresh && shouldEditProgress(people)) {
    const edit = await progressEdit(deps, alert.id);
    // Never a "summary": on Zalo, where edits do not exist, it would be a new message per press.
    const { summary: _summary, ...message } = edit?.item.message ?? { summary: undefined };
    if (edit)
      await deps.outbox.enqueue([
        { ...edit.item, priority: "interactive", message: { ...edit.item.message, ...message, summary: false } },
      ]);
  }
}
