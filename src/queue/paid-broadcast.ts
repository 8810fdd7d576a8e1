/**
 * Telegram's paid broadcasts for khẩn alerts (issue 20). With TELEGRAM_PAID_BROADCAST=khan, a
 * delivery marked `emergency` goes to Telegram with `allow_paid_broadcast` under the limiter's paid
 * window (1,000/s; per-chat windows still apply), each message beyond the free 30/s costing 0.1 Star
 * from the bot's balance. When Telegram refuses a flagged send (400: the balance cannot pay, or the
 * bot may not use paid broadcasts), this process stops flagging for a while, logs it once and
 * tells the superadmins; the refused message and the rest go at the regular 30/s.
 */
import type { Logger } from "pino";
import type { PlatformError } from "../core/errors.js";
import { t } from "../core/text.js";
import type { DeliveryRow, Target } from "./delivery-target.js";
import { sendAdminNotice, type ZaloQuotaNoticeOptions } from "./zalo-quota-notice.js";

/** After a refusal, flagged sends are tried again no sooner than this (a top-up takes a person). */
const RETRY_PAID_AFTER_MS = 10 * 60_000;

/** What the deliver worker asks before and after a send. */
export interface PaidBroadcastGate {
  /** Whether this delivery goes as a paid broadcast now. */
  applies(delivery: Pick<DeliveryRow, "emergency">, target: Pick<Target, "platform">): boolean;
  /**
   * A flagged send failed with `error`: true when it was refused for being paid (then the delivery
   * is sent again without the flag), false for any other failure.
   */
  refused(delivery: Pick<DeliveryRow, "id" | "sourceKind" | "sourceId">, error: PlatformError): Promise<boolean>;
}

export interface PaidBroadcastOptions {
  /** Who is told, and how (the superadmins, as for Zalo's quota). */
  readonly notices: ZaloQuotaNoticeOptions;
  readonly logger: Logger;
  readonly now?: () => number;
}

export class PaidBroadcast implements PaidBroadcastGate {
  private refusedUntilMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: PaidBroadcastOptions) {
    this.now = options.now ?? Date.now;
  }

  applies(delivery: Pick<DeliveryRow, "emergency">, target: Pick<Target, "platform">): boolean {
    return delivery.emergency && target.platform === "telegram" && this.now() >= this.refusedUntilMs;
  }

  async refused(delivery: Pick<DeliveryRow, "id" | "sourceKind" | "sourceId">, error: PlatformError): Promise<boolean> {
    // Telegram's docs name no error for a balance too low: any 400 to a flagged send counts. A 400
    // with another cause comes back on the unflagged retry and is handled there as usual.
    if (error.failure !== "bad_request") return false;
    const first = this.now() >= this.refusedUntilMs;
    this.refusedUntilMs = Math.max(this.refusedUntilMs, this.now() + RETRY_PAID_AFTER_MS);
    if (!first) return true;
    this.options.logger.warn(
      { event: "paid_broadcast_refused", delivery: delivery.id.toString(), err: error },
      "Telegram refused a paid broadcast: sending at the regular 30/s (top up the bot's Stars)",
    );
    // One notice per alert and person, however many processes saw the refusal.
    const about =
      delivery.sourceKind !== null && delivery.sourceId !== null
        ? `${delivery.sourceKind}:${delivery.sourceId}`
        : `delivery:${delivery.id.toString()}`;
    await sendAdminNotice(this.options.notices, {
      key: (userId) => `paid-broadcast:refused:${about}:${userId}`,
      text: t("reports:paidBroadcast.refused", { minutes: RETRY_PAID_AFTER_MS / 60_000 }),
    }).catch((noticeError: unknown) =>
      this.options.logger.error(
        { event: "paid_broadcast_notice_failed", err: noticeError },
        "could not tell the admins about the refused paid broadcast",
      ),
    );
    return true;
  }
}
