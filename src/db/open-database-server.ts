/**
 * Where Kẻng's data lives: the server of DATABASE_URL when it is set; otherwise the embedded
 * PostgreSQL in KENG_DATA_DIR, started by this process or — for a command-line tool run beside a
 * running app — the one already running there.
 */
import type { Logger } from "pino";
import { embeddedDatabaseUrl, startEmbeddedPostgres } from "./embedded-postgres.js";
import { findDataDirHolder } from "./embedded-postgres-lock.js";

/** The database the app uses on the embedded server (`keng_sandbox` beside it for the sandbox). */
export const EMBEDDED_DATABASE = "keng";

export interface DatabaseServer {
  /** URL of Kẻng's database (`keng`). */
  readonly url: string;
  /** For people: where the data is (never the password). */
  readonly where: string;
  /** Stops the embedded server if this process started it; nothing otherwise. */
  stop(): Promise<void>;
}

export interface OpenDatabaseServerOptions {
  /** DATABASE_URL, if set. */
  readonly databaseUrl: string | undefined;
  /** KENG_DATA_DIR. */
  readonly dataDir: string;
  readonly logger?: Logger | undefined;
  /**
   * A short-lived tool (admin CLI, db:deploy): use the embedded server a running app holds instead
   * of failing on its lock. An app never shares: each would stop the server under the other.
   */
  readonly shareRunning?: boolean;
}

export async function openDatabaseServer(options: OpenDatabaseServerOptions): Promise<DatabaseServer> {
  const { databaseUrl, dataDir } = options;
  if (databaseUrl !== undefined) {
    const url = new URL(databaseUrl);
    return {
      url: databaseUrl,
      where: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
      stop: async () => undefined,
    };
  }
  const holder = options.shareRunning ? findDataDirHolder(dataDir) : undefined;
  if (holder?.kind === "running" && holder.owner !== undefined) {
    return {
      url: embeddedDatabaseUrl(dataDir, holder.port, EMBEDDED_DATABASE),
      where: embeddedWhere(dataDir, holder.port),
      stop: async () => undefined,
    };
  }
  const server = await startEmbeddedPostgres({ dir: dataDir, logger: options.logger });
  return { url: server.url(EMBEDDED_DATABASE), where: embeddedWhere(dataDir, server.port), stop: () => server.stop() };
}

const embeddedWhere = (dir: string, port: number) => `${dir} (KENG_DATA_DIR), embedded PostgreSQL on 127.0.0.1:${port}`;
