/**
 * Records a delivery's outcome (with the rows a digest carried, in one transaction) and tells the
 * listeners (alert progress, metrics). A sent message is recorded even through a short PostgreSQL
 * outage: failing the job instead would send it again.
 */
import type { Logger } from "pino";
import { isDependencyOutage } from "../db/dependency-errors.js";
import { settleDeliverySql, settleDigestSql } from "../db/delivery-sql.js";
import type { Sql } from "../db/sql.js";
import { deliverySourceOf, type PlannedDigest } from "./delivery-digest.js";
import type { DeliverySource } from "../core/delivery-source.js";
import type { DeliveryRow } from "./delivery-target.js";
import type { PlatformName } from "../core/messages.js";

/** A finished delivery, for progress reporting (alerts) and metrics. */
export interface SettledDelivery {
  readonly deliveryId: bigint;
  /** The chat's platform; null for sealed targets (tipsters), whose platform stays sealed here. */
  readonly platform: PlatformName | null;
  /** Null for sealed targets (tipsters). */
  readonly chatId: number | null;
  readonly source: DeliverySource | null;
  readonly status: "sent" | "failed";
  readonly platformMessageId: string | null;
  readonly error: string | null;
}

/** How long a sent message's outcome waits for Postgres to come back before the job fails (and may repeat). */
const SETTLE_OUTAGE_WAIT_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DeliverySettler {
  constructor(
    private readonly options: {
      /** A pool kept for these records (createDatabase's `sendRecords`): see SEND_RECORD_POOL_SIZE there. */
      sendRecords: Sql;
      logger: Logger;
      onSettled?: (delivery: SettledDelivery) => Promise<void> | void;
    },
  ) {}

  /**
   * The message is out: record it even if Postgres is gone for a moment. Throwing here would make
   * BullMQ retry the job and send the message a second time.
   */
  async settleSent(delivery: DeliveryRow, messageId: string, covered: PlannedDigest["covered"]): Promise<void> {
    const deadline = Date.now() + SETTLE_OUTAGE_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.settle(delivery, "sent", messageId, null, covered);
      } catch (error) {
        const delay = Math.min(250 * 2 ** attempt, 5_000);
        if (!isDependencyOutage(error) || Date.now() + delay > deadline) throw error;
        if (attempt === 0)
          this.options.logger.warn(
            { err: error, event: "settle_waiting", delivery: delivery.id.toString() },
            "sent, but Postgres is unavailable: recording the send later",
          );
        await sleep(delay);
      }
    }
  }

  /** Records the outcome; the deliveries a digest `covered` are marked sent in the same transaction. */
  async settle(
    delivery: DeliveryRow,
    status: "sent" | "failed",
    platformMessageId: string | null,
    error: string | null,
    covered: PlannedDigest["covered"] = [],
  ): Promise<void> {
    const { logger, sendRecords } = this.options;
    if (covered.length === 0) {
      await settleDeliverySql(sendRecords, { id: delivery.id, status, platformMessageId, error });
      return this.afterSettle(delivery, status, platformMessageId, error, covered);
    }
    // A digest is only ever settled as sent: this row and the rows it covered, in one statement.
    const merged = await settleDigestSql(sendRecords, {
      id: delivery.id,
      platformMessageId,
      covered: covered.map((c) => c.id),
    });
    // Another worker sent one of them meanwhile (only possible when a send outlasts the chat's window).
    if (merged < covered.length)
      logger.warn(
        { event: "digest_overlap", delivery: delivery.id.toString(), repeated: covered.length - merged },
        "a digest repeated messages already sent",
      );
    return this.afterSettle(delivery, status, platformMessageId, error, covered);
  }

  private async afterSettle(
    delivery: DeliveryRow,
    status: "sent" | "failed",
    platformMessageId: string | null,
    error: string | null,
    covered: PlannedDigest["covered"],
  ): Promise<void> {
    const { logger } = this.options;
    if (status === "failed")
      logger.warn({ event: "delivery_failed", delivery: delivery.id.toString(), reason: error }, "delivery failed");
    const platform = delivery.chat?.platform ?? null;
    await this.options.onSettled?.({
      deliveryId: delivery.id,
      platform,
      chatId: delivery.chatId,
      source: deliverySourceOf(delivery, logger),
      status,
      platformMessageId,
      error,
    });
    for (const c of covered)
      await this.options.onSettled?.({
        deliveryId: c.id,
        platform,
        chatId: delivery.chatId,
        source: c.source,
        status,
        platformMessageId,
        error: null,
      });
  }
}
