/**
 * Processes deliver jobs: reads the Delivery row, takes a send slot from the shared limiter (in Redis
 * or PostgreSQL: bot-wide and per-chat limits hold across every worker process), sends through the platform
 * sender and records the outcome. 429 waits `retry_after`; 403 marks the chat inactive and is
 * never retried; a migrated group is followed to its new id; network errors and 5xx retry with
 * backoff (delivery-failure.ts). Finished jobs are removed: Postgres keeps the truth.
 */
import { DelayedError, type Job } from "bullmq";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { PlatformError } from "../core/errors.js";
import { platformErrorWithoutId } from "../core/log-privacy.js";
import { OutboundMessageSchema } from "../core/message-schema.js";
import { Priority, type OutboundMessage, type PlatformName } from "../core/messages.js";
import { loadDeliverySql } from "../db/delivery-sql.js";
import type { Sql } from "../db/sql.js";
import type { Sealer } from "../core/seal.js";
import type { ChatSender } from "../core/ports.js";
import { deliverySourceOf, planDigest, type DeliveryDigester, type PlannedDigest } from "./delivery-digest.js";
import { DELIVER_QUEUE, DeliverJobSchema, type DeliverJob } from "./deliver-queue.js";
import type { JobQueues, JobWorker } from "./job-queues.js";
import type { SendRateLimiter } from "./rate-limiter.js";
import { sendProgressOf } from "./send-progress.js";
import { DeliverySettler, type SettledDelivery } from "./delivery-settler.js";
import { DELIVERY_MAX_AGE_MS, handleDeliveryFailure, type DeliveryFailureDeps } from "./delivery-failure.js";
import { SendSlots } from "./send-slots.js";
import { resolveTarget, type DeliveryRow, type Target } from "./delivery-target.js";
import type { ZaloQuotaGate } from "./zalo-quota.js";
import type { PaidBroadcastGate } from "./paid-broadcast.js";

export type { SettledDelivery };
export { DELIVERY_MAX_AGE_MS };

export interface DeliverWorkerOptions {
  readonly db: Db;
  /** Where the deliver jobs are (Redis or PostgreSQL). */
  readonly queues: JobQueues;
  readonly senders: ReadonlyMap<PlatformName, ChatSender>;
  readonly limiter: SendRateLimiter;
  readonly logger: Logger;
  /** Unseals tipster targets; without it, sealed deliveries fail. */
  readonly sealer?: Sealer;
  /** Jobs in flight per process; about one second of sends at the bot-wide rate. */
  readonly concurrency?: number;
  /** How far ahead a job may reserve a send slot and wait for it in-process. */
  readonly maxAheadMs?: number;
  /** At most this many jobs take a regular send slot at once (send-slots.ts); default no limit. */
  readonly regularTakers?: number;
  readonly onSettled?: (delivery: SettledDelivery) => Promise<void> | void;
  /** The pool under `db`: loading and settling a delivery skip Prisma's query engine (delivery-sql.ts). */
  readonly sql: Sql;
  /** A few connections of their own for recording sends, never waiting behind inbound work (db/client.ts). */
  readonly sendRecords: Sql;
  readonly onRateLimited?: (platform: PlatformName) => void;
  /** Merges pending messages to a private chat into digests (tip cards for officers); see delivery-digest.ts. */
  readonly digester?: DeliveryDigester;
  /** Pauses Zalo sends while Zalo answers 429 "Quota exceeded" (zalo-quota.ts); without it a Zalo 429 waits like any other. */
  readonly zaloQuota?: ZaloQuotaGate;
  /** TELEGRAM_PAID_BROADCAST=khan: emergency deliveries go as Telegram paid broadcasts (paid-broadcast.ts). */
  readonly paidBroadcast?: PaidBroadcastGate;
}

/** How long a private-chat message waits for an older one to the same chat before looking again. */
const ORDER_WAIT_MS = 250;

/** After Zalo's pause, each priority below alerts wakes this much later than the one above it. */
const ZALO_RESUME_STEP_MS = 1000;

/** A second job for a delivery this process is still sending looks again this much later. */
const SAME_DELIVERY_WAIT_MS = 1000;

export class DeliverWorker {
  private worker: JobWorker | undefined;
  /** Deliveries whose digest the platform refused: they go alone (a digest is only an optimisation). */
  private readonly undigestable = new Set<bigint>();
  /**
   * Deliveries a job of this process is handling now. Redis restarted empty, the reconciler queues
   * them again under the same job ids while their first jobs still run here: the second job must
   * not send them a second time.
   */
  private readonly handling = new Set<bigint>();

  private readonly settler: DeliverySettler;
  private readonly slots: SendSlots;
  private readonly failures: DeliveryFailureDeps;

  constructor(private readonly options: DeliverWorkerOptions) {
    this.settler = new DeliverySettler(options);
    this.slots = new SendSlots(options);
    this.failures = {
      ...options,
      settler: this.settler,
      postpone: (job, token, ms) => this.postpone(job, token, ms),
      waitForZaloQuota: (job, token, delivery, untilMs) => this.waitForZaloQuota(job, token, delivery, untilMs),
    };
  }

  start(): void {
    this.worker = this.options.queues.worker<DeliverJob>(DELIVER_QUEUE, (job, token) => this.process(job, token), {
      // About one second of sends at the bot-wide rate: every job in flight holds a slot reservation.
      concurrency: this.options.concurrency ?? 28,
      // A killed process's jobs come back quickly (the reconciler cannot re-add a job that still exists).
      lockDuration: 15_000,
      stalledInterval: 5_000,
      onError: (error) =>
        this.options.logger.error({ err: error, event: "deliver_worker_error" }, "deliver worker error"),
    });
  }

  /** Stops taking jobs and waits for the ones in flight. */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  private async process(job: Job<DeliverJob>, token: string | undefined): Promise<void> {
    const deliveryId = BigInt(DeliverJobSchema.parse(job.data).deliveryId);
    // Afterwards the row says "sent" (or still "pending" if the first job gave up), and it is read again.
    if (this.handling.has(deliveryId)) return this.postpone(job, token, SAME_DELIVERY_WAIT_MS);
    this.handling.add(deliveryId);
    try {
      return await this.handle(job, token);
    } finally {
      this.handling.delete(deliveryId);
    }
  }

  private async handle(job: Job<DeliverJob>, token: string | undefined, chatWaits = 0): Promise<void> {
    const { deliveryId } = DeliverJobSchema.parse(job.data);
    const delivery = await loadDeliverySql(this.options.sql, BigInt(deliveryId));
    if (!delivery || delivery.status !== "pending") return;
    const target = resolveTarget(delivery, this.options.sealer);
    if (typeof target === "string") return this.settler.settle(delivery, "failed", null, target);
    const sender = this.options.senders.get(target.platform);
    if (!sender) return this.settler.settle(delivery, "failed", null, `platform ${target.platform} is not configured`);
    // Zalo refused for its quota: wait for the pause to end (before the order check, which would poll every 250 ms).
    const pausedUntil = await this.zaloPausedUntil(target);
    if (pausedUntil !== null) return this.waitForZaloQuota(job, token, delivery, pausedUntil);
    // A person reads a private chat in order: let an older message to the same chat go first.
    if (target.kind === "private" && (await this.olderPendingExists(delivery)))
      return this.postpone(job, token, ORDER_WAIT_MS);

    const paid = this.options.paidBroadcast?.applies(delivery, target) === true;
    const slot = await this.slots.take(target, paid ? "paid" : "regular");
    if (!slot.ok) {
      // After the wait everything is read again: meanwhile an older message's digest may have
      // carried this one, or an older message may have come due.
      if (await this.slots.waitForChat(slot, target, chatWaits)) return this.handle(job, token, chatWaits + 1);
      return this.postpone(job, token, slot.retryInMs);
    }

    const message = OutboundMessageSchema.parse(delivery.payload);
    const digest = await this.digestFor(delivery, target, message);
    let messageId: string;
    const sentAtLocalMs = Date.now();
    try {
      const progress = digest
        ? undefined
        : sendProgressOf({ db: this.options.db, logger: this.options.logger, delivery });
      const to = {
        chatId: target.platformChatId,
        kind: target.kind,
        ...(target.threadId ? { threadId: target.threadId } : {}),
        ...(paid ? { paidBroadcast: true } : {}),
      };
      ({ messageId } = await sender.send(to, digest?.message ?? message, progress));
    } catch (thrown) {
      if (!(thrown instanceof PlatformError)) throw thrown;
      // A private chat's id (a tipster's, maybe) goes in no log line and no error column, even where the platform's message names it.
      const error = target.kind === "private" ? platformErrorWithoutId(thrown, target.platformChatId) : thrown;
      // Refused as a paid broadcast: sent again at once, unflagged, at the regular rate.
      if (paid && this.options.paidBroadcast?.refused(delivery, error)) return this.postpone(job, token, 1);
      if (!paid) await this.options.paidBroadcast?.settledUnflagged(delivery, false);
      if (digest && error.failure === "bad_request") {
        this.options.logger.warn(
          { err: error, event: "digest_refused", delivery: delivery.id.toString() },
          "digest refused: sending alone",
        );
        this.undigestable.add(delivery.id);
        return this.postpone(job, token, 1);
      }
      return handleDeliveryFailure(this.failures, { job, token, delivery, target, error });
    } finally {
      // Answered or failed, the request has reached the platform by now (if it ever will).
      this.options.limiter
        .confirm(slot.slot, { sentAtLocalMs, answeredAtLocalMs: Date.now() })
        .catch((error: unknown) =>
          this.options.logger.warn({ err: error, event: "slot_confirm_failed" }, "could not confirm a send slot"),
        );
    }
    this.undigestable.delete(delivery.id);
    await this.settler.settleSent(delivery, messageId, digest?.covered ?? []);
    if (!paid) await this.options.paidBroadcast?.settledUnflagged(delivery, true);
  }

  /** Newer messages to this private chat that ride along with this one, if a digester merges them. */
  private async digestFor(
    delivery: DeliveryRow,
    target: Target,
    message: OutboundMessage,
  ): Promise<PlannedDigest | null> {
    const { digester, db, logger } = this.options;
    // A message partly sent already is finished as it is, not merged.
    if (!digester || target.kind !== "private" || this.undigestable.has(delivery.id) || delivery.partsSent > 0)
      return null;
    try {
      const source = deliverySourceOf(delivery, logger);
      return await planDigest({
        db,
        digester,
        platform: target.platform,
        delivery: { ...delivery, source },
        message,
        logger,
      });
    } catch (error) {
      logger.warn(
        { err: error, event: "digest_failed", delivery: delivery.id.toString() },
        "could not build a digest: sending alone",
      );
      return null;
    }
  }

  private async olderPendingExists(delivery: DeliveryRow): Promise<boolean> {
    const sameChat = delivery.chatId !== null ? { chatId: delivery.chatId } : { sealedTarget: delivery.sealedTarget };
    const older = await this.options.db.delivery.findFirst({
      where: { ...sameChat, status: "pending", id: { lt: delivery.id }, dueAt: { lte: new Date() } },
      select: { id: true },
    });
    return older !== null;
  }

  /** When Zalo sends may go again, if this is a Zalo send and Zalo refused for its quota (null otherwise). */
  private async zaloPausedUntil(target: Target): Promise<number | null> {
    if (target.platform !== "zalo" || !this.options.zaloQuota) return null;
    return this.options.zaloQuota.pausedUntil();
  }

  /**
   * Waits for the end of Zalo's pause, or gives up as for an outage once the message is too old.
   * Alerts wake first, each lower priority a step later: woken together, jobs run side by side and
   * a campaign message could overtake an alert; a step later, they queue behind the alerts left.
   */
  private async waitForZaloQuota(
    job: Job<DeliverJob>,
    token: string | undefined,
    delivery: DeliveryRow,
    untilMs: number,
  ): Promise<void> {
    if (Date.now() - delivery.createdAt.getTime() > DELIVERY_MAX_AGE_MS)
      return this.settler.settle(delivery, "failed", null, "zalo_quota_exceeded");
    const behindAlerts = Math.max(0, (job.opts.priority ?? Priority.alert) - Priority.alert) * ZALO_RESUME_STEP_MS;
    await job.moveToDelayed(Math.max(untilMs + behindAlerts, Date.now() + 1), token);
    throw new DelayedError();
  }

  /** Puts the job back as delayed without counting an attempt. */
  private async postpone(job: Job<DeliverJob>, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(1, Math.ceil(ms)), token);
    throw new DelayedError();
  }
}
