/**
 * `GET /metrics` in the Prometheus text format, written by prom-client: the counters this process
 * keeps (app/app-metrics.ts) and gauges read at scrape time (queue depth per queue and priority,
 * tips and alerts by state, Zalo's plan), which are set on a registry made for that one scrape.
 */
import { Gauge, Registry } from "prom-client";
import { isDirectLocalCall } from "./loopback.js";
import { secretMatches } from "./secret.js";
import { json, type HttpRequestHead, type HttpResponse, type Route } from "./server.js";

type Labels = Readonly<Record<string, string>>;

/** One gauge measured at scrape time, with its samples. */
export interface MeasuredGauge {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly { labels: Labels; value: number }[];
}

export type GaugeReader = () => Promise<MeasuredGauge[]>;

/**
 * Who may scrape: a direct call from this machine, or anyone with `Authorization: Bearer <token>`
 * (compared in constant time). Undefined: allowed; otherwise the refusal to send.
 */
export function metricsRefusal(
  request: Pick<HttpRequestHead, "remoteAddress" | "headers">,
  token: string | undefined,
): HttpResponse | undefined {
  if (isDirectLocalCall(request)) return undefined;
  if (token === undefined)
    return json(403, {
      ok: false,
      error: "metrics answer this machine only; set METRICS_TOKEN to scrape from elsewhere",
    });
  const given = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
  if (secretMatches(given, token)) return undefined;
  return {
    ...json(401, { ok: false, error: "unauthorized" }),
    headers: { "content-type": "application/json; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' },
  };
}

/** A registry holding `gauges` as they were measured just now. */
function scrapeRegistry(gauges: readonly MeasuredGauge[]): Registry {
  const registry = new Registry();
  for (const measured of gauges) {
    const labelNames = [...new Set(measured.samples.flatMap((sample) => Object.keys(sample.labels)))];
    const gauge = new Gauge({ name: measured.name, help: measured.help, labelNames, registers: [registry] });
    for (const sample of measured.samples) gauge.set(sample.labels, sample.value);
  }
  return registry;
}

/** `counters`: the process's registry; `token`: METRICS_TOKEN (unset, only direct calls from this machine are answered). */
export function metricsRoute(options: { counters: Registry; gauges: GaugeReader; token: string | undefined }): Route {
  return {
    method: "GET",
    path: "/metrics",
    guard: (request) => metricsRefusal(request, options.token),
    handler: async () => {
      const registry = Registry.merge([options.counters, scrapeRegistry(await options.gauges())]);
      return { status: 200, headers: { "content-type": registry.contentType }, body: await registry.metrics() };
    },
  };
}
