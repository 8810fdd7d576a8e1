/** Gauges read at scrape time: queue depth per queue and priority; tips and alerts by state. */
import type { Db } from "../db/client.js";
import { Priority } from "../core/messages.js";
import type { JobQueue } from "../queue/job-queues.js";
import type { GaugeReader } from "./metrics.js";

export function kengGauges(options: { db: Db; queues: readonly JobQueue<unknown>[] }): GaugeReader {
  return async () => {
    const depth: { labels: Record<string, string>; value: number }[] = [];
    for (const queue of options.queues) {
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "failed");
      for (const [state, value] of Object.entries(counts)) depth.push({ labels: { queue: queue.name, state }, value });
      const perPriority = await queue.getCountsPerPriority(Object.values(Priority));
      for (const [name, value] of Object.entries(Priority))
        depth.push({
          labels: { queue: queue.name, state: "by_priority", priority: name },
          value: perPriority[String(value)] ?? 0,
        });
    }
    const tips = await options.db.tip.groupBy({ by: ["status"], _count: { _all: true } });
    const alerts = await options.db.alert.groupBy({ by: ["state"], _count: { _all: true } });
    const pending = await options.db.delivery.count({ where: { status: "pending" } });
    return [
      {
        name: "keng_queue_jobs",
        help: "Jobs per queue and state (by_priority: waiting jobs per priority).",
        samples: depth,
      },
      {
        name: "keng_deliveries_pending",
        help: "Deliveries recorded in Postgres and not yet sent.",
        samples: [{ labels: {}, value: pending }],
      },
      {
        name: "keng_tips",
        help: "Tips by status.",
        samples: tips.map((t) => ({ labels: { status: t.status }, value: t._count._all })),
      },
      {
        name: "keng_alerts",
        help: "Alerts by state.",
        samples: alerts.map((a) => ({ labels: { state: a.state }, value: a._count._all })),
      },
    ];
  };
}
