/**
 * `Hỏi thêm` (and `Trả lời` under a follow-up): the officer's next text in their private chat is
 * relayed to the tipster. The pending question is a small flow of its own (`/huy` leaves it).
 */
import { z } from "zod";
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { flowDataReader } from "../flows/flow-data.js";
import type { FlowHandler } from "../flows/types.js";
import { claimTip } from "./claim-tip.js";
import type { TipDeps } from "./deps.js";
import { relayToTipster } from "./relay-to-tipster.js";

export const ASK_FLOW = "tip-ask";
const ASK_TTL_SECONDS = 1800;
const AskSchema = z.object({ tipId: z.number().int().positive() });

export async function askTipster(input: { ctx: ButtonContext; deps: TipDeps; tipId: number }): Promise<void> {
  const { ctx, deps } = input;
  if (ctx.chat.kind !== "private") return ctx.answer(t("common:errors.buttonExpired"));
  const claim = await claimTip({ ctx, deps, tip: await deps.tips.findById(input.tipId) });
  if (!claim.ok) return ctx.answer(claim.refusal, { alert: true });
  await deps.flows.start({
    key: deps.flowKey(ctx.chat),
    flow: ASK_FLOW,
    step: "question",
    data: { tipId: claim.tip.id },
    ttlSeconds: ASK_TTL_SECONDS,
  });
  await ctx.answer();
  // A help request comes from a student: the counsellor is told who they are writing to.
  await ctx.reply(
    t(claim.tip.kind === "help" ? "tips:officer.askPromptStudent" : "tips:officer.askPrompt", { code: claim.tip.code }),
  );
}

const readAsk = flowDataReader(AskSchema, t("common:errors.buttonExpired"));

export function askFlowHandler(deps: TipDeps): FlowHandler {
  return {
    flow: ASK_FLOW,
    async onMessage({ ctx, event, state }) {
      const data = await readAsk({ ctx, state, store: deps.flows });
      if (!data) return;
      if (event.type !== "text") return ctx.reply(t("tips:officer.askTextOnly"));
      if (!(await deps.flows.finish(state))) return;
      const claim = await claimTip({ ctx, deps, tip: await deps.tips.findById(data.tipId) });
      if (!claim.ok) return ctx.reply(claim.refusal);
      await relayToTipster({ ctx, deps, tip: claim.tip, text: event.text });
    },
  };
}
