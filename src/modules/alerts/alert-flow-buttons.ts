/** Buttons of "Đánh kẻng" step by step (`keng:…`); a press that does not fit the current step is stale. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { ALERT_FLOW, AlertDraftSchema, alertAreas, askNext, nextStep, startAlertFlow } from "./alert-flow.js";
import type { AlertDeps } from "./deps.js";
import { reachesSomeone, sendAlert } from "./issue-alert.js";
import { DEFAULT_ALERT_TTL_MS } from "./parse-alert-command.js";

export async function pressAlertFlowButton(input: {
  ctx: ButtonContext;
  deps: AlertDeps;
  payload: string;
}): Promise<void> {
  const { ctx, deps, payload } = input;
  const flows = deps.flows;
  if (payload === "start") {
    // The menu's "Đánh kẻng": only officers get further than a polite refusal.
    await ctx.answer();
    return startAlertFlow({ ctx, deps });
  }
  const state = flows && ctx.chat.kind === "private" ? await flows.store.get(flows.keyOf(ctx.chat)) : null;
  const parsed = state?.flow === ALERT_FLOW ? AlertDraftSchema.safeParse(state.data) : undefined;
  if (!flows || !state || !parsed?.success) return ctx.answer(t("alerts:flow.stale"));
  const draft = parsed.data;
  const step = nextStep(draft);
  const [kind, value] = payload.split(":");
  if (kind === "cancel") {
    await ctx.answer();
    await flows.store.finish(state);
    return ctx.reply(t("alerts:flow.cancelled"));
  }
  if (kind === "lv" && step === "level" && (value === "khan" || value === "cao" || value === "tb")) {
    await ctx.answer();
    return askNext({ ctx, deps, flows, state, draft: { ...draft, level: value } });
  }
  if (kind === "ar" && step === "area") {
    const area = (await alertAreas(ctx, deps)).find((a) => String(a.id) === value);
    if (!area) return ctx.answer(t("alerts:flow.stale"));
    await ctx.answer();
    // Said before the text is typed: an alert here would reach nobody.
    if (!(await reachesSomeone(ctx, deps, area))) return;
    return askNext({ ctx, deps, flows, state, draft: { ...draft, areaId: area.id } });
  }
  if (kind === "send" && step === "confirm") {
    const area = draft.areaId === undefined ? null : await deps.areas.findAreaById(draft.areaId);
    // Checked again at the press: a role may have been revoked meanwhile.
    if (!area || !(await deps.access.holds(ctx.user, "officer", area.code))) {
      await flows.store.finish(state);
      return ctx.answer(t("alerts:issue.forbidden"), { alert: true });
    }
    // Finished first: of two presses of "Gửi" only one sends.
    if (!(await flows.store.finish(state))) return ctx.answer(t("alerts:flow.stale"));
    await ctx.answer();
    return sendAlert({
      ctx,
      deps,
      area,
      level: draft.level ?? "cao",
      text: draft.text ?? "",
      ttlMs: draft.ttlMs ?? DEFAULT_ALERT_TTL_MS,
      sourceKey: `flow:${state.key}:${state.version.getTime()}`,
    });
  }
  return ctx.answer(t("alerts:flow.stale"));
}
