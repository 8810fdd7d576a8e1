/**
 * Helpers for the security tests: a logger that keeps its lines, a seeded pseudo-random generator
 * (the fuzz tests are deterministic), a watch on unhandled rejections, and a free TCP port.
 */
import { createServer } from "node:net";
import pino, { type Logger } from "pino";

/** One JSON log line as pino wrote it, parsed. */
export type LogRecord = Record<string, unknown> & { readonly level: number; readonly msg?: string; readonly event?: string };

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

/** Deterministic pseudo-random numbers (mulberry32) with the helpers the fuzzers need. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let x = this.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Rng.pick: empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * A string of `length` code points drawn from a mix of scripts, controls, markup and astral
   * characters — and lone surrogates, unless `wellFormed` (what a platform that speaks UTF-8 can carry).
   */
  unicode(length: number, wellFormed = false): string {
    let out = "";
    for (let i = 0; i < length; i++) out += this.codePoint(wellFormed);
    return out;
  }

  private codePoint(wellFormed: boolean): string {
    switch (this.int(0, 9)) {
      case 0:
        return String.fromCodePoint(this.int(0x20, 0x7e)); // ASCII
      case 1:
        return this.pick(["<", ">", "&", '"', "'", "&amp;", "&lt;", "&#x3C;", "</b>", "<a href=\"tg://x\">", "<pre>", "&#0;", "\\", "/", "@", "%s", "${x}"]);
      case 2:
        return String.fromCodePoint(this.int(0x00, 0x1f)); // C0 controls, NUL included
      case 3:
        return this.pick(["ă", "â", "đ", "ê", "ô", "ơ", "ư", "ạ", "ả", "ã", "ế", "ệ", "ữ", "Đ", "Ỹ", "ỵ"]); // Vietnamese
      case 4:
        return String.fromCodePoint(this.int(0x0300, 0x036f)); // combining marks
      case 5:
        return this.pick(["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00a0", "\u2028", "\u2029", "\ufffd"]); // invisible, bidi, separators
      case 6:
        return String.fromCodePoint(this.int(0x1f300, 0x1faff)); // emoji
      case 7:
        return String.fromCodePoint(this.int(0x4e00, 0x9fff)); // CJK
      case 8:
        return String.fromCodePoint(this.int(0x0600, 0x06ff)); // Arabic (right to left)
      default:
        // A lone surrogate: JSON can carry it escaped ("\ud800"), UTF-8 cannot.
        return wellFormed ? "\ufffd" : String.fromCharCode(this.int(0xd800, 0xdfff));
    }
  }
}

/** Polls until `check` holds (usable in hooks, where expect.poll is not). */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
