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
  applies(delivery: Pick<DeliveryRow, "id" | "emergency">, target: Pick<Target, "platform">): boolean;
  /**
   * A flagged send failed with `error`: true when it may have been refused for being paid (a 400);
   * the delivery is then sent again without the flag.
   */
  refused(delivery: Pick<DeliveryRow, "id">, error: PlatformError): boolean;
  /**
   * How an unflagged send of a delivery ended. If a flagged send of it was refused and the same
   * message now went out unflagged, the refusal was about paying: paid sends stop for a while, once
   * logged and told. If it failed again, the message itself was at fault, not the payment.
   */
  settledUnflagged(delivery: Pick<DeliveryRow, "id" | "sourceKind" | "sourceId">, sent: boolean): Promise<void>;
}

export interface PaidBroadcastOptions {
  /** Who is told, and how (the superadmins, as for Zalo's quota). */
  readonly notices: ZaloQuotaNoticeOptions;
  readonly logger: Logger;
  readonly now?: () => number;
}

export class PaidBroadcast implements PaidBroadcastGate {
  private refusedUntilMs = 0;
  /** Deliveries whose flagged send got a 400: their next send goes unflagged and tells why it failed. */
  private readonly inDoubt = new Set<bigint>();
  private readonly now: () => number;

  constructor(private readonly options: PaidBroadcastOptions) {
    this.now = options.now ?? Date.now;
  }

  applies(delivery: Pick<DeliveryRow, "id" | "emergency">, target: Pick<Target, "platform">): boolean {
    return (
      delivery.emergency &&
      target.platform === "telegram" &&
      this.now() >= this.refusedUntilMs &&
      !this.inDoubt.has(delivery.id)
    );
  }

  refused(delivery: Pick<DeliveryRow, "id">, error: PlatformError): boolean {
    // Telegram's docs name no error for a balance too low, and a 400 may be the message's own fault
    // (a deleted topic, a group's restrictions): the unflagged retry tells which (settledUnflagged).
    if (error.failure !== "bad_request") return false;
    this.inDoubt.add(delivery.id);
    return true;
  }

  async settledUnflagged(delivery: Pick<DeliveryRow, "id" | "sourceKind" | "sourceId">, sent: boolean): Promise<void> {
    if (!this.inDoubt.delete(delivery.id) || !sent) return;
    const first = this.now() >= this.refusedUntilMs;
    this.refusedUntilMs = Math.max(this.refusedUntilMs, this.now() + RETRY_PAID_AFTER_MS);
    if (!first) return;
    this.options.logger.warn(
      { event: "paid_broadcast_refused", delivery: delivery.id.toString() },
      "Telegram refused a paid broadcast that went out unflagged: sending at the regular 30/s (top up the bot's Stars)",
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
  }
}
