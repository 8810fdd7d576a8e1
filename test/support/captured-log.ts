/** A pino logger whose lines a test can read back (start-up warnings and the like). */
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";

export function capturedLogger(level: pino.Level = "warn"): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
