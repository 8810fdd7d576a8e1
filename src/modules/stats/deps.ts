/** What the statistics use cases need, passed in by the composition root. */
import type { Clock } from "../../core/ports.js";
import type { Access } from "../areas/access.js";
import type { AreaStore } from "../areas/types.js";
import type { ChartDeps } from "../charts/deps.js";
import type { StatsStore } from "./types.js";

export interface StatsDeps {
  readonly stats: StatsStore;
  readonly areas: AreaStore;
  readonly access: Access;
  readonly clock: Clock;
  /** Days are calendar days of this zone (TZ). */
  readonly timeZone: string;
  /** Draws the chart sent after the figures; unset: the figures alone. */
  readonly charts?: ChartDeps;
}
