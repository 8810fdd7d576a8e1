/**
 * Routing (DESIGN.md §3, §5): a tip goes to the officers of its exact area, else of the nearest
 * ancestor that has officers (admins count); when nobody is found up to the top, the superadmins.
 */
import type { TipDeps } from "./deps.js";
import type { OfficerRecord } from "./types.js";

export interface Handlers {
  /** The area whose officers handle the tip now. */
  readonly areaId: number;
  /** Whether an escalation could still go higher. */
  readonly canEscalate: boolean;
  readonly officers: readonly OfficerRecord[];
}

export async function findHandlers(input: {
  deps: Pick<TipDeps, "officers" | "superadmins">;
  fromAreaId: number;
}): Promise<Handlers | null> {
  const { deps } = input;
  const chain = await deps.officers.areaChain(input.fromAreaId);
  for (const area of chain) {
    const officers = await deps.officers.officersOf(area.id);
    if (officers.length > 0) return { areaId: area.id, canEscalate: area.parentId !== null, officers };
  }
  const top = chain.at(-1);
  if (!top) return null;
  return { areaId: top.id, canEscalate: false, officers: await deps.officers.superadmins(deps.superadmins) };
}
