/**
 * Wires each domain module's dependencies (areas, alerts, verify, tips, quizzes, campaigns, stats,
 * reports) from the shared infrastructure and the platform directories.
 */
import { PrismaAreaTree } from "../modules/areas/area-tree-repo.js";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { helpRetentionDays, type Config } from "../config.js";
import type { ChatRecord } from "../core/actors.js";
import { noEscape } from "../core/i18n.js";
import type { PlatformName } from "../core/messages.js";
import type { PlatformDirectory } from "../core/ports.js";
import { systemClock } from "../core/ports.js";
import { MessageSigner } from "../core/verification.js";
import type { AlarmDeps } from "../modules/alarms/deps.js";
import { BullAlarmQueue } from "../modules/alarms/jobs.js";
import { PrismaAlarmStore } from "../modules/alarms/repo.js";
import type { AlertDeps } from "../modules/alerts/deps.js";
import { PrismaAlertStore } from "../modules/alerts/repo.js";
import { AckProgressEdits } from "../modules/alerts/ack-progress-edits.js";
import { AlertProgressReporter } from "../modules/alerts/report-progress.js";
import type { AreaDeps } from "../modules/areas/deps.js";
import type { CampaignDeps } from "../modules/campaigns/deps.js";
import { PrismaCampaignStore } from "../modules/campaigns/repo.js";
import type { ChartDeps } from "../modules/charts/deps.js";
import type { ConsoleDeps } from "../modules/console/deps.js";
import { PrismaConsoleSessionStore } from "../modules/console/repo.js";
import { privateFlowKey } from "../modules/flows/flow-key.js";
import { PrismaConversationStore } from "../modules/flows/repo.js";
import { campaignQuiz } from "../modules/quizzes/campaign-quiz.js";
import type { QuizDeps } from "../modules/quizzes/deps.js";
import { PrismaQuizStore } from "../modules/quizzes/repo.js";
import type { ReportDeps } from "../modules/reports/deps.js";
import type { RelayDeps } from "../modules/relays/deps.js";
import { PrismaRelayStore } from "../modules/relays/repo.js";
import { RelaySender } from "../modules/relays/send-to-relays.js";
import { RelayZaloSeats } from "../modules/relays/zalo-seats.js";
import type { Text } from "../core/text.js";
import { PrismaCoverageStore } from "../modules/reports/repo.js";
import type { StatsDeps } from "../modules/stats/deps.js";
import { PrismaStatsStore } from "../modules/stats/repo.js";
import type { TipDeps } from "../modules/tips/deps.js";
import { BullTipQueue } from "../modules/tips/jobs.js";
import { PrismaOfficerDirectory } from "../modules/tips/officer-repo.js";
import { PrismaTipStore } from "../modules/tips/repo.js";
import type { VerifyDeps } from "../modules/verify/deps.js";
import { PrismaSignedMessageStore } from "../modules/verify/repo.js";
import { PlatformsDirectory } from "../platforms/directory.js";
import { messageCopies } from "../platforms/message-copies.js";
import type { Infrastructure } from "./infrastructure.js";

/** Every domain module's dependencies, plus the few stores and reporters the roles use directly. */
export interface ModuleDeps {
  /** The base every other module's deps extend: areas, identity, access, audit, directory, attempts. */
  readonly areaDeps: AreaDeps;
  /** Alerts as stored (the CAP feed of the http role reads them). */
  readonly alerts: PrismaAlertStore;
  readonly alertDeps: AlertDeps;
  /** Edits a broadcast's progress as its deliveries settle; stopped on shutdown. */
  readonly alertProgress: AlertProgressReporter;
  readonly alarmDeps: AlarmDeps;
  /** The `alarms` queue (escalation of unanswered alarms; closed on shutdown). */
  readonly alarmQueue: BullAlarmQueue;
  readonly verifyDeps: VerifyDeps;
  /** Guided flows' state, per private chat. */
  readonly conversations: PrismaConversationStore;
  /** The `tips` queue (closed on shutdown, measured by /metrics). */
  readonly tipQueue: BullTipQueue;
  /** Undefined without a seal key: then the tip mailbox is off. */
  readonly tipDeps: TipDeps | undefined;
  readonly quizDeps: QuizDeps;
  readonly campaignDeps: CampaignDeps;
  readonly statsDeps: StatsDeps;
  readonly reportDeps: ReportDeps;
  /** Relayed groups (issue 18 §3): `/nhomchuyen` and «Đã chuyển vào nhóm». */
  readonly relayDeps: RelayDeps;
  /** The officers' console (issue 21): sign-in links and sessions. */
  readonly consoleDeps: ConsoleDeps;
  /** The port the http role bound (set once it listens): the console's links name it without PUBLIC_BASE_URL. */
  readonly httpAddress: { port: number | undefined };
}

/** Builds the modules' dependencies; nothing runs yet. */
export function buildModuleDeps(
  config: Config,
  infra: Infrastructure,
  directories: ReadonlyMap<PlatformName, PlatformDirectory>,
  logger: Logger,
  extra: { platformNotices?: () => readonly Text[] } = {},
): ModuleDeps {
  const { db, coordination, translator, outbox, identity, areas, audit, access, sealer } = infra;
  const areaDeps: AreaDeps = {
    areas,
    identity,
    access,
    audit,
    directory: new PlatformsDirectory(directories),
    attempts: coordination.attempts,
    clock: systemClock,
  };
  const alerts = new PrismaAlertStore(db, infra.database.pool);
  // The sandbox and tests always set a key; the fallback only keeps a misconfigured dev run going.
  const signer = new MessageSigner(
    config.ALERT_SIGNING_KEY ?? randomBytes(32).toString("base64"),
    config.ALERT_SIGNING_KEYS_OLD,
  );
  // Charts (/thongke, /tinhtrang) draw their words in the reader's language, like every message.
  const charts: ChartDeps = { label: (text, locale) => translator.render(text, locale, noEscape) };
  // Every code is written as it is issued: /kiemtra and GET /verify find it by index.
  const codes = new PrismaSignedMessageStore(db);
  const conversations = new PrismaConversationStore(db);
  const relayDeps: RelayDeps = {
    relays: new PrismaRelayStore(db),
    areas,
    access,
    outbox,
    audit,
    clock: systemClock,
    defaultLocale: config.DEFAULT_LOCALE,
    remindMinutes: config.RELAY_REMIND_MINUTES,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  };
  // Alerts, their endings and campaigns reach relayed groups through their relays.
  const relays = new RelaySender(relayDeps);
  const zaloSeats = config.ZALO_USER_CAP ? new RelayZaloSeats(relayDeps.relays, config.ZALO_USER_CAP) : undefined;
  const alertDeps: AlertDeps = {
    ...areaDeps,
    relays,
    ...(zaloSeats ? { zaloSeats } : {}),
    alerts,
    areaTree: new PrismaAreaTree(db),
    outbox,
    timeZone: config.TZ,
    defaultLocale: config.DEFAULT_LOCALE,
    signer,
    codes,
    charts,
    ackEdits: new AckProgressEdits({ alerts, outbox, defaultLocale: config.DEFAULT_LOCALE }, (error) =>
      logger.error({ err: error, event: "alert_progress_edit_failed" }, "progress edit after acknowledgements failed"),
    ),
    // "Đánh kẻng" step by step keeps its draft where the other guided flows do (needs the seal key).
    ...(sealer ? { flows: { store: conversations, keyOf: (chat: ChatRecord) => privateFlowKey(sealer, chat) } } : {}),
  };
  const alarmQueue = new BullAlarmQueue({ queues: coordination.queues });
  const alarmDeps: AlarmDeps = {
    ...alertDeps,
    alarms: new PrismaAlarmStore(db),
    alarmQueue,
    alarmSettings: {
      dailyLimit: config.ALARM_DAILY_LIMIT,
      cooldownHours: config.ALARM_COOLDOWN_HOURS,
      escalateMinutes: config.ALARM_ESCALATE_MINUTES,
    },
    render: (text, locale) => translator.render(text, locale, noEscape),
  };
  const verifyDeps: VerifyDeps = {
    store: codes,
    signer,
    clock: systemClock,
    timeZone: config.TZ,
    readAs: messageCopies(translator),
    botUsername: (platform) => areaDeps.directory.botUsername(platform),
    publicBaseUrl: config.PUBLIC_BASE_URL,
  };
  const alertProgress = new AlertProgressReporter(alertDeps, ({ alertId, failed, total }) => {
    // One structured line an operator can alert on: a broadcast that failed in bulk.
    if (total > 0 && failed / total > 0.1)
      logger.error(
        { event: "broadcast_failed_in_bulk", alert: `K${alertId}`, failed, total },
        "more than 10 % of a broadcast failed",
      );
  });
  const tipQueue = new BullTipQueue({ queues: coordination.queues });
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
    translator,
    settings: {
      escalateMinutes: config.TIP_ESCALATE_MINUTES,
      draftMinutes: config.TIP_DRAFT_MINUTES,
      retentionDays: config.TIP_RETENTION_DAYS,
      helpRetentionDays: helpRetentionDays(config),
      deliveryRetentionDays: config.DELIVERY_RETENTION_DAYS,
      timeZone: config.TZ,
      defaultLocale: config.DEFAULT_LOCALE,
    },
  };
  const quizDeps: QuizDeps = {
    ...areaDeps,
    quizzes: new PrismaQuizStore(db),
    outbox,
    settings: {
      roundSeconds: config.QUIZ_ROUND_SECONDS,
      maxAnswers: config.QUIZ_MAX_ANSWERS,
      includeUnreviewed: config.QUIZ_INCLUDE_UNREVIEWED,
      timeZone: config.TZ,
      defaultLocale: config.DEFAULT_LOCALE,
      quietHours: config.QUIET_HOURS,
    },
  };
  const campaignDeps: CampaignDeps = {
    ...areaDeps,
    campaigns: new PrismaCampaignStore(db),
    outbox,
    quiz: campaignQuiz(quizDeps),
    signer,
    codes,
    ...(tipDeps ? { flows: { store: conversations, keyOf: tipDeps.flowKey } } : {}),
    timeZone: config.TZ,
    defaultLocale: config.DEFAULT_LOCALE,
    quietHours: config.QUIET_HOURS,
    relays,
  };
  const statsDeps: StatsDeps = { ...areaDeps, stats: new PrismaStatsStore(db), timeZone: config.TZ, charts };
  const reportDeps: ReportDeps = {
    ...areaDeps,
    coverage: new PrismaCoverageStore(db),
    outbox,
    claims: coordination.claims,
    ...(infra.zaloQuota ? { zaloQuota: infra.zaloQuota } : {}),
    ...(extra.platformNotices ? { platformNotices: extra.platformNotices } : {}),
    relays,
    ...(zaloSeats ? { zaloSeats } : {}),
    settings: {
      schedule: config.COVERAGE_REPORT_AT,
      escalateMinutes: config.TIP_ESCALATE_MINUTES,
      timeZone: config.TZ,
      defaultLocale: config.DEFAULT_LOCALE,
    },
  };
  const httpAddress: { port: number | undefined } = { port: undefined };
  const consoleDeps: ConsoleDeps = {
    sessions: new PrismaConsoleSessionStore(db),
    access,
    audit,
    attempts: coordination.attempts,
    clock: systemClock,
    translator,
    settings: {
      linkMinutes: config.CONSOLE_LINK_MINUTES,
      sessionHours: config.CONSOLE_SESSION_HOURS,
      timeZone: config.TZ,
    },
    baseUrl: () => config.PUBLIC_BASE_URL ?? `http://localhost:${httpAddress.port ?? config.PORT}`,
  };
  return {
    consoleDeps,
    httpAddress,
    areaDeps,
    alerts,
    alertDeps,
    alertProgress,
    alarmDeps,
    alarmQueue,
    verifyDeps,
    conversations,
    tipQueue,
    tipDeps,
    quizDeps,
    campaignDeps,
    statsDeps,
    reportDeps,
    relayDeps,
  };
}
