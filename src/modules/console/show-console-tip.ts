/**
 * A tip's page: the tip, its thread, and related tips (the same place, or a plate or phone number
 * its text mentions) — only for a person who may handle it, as a tip card in chat. Nothing names
 * the tipster: the records carry no identity, and the page never shows the seal or the hash.
 */
import { mayHandle } from "../tips/help-request.js";
import type { TipMessageRecord, TipRecord } from "../tips/types.js";
import { relatedPhrases } from "./related-phrases.js";
import { handleable, tipAreasOf } from "./tip-areas.js";
import type { ConsoleTipDeps } from "./tip-deps.js";
import type { ConsoleSessionRecord } from "./types.js";

export interface ConsoleTipView {
  readonly tip: TipRecord;
  readonly messages: readonly TipMessageRecord[];
  /** Other tips near its location (`near`) or naming the same plate, phone number or address (`why`). */
  readonly related: readonly { readonly tip: TipRecord; readonly near: boolean; readonly why: readonly string[] }[];
}

export async function showConsoleTip(input: {
  deps: ConsoleTipDeps;
  session: ConsoleSessionRecord;
  tipId: number;
}): Promise<ConsoleTipView | null> {
  const { deps, session } = input;
  const tip = await deps.tips.tips.findById(input.tipId);
  if (!tip || !(await mayHandle(deps.tips.access, session.user, tip))) return null;
  const messages = await deps.tips.tips.messages(tip.id);
  const phrases = relatedPhrases([tip.text ?? "", ...messages.map((m) => m.text ?? "")].join("\n"));
  const within = await tipAreasOf(deps.tips.access, session.user);
  const [mentioning, near] = await Promise.all([
    deps.search.mentioning({ within, phrases, exceptId: tip.id, limit: 10 }),
    tip.location ? deps.search.nearby({ within, ...tip.location, exceptId: tip.id, limit: 10 }) : Promise.resolve([]),
  ]);
  const nearIds = new Set(near.map((n) => n.id));
  const found = [...new Map([...near, ...mentioning].map((other) => [other.id, other])).values()];
  const visible = await handleable(deps.tips.access, session.user, found);
  const related = visible.map((other) => ({
    tip: other,
    near: nearIds.has(other.id),
    why: phrases.filter((p) => (other.text ?? "").toLowerCase().includes(p.toLowerCase())),
  }));
  return { tip, messages, related };
}
