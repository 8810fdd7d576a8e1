/**
 * Starts the http role: health, reply verification, media links, metrics, the CAP alert feed, the
 * platforms' webhooks (in webhook mode, with the inbound role) and any routes the caller adds (the
 * sandbox's web chat).
 */
import type { Logger } from "pino";
import type { Config, ProcessRole } from "../config.js";
import { systemClock } from "../core/ports.js";
import type { Text } from "../core/text.js";
import { capContext, capRoutes } from "../http/cap-routes.js";
import { consoleRoutes } from "../http/console/console-routes.js";
import { healthRoute, type Receivers } from "../http/health.js";
import { mediaRoute } from "../http/media-route.js";
import { kengGauges } from "../http/metrics-gauges.js";
import { allGauges, zaloQuotaGauges } from "../http/zalo-quota-gauges.js";
import { metricsRoute } from "../http/metrics.js";
import type { AppMetrics } from "./app-metrics.js";
import { HttpServer, type Route } from "../http/server.js";
import { telegramWebhookRoute } from "../http/telegram-webhook.js";
import { verifyRoute } from "../http/verify-route.js";
import { PrismaConsoleTipSearch } from "../modules/console/tip-search-repo.js";
import { PrismaAuditReader } from "../modules/console/audit-reader-repo.js";
import { PrismaAlarmReader } from "../modules/console/alarm-reader-repo.js";
import { PrismaAdminReader } from "../modules/console/admin-reader-repo.js";
import { PrismaAlarmDetails } from "../modules/console/alarm-details-repo.js";
import { ConversationMemberLists } from "../modules/areas/member-lists.js";
import type { CommandSpec } from "../core/commands.js";
import { telegramFileFetcher } from "../platforms/telegram/telegram-files.js";
import { zaloWebhookRoute } from "../http/zalo-webhook.js";
import type { Infrastructure } from "./infrastructure.js";
import type { ModuleDeps } from "./module-deps.js";
import type { Platforms } from "./platforms.js";

/** What {@link startHttpRole} needs. */
export interface HttpRoleInputs {
  readonly roles: ReadonlySet<ProcessRole>;
  readonly infra: Infrastructure;
  readonly modules: ModuleDeps;
  readonly platforms: Platforms;
  readonly metrics: AppMetrics;
  /** The chat's command table (the console runs `/baocao` and the admin commands through it). */
  readonly commands: () => readonly CommandSpec[];
  /** More routes, added after the built-in ones. */
  readonly routes: readonly Route[];
  /** Address to listen on; default every interface (a container's port is published by compose). */
  readonly host?: string;
  readonly logger: Logger;
}

/** The listening server and its port; both undefined unless this process runs the http role. */
export interface HttpRole {
  readonly server: HttpServer | undefined;
  /** The port actually bound (useful with PORT=0). */
  readonly port: number | undefined;
}

/** Adds the routes and listens on PORT if this process runs the http role. */
export async function startHttpRole(config: Config, inputs: HttpRoleInputs): Promise<HttpRole> {
  const { roles, infra, modules, platforms, metrics, routes, logger } = inputs;
  const { db, coordination, queue } = infra;
  const { verifyDeps, alerts, tipQueue } = modules;
  const { telegram, zalo, mediaStore } = platforms;
  let http: HttpServer | undefined;
  let httpPort: number | undefined;
  if (roles.has("http")) {
    const receivers: Receivers = telegram ? { telegram: () => telegram.receiving() } : {};
    http = new HttpServer(logger).add(healthRoute({ db, probes: coordination.probes, receivers }));
    http.add(verifyRoute({ deps: verifyDeps, attempts: modules.areaDeps.attempts }));
    http.add(mediaRoute({ store: mediaStore, clock: systemClock }));
    const gauges = kengGauges({ db, queues: [queue, tipQueue.queue] });
    http.add(
      metricsRoute({
        counters: metrics.registry,
        gauges: infra.zaloQuota ? allGauges([gauges, zaloQuotaGauges(infra.zaloQuota)]) : gauges,
        token: config.METRICS_TOKEN,
      }),
    );
    const alarms = { store: modules.alarmDeps.alarms, render: (text: Text) => modules.alarmDeps.render(text, "vi") };
    for (const route of capRoutes({
      alerts,
      alarms,
      clock: systemClock,
      context: () => capContext(config.PUBLIC_BASE_URL, httpPort ?? config.PORT),
    }))
      http.add(route);
    // Updates are the inbound role's work: a worker or scheduler with `http` (health, metrics) takes none.
    const inbound = roles.has("inbound");
    if (inbound && telegram && config.TELEGRAM_MODE === "webhook" && config.TELEGRAM_WEBHOOK_SECRET) {
      http.add(
        telegramWebhookRoute({
          secret: config.TELEGRAM_WEBHOOK_SECRET,
          handle: (u) => telegram.handleWebhookUpdate(u),
          logger,
        }),
      );
    }
    if (inbound && zalo && config.ZALO_MODE === "webhook" && config.ZALO_WEBHOOK_SECRET) {
      http.add(zaloWebhookRoute({ secret: config.ZALO_WEBHOOK_SECRET, handle: (u) => zalo.handleUpdate(u), logger }));
    }
    for (const route of consoleRoutes({
      console: modules.consoleDeps,
      tips: modules.tipDeps && {
        console: modules.consoleDeps,
        tips: modules.tipDeps,
        search: new PrismaConsoleTipSearch(db),
      },
      stats: modules.statsDeps,
      alerts: modules.alertDeps,
      commands: inputs.commands,
      audit: new PrismaAuditReader(db),
      alarms: new PrismaAlarmReader(db),
      admin: {
        areas: {
          ...modules.areaDeps,
          outbox: modules.alertDeps.outbox,
          memberLists: new ConversationMemberLists(modules.conversations),
          defaultLocale: config.DEFAULT_LOCALE,
        },
        reader: new PrismaAdminReader(db),
      },
      alarmDeps: modules.alarmDeps,
      alarmDetails: new PrismaAlarmDetails(db),
      publicBaseUrl: config.PUBLIC_BASE_URL,
      fetchTelegramFile: telegram ? telegramFileFetcher(telegram.bot.telegram) : undefined,
      submissions: infra.ledger,
    }))
      http.add(route);
    for (const route of routes) http.add(route);
    httpPort = await http.listen(config.PORT, inputs.host);
    modules.httpAddress.port = httpPort;
  }
  return { server: http, port: httpPort };
}
