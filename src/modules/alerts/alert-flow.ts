/**
 * "Đánh kẻng" step by step (bare `/keng` in a private chat, or the `keng:start` button of a menu):
 * level and area with buttons, then the text, then a preview with one "Gửi" button. Kept in the
 * flows store, so a restart keeps the draft; it disappears after ALERT_FLOW_TTL_SECONDS.
 */
import { z } from "zod";
import type { RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import type { AreaRecord } from "../areas/types.js";
import { flowDataReader } from "../flows/flow-data.js";
import type { FlowHandler, FlowState } from "../flows/types.js";
import type { AlertDeps } from "./deps.js";
import { DEFAULT_ALERT_TTL_MS, parseAlertCommand } from "./parse-alert-command.js";

export const ALERT_FLOW = "alert";
export const ALERT_FLOW_TTL_SECONDS = 15 * 60;
/** Callback prefix of the flow's buttons; `keng:start` opens the flow (for menus). */
export const ALERT_FLOW_PREFIX = "keng";
export const START_ALERT_CALLBACK = `${ALERT_FLOW_PREFIX}:start`;

export const AlertDraftSchema = z.object({
  level: z.enum(["khan", "cao", "tb"]).optional(),
  areaId: z.number().int().positive().optional(),
  text: z.string().min(1).optional(),
  ttlMs: z.number().int().positive().optional(),
});
export type AlertDraft = z.infer<typeof AlertDraftSchema>;
type Step = "level" | "area" | "text" | "confirm";

export const nextStep = (draft: AlertDraft): Step =>
  !draft.level ? "level" : draft.areaId === undefined ? "area" : !draft.text ? "text" : "confirm";
const cancelRow = (): Button[] => [{ text: t("alerts:flow.cancelButton"), callback: `${ALERT_FLOW_PREFIX}:cancel` }];
type Flows = NonNullable<AlertDeps["flows"]>;

/** The areas this person may strike the gong in (officer or admin grants). */
export async function alertAreas(ctx: RequestContext, deps: AlertDeps): Promise<AreaRecord[]> {
  const grants = (await deps.access.grants(ctx.user)).filter((g) => g.role === "officer" || g.role === "admin");
  return [...new Map(grants.map((g) => [g.area.id, g.area])).values()];
}

/** Saves a new alert draft for this chat at the step it needs next (`/keng` alone, or a resident's alarm raised to a ward alert). */
export function openAlertDraft(input: { ctx: RequestContext; flows: Flows; draft: AlertDraft }) {
  const { ctx, flows, draft } = input;
  return flows.store.start({
    key: flows.keyOf(ctx.chat),
    flow: ALERT_FLOW,
    step: nextStep(draft),
    data: draft,
    ttlSeconds: ALERT_FLOW_TTL_SECONDS,
  });
}

export async function startAlertFlow(input: { ctx: RequestContext; deps: AlertDeps }): Promise<void> {
  const { ctx, deps } = input;
  const flows = deps.flows;
  if (!flows || ctx.chat.kind !== "private") return ctx.reply(t("alerts:issue.usage"));
  const areas = await alertAreas(ctx, deps);
  if (areas.length === 0) return ctx.reply(t("alerts:issue.forbidden"));
  // One area: nothing to choose.
  const draft: AlertDraft = areas.length === 1 && areas[0] ? { areaId: areas[0].id } : {};
  const state = await openAlertDraft({ ctx, flows, draft });
  await askNext({ ctx, deps, flows, state, draft });
}

/** Saves the draft and asks for what it needs next (at "confirm", the preview with "Gửi"). */
export async function askNext(input: {
  ctx: RequestContext;
  deps: AlertDeps;
  flows: Flows;
  state: FlowState;
  draft: AlertDraft;
  ack?: Text;
}): Promise<void> {
  const { ctx, deps, draft } = input;
  const step = nextStep(draft);
  const saved = await input.flows.store.advance(input.state, { step, data: draft, ttlSeconds: ALERT_FLOW_TTL_SECONDS });
  if (!saved) return; // another update moved the flow on, and answers for it
  const withAck = (text: Text) => (input.ack ? lines(input.ack, text) : text);
  if (step === "level") {
    const levels = (["khan", "cao", "tb"] as const).map((level) => [
      { text: t(`alerts:flow.level.${level}`), callback: `${ALERT_FLOW_PREFIX}:lv:${level}` },
    ]);
    return ctx.reply(withAck(t("alerts:flow.askLevel")), { buttons: [...levels, cancelRow()] });
  }
  if (step === "area") {
    const areas = await alertAreas(ctx, deps);
    const rows = areas
      .slice(0, 20)
      .map((area) => [{ text: raw(area.name), callback: `${ALERT_FLOW_PREFIX}:ar:${area.id}` }]);
    return ctx.reply(withAck(t("alerts:flow.askArea")), { buttons: [...rows, cancelRow()] });
  }
  const area = draft.areaId === undefined ? null : await deps.areas.findAreaById(draft.areaId);
  if (!area) return ctx.reply(t("alerts:flow.expired"));
  if (step === "text")
    return ctx.reply(withAck(t("alerts:flow.askText", { area: area.name })), {
      buttons: [cancelRow()],
      expectsText: true,
    });
  const targets = await deps.alerts.targets(area.code);
  const preview = t("alerts:flow.preview", {
    level: t(`alerts:flow.level.${draft.level ?? "cao"}`),
    area: area.name,
    groups: targets.filter((x) => x.kind === "group").length,
    followers: targets.filter((x) => x.kind === "private").length,
    hours: Math.round((draft.ttlMs ?? DEFAULT_ALERT_TTL_MS) / 3600_000),
    text: raw(draft.text ?? ""),
  });
  return ctx.reply(withAck(preview), {
    buttons: [
      [{ text: t("alerts:flow.sendButton"), callback: `${ALERT_FLOW_PREFIX}:send`, primary: true }],
      cancelRow(),
    ],
  });
}

const readDraft = flowDataReader(AlertDraftSchema, t("alerts:flow.expired"));

export function alertFlowHandler(deps: AlertDeps, flows: Flows): FlowHandler {
  return {
    flow: ALERT_FLOW,
    onMessage: async ({ ctx, event, state }) => {
      const draft = await readDraft({ ctx, state, store: flows.store });
      if (!draft) return;
      if (nextStep(draft) !== "text") return ctx.reply(t("alerts:flow.useButtons"));
      const typed = parseAlertCommand(event.type === "text" ? event.text : "");
      if (!typed.ok) {
        const why =
          typed.error === "unknownOption"
            ? t("alerts:issue.unknownOption", { option: raw(typed.option) })
            : typed.error === "usage"
              ? t("alerts:flow.needText")
              : t(`alerts:issue.${typed.error}`);
        return ctx.reply(why, { expectsText: true });
      }
      await askNext({ ctx, deps, flows, state, draft: { ...draft, text: typed.text, ttlMs: typed.ttlMs } });
    },
  };
}
