/**
 * Starts the scheduler role: the delivery reconciler and the periodic tasks (expiring alerts,
 * closing quiz rounds, running campaigns, weekly reports, pruning media and the update ledger,
 * reconciling tips and alarms, the retention sweep).
 */
import type { Logger } from "pino";
import { helpRetentionDays, type Config, type ProcessRole } from "../config.js";
import { systemClock } from "../core/ports.js";
import type { PrismaMediaStore } from "../db/media-store.js";
import { PgPeriodicLocks } from "../db/periodic-locks.js";
import { reconcileAlarms } from "../modules/alarms/reconcile-alarms.js";
import { expireAlerts } from "../modules/alerts/expire-alerts.js";
import { runDueCampaigns } from "../modules/campaigns/run-due-campaigns.js";
import { closeDueRounds } from "../modules/quizzes/close-rounds.js";
import { sendWeeklyReports } from "../modules/reports/send-weekly-reports.js";
import { applyRetention } from "../modules/retention/apply-retention.js";
import { purgeConsoleSessions } from "../modules/console/purge-console-sessions.js";
import { purgeExpiredSendLimits } from "../queue/pg-send-slot-store.js";
import { PrismaRetentionStore } from "../modules/retention/repo.js";
import { reconcileTips } from "../modules/tips/reconcile-tips.js";
import { PrismaCodeBackfillStore } from "../modules/verify/backfill-repo.js";
import { backfillCodes } from "../modules/verify/backfill-codes.js";
import { DeliveryReconciler } from "../queue/reconciler.js";
import { PeriodicTasks } from "./periodic-tasks.js";
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

/** The reconciler and the periodic tasks; `stop` ends them. */
export interface SchedulerRole {
  /** Built in every process (App exposes it); it only runs on its own in the scheduler role. */
  readonly reconciler: DeliveryReconciler;
  /** Stops the periodic tasks and releases their locks. */
  stop(): Promise<void>;
}

/**
 * Builds the delivery reconciler and, if this process runs the scheduler role, reconciles once and
 * starts the periodic tasks (tips are reconciled once before their task starts). Every kind runs
 * under its own PostgreSQL advisory lock: with two schedulers, each run happens in one of them.
 */
export async function startSchedulerRole(config: Config, inputs: SchedulerRoleInputs): Promise<SchedulerRole> {
  const { roles, infra, modules, mediaStore, logger } = inputs;
  const { db, queue, ledger } = infra;
  const { alertDeps, alarmDeps, quizDeps, campaignDeps, reportDeps, tipDeps } = modules;
  const reconcileMs = config.KENG_RECONCILE_SECONDS * 1000;
  const reconciler = new DeliveryReconciler({ db, queue });
  if (!roles.has("scheduler")) return { reconciler, stop: () => Promise.resolve() };
  const locks = new PgPeriodicLocks({
    pool: infra.database.pool,
    onConnectionLost: (error) =>
      logger.warn(
        { event: "scheduler_lock_connection_lost", err: { message: error.message } },
        "the scheduler's lock connection to PostgreSQL ended; the next run opens another",
      ),
  });
  const tasks = new PeriodicTasks({ locks, logger });
  await tasks.once("reconcile-deliveries", () => reconciler.reconcile());
  // Messages signed before codes were stored get their rows, so their codes keep verifying.
  await tasks.once("backfill-codes", () =>
    backfillCodes({ store: new PrismaCodeBackfillStore(db), signer: modules.verifyDeps.signer }),
  );
  if (tipDeps) await tasks.once("reconcile-tips", () => reconcileTips(tipDeps));
  tasks.every("reconcile-deliveries", reconcileMs, () => reconciler.reconcile());
  if (tipDeps) tasks.every("reconcile-tips", reconcileMs, () => reconcileTips(tipDeps));
  // Unanswered alarms whose escalation job was lost climb all the same (first run at start).
  tasks.every("reconcile-alarms", reconcileMs, () => reconcileAlarms(alarmDeps), { now: true });
  // The rest also run once at start: a scheduler started after a report's time sends it at once.
  const now = { now: true };
  tasks.every("expire-alerts", 15_000, () => expireAlerts(alertDeps), now);
  // Postgres holds closing times and schedules; a short tick keeps reveals and campaign runs punctual.
  tasks.every("close-quiz-rounds", 2_000, () => closeDueRounds(quizDeps), now);
  tasks.every("run-campaigns", 2_000, () => runDueCampaigns(campaignDeps), now);
  // The weekly coverage report, also claimed per area and week (in Redis).
  if (config.COVERAGE_REPORT_AT.kind !== "off")
    tasks.every("weekly-reports", 60_000, () => sendWeeklyReports(reportDeps), now);
  // Expired file links (GET /media/<id> refuses them already): the bytes go too.
  tasks.every("delete-expired-media", reconcileMs, () => mediaStore.deleteExpired(systemClock.now()), now);
  // The duplicate ledger only needs the last few days: platforms do not redeliver older updates.
  tasks.every("prune-update-ledger", 3600_000, () => ledger.prune(), now);
  // What the retention periods say must go (tips' content, old deliveries, silent people); its first
  // run is not awaited, so a backlog after an upgrade does not hold up the start.
  const retention = {
    retention: new PrismaRetentionStore(db),
    tips: tipDeps?.tips,
    alarms: alarmDeps.alarms,
    clock: systemClock,
    settings: {
      tipDays: config.TIP_RETENTION_DAYS,
      helpDays: helpRetentionDays(config),
      deliveryDays: config.DELIVERY_RETENTION_DAYS,
      broadcastDays: config.BROADCAST_RETENTION_DAYS,
    },
  };
  tasks.every("apply-retention", reconcileMs, () => applyRetention(retention), now);
  // The console's links and sessions a day after they ended (issue 21).
  tasks.every("purge-console-sessions", 3600_000, () => purgeConsoleSessions(modules.consoleDeps), now);
  // PostgreSQL alone: chat keys of the send limiter go once their window passed, as Redis expires them
  // (also at start, for the rows a stopped bot left behind).
  if (infra.coordination.backend === "postgres")
    tasks.every("purge-send-limits", 60_000, () => purgeExpiredSendLimits(infra.database.pool), now);
  return { reconciler, stop: () => tasks.stop() };
}
