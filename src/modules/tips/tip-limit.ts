/** At most 5 new tips per person per hour, counted in Postgres by the keyed hash (no Redis counter names anyone). */
import type { TipDeps } from "./deps.js";
import type { TipIntake } from "./types.js";

export const TIPS_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

export async function checkTipLimit(input: {
  deps: Pick<TipDeps, "clock"> & { readonly tips: Pick<TipIntake, "countSince"> };
  hash: string;
}): Promise<{ allowed: true } | { allowed: false; minutes: number }> {
  const now = input.deps.clock.now().getTime();
  const { count, oldest } = await input.deps.tips.countSince(input.hash, new Date(now - HOUR_MS));
  if (count < TIPS_PER_HOUR) return { allowed: true };
  const waitMs = (oldest?.getTime() ?? now) + HOUR_MS - now;
  return { allowed: false, minutes: Math.max(1, Math.ceil(waitMs / 60_000)) };
}
