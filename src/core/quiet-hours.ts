/**
 * Quiet hours (QUIET_HOURS, `21:00-07:00` local time by default): campaigns and their quizzes wait
 * for the end of the window; alerts and replies to people ignore it.
 */

/** Minutes after local midnight: the window starts at `from` and ends at `to` (may wrap midnight). */
export interface QuietHours {
  readonly from: number;
  readonly to: number;
}

/** `21:00-07:00` → the window; `off` → null; undefined when unreadable. */
export function parseQuietHours(input: string): QuietHours | null | undefined {
  const text = input.trim().toLowerCase();
  if (text === "off" || text === "tat" || text === "tắt") return null;
  const match = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return undefined;
  const from = h1 * 60 + m1;
  const to = h2 * 60 + m2;
  return from === to ? undefined : { from, to };
}

function localMinutes(instant: Date, timeZone: string): { minutes: number; seconds: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { minutes: Number(parts.hour) * 60 + Number(parts.minute), seconds: Number(parts.second) };
}

/** The end of the quiet window `instant` falls in, or null when it is outside (or quiet hours are off). */
export function quietUntil(instant: Date, quiet: QuietHours | null, timeZone: string): Date | null {
  if (!quiet) return null;
  const { minutes, seconds } = localMinutes(instant, timeZone);
  const inside =
    quiet.from < quiet.to ? minutes >= quiet.from && minutes < quiet.to : minutes >= quiet.from || minutes < quiet.to;
  if (!inside) return null;
  // Whole minutes to the end, less what has passed of the current one (Vietnam has no DST shifts).
  const ahead = (quiet.to - minutes + 1440) % 1440;
  const start = instant.getTime() - seconds * 1000 - instant.getMilliseconds();
  return new Date(start + ahead * 60_000);
}

/** `instant`, or the end of the quiet window it falls in. */
export function afterQuietHours(instant: Date, quiet: QuietHours | null, timeZone: string): Date {
  return quietUntil(instant, quiet, timeZone) ?? instant;
}
