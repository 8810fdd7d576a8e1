/**
 * Zalo's monthly quota as Kẻng lives with it (issue 17). Every message Zalo accepts is counted in
 * Postgres under the month in TZ; at 80 % of ZALO_MONTHLY_QUOTA the admins are told once. A 429
 * ("Quota exceeded") pauses every Zalo send — one minute, doubling up to fifteen — instead of
 * retrying each message every few seconds until the month ends; the admins are told of the first
 * refusal once a month. Telegram is never paused. The deliver worker asks `pausedUntil` before a
 * Zalo send and calls `refused` on a 429; the Zalo client calls `countSent` for each accepted message.
 */
import type { Logger } from "pino";
import {
  DEFAULT_ZALO_PAUSE,
  monthOf,
  nearQuotaThreshold,
  nextPauseMs,
  type ZaloPausePolicy,
  type ZaloQuotaReader,
  type ZaloQuotaStatus,
} from "../core/zalo-quota.js";
import type { Sql } from "../db/sql.js";
import { claimZaloNoticeSql, countZaloSendsSql, refuseZaloSendsSql, zaloQuotaStatusSql } from "../db/zalo-quota-sql.js";
import { sendZaloQuotaNotice, type ZaloQuotaNoticeOptions } from "./zalo-quota-notice.js";

/** Other processes' pauses are read from Postgres at most this often; this process's own at once. */
const PAUSE_CACHE_MS = 1000;

/** What the deliver worker asks (epoch milliseconds: every paused job waits until the same moment). */
export interface ZaloQuotaGate {
  /** When Zalo sends may go again, or null when they may go now. */
  pausedUntil(): Promise<number | null>;
  /** Zalo answered 429: pauses Zalo sends (or keeps the pause that holds); returns when it ends. */
  refused(): Promise<number>;
}

export interface ZaloQuotaOptions {
  readonly sql: Sql;
  /** TZ: the month is the deployment's calendar month. */
  readonly timeZone: string;
  /** ZALO_MONTHLY_QUOTA; undefined: counted, but no 80 % notice. */
  readonly quota: number | undefined;
  /** Default one minute doubling up to fifteen; tests shorten it. */
  readonly pause?: ZaloPausePolicy;
  readonly notices: ZaloQuotaNoticeOptions;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export class ZaloQuota implements ZaloQuotaReader, ZaloQuotaGate {
  private readonly pause: ZaloPausePolicy;
  private readonly now: () => Date;
  private cached: { pausedUntilMs: number | null; readAtMs: number } | undefined;

  constructor(private readonly options: ZaloQuotaOptions) {
    this.pause = options.pause ?? DEFAULT_ZALO_PAUSE;
    this.now = options.now ?? (() => new Date());
  }

  async pausedUntil(): Promise<number | null> {
    const nowMs = this.now().getTime();
    if (!this.cached || nowMs - this.cached.readAtMs > PAUSE_CACHE_MS) {
      const { pausedUntilMs } = await zaloQuotaStatusSql(this.options.sql, this.month());
      this.cached = { pausedUntilMs, readAtMs: nowMs };
    }
    const until = this.cached.pausedUntilMs;
    return until !== null && until > nowMs ? until : null;
  }

  async refused(): Promise<number> {
    const now = this.now();
    const month = this.month();
    const { pausedUntilMs, refusedNoticed } = await refuseZaloSendsSql(this.options.sql, {
      month,
      nowMs: now.getTime(),
      firstMs: this.pause.firstMs,
      maxMs: this.pause.maxMs,
    });
    this.cached = { pausedUntilMs, readAtMs: now.getTime() };
    this.options.logger.warn(
      { event: "zalo_quota_refused", month, pausedMs: pausedUntilMs - now.getTime() },
      "Zalo answered 429 (quota exceeded): Zalo sends paused",
    );
    if (!refusedNoticed && (await claimZaloNoticeSql(this.options.sql, { month, notice: "refused" }))) {
      const { sends } = await zaloQuotaStatusSql(this.options.sql, month);
      await this.notify({
        kind: "refused",
        month,
        sends,
        pauseMinutes: Math.max(1, Math.round(nextPauseMs(0, this.pause) / 60_000)),
      });
    }
    return pausedUntilMs;
  }

  /**
   * Counts messages Zalo accepted. Never throws: the messages are out, and an error here would make
   * the worker send them again; a lost count is only logged.
   */
  async countSent(count = 1): Promise<void> {
    try {
      const month = this.month();
      const { sends, nearNoticed } = await countZaloSendsSql(this.options.sql, {
        month,
        count,
        nowMs: this.now().getTime(),
      });
      const { quota } = this.options;
      if (quota === undefined || nearNoticed || sends < nearQuotaThreshold(quota)) return;
      if (await claimZaloNoticeSql(this.options.sql, { month, notice: "near" }))
        await this.notify({ kind: "near", month, sends, quota });
    } catch (error) {
      this.options.logger.error({ err: error, event: "zalo_quota_count_failed" }, "could not count a Zalo send");
    }
  }

  /** The month's sends, the quota and the pause, for /baocao and /metrics. */
  async status(now: Date): Promise<ZaloQuotaStatus> {
    const month = monthOf(now, this.options.timeZone);
    const { sends, pausedUntilMs } = await zaloQuotaStatusSql(this.options.sql, month);
    const paused = pausedUntilMs !== null && pausedUntilMs > now.getTime();
    return { month, sends, quota: this.options.quota, pausedUntil: paused ? new Date(pausedUntilMs) : null };
  }

  private month(): string {
    return monthOf(this.now(), this.options.timeZone);
  }

  private async notify(notice: Parameters<typeof sendZaloQuotaNotice>[1]): Promise<void> {
    try {
      await sendZaloQuotaNotice(this.options.notices, notice);
    } catch (error) {
      // The claim is spent: a notice lost to an outage is not repeated, but it is logged.
      this.options.logger.error(
        { err: error, event: "zalo_quota_notice_failed", kind: notice.kind },
        "could not tell the admins about Zalo's quota",
      );
    }
  }
}
