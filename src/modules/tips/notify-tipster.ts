/** Tells the tipster of a status change, once per change (deterministic keys), through the seal. */
import { lines, raw, t } from "../../core/text.js";
import { hotlines } from "./help-request.js";
import type { TipDeps } from "./deps.js";
import { sendToTipster } from "./tipster.js";
import type { TipRecord } from "./types.js";

export type TipsterNotice = "forwarded" | "taken" | "valuable" | "closed";

export async function notifyTipster(input: {
  deps: Pick<TipDeps, "sealer" | "officers" | "settings" | "outbox">;
  tip: TipRecord;
  notice: TipsterNotice;
  dueAt?: Date;
}): Promise<void> {
  const { tip, notice } = input;
  const text =
    tip.kind === "help"
      ? lines(t(`tips:helpbox.notice.${notice}`, { code: tip.code }), raw(""), hotlines())
      : t(`tips:notice.${notice}`, { code: tip.code });
  await sendToTipster({
    tip,
    deps: input.deps,
    key: `tip:${tip.id}:status:${notice}`,
    text,
    ...(input.dueAt ? { dueAt: input.dueAt } : {}),
  });
}
