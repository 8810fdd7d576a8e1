/** The console's inbox: the tips the person may handle, filtered and searched, newest first. */
import type { TipRecord } from "../tips/types.js";
import { handleable, tipAreasOf } from "./tip-areas.js";
import type { ConsoleTipDeps } from "./tip-deps.js";
import type { ConsoleSessionRecord, TipFilter } from "./types.js";

export const INBOX_LIMIT = 100;

export async function listConsoleTips(input: {
  deps: ConsoleTipDeps;
  session: ConsoleSessionRecord;
  filter: TipFilter;
}): Promise<TipRecord[]> {
  const { deps, session, filter } = input;
  const within = await tipAreasOf(deps.tips.access, session.user);
  if (within !== "all" && within.length === 0) return [];
  const tips = await deps.search.search({ within, filter, limit: INBOX_LIMIT });
  return handleable(deps.tips.access, session.user, tips);
}
