/** Tells the tipster of a status change, once per change (deterministic keys), through the seal. */
import { t } from "../../core/text.js";
import type { TipDeps } from "./deps.js";
import { sendToTipster } from "./tipster.js";
import type { TipRecord } from "./types.js";

export type TipsterNotice = "forwarded" | "taken" | "valuable" | "closed";

export async function notifyTipster(input: { deps: Pick<TipDeps, "sealer" | "officers" | "settings" | "outbox">; tip: TipRecord; notice: TipsterNotice; dueAt?: Date }): Promise<void> {
  const { tip, notice } = input;
  await sendToTipster({ tip, deps: input.deps, key: `tip:${tip.id}:status:${notice}`, text: t(`tips:notice.${notice}`, { code: tip.code }), ...(input.dueAt ? { dueAt: input.dueAt } : {}) });
}
