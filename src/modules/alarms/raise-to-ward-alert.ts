/**
 * `Nâng thành kẻng phường`: an officer turns a resident's alarm into a full `/keng` for the ward.
 * It opens "Đánh kẻng" step by step at its preview — level khẩn, the commune above the alarm's
 * area, the alarm's words — so one more tap («📢 Gửi») sends it. The alarm counts as confirmed.
 */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { alertAreas, askNext, openAlertDraft, type AlertDraft } from "../alerts/alert-flow.js";
import { localeOf } from "../alerts/alert-message.js";
import { MAX_ALERT_TEXT } from "../alerts/parse-alert-command.js";
import type { AreaRecord } from "../areas/types.js";
import type { AlarmDeps } from "./deps.js";
import { alarmForResponder } from "./responder-alarm.js";
import { alarmId, type AlarmRecord } from "./types.js";
import { isWithin } from "../areas/area-code.js";

const COMMUNE_KINDS = new Set(["xa", "phuong", "dackhu"]);

export async function raiseToWardAlert(input: { ctx: ButtonContext; deps: AlarmDeps; id: number }): Promise<void> {
  const { ctx, deps } = input;
  const flows = deps.flows;
  if (!flows || ctx.chat.kind !== "private") {
    // Refusals of who may press it come first, as before.
    if (await alarmForResponder({ ctx, deps, id: input.id, officerOnly: true }))
      await ctx.answer(t("common:errors.buttonExpired"));
    return;
  }
  const prepared = await prepareWardAlert(input);
  if (!prepared) return;
  await markAlarmRaised({ ctx, deps, ...prepared });
  const draft: AlertDraft = { level: "khan", areaId: prepared.ward.id, text: prepared.text };
  const state = await openAlertDraft({ ctx, flows, draft });
  await ctx.answer();
  await askNext({
    ctx,
    deps,
    flows,
    state,
    draft,
    ack: t("alarms:toWardAlert.ack", { id: alarmId(prepared.alarm.id) }),
  });
}

/**
 * What the ward alert would be (the commune, the prefilled words), once the officer's right is
 * checked; undefined after answering why not. Nothing changes yet (the console shows it as a form).
 */
export async function prepareWardAlert(input: {
  ctx: ButtonContext;
  deps: AlarmDeps;
  id: number;
}): Promise<{ alarm: AlarmRecord; ward: AreaRecord; text: string } | undefined> {
  const { ctx, deps } = input;
  const found = await alarmForResponder({ ctx, deps, id: input.id, officerOnly: true });
  if (!found) return undefined;
  const { alarm } = found;
  if (alarm.state === "false_alarm") {
    await ctx.answer(t("alarms:respond.closed", { id: alarmId(alarm.id) }));
    return undefined;
  }
  const ward = await wardFor(input, alarm);
  if (!ward) {
    await ctx.answer(t("alerts:issue.forbidden"), { alert: true });
    return undefined;
  }
  return { alarm, ward, text: prefilledText(deps, alarm, localeOf(ctx.user.locale, ctx.locale)) };
}

/** The alarm counts as confirmed and becomes "raised to a ward gong" (audited once). */
export async function markAlarmRaised(input: {
  ctx: ButtonContext;
  deps: AlarmDeps;
  alarm: AlarmRecord;
  ward: AreaRecord;
}): Promise<void> {
  const { ctx, deps, alarm, ward } = input;
  const now = deps.clock.now();
  await deps.alarms.answer({ id: alarm.id, at: now });
  if (await deps.alarms.close({ id: alarm.id, state: "raised", byUserId: ctx.user.id, at: now })) {
    await deps.audit.record({
      actorUserId: ctx.user.id,
      action: "alarm.toWardAlert",
      areaId: alarm.areaId,
      subject: alarmId(alarm.id),
      details: { wardAreaId: ward.id },
    });
  }
}

/** The nearest commune above the alarm (or the alarm's own area) where this officer may strike the gong. */
async function wardFor(
  input: { ctx: ButtonContext; deps: AlarmDeps },
  alarm: AlarmRecord,
): Promise<AreaRecord | undefined> {
  const allowed = new Set((await alertAreas(input.ctx, input.deps)).map((a) => a.code));
  const mayStrike = (area: AreaRecord) =>
    input.ctx.isSuperadmin || [...allowed].some((code) => isWithin(area.code, code));
  let area = await input.deps.areas.findAreaById(alarm.areaId);
  let fallback: AreaRecord | undefined;
  for (let depth = 0; area && depth < 12; depth++) {
    if (mayStrike(area)) {
      fallback ??= area;
      if (area.kind && COMMUNE_KINDS.has(area.kind)) return area;
    }
    area = area.parentId === null ? null : await input.deps.areas.findAreaById(area.parentId);
  }
  return fallback;
}

function prefilledText(deps: AlarmDeps, alarm: AlarmRecord, locale: ReturnType<typeof localeOf>): string {
  const text = deps.render(
    t("alarms:toWardAlert.text", {
      category: t(`alarms:category.${alarm.category ?? "other"}`),
      group: alarm.chatTitle ?? "",
      area: alarm.areaName,
      details: alarm.text ?? "",
    }),
    locale,
  );
  return text.trim().slice(0, MAX_ALERT_TEXT);
}
