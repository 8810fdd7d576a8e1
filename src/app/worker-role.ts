/**
 * Starts the worker role: the deliver worker (sends the outbox through the shared send-rate
 * limiter, merging officers' tip cards into digests) and the workers of the `tips` and `alarms` queues.
 */
import type { Logger } from "pino";
import type { ProcessRole } from "../config.js";
import { escapeHtml } from "../core/i18n.js";
import type { PlatformName } from "../core/messages.js";
import type { ChatSender } from "../core/ports.js";
import type { AppMetrics } from "./app-metrics.js";
import type { AlarmDeps } from "../modules/alarms/deps.js";
import { escalateAlarm } from "../modules/alarms/escalate-alarm.js";
import { AlarmWorker } from "../modules/alarms/jobs.js";
import type { TipDeps } from "../modules/tips/deps.js";
import { tipJobs } from "../modules/tips/handlers.js";
import { TipWorker } from "../modules/tips/jobs.js";
import { OfficerDigester } from "../modules/tips/officer-digest.js";
import { DeliverWorker, type SettledDelivery } from "../queue/deliver-worker.js";
import { SendRateLimiter, telegramLimits, zaloLimits } from "../queue/rate-limiter.js";
import { countRateLimited } from "./app-metrics.js";
import type { Infrastructure } from "./infrastructure.js";

/** Deliver jobs in flight per process when paid broadcasts are on. */
const PAID_CONCURRENCY = 100;
/** Jobs in flight by default (about one second of sends at 30/s), and regular takers when paid broadcasts are on. */
const REGULAR_CONCURRENCY = 28;

/** What {@link startWorkerRole} needs. */
export interface WorkerRoleInputs {
  readonly roles: ReadonlySet<ProcessRole>;
  readonly infra: Infrastructure;
  /** Per platform, who sends a message. */
  readonly senders: ReadonlyMap<PlatformName, ChatSender>;
  /** Undefined when tips are off: then no `tips` worker runs. */
  readonly tipDeps: TipDeps | undefined;
  readonly alarmDeps: AlarmDeps;
  readonly metrics: AppMetrics;
  /** Called for every finished delivery. */
  readonly onSettled: (delivery: SettledDelivery) => void;
  readonly logger: Logger;
}

/** The running workers (none unless this process runs the worker role). */
export interface WorkerRole {
  readonly worker: DeliverWorker | undefined;
  readonly tipWorker: TipWorker | undefined;
  readonly alarmWorker: AlarmWorker | undefined;
}

/** Starts the deliver and tip workers if this process runs the worker role. */
export function startWorkerRole(inputs: WorkerRoleInputs): WorkerRole {
  const { roles, infra, senders, tipDeps, alarmDeps, metrics, onSettled, logger } = inputs;
  const { db, database, coordination, translator, sealer, paidBroadcast } = infra;
  const limiter = new SendRateLimiter({
    store: coordination.slots,
    platforms: { telegram: telegramLimits, zalo: zaloLimits },
  });
  const worker = roles.has("worker")
    ? new DeliverWorker({
        db,
        sql: database.pool,
        sendRecords: database.sendRecords,
        queues: coordination.queues,
        senders,
        limiter,
        logger,
        onSettled,
        onRateLimited: (platform) => countRateLimited(metrics, platform),
        ...(sealer ? { sealer } : {}),
        ...(infra.zaloQuota ? { zaloQuota: infra.zaloQuota } : {}),
        // A paid burst (1,000/s) needs more jobs in flight than the ~1 s of sends at 30/s.
        ...(paidBroadcast ? { paidBroadcast, concurrency: PAID_CONCURRENCY, regularTakers: REGULAR_CONCURRENCY } : {}),
        ...(tipDeps
          ? {
              digester: new OfficerDigester({
                tips: tipDeps.tips,
                settings: tipDeps.settings,
                measure: (text, locale) => translator.render(text, locale, escapeHtml).length,
              }),
            }
          : {}),
      })
    : undefined;
  worker?.start();
  const tipWorker =
    tipDeps && roles.has("worker")
      ? new TipWorker({ queues: coordination.queues, handlers: tipJobs(tipDeps), logger })
      : undefined;
  tipWorker?.start();
  const alarmWorker = roles.has("worker")
    ? new AlarmWorker({
        queues: coordination.queues,
        escalate: (id, level) => escalateAlarm({ deps: alarmDeps, id, level }),
        logger,
      })
    : undefined;
  alarmWorker?.start();
  return { worker, tipWorker, alarmWorker };
}
