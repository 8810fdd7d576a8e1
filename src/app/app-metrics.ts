/**
 * The counters a Kẻng process keeps for GET /metrics: 429 answers from a platform, finished
 * deliveries and inbound updates (the gauges are measured on demand, see http/metrics-gauges.ts).
 */
import type { InboundEvent, PlatformName } from "../core/messages.js";
import { Metrics } from "../http/metrics.js";
import type { SettledDelivery } from "../queue/deliver-worker.js";

const platform429 = { name: "keng_platform_429_total", help: "429 answers from a platform (should stay 0)." } as const;

/** New counters, with a 429 counter at zero for each of `platforms`. */
export function createAppMetrics(platforms: Iterable<PlatformName>): Metrics {
  const metrics = new Metrics();
  // Counters start at zero, so a dashboard sees "no 429s" rather than no data.
  for (const platform of platforms) metrics.inc(platform429.name, platform429.help, { platform }, 0);
  return metrics;
}

/** Counts a 429 answer from `platform`. */
export function countRateLimited(metrics: Metrics, platform: PlatformName): void {
  metrics.inc(platform429.name, platform429.help, { platform });
}

/** Counts a finished delivery by platform ("sealed" when the target is sealed) and outcome. */
export function countSettled(metrics: Metrics, delivery: SettledDelivery): void {
  metrics.inc("keng_deliveries_total", "Deliveries finished, by platform and outcome.", { platform: delivery.platform ?? "sealed", outcome: delivery.status });
}

/** Counts an inbound update by platform and type. */
export function countInbound(metrics: Metrics, event: InboundEvent): void {
  metrics.inc("keng_inbound_updates_total", "Inbound updates, by platform and type.", { platform: event.platform, type: event.type });
}
