/**
 * Builds Kẻng from a Config and starts the roles this process runs (inbound, worker, scheduler,
 * http). Tests start it in-process against the fake Telegram server; main.ts adds signals.
 */
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { Translator } from "./core/i18n.js";
import type { ButtonAnswerer, ChatSender, Outbox, PlatformDirectory } from "./core/ports.js";
import { systemClock } from "./core/ports.js";
import { AesGcmSealer, type Sealer } from "./core/seal.js";
import type { PlatformName } from "./core/messages.js";
import { createDb, type Db } from "./db/client.js";
import { applyMigrations } from "./db/migrations.js";
import { PrismaUpdateLedger } from "./db/update-ledger.js";
import { healthRoute } from "./http/health.js";
import { HttpServer } from "./http/server.js";
import { telegramWebhookRoute } from "./http/telegram-webhook.js";
import { alertButtons, alertCommands } from "./modules/alerts/handlers.js";
import { expireAlerts } from "./modules/alerts/expire-alerts.js";
import { PrismaAlertStore } from "./modules/alerts/repo.js";
import { AlertProgressReporter } from "./modules/alerts/report-progress.js";
import type { AlertDeps } from "./modules/alerts/deps.js";
import { capContext, capRoutes } from "./http/cap-routes.js";
import { Access } from "./modules/areas/access.js";
import type { AreaDeps } from "./modules/areas/deps.js";
import { areaCommands } from "./modules/areas/handlers.js";
import { PrismaAreaStore } from "./modules/areas/repo.js";
import { PrismaAuditLog } from "./modules/audit/repo.js";
import { generalCommands } from "./modules/general/handlers.js";
import { PrismaIdentityStore } from "./modules/identity/repo.js";
import { PlatformsDirectory } from "./platforms/directory.js";
import { TelegramPlatform } from "./platforms/telegram/telegram-platform.js";
import { RedisAttemptLimiter } from "./queue/attempt-limiter.js";
import { createDeliverQueue } from "./queue/deliver-queue.js";
import { DeliverWorker, type SettledDelivery } from "./queue/deliver-worker.js";
import { QueuedOutbox } from "./queue/outbox.js";
import { SendRateLimiter, telegramLimits, zaloLimits } from "./queue/rate-limiter.js";
import { DeliveryReconciler } from "./queue/reconciler.js";
import { checkRedis, createRedis } from "./queue/redis.js";
import { CommandTable } from "./router/command-table.js";
import { Dispatcher } from "./router/dispatcher.js";

export interface App {
  readonly db: Db;
  readonly dispatcher: Dispatcher;
  readonly outbox: Outbox;
  readonly sealer: Sealer | undefined;
  readonly telegram: TelegramPlatform | undefined;
  readonly reconciler: DeliveryReconciler;
  /** The HTTP port actually bound (useful with PORT=0), if this process runs the http role. */
  readonly httpPort: number | undefined;
  /** Stops taking updates, lets workers finish the current job, closes connections. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly logger: Logger;
  /** Called for every finished delivery (tests, sandbox, metrics). */
  readonly onSettled?: (delivery: SettledDelivery) => void;
  /** Skip applying migrations (the test harness migrates once per run). */
  readonly skipMigrations?: boolean;
}

export async function startApp(config: Config, options: StartOptions): Promise<App> {
  const { logger } = options;
  await checkRedis(config.REDIS_URL);
  if (!options.skipMigrations) await applyMigrations(config.DATABASE_URL);

  const db = createDb(config.DATABASE_URL, { poolSize: 20 });
  const redis = createRedis(config.REDIS_URL, { forWorker: true });
  const translator = await Translator.create(config.DEFAULT_LOCALE);
  const prefix = config.QUEUE_PREFIX;
  const queue = createDeliverQueue(redis, prefix);
  const outbox = new QueuedOutbox({ db, queue });
  const identity = new PrismaIdentityStore(db);
  const areas = new PrismaAreaStore(db);
  const audit = new PrismaAuditLog(db);
  const access = new Access({ areas, superadmins: config.SUPERADMINS });
  const ledger = new PrismaUpdateLedger(db);
  const sealer = config.TIP_SEAL_KEY ? new AesGcmSealer(config.TIP_SEAL_KEY, config.TIP_SEAL_KEYS_OLD) : undefined;

  const senders = new Map<PlatformName, ChatSender>();
  const answerers = new Map<PlatformName, ButtonAnswerer>();
  const directories = new Map<PlatformName, PlatformDirectory>();
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? new TelegramPlatform({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        mode: config.TELEGRAM_MODE,
        ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
        ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
        translator,
        logger,
      })
    : undefined;
  if (telegram) {
    senders.set("telegram", telegram.sender);
    answerers.set("telegram", telegram.sender);
    directories.set("telegram", telegram.sender);
  }

  const areaDeps: AreaDeps = {
    areas,
    identity,
    access,
    audit,
    directory: new PlatformsDirectory(directories),
    attempts: new RedisAttemptLimiter({ redis, prefix }),
    clock: systemClock,
  };
  const alerts = new PrismaAlertStore(db);
  const alertDeps: AlertDeps = { ...areaDeps, alerts, outbox, timeZone: config.TZ, defaultLocale: config.DEFAULT_LOCALE };
  const alertProgress = new AlertProgressReporter(alertDeps);

  // /trogiup lists every command, including its own table: the closure runs after construction.
  const commandTable: CommandTable = new CommandTable(
    [...generalCommands({ ...areaDeps, commands: () => commandTable.commands }), ...areaCommands(areaDeps), ...alertCommands(alertDeps)],
    [...alertButtons(alertDeps)],
  );

  const dispatcher = new Dispatcher({
    identity,
    access,
    outbox,
    ledger,
    audit,
    table: () => commandTable,
    answerers,
    defaultLocale: config.DEFAULT_LOCALE,
    logger,
  });

  const roles = new Set(config.KENG_ROLES);
  const limiter = new SendRateLimiter({ redis, prefix, platforms: { telegram: telegramLimits, zalo: zaloLimits } });
  const onSettled = (delivery: SettledDelivery) => {
    alertProgress.noteSettled(delivery.source);
    options.onSettled?.(delivery);
  };
  const worker = roles.has("worker") ? new DeliverWorker({ db, connection: redis, prefix, senders, limiter, logger, onSettled, ...(sealer ? { sealer } : {}) }) : undefined;
  worker?.start();

  const reconciler = new DeliveryReconciler({ db, queue, logger });
  const periodic: NodeJS.Timeout[] = [];
  if (roles.has("scheduler")) {
    await reconciler.reconcile();
    reconciler.start();
    periodic.push(every(15_000, () => expireAlerts(alertDeps), logger));
  }

  if (telegram) await telegram.start((event) => dispatcher.handle(event), { receive: roles.has("inbound") && config.TELEGRAM_MODE === "polling" });

  let http: HttpServer | undefined;
  let httpPort: number | undefined;
  if (roles.has("http")) {
    http = new HttpServer(logger).add(healthRoute({ db, redis }));
    for (const route of capRoutes({ alerts, clock: systemClock, context: () => capContext(config.PUBLIC_BASE_URL, httpPort ?? config.PORT) })) http.add(route);
    if (telegram && config.TELEGRAM_MODE === "webhook" && config.TELEGRAM_WEBHOOK_SECRET) {
      http.add(telegramWebhookRoute({ secret: config.TELEGRAM_WEBHOOK_SECRET, handle: (u) => telegram.handleWebhookUpdate(u), logger }));
    }
    httpPort = await http.listen(config.PORT);
  }
  if (telegram && config.TELEGRAM_MODE === "webhook" && roles.has("inbound")) {
    await telegram.start((event) => dispatcher.handle(event), { receive: true });
  }

  return {
    db,
    dispatcher,
    outbox,
    sealer,
    telegram,
    reconciler,
    httpPort,
    async stop() {
      await telegram?.stop();
      reconciler.stop();
      periodic.forEach(clearInterval);
      alertProgress.stop();
      await worker?.close();
      await http?.close();
      await queue.close();
      await redis.quit().catch(() => undefined);
      await db.$disconnect();
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
