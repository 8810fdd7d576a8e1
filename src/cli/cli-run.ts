/**
 * What the npm-run command-line tools share: a refusal that exits, the database (embedded or not,
 * as `npm start` finds it) opened for the length of one task, and the top-level catch.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError, type Config } from "../config.js";
import { createDb, type Db } from "../db/client.js";
import { openDatabaseServer } from "../db/open-database-server.js";

/** Prints `message` and exits: 2 for a mistake in the command line, 1 for what the data refused. */
export function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/** The command line as `config` reads it, or `usage` and exit 2 when it does not parse. */
export function parseCommandLine<const T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
}

/** Runs `task` on the app's database, then closes it (and stops an embedded server it started). */
export async function withDatabase<T>(config: Config, poolSize: number, task: (db: Db) => Promise<T>): Promise<T> {
  const server = await openDatabaseServer({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.KENG_DATA_DIR,
    shareRunning: true,
  });
  const db = createDb(server.url, { poolSize });
  try {
    return await task(db);
  } finally {
    await db.$disconnect();
    await server.stop();
  }
}

/** Runs a tool's `main`; a bad configuration is said as is, any other error after `what` ("Import failed"). */
export async function runCli(main: () => Promise<void>, what: string): Promise<void> {
  try {
    await main();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : `${what}: ${(error as Error).message}`);
  }
}
