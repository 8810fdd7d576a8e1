/**
 * `GET /metrics` in the Prometheus text format: counters kept by this process (deliveries by
 * platform and outcome, 429s, inbound updates by type) and gauges read at scrape time (queue depth
 * per queue and priority, tips and alerts by state). No client library: the format is small.
 */
import { isDirectLocalCall } from "./loopback.js";
import { secretMatches } from "./secret.js";
import { json, type HttpRequestHead, type HttpResponse, type Route } from "./server.js";

type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly help: string;
  readonly type: "counter" | "gauge";
  readonly samples: Map<string, { labels: Labels; value: number }>;
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");
}

export class Metrics {
  private readonly families = new Map<string, Family>();

  /** Adds to a counter (created on first use). */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const family = this.family(name, help, "counter");
    const key = labelKey(labels);
    const sample = family.samples.get(key) ?? { labels, value: 0 };
    sample.value += by;
    family.samples.set(key, sample);
  }

  /** Current value of a counter sample (tests, sandbox). */
  value(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.samples.get(labelKey(labels))?.value ?? 0;
  }

  /** Renders the counters and the gauges measured just now. */
  render(gauges: readonly { name: string; help: string; samples: readonly { labels: Labels; value: number }[] }[]): string {
    const out: string[] = [];
    const write = (name: string, help: string, type: string, samples: Iterable<{ labels: Labels; value: number }>) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const s of samples) {
        const key = labelKey(s.labels);
        out.push(`${name}${key ? `{${key}}` : ""} ${s.value}`);
      }
    };
    for (const [name, family] of this.families) write(name, family.help, family.type, family.samples.values());
    for (const gauge of gauges) write(gauge.name, gauge.help, "gauge", gauge.samples);
    return `${out.join("\n")}\n`;
  }

  private family(name: string, help: string, type: Family["type"]): Family {
    let family = this.families.get(name);
    if (!family) {
      family = { help, type, samples: new Map() };
      this.families.set(name, family);
    }
    return family;
  }
}

export type GaugeReader = () => Promise<{ name: string; help: string; samples: { labels: Labels; value: number }[] }[]>;

/**
 * Who may scrape: a direct call from this machine, or anyone with `Authorization: Bearer <token>`
 * (compared in constant time). Undefined: allowed; otherwise the refusal to send.
 */
export function metricsRefusal(request: Pick<HttpRequestHead, "remoteAddress" | "headers">, token: string | undefined): HttpResponse | undefined {
  if (isDirectLocalCall(request)) return undefined;
  if (token === undefined) return json(403, { ok: false, error: "metrics answer this machine only; set METRICS_TOKEN to scrape from elsewhere" });
  const given = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
  if (secretMatches(given, token)) return undefined;
  return { ...json(401, { ok: false, error: "unauthorized" }), headers: { "content-type": "application/json; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' } };
}

/** `token`: METRICS_TOKEN; unset, only direct calls from this machine are answered. */
export function metricsRoute(options: { metrics: Metrics; gauges: GaugeReader; token: string | undefined }): Route {
  return {
    method: "GET",
    path: "/metrics",
    guard: (request) => metricsRefusal(request, options.token),
    handler: async () => ({
      status: 200,
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
      body: options.metrics.render(await options.gauges()),
    }),
  };
}
