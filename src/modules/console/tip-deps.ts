/** What the console's tip pages need: the console's own deps, the tips module's, and the inbox's search. */
import type { TipDeps } from "../tips/deps.js";
import type { ConsoleDeps } from "./deps.js";
import type { ConsoleTipSearch } from "./types.js";

export interface ConsoleTipDeps {
  readonly console: ConsoleDeps;
  readonly tips: TipDeps;
  readonly search: ConsoleTipSearch;
}
