/** Runs `src/main.ts` as a separate process (for kill/restart tests) against a fake Bot API server. */
import { spawn, type ChildProcess } from "node:child_process";

const root = new URL("../../", import.meta.url).pathname;

export interface ChildApp {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): string;
}

/**
 * `options.entry`: a compiled entry point (`…/src/main.js` of `npm run build`) to run with plain
 * Node instead of `src/main.ts` under tsx. `options.unset`: variables of this environment the app
 * must not inherit.
 */
export function spawnApp(
  env: Record<string, string>,
  options: { entry?: string; unset?: readonly string[] } = {},
): ChildApp {
  // CHILD_NODE_ARGS: extra Node flags for the app process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" when profiling a bench.
  const extra = process.env.CHILD_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const entry = options.entry ? [options.entry] : ["--import", "tsx", "src/main.ts"];
  const child = spawn(process.execPath, [...extra, ...entry], {
    cwd: root,
    // A small pool: a test may run five app processes while other files run theirs, all against one
    // PostgreSQL with the default 100 connections; 20 each ran out ("too many clients").
    env: { ...inherited(options.unset ?? []), LOG_LEVEL: "warn", QUIET_HOURS: "off", DATABASE_POOL_SIZE: "6", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

function inherited(unset: readonly string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.includes(name)));
}
