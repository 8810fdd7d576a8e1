/**
 * `npm run admin -- <command> …`: parses the command line, reads the configuration (no bot token or
 * keys needed), brings the database up to date and runs one command. Returns the exit code:
 * 0 done, 1 failed (one line on stderr), 2 bad arguments (usage on stderr).
 */
import { ConfigError, loadConfig, type Config } from "../config.js";
import { DependencyUnavailableError } from "../core/errors.js";
import { createDatabase, type Db } from "../db/client.js";
import type { Sql } from "../db/sql.js";
import { applyMigrations } from "../db/migrations.js";
import { openDatabaseServer } from "../db/open-database-server.js";
import { addArea, formatAreas, listAreas } from "./area-commands.js";
import { formatAudit, readAudit } from "./audit-command.js";
import { resendDeliveries } from "./deliveries-command.js";
import { AdminError, UsageError } from "./errors.js";
import { formatGroups, listGroups } from "./group-commands.js";
import { parseAdminArgs, type AdminCommand } from "./parse-admin-args.js";
import { personLabel } from "./parse-person.js";
import { grantRole, revokeRoleOf } from "./role-commands.js";
import { USAGE } from "./usage.js";
import { AesGcmSealer } from "../core/seal.js";
import { rotateSealKeys } from "./rotate-seal-keys.js";
import { purgeExpiredSendLimits } from "../queue/pg-send-slot-store.js";
import { eraseTip } from "./erase-tip.js";

export interface AdminIo {
  out(text: string): void;
  err(text: string): void;
}

/** Runs one command against a database; returns the lines to print. */
export async function executeAdminCommand(
  database: { db: Db; sql: Sql; url: string },
  command: Exclude<AdminCommand, { kind: "help" }>,
  config: Config,
  now = new Date(),
): Promise<string[]> {
  const { db } = database;
  switch (command.kind) {
    case "area-add": {
      const area = await addArea(db, command);
      return [`Created area ${area.code} (${area.name})${area.kind ? `, kind ${area.kind}` : ""}.`];
    }
    case "area-list":
      return formatAreas(await listAreas(db));
    case "grant": {
      const { area, alreadyHeld } = await grantRole(db, command.input);
      const who = personLabel(command.input.person);
      return [
        alreadyHeld
          ? `${who} already holds ${command.input.role} in ${area.code}.`
          : `Granted ${command.input.role} of ${area.code} to ${who}.`,
      ];
    }
    case "revoke": {
      const { area } = await revokeRoleOf(database, { ...command.input, defaultLocale: config.DEFAULT_LOCALE });
      return [
        `Revoked ${command.input.role} of ${area.code} from ${personLabel(command.input.person)}; the bot tells them privately.`,
      ];
    }
    case "groups":
      return formatGroups(await listGroups(db, command));
    case "audit":
      return formatAudit(await readAudit(db, { ...command, timeZone: config.TZ, now }), config.TZ);
    case "deliveries-resend": {
      const count = await resendDeliveries(database, config);
      return [`Re-queued ${count} pending deliveries.`];
    }
    case "rotate": {
      if (!config.TIP_SEAL_KEY)
        throw new Error("TIP_SEAL_KEY is not set: set the new key, and the old one in TIP_SEAL_KEYS_OLD.");
      const report = await rotateSealKeys({
        db,
        sealer: new AesGcmSealer(config.TIP_SEAL_KEY, config.TIP_SEAL_KEYS_OLD),
      });
      // The send limiter's rows (PostgreSQL alone) hold chat keys hashed with the old key until they expire.
      await purgeExpiredSendLimits(database.sql);
      return [
        `Re-sealed ${report.tips} tips, ${report.deliveries} pending messages to tipsters and ${report.flows} flow states; ` +
          `deleted ${report.dropped} addresses of messages already sent; unreadable: ${report.unreadable}.`,
      ];
    }
    case "tip-erase": {
      const erased = await eraseTip(db, command.code, now);
      if (!erased) throw new AdminError(`No tip ${command.code} (or its content was already destroyed).`);
      return [
        `Erased tip ${command.code}: content, seal, follow-ups and ${erased.deliveries} deliveries destroyed; the counts stay.`,
      ];
    }
    default: {
      const never: never = command;
      throw new Error(`unhandled command ${JSON.stringify(never)}`);
    }
  }
}

/** The variables the CLI uses (seal keys for key rotation); the rest of the bot's configuration cannot stop it. */
const CLI_VARIABLES = [
  "DATABASE_URL",
  "KENG_DATA_DIR",
  "REDIS_URL",
  "QUEUE_PREFIX",
  "DEFAULT_LOCALE",
  "TZ",
  "TIP_SEAL_KEY",
  "TIP_SEAL_KEYS_OLD",
] as const;

function pickEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(CLI_VARIABLES.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
}

export async function runAdmin(
  argv: readonly string[],
  options: { env: NodeJS.ProcessEnv; io: AdminIo },
): Promise<number> {
  const { io } = options;
  const usageError = (message: string) => {
    io.err(`${message}\n\n${USAGE}`);
    return 2;
  };
  let command: AdminCommand;
  try {
    command = parseAdminArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }
  if (command.kind === "help") {
    io.out(USAGE);
    return 0;
  }
  try {
    // An operator tool: bot tokens and webhooks are ignored, keys are optional (as in the sandbox).
    const config = loadConfig(pickEnv(options.env), { forceSandbox: true });
    // DATABASE_URL's server, or the embedded one: the running app's, else started for this command.
    const server = await openDatabaseServer({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.KENG_DATA_DIR,
      shareRunning: true,
    });
    try {
      await applyMigrations(server.url);
      const { db, pool, close } = createDatabase(server.url, { poolSize: 2 });
      try {
        for (const line of await executeAdminCommand({ db, sql: pool, url: server.url }, command, config)) io.out(line);
        return 0;
      } finally {
        await close();
      }
    } finally {
      await server.stop();
    }
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    if (error instanceof AdminError || error instanceof ConfigError || error instanceof DependencyUnavailableError)
      io.err(error.message);
    else io.err(`Failed: ${firstLine(error)}`);
    return 1;
  }
}

/** Library errors (Prisma's especially) span many lines: the operator gets the first meaningful one. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? "unknown error"
  );
}
