/**
 * Builds Kẻng from a Config and starts the roles this process runs (inbound, worker, scheduler,
 * http). Tests start it in-process against the fake Telegram server; main.ts adds signals.
 */
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { escapeHtml, noEscape, Translator } from "./core/i18n.js";
import type { ButtonAnswerer, ChatSender, Outbox, PlatformDirectory } from "./core/ports.js";
import { systemClock } from "./core/ports.js";
import { AesGcmSealer, type Sealer } from "./core/seal.js";
import type { InboundEvent, PlatformName } from "./core/messages.js";
import { createDatabase, type Db } from "./db/client.js";
import { applyMigrations } from "./db/migrations.js";
import { isDependencyOutage } from "./db/dependency-errors.js";
import { PgUpdateLedger } from "./db/update-ledger.js";
import { healthRoute } from "./http/health.js";
import { HttpServer, type Route } from "./http/server.js";
import { Metrics, metricsRoute } from "./http/metrics.js";
import { verifyRoute } from "./http/verify-route.js";
import { MessageSigner } from "./core/verification.js";
import { verifyCommands } from "./modules/verify/handlers.js";
import { verifyPasted, type VerifyDeps } from "./modules/verify/reply-verification.js";
import { PrismaSignedMessageStore } from "./modules/verify/repo.js";
import { randomBytes } from "node:crypto";
import { kengGauges } from "./http/metrics-gauges.js";
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
import { ConversationMemberLists } from "./modules/areas/member-lists.js";
import { PrismaAreaStore } from "./modules/areas/repo.js";
import { PrismaAuditLog } from "./modules/audit/repo.js";
import { generalCommands } from "./modules/general/handlers.js";
import { PrismaIdentityStore } from "./modules/identity/repo.js";
import { privateFlowKey } from "./modules/flows/flow-key.js";
import { FlowRouter } from "./modules/flows/flow-router.js";
import { flowCommands } from "./modules/flows/handlers.js";
import { PrismaConversationStore } from "./modules/flows/repo.js";
import type { TipDeps } from "./modules/tips/deps.js";
import { tipButtons, tipCommands, tipDeepLink, tipFlowHandlers, tipFollowUps, tipJobs } from "./modules/tips/handlers.js";
import { BullTipQueue, TipWorker } from "./modules/tips/jobs.js";
import { OfficerDigester } from "./modules/tips/officer-digest.js";
import { PrismaOfficerDirectory } from "./modules/tips/officer-repo.js";
import { reconcileTips } from "./modules/tips/reconcile-tips.js";
import { PrismaTipStore } from "./modules/tips/repo.js";
import { PrismaCampaignStore } from "./modules/campaigns/repo.js";
import type { CampaignDeps } from "./modules/campaigns/deps.js";
import { campaignButtons, campaignCommands, campaignFlowHandlers } from "./modules/campaigns/handlers.js";
import { runDueCampaigns } from "./modules/campaigns/run-due-campaigns.js";
import { loadQuestionBank } from "./modules/quizzes/bank/load-bank.js";
import { PrismaQuestionBankStore } from "./modules/quizzes/bank-repo.js";
import { campaignQuiz } from "./modules/quizzes/campaign-quiz.js";
import { closeDueRounds } from "./modules/quizzes/close-rounds.js";
import type { QuizDeps } from "./modules/quizzes/deps.js";
import { quizButtons, quizCommands } from "./modules/quizzes/handlers.js";
import { PrismaQuizStore } from "./modules/quizzes/repo.js";
import { seedQuestionBank } from "./modules/quizzes/seed-question-bank.js";
import type { ChartDeps } from "./modules/charts/deps.js";
import type { StatsDeps } from "./modules/stats/deps.js";
import { statsCommands } from "./modules/stats/handlers.js";
import { PrismaStatsStore } from "./modules/stats/repo.js";
import type { ReportDeps } from "./modules/reports/deps.js";
import { reportCommands } from "./modules/reports/handlers.js";
import { RedisScheduledClaims } from "./modules/reports/jobs.js";
import { PrismaCoverageStore } from "./modules/reports/repo.js";
import { sendWeeklyReports } from "./modules/reports/send-weekly-reports.js";
import { posterCommands } from "./modules/posters/handlers.js";
import { PlatformsDirectory } from "./platforms/directory.js";
import { TelegramPlatform } from "./platforms/telegram/telegram-platform.js";
import { expiredChoiceButton } from "./platforms/zalo/zalo-buttons.js";
import { ZaloPlatform } from "./platforms/zalo/zalo-platform.js";
import { PrismaPromptStore } from "./db/prompt-store.js";
import { PrismaMediaStore } from "./db/media-store.js";
import { mediaRoute } from "./http/media-route.js";
import { PublicMedia } from "./platforms/public-media.js";
import { telegramFileFetcher } from "./platforms/telegram/telegram-files.js";
import { zaloWebhookRoute } from "./http/zalo-webhook.js";
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
  /** Counters behind GET /metrics. */
  readonly metrics: Metrics;
  readonly sealer: Sealer | undefined;
  readonly telegram: TelegramPlatform | undefined;
  readonly reconciler: DeliveryReconciler;
  /** The HTTP port actually bound (useful with PORT=0), if this process runs the http role. */
  readonly httpPort: number | undefined;
  /** Every command name the bot answers (without `/`), e.g. for the sandbox's suggestions. */
  readonly commandNames: readonly string[];
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
}

export async function startApp(config: Config, options: StartOptions): Promise<App> {
  const { logger } = options;
  await checkRedis(config.REDIS_URL);
  if (!options.skipMigrations) await applyMigrations(config.DATABASE_URL);

  // One pool for Prisma and the inbound hot path's plain statements.
  const database = createDatabase(config.DATABASE_URL, { poolSize: 20 });
  const { db } = database;
  // After migrations, before anything serves a question (idempotent; concurrent starts are safe).
  const seeded = await seedQuestionBank({ store: new PrismaQuestionBankStore(db), bank: loadQuestionBank(), today: systemClock.now() });
  logger.debug({ ...seeded, event: "quiz_bank_seeded" }, "quiz bank seeded");
  const redis = createRedis(config.REDIS_URL, { forWorker: true });
  const translator = await Translator.create(config.DEFAULT_LOCALE);
  const prefix = config.QUEUE_PREFIX;
  const queue = createDeliverQueue(redis, prefix);
  const outbox = new QueuedOutbox({ queue, sql: database.pool });
  const identity = new PrismaIdentityStore(db, database.pool);
  const areas = new PrismaAreaStore(db);
  const audit = new PrismaAuditLog(db);
  const access = new Access({ areas, superadmins: config.SUPERADMINS });
  const ledger = new PgUpdateLedger(database.pool);
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
  const mediaStore = new PrismaMediaStore(db);
  // Zalo takes photos only by URL: files we hold (or fetch from Telegram) get a link of ours.
  const publicMedia = config.PUBLIC_BASE_URL
    ? new PublicMedia({
        store: mediaStore,
        baseUrl: config.PUBLIC_BASE_URL,
        ttlMs: config.MEDIA_TTL_HOURS * 3600_000,
        ...(telegram ? { fetchTelegramFile: telegramFileFetcher(telegram.bot.telegram) } : {}),
        clock: systemClock,
        logger,
      })
    : undefined;
  if (config.ZALO_BOT_TOKEN && !publicMedia) logger.warn({ event: "zalo_media_disabled" }, "PUBLIC_BASE_URL is not set: Zalo gets photos and documents as text only (Zalo fetches photos from PUBLIC_BASE_URL/media/…)");
  const zalo = config.ZALO_BOT_TOKEN
    ? new ZaloPlatform({
        token: config.ZALO_BOT_TOKEN,
        apiRoot: config.ZALO_API_ROOT,
        mode: config.ZALO_MODE,
        ...(config.ZALO_WEBHOOK_URL ? { webhookUrl: config.ZALO_WEBHOOK_URL } : {}),
        ...(config.ZALO_WEBHOOK_SECRET ? { webhookSecret: config.ZALO_WEBHOOK_SECRET } : {}),
        translator,
        prompts: new PrismaPromptStore(db),
        // Prompt keys are keyed hashes: a tipster's Zalo id never sits in the prompts table.
        chatKey: (chatId) => (sealer ? sealer.hash(`zalo-chat:${chatId}`) : `zalo:${chatId}`),
        outbox,
        identity,
        logger,
        ...(publicMedia ? { media: publicMedia } : {}),
      })
    : undefined;
  if (zalo) {
    senders.set("zalo", zalo.sender);
    answerers.set("zalo", zalo.answerer);
    directories.set("zalo", zalo);
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
  const alerts = new PrismaAlertStore(db, database.pool);
  // The sandbox and tests always set a key; the fallback only keeps a misconfigured dev run going.
  const signer = new MessageSigner(config.ALERT_SIGNING_KEY ?? randomBytes(32).toString("base64"), config.ALERT_SIGNING_KEYS_OLD);
  // Charts (/thongke, /tinhtrang) draw their words in the reader's language, like every message.
  const charts: ChartDeps = { label: (text, locale) => translator.render(text, locale, noEscape) };
  const alertDeps: AlertDeps = { ...areaDeps, alerts, outbox, timeZone: config.TZ, defaultLocale: config.DEFAULT_LOCALE, signer, charts };
  const verifyDeps: VerifyDeps = { store: new PrismaSignedMessageStore(db), signer, clock: systemClock, timeZone: config.TZ };
  const alertProgress = new AlertProgressReporter(alertDeps, ({ alertId, failed, total }) => {
    // One structured line an operator can alert on: a broadcast that failed in bulk.
    if (total > 0 && failed / total > 0.1) logger.error({ event: "broadcast_failed_in_bulk", alert: `K${alertId}`, failed, total }, "more than 10 % of a broadcast failed");
  });
  const conversations = new PrismaConversationStore(db);
  const tipQueue = new BullTipQueue({ connection: redis, prefix });
  // Tips need the seal key: config requires it outside the sandbox and the sandbox makes one.
  const tipDeps: TipDeps | undefined = sealer && {
    ...areaDeps,
    sealer,
    outbox,
    flows: conversations,
    flowKey: (chat) => privateFlowKey(sealer, chat),
    tips: new PrismaTipStore(db),
    officers: new PrismaOfficerDirectory(db),
    queue: tipQueue,
    superadmins: config.SUPERADMINS,
    settings: { escalateMinutes: config.TIP_ESCALATE_MINUTES, retentionDays: config.TIP_RETENTION_DAYS, timeZone: config.TZ, defaultLocale: config.DEFAULT_LOCALE },
  };
  const quizDeps: QuizDeps = {
    ...areaDeps,
    quizzes: new PrismaQuizStore(db),
    outbox,
    settings: { roundSeconds: config.QUIZ_ROUND_SECONDS, maxAnswers: config.QUIZ_MAX_ANSWERS, includeUnreviewed: config.QUIZ_INCLUDE_UNREVIEWED, timeZone: config.TZ, defaultLocale: config.DEFAULT_LOCALE },
  };
  const campaignDeps: CampaignDeps = {
    ...areaDeps,
    campaigns: new PrismaCampaignStore(db),
    outbox,
    quiz: campaignQuiz(quizDeps),
    signer,
    ...(tipDeps ? { flows: { store: conversations, keyOf: tipDeps.flowKey } } : {}),
    timeZone: config.TZ,
    defaultLocale: config.DEFAULT_LOCALE,
  };
  const statsDeps: StatsDeps = { ...areaDeps, stats: new PrismaStatsStore(db), timeZone: config.TZ, charts };
  const reportDeps: ReportDeps = {
    ...areaDeps,
    coverage: new PrismaCoverageStore(db),
    outbox,
    claims: new RedisScheduledClaims({ redis, prefix }),
    settings: { schedule: config.COVERAGE_REPORT_AT, escalateMinutes: config.TIP_ESCALATE_MINUTES, timeZone: config.TZ, defaultLocale: config.DEFAULT_LOCALE },
  };
  const flowRouter = tipDeps && new FlowRouter({ store: conversations, keyOf: tipDeps.flowKey, handlers: [...tipFlowHandlers(tipDeps), ...campaignFlowHandlers(campaignDeps)], fallback: tipFollowUps(tipDeps) });

  // /trogiup lists every command, including its own table: the closure runs after construction.
  const commandTable: CommandTable = new CommandTable(
    [
      ...generalCommands({ ...areaDeps, commands: () => commandTable.commands, deepLinks: tipDeps ? [tipDeepLink(tipDeps)] : [] }),
      ...areaCommands({ ...areaDeps, outbox, memberLists: new ConversationMemberLists(conversations), defaultLocale: config.DEFAULT_LOCALE }),
      ...alertCommands(alertDeps),
      ...verifyCommands(verifyDeps),
      ...quizCommands(quizDeps),
      ...campaignCommands(campaignDeps),
      ...statsCommands(statsDeps),
      ...reportCommands(reportDeps),
      ...posterCommands({
        ...areaDeps,
        outbox,
        translator,
        settings: { zaloBotLink: config.ZALO_BOT_LINK, zaloFileLinks: Boolean(config.PUBLIC_BASE_URL), defaultLocale: config.DEFAULT_LOCALE },
      }),
      ...(tipDeps ? [...tipCommands(tipDeps), ...flowCommands({ store: conversations, keyOf: tipDeps.flowKey })] : []),
    ],
    [expiredChoiceButton, ...alertButtons(alertDeps), ...quizButtons(quizDeps), ...campaignButtons(campaignDeps), ...(tipDeps ? tipButtons(tipDeps) : [])],
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
    attempts: areaDeps.attempts,
    isOutage: isDependencyOutage,
    ...(sealer ? { hashUser: (platform: PlatformName, userId: string) => sealer.hash(`user:${platform}:${userId}`) } : {}),
    // A pasted message with a verification code is checked first; otherwise guided flows see it.
    onPrivateMessage: async (ctx, event) =>
      (event.type === "text" && (await verifyPasted(ctx, event.text, verifyDeps))) || (flowRouter ? flowRouter.handle(ctx, event) : false),
  });

  const roles = new Set(config.KENG_ROLES);
  const limiter = new SendRateLimiter({ redis, prefix, platforms: { telegram: telegramLimits, zalo: zaloLimits } });
  const metrics = new Metrics();
  // Counters start at zero, so a dashboard sees "no 429s" rather than no data.
  for (const platform of senders.keys()) metrics.inc("keng_platform_429_total", "429 answers from a platform (should stay 0).", { platform }, 0);
  const onSettled = (delivery: SettledDelivery) => {
    metrics.inc("keng_deliveries_total", "Deliveries finished, by platform and outcome.", { platform: delivery.platform ?? "sealed", outcome: delivery.status });
    alertProgress.noteSettled(delivery.source);
    options.onSettled?.(delivery);
  };
  const worker = roles.has("worker") ? new DeliverWorker({ db, sql: database.pool, connection: redis, prefix, senders, limiter, logger, onSettled, onRateLimited: (platform) => metrics.inc("keng_platform_429_total", "429 answers from a platform (should stay 0).", { platform }), ...(sealer ? { sealer } : {}), ...(tipDeps ? { digester: new OfficerDigester({ tips: tipDeps.tips, settings: tipDeps.settings, measure: (text, locale) => translator.render(text, locale, escapeHtml).length }) } : {}) }) : undefined;
  worker?.start();
  const tipWorker = tipDeps && roles.has("worker") ? new TipWorker({ connection: redis, prefix, handlers: tipJobs(tipDeps), logger }) : undefined;
  tipWorker?.start();

  const reconcileMs = config.KENG_RECONCILE_SECONDS * 1000;
  const reconciler = new DeliveryReconciler({ db, queue, logger, intervalMs: reconcileMs });
  const periodic: NodeJS.Timeout[] = [];
  if (roles.has("scheduler")) {
    await reconciler.reconcile();
    reconciler.start();
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
  }

  const dispatch = (event: InboundEvent) => {
    metrics.inc("keng_inbound_updates_total", "Inbound updates, by platform and type.", { platform: event.platform, type: event.type });
    return dispatcher.handle(event);
  };
  await releaseDeadClaims({ ledger, logger, polling: [...(telegram && roles.has("inbound") && config.TELEGRAM_MODE === "polling" ? ["telegram" as const] : []), ...(zalo && roles.has("inbound") && config.ZALO_MODE === "polling" ? ["zalo" as const] : [])] });
  if (telegram) await telegram.start(dispatch, { receive: roles.has("inbound") && config.TELEGRAM_MODE === "polling" });
  if (zalo) await zalo.start(dispatch, { receive: roles.has("inbound") && config.ZALO_MODE === "polling" });

  let http: HttpServer | undefined;
  let httpPort: number | undefined;
  if (roles.has("http")) {
    http = new HttpServer(logger).add(healthRoute({ db, redis }));
    http.add(verifyRoute(verifyDeps));
    http.add(mediaRoute({ store: mediaStore, clock: systemClock }));
    http.add(metricsRoute({ metrics, gauges: kengGauges({ db, queues: [queue, tipQueue.queue] }) }));
    for (const route of capRoutes({ alerts, clock: systemClock, context: () => capContext(config.PUBLIC_BASE_URL, httpPort ?? config.PORT) })) http.add(route);
    if (telegram && config.TELEGRAM_MODE === "webhook" && config.TELEGRAM_WEBHOOK_SECRET) {
      http.add(telegramWebhookRoute({ secret: config.TELEGRAM_WEBHOOK_SECRET, handle: (u) => telegram.handleWebhookUpdate(u), logger }));
    }
    if (zalo && config.ZALO_MODE === "webhook" && config.ZALO_WEBHOOK_SECRET) {
      http.add(zaloWebhookRoute({ secret: config.ZALO_WEBHOOK_SECRET, handle: (u) => zalo.handleUpdate(u), logger }));
    }
    for (const route of options.routes ?? []) http.add(route);
    httpPort = await http.listen(config.PORT);
  }
  if (telegram && config.TELEGRAM_MODE === "webhook" && roles.has("inbound")) {
    await telegram.start(dispatch, { receive: true });
  }
  if (zalo && config.ZALO_MODE === "webhook" && roles.has("inbound")) {
    await zalo.start(dispatch, { receive: true });
  }

  return {
    db,
    dispatcher,
    outbox,
    metrics,
    sealer,
    telegram,
    reconciler,
    httpPort,
    commandNames: commandTable.commands.flatMap((spec) => spec.names),
    async stop() {
      await telegram?.stop();
      await zalo?.stop();
      reconciler.stop();
      periodic.forEach(clearInterval);
      alertProgress.stop();
      await worker?.close();
      await tipWorker?.close();
      await tipQueue.close();
      await http?.close();
      await queue.close();
      await redis.quit().catch(() => undefined);
      await database.close();
    },
  };
}

/**
 * In polling mode this process is the platform's only reader (Telegram answers a second getUpdates
 * with 409), so an unfinished claim was left by a process that died mid-update. The platform
 * delivers those updates again (they were never confirmed): release the claims, or the redelivered
 * updates would be taken for duplicates of work in progress and dropped.
 */
async function releaseDeadClaims(input: { ledger: PgUpdateLedger; logger: Logger; polling: readonly PlatformName[] }): Promise<void> {
  for (const platform of input.polling) {
    const released = await input.ledger.releaseUnfinished(platform);
    if (released > 0) input.logger.warn({ event: "inbound_claims_released", platform, released }, "updates left unfinished by a previous process will be handled again");
  }
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
