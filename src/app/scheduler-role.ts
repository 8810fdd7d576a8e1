/**
 * Starts the scheduler role: the delivery reconciler and the periodic tasks (expiring alerts,
 * closing quiz rounds, running campaigns, weekly reports, pruning media and the update ledger,
 * reconciling tips, the retention sweep).
 */
import type { Logger } from "pino";
import type { Config, ProcessRole } from "../config.js";
import { systemClock } from "../core/ports.js";
import type { PrismaMediaStore } from "../db/media-store.js";
import { expireAlerts } from "../modules/alerts/expire-alerts.js";
import { runDueCampaigns } from "../modules/campaigns/run-due-campaigns.js";
import { closeDueRounds } from "../modules/quizzes/close-rounds.js";
import { sendWeeklyReports } from "../modules/reports/send-weekly-reports.js";
import { applyRetention } from "../modules/retention/apply-retention.js";
import { PrismaRetentionStore } from "../modules/retention/repo.js";
import { reconcileTips } from "../modules/tips/reconcile-tips.js";
import { PrismaCodeBackfillStore } from "../modules/verify/backfill-repo.js";
import { backfillCodes } from "../modules/verify/backfill-codes.js";
import { DeliveryReconciler } from "../queue/reconciler.js";
import type { Infrastructure } from "./infrastructure.js";
import type { ModuleDeps } from "./module-deps.js";

/** What {@link startSchedulerRole} needs. */
export interface SchedulerRoleInputs {
  readonly roles: ReadonlySet<ProcessRole>;
  readonly infra: Infrastructure;
  readonly modules: ModuleDeps;
  /** Holds the files whose links expire. */
  readonly mediaStore: PrismaMediaStore;
  readonly logger: Logger;
}

/** The reconciler and the periodic tasks; `stop` ends both. */
export interface SchedulerRole {
  /** Built in every process (App exposes it); it only runs on its own in the scheduler role. */
  readonly reconciler: DeliveryReconciler;
  /** Stops the reconciler, then the periodic tasks. */
  stop(): void;
}

/**
 * Builds the delivery reconciler and, if this process runs the scheduler role, reconciles once,
 * starts it and the periodic tasks (tips are reconciled once before their task starts).
 */
export async function startSchedulerRole(config: Config, inputs: SchedulerRoleInputs): Promise<SchedulerRole> {
  const { roles, infra, modules, mediaStore, logger } = inputs;
  const { db, queue, ledger } = infra;
  const { alertDeps, quizDeps, campaignDeps, reportDeps, tipDeps } = modules;
  const reconcileMs = config.KENG_RECONCILE_SECONDS * 1000;
  const reconciler = new DeliveryReconciler({ db, queue, logger, intervalMs: reconcileMs });
  const periodic: NodeJS.Timeout[] = [];
  if (roles.has("scheduler")) {
    await reconciler.reconcile();
    reconciler.start();
    // Messages signed before codes were stored get their rows, so their codes keep verifying.
    await backfillCodes({ store: new PrismaCodeBackfillStore(db), signer: modules.verifyDeps.signer });
    periodic.push(every(15_000, () => expireAlerts(alertDeps), logger));
    // Postgres holds closing times and schedules; a short tick keeps reveals and campaign runs punctual.
    periodic.push(every(2_000, () => closeDueRounds(quizDeps), logger));
    periodic.push(every(2_000, () => runDueCampaigns(campaignDeps), logger));
    // The weekly coverage report: claimed per area and week, so every scheduler process may tick.
    if (config.COVERAGE_REPORT_AT.kind !== "off") periodic.push(every(60_000, () => sendWeeklyReports(reportDeps), logger));
    // Expired file links (GET /media/<id> refuses them already): the bytes go too.
    periodic.push(every(reconcileMs, () => mediaStore.deleteExpired(systemClock.now()), logger));
    // The duplicate ledger only needs the last few days: platforms do not redeliver older updates.
    periodic.push(every(3600_000, () => ledger.prune(), logger));
    if (tipDeps) {
      await reconcileTips(tipDeps);
      periodic.push(every(reconcileMs, () => reconcileTips(tipDeps), logger));
    }
    // What the retention periods say must go (tips' content, old deliveries, silent people).
    const retention = {
      retention: new PrismaRetentionStore(db),
      tips: tipDeps?.tips,
      clock: systemClock,
      settings: { tipDays: config.TIP_RETENTION_DAYS, deliveryDays: config.DELIVERY_RETENTION_DAYS, broadcastDays: config.BROADCAST_RETENTION_DAYS },
    };
    // Not awaited: a backlog after an upgrade must not hold up the start.
    applyRetention(retention).catch((error: unknown) => logger.error({ err: error, event: "retention_failed" }, "retention sweep failed"));
    periodic.push(every(reconcileMs, () => applyRetention(retention), logger));
  }
  return {
    reconciler,
    stop() {
      reconciler.stop();
      periodic.forEach(clearInterval);
    },
  };
}

/** Runs a task every `ms` (not overlapping itself), logging failures. */
function every(ms: number, task: () => Promise<unknown>, logger: Logger): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => logger.error({ err: error, event: "periodic_task_failed" }, "periodic task failed"))
      .finally(() => (running = false));
  }, ms);
  timer.unref();
  return timer;
}
