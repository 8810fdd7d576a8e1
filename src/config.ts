/**
 * The only file that reads `process.env`. Every variable of DESIGN.md §2 is parsed once with zod;
 * a bad value stops start-up with one line naming the variable.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { parseQuietHours } from "./core/quiet-hours.js";
import { parseReportSchedule } from "./modules/reports/report-schedule.js";

const optionalString = z.string().trim().min(1).optional();
const url = z.string().url();

const superadminList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value || value.trim() === "") return [];
    return value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const match = /^(telegram|zalo):([A-Za-z0-9_-]+)$/.exec(entry);
        if (!match?.[1] || !match[2]) {
          ctx.addIssue({ code: "custom", message: `"${entry}" is not platform:id (e.g. telegram:1001)` });
          return { platform: "telegram" as const, platformUserId: "" };
        }
        return { platform: match[1] as "telegram" | "zalo", platformUserId: match[2] };
      });
  });

/** What is wrong with a key that should be 32 random bytes in base64, or undefined when nothing is. */
function keyWeakness(value: string): string | undefined {
  // Buffer.from skips characters outside the alphabet: check the text first, or "x" * 32 would pass as 24 bytes.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return "is not base64";
  const bytes = Buffer.from(value, "base64");
  if (bytes.length !== 32) return `must be 32 bytes (this one is ${bytes.length})`;
  // Random bytes have ~30 distinct values; all zeros or one repeated byte is a placeholder, not a key.
  if (new Set(bytes).size < 16) return "is not random (the same few bytes repeated)";
  return undefined;
}

/** A 32-byte random key given as base64. */
/** A comma-separated list, items trimmed, empty ones dropped (unset: none). */
const commaList = z
  .string()
  .optional()
  .transform((value) =>
    value
      ? value
          .split(",")
          .map((k) => k.trim())
          .filter(Boolean)
      : [],
  );

const key32 = z
  .string()
  .optional()
  .superRefine((value, ctx) => {
    const weakness = value === undefined ? undefined : keyWeakness(value);
    if (weakness) ctx.addIssue({ code: "custom", message: `${weakness}: make one with \`openssl rand -base64 32\`` });
  });

/** Webhook secrets: at least 16 characters (Zalo takes 8–256, Telegram 1–256 of A-Z a-z 0-9 _ -). */
const SECRET_HINT = "make one with `openssl rand -hex 32`";

const roles = ["inbound", "worker", "scheduler", "http"] as const;
export type ProcessRole = (typeof roles)[number];

const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: url.default("https://api.telegram.org"),
  TELEGRAM_MODE: z.enum(["polling", "webhook"]).default("polling"),
  TELEGRAM_WEBHOOK_URL: url.optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, `must be 16–256 characters of A-Z a-z 0-9 _ -: ${SECRET_HINT}`)
    .optional(),
  /**
   * `khan`: khẩn alerts go to Telegram as paid broadcasts (`allow_paid_broadcast`, up to 1,000
   * messages/s, 0.1 Star per message beyond the free 30/s, from the bot's Stars balance); `off`
   * (default): every message at the free 30/s.
   */
  TELEGRAM_PAID_BROADCAST: z.enum(["off", "khan"]).default("off"),
  ZALO_BOT_TOKEN: optionalString,
  ZALO_API_ROOT: url.default("https://bot-api.zaloplatforms.com"),
  ZALO_MODE: z.enum(["polling", "webhook"]).default("polling"),
  ZALO_WEBHOOK_URL: url.optional(),
  /** Zalo messages the bot's plan allows a month (Basic: 3,000 as publicly reported); unset: counted, no 80 % notice. */
  ZALO_MONTHLY_QUOTA: z.coerce.number().int().positive().optional(),
  /** Zalo people the plan lets the bot write to privately (50 on Basic, as reported): officers and relays first, followers beyond it join a group. */
  ZALO_USER_CAP: z.coerce.number().int().positive().optional(),
  ZALO_WEBHOOK_SECRET: z
    .string()
    .min(16, `must be at least 16 characters: ${SECRET_HINT}`)
    .max(256, "must be at most 256 characters")
    .optional(),
  /** The PostgreSQL database; unset: an embedded PostgreSQL with its data in KENG_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  /** Where the embedded PostgreSQL keeps its data (DATABASE_URL unset); default `.keng/` in the directory Kẻng starts from (npm: the repository's root). */
  KENG_DATA_DIR: z
    .string()
    .trim()
    .min(1)
    .default(".keng")
    .transform((dir) => resolve(dir)),
  /**
   * Redis for the job queues, the send limiter, attempt counters and claims, shared by every process.
   * Unset (or empty): all of that lives in PostgreSQL, in the database of DATABASE_URL.
   */
  REDIS_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// URL")
      .optional(),
  ),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . -")
    .default("keng"),
  SUPERADMINS: superadminList,
  TIP_SEAL_KEY: key32,
  /** Earlier seal keys, comma-separated: still unseal old tips after a rotation. */
  TIP_SEAL_KEYS_OLD: commaList.refine((keys) => keys.every((k) => Buffer.from(k, "base64").length === 32), {
    message: "every key must be 32 bytes in base64",
  }),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Where the sandbox's HTTP server listens; the sandbox has no passwords, so only this machine by default. */
  SANDBOX_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** Bearer token for `GET /metrics` from anywhere but this machine; unset: loopback callers only. */
  METRICS_TOKEN: z
    .string()
    .regex(/^\S{16,}$/, `must be at least 16 characters without spaces: ${SECRET_HINT}`)
    .optional(),
  KENG_ROLES: z
    .string()
    .optional()
    .transform((value, ctx): ProcessRole[] => {
      if (!value || value.trim() === "" || value.trim() === "all") return [...roles];
      const list = value.split(",").map((r) => r.trim());
      for (const r of list) {
        if (!(roles as readonly string[]).includes(r))
          ctx.addIssue({ code: "custom", message: `unknown role "${r}" (use ${roles.join(",")})` });
      }
      return list as ProcessRole[];
    }),
  PUBLIC_BASE_URL: url.optional(),
  /** Hours a file link of ours (`PUBLIC_BASE_URL/media/<id>`, photos and documents for Zalo) works. */
  MEDIA_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
  /** Hours a console session (issue 21) lasts after its sign-in link was opened. */
  CONSOLE_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 7)
    .default(12),
  /** Minutes a console sign-in link works (once) after `/bangdieukhien` sent it (decimal, so tests can use 0.02). */
  CONSOLE_LINK_MINUTES: z.coerce.number().positive().max(60).default(10),
  TIP_ESCALATE_MINUTES: z.coerce.number().positive().default(30),
  /** Alarms one resident may raise in 24 hours (issue 18). */
  ALARM_DAILY_LIMIT: z.coerce.number().int().positive().default(3),
  /** Hours a resident waits after an alarm closed as a false alarm. */
  ALARM_COOLDOWN_HOURS: z.coerce.number().min(0).default(24),
  /** Minutes without "Đang đến" before an alarm goes to the officers of the next area up (decimal, so tests can use 0.02). */
  ALARM_ESCALATE_MINUTES: z.coerce.number().positive().default(5),
  /** Minutes after which a relay who has not pressed «Đã chuyển vào nhóm» is reminded, once (decimal, so tests can use 0.05). */
  RELAY_REMIND_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  TIP_RETENTION_DAYS: z.coerce.number().positive().default(90),
  /** Days after closing before a student's help request (issue 18) is destroyed: the shortest of all, never longer than TIP_RETENTION_DAYS or DELIVERY_RETENTION_DAYS. */
  HELP_RETENTION_DAYS: z.coerce.number().positive().default(14),
  /** Minutes an unfinished tip draft is kept (decimal, so tests can use 0.02); the person is told when it goes. */
  TIP_DRAFT_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(60),
  /** Days a settled delivery (a reply, a tip card, a private message) is kept; never longer than TIP_RETENTION_DAYS. */
  DELIVERY_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** Days the delivery rows of alerts and campaigns to groups are kept: /thongke and /baocao count them. */
  BROADCAST_RETENTION_DAYS: z.coerce.number().positive().default(400),
  /** Seconds between two passes of the reconciler, which re-queues from Postgres what Redis lost. */
  KENG_RECONCILE_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** Connections one process keeps to PostgreSQL at most (Prisma and the plain statements share them). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
  QUIZ_INCLUDE_UNREVIEWED: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Seconds a quiz question stays open before the answer is revealed (tests use a few seconds). */
  QUIZ_ROUND_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(600),
  /** A group question also closes once this many people have answered; unset: only time closes it. */
  QUIZ_MAX_ANSWERS: z.coerce.number().int().min(1).optional(),
  ALERT_SIGNING_KEY: key32,
  /** Earlier signing keys, comma-separated: codes on messages sent before a rotation still verify. */
  ALERT_SIGNING_KEYS_OLD: commaList,
  /** When the weekly coverage report goes to each ward's officers and admins (local time, TZ): `mon 08:00`, `t2 08:00`, or `off`. */
  COVERAGE_REPORT_AT: z
    .string()
    .default("mon 08:00")
    .transform((value, ctx) => {
      const schedule = parseReportSchedule(value);
      if (!schedule) {
        ctx.addIssue({
          code: "custom",
          message: `"${value}" is not a weekday and a time (e.g. mon 08:00, t2 08:00) or off`,
        });
        return z.NEVER;
      }
      return schedule;
    }),
  /** Campaigns and quizzes wait out these hours (local time, TZ): `21:00-07:00`, or `off`. Alerts never wait. */
  QUIET_HOURS: z
    .string()
    .default("21:00-07:00")
    .transform((value, ctx) => {
      const quiet = parseQuietHours(value);
      if (quiet === undefined) {
        ctx.addIssue({ code: "custom", message: `"${value}" is not a time range (e.g. 21:00-07:00) or off` });
        return z.NEVER;
      }
      return quiet;
    }),
  ZALO_BOT_LINK: url.optional(),
  DEFAULT_LOCALE: z.enum(["vi", "en"]).default("vi"),
  TZ: z.string().default("Asia/Ho_Chi_Minh"),
  /** `production`: `npm start` without a bot token stops instead of running the sandbox. */
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

/** Parsed configuration, plus what follows from it. */
export interface Config extends Env {
  /** No bot token: `npm start` runs the local sandbox (DESIGN.md §6). */
  sandbox: boolean;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment (default `process.env`) or throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { forceSandbox?: boolean } = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join(".") ?? "environment";
    throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? "is invalid"}`);
  }
  const config = parsed.data;
  const sandbox = options.forceSandbox === true || (!config.TELEGRAM_BOT_TOKEN && !config.ZALO_BOT_TOKEN);
  if (config.TELEGRAM_MODE === "webhook" && config.TELEGRAM_BOT_TOKEN && !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError("Invalid configuration: TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook");
  }
  if (config.ZALO_MODE === "webhook" && config.ZALO_BOT_TOKEN && !config.ZALO_WEBHOOK_SECRET) {
    throw new ConfigError("Invalid configuration: ZALO_WEBHOOK_SECRET is required when ZALO_MODE=webhook");
  }
  if (!sandbox) {
    if (!config.TIP_SEAL_KEY)
      throw new ConfigError(
        "Invalid configuration: TIP_SEAL_KEY is required outside the sandbox (openssl rand -base64 32)",
      );
    if (!config.ALERT_SIGNING_KEY)
      throw new ConfigError(
        "Invalid configuration: ALERT_SIGNING_KEY is required outside the sandbox (openssl rand -base64 32)",
      );
  }
  // The sandbox is for trying things out at any hour: quiet hours only when asked for.
  if (sandbox && env.QUIET_HOURS === undefined)
    return { ...config, QUIET_HOURS: parseQuietHours("off") ?? config.QUIET_HOURS, sandbox };
  return { ...config, sandbox };
}

/** Days a closed help request is kept (issue 18): HELP_RETENTION_DAYS, and never longer than any other retention. */
export function helpRetentionDays(
  config: Pick<Config, "HELP_RETENTION_DAYS" | "TIP_RETENTION_DAYS" | "DELIVERY_RETENTION_DAYS">,
): number {
  return Math.min(config.HELP_RETENTION_DAYS, config.TIP_RETENTION_DAYS, config.DELIVERY_RETENTION_DAYS);
}
