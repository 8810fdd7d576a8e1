/**
 * Helpers for the security tests: a logger that keeps its lines, a watch on unhandled rejections,
 * a free TCP port and a poll. The fuzzers' random inputs are fast-check arbitraries (arbitraries.ts).
 */
import { createServer } from "node:net";
import pino, { type Logger } from "pino";

/** One JSON log line as pino wrote it, parsed. */
export type LogRecord = Record<string, unknown> & {
  readonly level: number;
  readonly msg?: string;
  readonly event?: string;
};

export interface CapturedLog {
  readonly logger: Logger;
  /** Every line written so far, as written (JSON text). */
  readonly lines: string[];
  /** The lines parsed. */
  records(): LogRecord[];
}

/** A pino logger writing into memory, so tests can read what an operator would see. */
export function captureLogger(level: pino.LevelWithSilent): CapturedLog {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(line) });
  return {
    logger,
    lines,
    records: () => lines.map((line) => JSON.parse(line) as LogRecord),
  };
}

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** Collects unhandled promise rejections while installed. */
export function watchUnhandledRejections(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason);
  process.on("unhandledRejection", listener);
  return { seen, stop: () => void process.off("unhandledRejection", listener) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check` holds (usable in hooks, where expect.poll is not). */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
