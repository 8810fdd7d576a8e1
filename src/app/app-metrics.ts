/**
 * The counters a Kẻng process keeps for GET /metrics (prom-client): 429 answers from a platform,
 * finished deliveries and inbound updates (the gauges are measured on demand, see
 * http/metrics-gauges.ts). Label names are listed in alphabetical order so a scrape reads the same
 * whatever order a caller names them in.
 */
import { Counter, Registry } from "prom-client";
import type { InboundEvent, PlatformName } from "../core/messages.js";
import type { SettledDelivery } from "../queue/deliver-worker.js";

export interface AppMetrics {
  /** Everything below, for the /metrics route. */
  readonly registry: Registry;
  readonly platform429: Counter<"platform">;
  readonly deliveries: Counter<"outcome" | "platform">;
  readonly inbound: Counter<"platform" | "type">;
}

/** New counters, with a 429 counter at zero for each of `platforms`. */
export function createAppMetrics(platforms: Iterable<PlatformName>): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const metrics: AppMetrics = {
    registry,
    platform429: new Counter({
      name: "keng_platform_429_total",
      help: "429 answers from a platform (should stay 0).",
      labelNames: ["platform"],
      registers,
    }),
    deliveries: new Counter({
      name: "keng_deliveries_total",
      help: "Deliveries finished, by platform and outcome.",
      labelNames: ["outcome", "platform"],
      registers,
    }),
    inbound: new Counter({
      name: "keng_inbound_updates_total",
      help: "Inbound updates, by platform and type.",
      labelNames: ["platform", "type"],
      registers,
    }),
  };
  // Counters start at zero, so a dashboard sees "no 429s" rather than no data.
  for (const platform of platforms) metrics.platform429.inc({ platform }, 0);
  return metrics;
}

/** Counts a 429 answer from `platform`. */
export function countRateLimited(metrics: AppMetrics, platform: PlatformName): void {
  metrics.platform429.inc({ platform });
}

/** Counts a finished delivery by platform ("sealed" when the target is sealed) and outcome. */
export function countSettled(metrics: AppMetrics, delivery: SettledDelivery): void {
  metrics.deliveries.inc({ outcome: delivery.status, platform: delivery.platform ?? "sealed" });
}

/** Counts an inbound update by platform and type. */
export function countInbound(metrics: AppMetrics, event: InboundEvent): void {
  metrics.inbound.inc({ platform: event.platform, type: event.type });
}
