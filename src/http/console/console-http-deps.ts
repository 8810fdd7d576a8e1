/** What the console's routes need (built by the http role). */
import type { CommandSpec } from "../../core/commands.js";
import type { UpdateLedger } from "../../core/ports.js";
import type { AuditReader } from "../../modules/console/list-audit-log.js";
import type { AlarmReader } from "../../modules/console/list-console-alarms.js";
import type { AlertDeps } from "../../modules/alerts/deps.js";
import type { AlarmDeps } from "../../modules/alarms/deps.js";
import type { AlarmDetailsReader } from "../../modules/console/show-console-alarm.js";
import type { AreaAdminDeps } from "../../modules/areas/deps.js";
import type { AdminReader } from "../../modules/console/admin-scope.js";
import type { ConsoleDeps } from "../../modules/console/deps.js";
import type { ConsoleTipDeps } from "../../modules/console/tip-deps.js";
import type { StatsDeps } from "../../modules/stats/deps.js";

export interface ConsoleHttpDeps {
  readonly console: ConsoleDeps;
  /** Undefined without a seal key (the tip mailbox is off). */
  readonly tips: ConsoleTipDeps | undefined;
  readonly stats: StatsDeps;
  readonly alerts: AlertDeps;
  /** The chat's command table (the coverage report and the admin commands run through it). */
  readonly commands: () => readonly CommandSpec[];
  readonly audit: AuditReader;
  readonly alarms: AlarmReader;
  /** The admin pages: areas' use cases (revocation) and what the pages read. */
  readonly admin: AdminHttpDeps;
  /** An alarm's page and its actions (the responders' buttons of the chat). */
  readonly alarmDeps: AlarmDeps;
  readonly alarmDetails: AlarmDetailsReader;
  /** PUBLIC_BASE_URL: https there means the cookie is Secure. */
  readonly publicBaseUrl: string | undefined;
  /** The bytes of a Telegram file by id (a tip's photo); undefined without Telegram. */
  readonly fetchTelegramFile: ((fileId: string) => Promise<{ bytes: Uint8Array }>) | undefined;
  /** The inbound ledger: a console form is claimed once, as an update is (authed.ts). */
  readonly submissions: Pick<UpdateLedger, "claim">;
}

/** The admin pages' own needs beside the console's. */
export interface AdminHttpDeps {
  readonly areas: AreaAdminDeps;
  readonly reader: AdminReader;
}
