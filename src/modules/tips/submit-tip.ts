/**
 * Files a tip: written to Postgres first (status `received`, tipster sealed), then the tracking code
 * is queued for the tipster and forwarding for the officers. The submitting update's key makes it
 * idempotent: a redelivered update finds its tip and re-queues the same keys, which send nothing new.
 */
import { randomBytes } from "node:crypto";
import type { RequestContext } from "../../core/commands.js";
import { lines, raw, t } from "../../core/text.js";
import type { TipDeps } from "./deps.js";
import { emergencyLine } from "./emergency-line.js";
import { hotlines, hotlinesFor } from "./help-request.js";
import type { TipDraft } from "./tip-draft.js";
import { checkTipLimit, TIPS_PER_HOUR } from "./tip-limit.js";
import { replySealed, sealTipster, tipsterHash } from "./tipster.js";
import { newTrackingCode } from "./tracking-code.js";
import type { TipRecord } from "./types.js";

export interface UpdateRef {
  readonly platform: string;
  readonly updateKey: string;
}

const CODE_ATTEMPTS = 5;

/**
 * The source key of a tip filed from a flow: the draft rather than the update, so two presses of
 * "send" on the same draft, or a redelivery after a crash, file one tip. It is built from the draft's
 * random nonce, never from the flow's key, which is a keyed hash of the tipster's chat.
 */
export function flowSourceKey(update: UpdateRef, state: { version: Date }, draft: Pick<TipDraft, "nonce">): string {
  return `${update.platform}:flow:${draft.nonce ?? randomBytes(9).toString("base64url")}:${state.version.getTime()}`;
}

export async function submitTip(input: {
  ctx: RequestContext;
  update: UpdateRef;
  deps: TipDeps;
  draft: TipDraft;
  sourceKey?: string;
}): Promise<void> {
  const { ctx, update, deps, draft } = input;
  const sourceKey = input.sourceKey ?? `${update.platform}:${update.updateKey}`;
  const existing = await deps.tips.findBySource(sourceKey);
  const tip = existing ?? (await fileNewTip({ ctx, update, deps, draft, sourceKey }));
  if (!tip) return;
  const receipt =
    tip.kind === "help"
      ? lines(t("tips:helpbox.receipt", { code: tip.code }), raw(""), hotlines())
      : lines(
          t("tips:receipt.done", { code: tip.code }),
          t(tip.anonymous ? "tips:receipt.anonymous" : "tips:receipt.withContact"),
          await emergencyLine(tip.area.id, deps.areas),
        );
  await deps.outbox.enqueue([
    {
      key: `tip:${tip.id}:code`,
      to: { sealed: tip.sealedTipster ?? sealTipster(ctx, deps) },
      priority: "interactive",
      message: { locale: ctx.locale, text: receipt },
    },
  ]);
  await deps.queue.forward(tip.id);
}

async function fileNewTip(input: {
  ctx: RequestContext;
  update: UpdateRef;
  deps: TipDeps;
  draft: TipDraft;
  sourceKey: string;
}): Promise<TipRecord | null> {
  const { ctx, update, deps, draft } = input;
  if (!draft.areaId || !draft.category) throw new Error("a tip draft reached submission without area or category");
  const hash = tipsterHash(ctx, deps);
  const limit = await checkTipLimit({ deps, hash });
  if (!limit.allowed) {
    await replySealed({
      ctx,
      update,
      deps,
      slot: "limit",
      text: lines(t("tips:limit.reached", { max: TIPS_PER_HOUR, minutes: limit.minutes }), ...hotlinesFor(draft.kind)),
    });
    return null;
  }
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const result = await deps.tips.create({
      code: newTrackingCode(),
      kind: draft.kind,
      areaId: draft.areaId,
      category: draft.category,
      text: draft.text ?? null,
      anonymous: draft.anonymous !== false,
      contact: draft.anonymous === false ? (draft.contact ?? null) : null,
      location: draft.location ?? null,
      photoFileIds: draft.photos,
      sealedTipster: sealTipster(ctx, deps),
      tipsterHash: hash,
      sourceKey: input.sourceKey,
    });
    if (result !== "code_taken") return result.tip;
  }
  throw new Error("no free tracking code after several attempts");
}
