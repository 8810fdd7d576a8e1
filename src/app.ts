/**
 * Builds Kẻng from a Config and starts the roles this process runs (inbound, worker, scheduler,
 * http). Tests start it in-process against the fake Telegram server; main.ts adds signals.
 * The pieces live in app/: infrastructure, platforms, module deps, dispatcher, and one file per role.
 */
import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { CommandSpec } from "./core/commands.js";
import type { InboundEvent } from "./core/messages.js";
import type { Outbox } from "./core/ports.js";
import type { Sealer } from "./core/seal.js";
import type { ZaloPausePolicy } from "./core/zalo-quota.js";
import type { Db } from "./db/client.js";
import type { JobQueues } from "./queue/job-queues.js";
import type { Route } from "./http/server.js";
import type { SettledDelivery } from "./queue/deliver-worker.js";
import type { DeliveryReconciler } from "./queue/reconciler.js";
import type { Dispatcher } from "./router/dispatcher.js";
import type { TelegramPlatform } from "./platforms/telegram/telegram-platform.js";
import { type AppMetrics, countInbound, countSettled, createAppMetrics } from "./app/app-metrics.js";
import { buildDispatcher } from "./app/build-dispatcher.js";
import { startHttpRole } from "./app/http-role.js";
import { startMenus } from "./app/menu-role.js";
import { startPlatforms, startWebhookReceivers, type InboundRoleInputs } from "./app/inbound-role.js";
import { openInfrastructure } from "./app/infrastructure.js";
import { buildModuleDeps } from "./app/module-deps.js";
import { buildPlatforms } from "./app/platforms.js";
import { startSchedulerRole } from "./app/scheduler-role.js";
import { startWorkerRole } from "./app/worker-role.js";

export interface App {
  readonly db: Db;
  readonly dispatcher: Dispatcher;
  readonly outbox: Outbox;
  /** Counters behind GET /metrics. */
  readonly metrics: AppMetrics;
  readonly sealer: Sealer | undefined;
  readonly telegram: TelegramPlatform | undefined;
  readonly reconciler: DeliveryReconciler;
  /** Where the data is, for the start-up line (never a password). */
  readonly dataLocation: string;
  /** Where the jobs are (Redis, or PostgreSQL alone): the sandbox's admin panel reads their counts. */
  readonly queues: JobQueues;
  /** The HTTP port actually bound (useful with PORT=0), if this process runs the http role. */
  readonly httpPort: number | undefined;
  /** Every command name the bot answers (without `/`), e.g. for the sandbox's suggestions. */
  readonly commandNames: readonly string[];
  /** The command table (the menus and /trogiup are derived from it). */
  readonly commands: readonly CommandSpec[];
  /** Stops taking updates, lets workers finish the current job, closes connections. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly logger: Logger;
  /** Called for every finished delivery (tests, sandbox, metrics). */
  readonly onSettled?: (delivery: SettledDelivery) => void;
  /** Skip applying migrations (the test harness migrates once per run). */
  readonly skipMigrations?: boolean;
  /** More HTTP routes for the http role (the sandbox's web chat). */
  readonly routes?: readonly Route[];
  /** Address the HTTP server listens on; default every interface (the sandbox passes SANDBOX_HOST). */
  readonly host?: string;
  /** How long Zalo sends pause after a 429 (default one minute doubling up to fifteen); tests shorten it. */
  readonly zaloPause?: ZaloPausePolicy;
}

/** Opens the connections, wires the modules and starts this process's roles, in that order. */
export async function startApp(config: Config, options: StartOptions): Promise<App> {
  const { logger } = options;
  const infra = await openInfrastructure(config, {
    logger,
    skipMigrations: options.skipMigrations,
    zaloPause: options.zaloPause,
  });
  const { db, database, coordination, outbox, queue, ledger, sealer } = infra;
  const platforms = buildPlatforms(config, { ...infra, logger });
  const { telegram, zalo } = platforms;
  const modules = buildModuleDeps(config, infra, platforms.directories, logger, {
    platformNotices: () => zalo?.notices() ?? [],
  });
  const { alertProgress, tipQueue, alarmQueue } = modules;
  const { commandTable, dispatcher } = buildDispatcher(config, {
    infra,
    modules,
    answerers: platforms.answerers,
    logger,
  });

  const roles = new Set(config.KENG_ROLES);
  const metrics = createAppMetrics(platforms.senders.keys());
  const onSettled = (delivery: SettledDelivery) => {
    countSettled(metrics, delivery);
    alertProgress.noteSettled(delivery.source);
    options.onSettled?.(delivery);
  };
  const { worker, tipWorker, alarmWorker } = startWorkerRole({
    roles,
    infra,
    senders: platforms.senders,
    tipDeps: modules.tipDeps,
    alarmDeps: modules.alarmDeps,
    metrics,
    onSettled,
    logger,
  });
  const scheduler = await startSchedulerRole(config, {
    roles,
    infra,
    modules,
    mediaStore: platforms.mediaStore,
    logger,
  });

  const dispatch = (event: InboundEvent) => {
    countInbound(metrics, event);
    return dispatcher.handle(event);
  };
  const inbound: InboundRoleInputs = { roles, platforms, ledger, dispatch, logger };
  await startPlatforms(config, inbound);
  const stopMenus = await startMenus(config, { roles, telegram, infra, commands: commandTable.commands, logger });
  const http = await startHttpRole(config, {
    roles,
    infra,
    modules,
    platforms,
    metrics,
    routes: options.routes ?? [],
    commands: () => commandTable.commands,
    host: options.host,
    logger,
  });
  await startWebhookReceivers(config, inbound);

  return {
    db,
    dispatcher,
    outbox,
    metrics,
    sealer,
    telegram,
    reconciler: scheduler.reconciler,
    dataLocation: infra.server.where,
    queues: coordination.queues,
    httpPort: http.port,
    commandNames: commandTable.commands.flatMap((spec) => spec.names),
    commands: commandTable.commands,
    async stop() {
      await stopMenus();
      await telegram?.stop();
      await zalo?.stop();
      await scheduler.stop();
      alertProgress.stop();
      await worker?.close();
      await tipWorker?.close();
      await tipQueue.close();
      await alarmWorker?.close();
      await alarmQueue.close();
      await http.server?.close();
      await queue.close();
      await coordination.close();
      await database.close();
      await infra.server.stop();
    },
  };
}
