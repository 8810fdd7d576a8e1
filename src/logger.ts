/** pino logger factory. Private-chat updates are logged without the sender (tipster anonymity). */
import pino, { type Logger } from "pino";

export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    name: options.name ?? "keng",
    level: options.level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };
