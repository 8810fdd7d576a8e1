/**
 * The check before an officer acts on a tip: the tip exists, lies in an area the officer may handle,
 * is open, and is theirs — acting on a tip nobody took takes it (and the tipster hears so).
 */
import type { RequestContext } from "../../core/commands.js";
import { t, type Text } from "../../core/text.js";
import type { TipDeps } from "./deps.js";
import { mayHandle } from "./help-request.js";
import { notifyTipster } from "./notify-tipster.js";
import type { TipRecord } from "./types.js";

export type Claim =
  | { readonly ok: true; readonly tip: TipRecord; readonly newlyTaken: boolean }
  | { readonly ok: false; readonly refusal: Text };

const refuse = (refusal: Text): Claim => ({ ok: false, refusal });

export async function claimTip(input: { ctx: RequestContext; deps: TipDeps; tip: TipRecord | null }): Promise<Claim> {
  const { ctx, deps, tip } = input;
  if (!tip || !(await mayHandle(deps.access, ctx.user, tip))) return refuse(t("tips:officer.notFound"));
  if (tip.status === "closed") return refuse(t("tips:officer.closed", { code: tip.code }));
  if (tip.takenById === ctx.user.id) return { ok: true, tip, newlyTaken: false };
  if (tip.takenById !== null) return refuse(t("tips:officer.takenByOther", { code: tip.code }));

  const result = await deps.tips.take({ id: tip.id, officerUserId: ctx.user.id, now: deps.clock.now() });
  switch (result) {
    case "taken": {
      const taken: TipRecord = { ...tip, status: "taken", takenById: ctx.user.id, escalateAt: null };
      await deps.audit.record({ actorUserId: ctx.user.id, action: "tip.take", areaId: tip.area.id, subject: tip.code });
      await notifyTipster({ deps, tip: taken, notice: "taken" });
      return { ok: true, tip: taken, newlyTaken: true };
    }
    case "already_yours":
      return { ok: true, tip: { ...tip, status: "taken", takenById: ctx.user.id }, newlyTaken: false };
    case "taken_by_other":
      return refuse(t("tips:officer.takenByOther", { code: tip.code }));
    case "closed":
      return refuse(t("tips:officer.closed", { code: tip.code }));
    default: {
      const never: never = result;
      throw new Error(`unknown take result ${String(never)}`);
    }
  }
}
