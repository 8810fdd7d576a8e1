/**
 * A tip draft that expired unsent is announced to its author ("nothing was sent"), through the seal
 * the draft carries: the flow row is keyed by a hash and names no chat.
 */
import type { FlowState } from "../flows/types.js";
import type { TipDeps } from "./deps.js";
import { lines, t } from "../../core/text.js";
import { hotlinesFor } from "./help-request.js";
import { TIP_FLOW, TipDraftSchema } from "./tip-draft.js";

export async function announceExpiredDrafts(input: {
  deps: Pick<TipDeps, "outbox" | "settings">;
  expired: readonly FlowState[];
}): Promise<number> {
  const { deps } = input;
  const items = input.expired.flatMap((state) => {
    if (state.flow !== TIP_FLOW) return [];
    const draft = TipDraftSchema.safeParse(state.data);
    if (!draft.success || !draft.data.seal || !draft.data.nonce) return [];
    const minutes = Math.max(1, Math.round(deps.settings.draftMinutes));
    return [
      {
        // The draft's random nonce: one announcement per draft, whoever purges it.
        key: `tipdraft:${draft.data.nonce}:expired`,
        to: { sealed: draft.data.seal },
        priority: "interactive" as const,
        message: {
          locale: draft.data.locale ?? deps.settings.defaultLocale,
          text: lines(t("tips:flow.draftExpired", { minutes }), ...hotlinesFor(draft.data.kind)),
        },
      },
    ];
  });
  if (items.length > 0) await deps.outbox.enqueue(items);
  return items.length;
}
