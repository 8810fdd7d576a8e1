/** What a platform's refusal of one delivery means: wait, follow a migrated group, retry with backoff, or fail for good. */
import type { Job } from "bullmq";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { PlatformError } from "../core/errors.js";
import type { PlatformName } from "../core/messages.js";
import type { DeliverJob } from "./deliver-queue.js";
import type { DeliverySettler } from "./delivery-settler.js";
import type { DeliveryRow, Target } from "./delivery-target.js";
import type { SendRateLimiter } from "./rate-limiter.js";
import type { ZaloQuotaGate } from "./zalo-quota.js";

/** A message the platform could not take (5xx, network) is retried for this long, then failed. */
export const DELIVERY_MAX_AGE_MS = 24 * 3600_000;
/** One warning line per delivery once it has failed this many times in a row. */
const OUTAGE_LOG_AFTER = 8;
/** 1 s, 2 s, 4 s… up to a minute, with ±20 % jitter so a recovering API is not hit all at once. */
const retryDelayMs = (attempts: number) =>
  Math.min(1000 * 2 ** Math.max(0, attempts - 1), 60_000) * (0.8 + Math.random() * 0.4);

export interface DeliveryFailureDeps {
  readonly db: Db;
  readonly limiter: SendRateLimiter;
  readonly logger: Logger;
  readonly settler: DeliverySettler;
  readonly zaloQuota?: ZaloQuotaGate;
  readonly onRateLimited?: (platform: PlatformName) => void;
  /** Puts the job back as delayed without counting an attempt. */
  readonly postpone: (job: Job<DeliverJob>, token: string | undefined, ms: number) => Promise<never>;
  /** Waits for the end of Zalo's pause (or fails the delivery once it is too old). */
  readonly waitForZaloQuota: (
    job: Job<DeliverJob>,
    token: string | undefined,
    delivery: DeliveryRow,
    untilMs: number,
  ) => Promise<void>;
}

export async function handleDeliveryFailure(
  deps: DeliveryFailureDeps,
  input: {
    job: Job<DeliverJob>;
    token: string | undefined;
    delivery: DeliveryRow;
    target: Target;
    error: PlatformError;
  },
): Promise<void> {
  const { job, token, delivery, target, error } = input;
  const { db, limiter, logger, settler } = deps;
  switch (error.failure) {
    case "rate_limited": {
      if (target.platform === "zalo" && deps.zaloQuota) {
        deps.onRateLimited?.(target.platform);
        return deps.waitForZaloQuota(job, token, delivery, await deps.zaloQuota.refused());
      }
      const ms = error.retryAfterMs ?? 5000;
      deps.onRateLimited?.(target.platform);
      logger.warn(
        { event: "platform_rate_limited", platform: target.platform, retryAfterMs: ms },
        "platform asked us to slow down",
      );
      await limiter.blockChat({ platform: target.platform, chatKey: target.limiterKey, ms });
      return deps.postpone(job, token, ms);
    }
    case "chat_gone":
      if (target.chatRowId !== undefined) {
        await db.chat.update({
          where: { id: target.chatRowId },
          data: { active: false, inactiveReason: error.message.slice(0, 200) },
        });
      }
      return settler.settle(delivery, "failed", null, "chat_gone");
    case "chat_migrated":
      if (error.migrateToChatId && target.chatRowId !== undefined) {
        await followMigration(db, target.chatRowId, target.platform, target.platformChatId, error.migrateToChatId);
        return deps.postpone(job, token, 1);
      }
      return settler.settle(delivery, "failed", null, error.message);
    case "unauthorized":
      logger.error(
        { event: "platform_token_rejected", platform: target.platform },
        "the platform rejected the bot token",
      );
      return settler.settle(delivery, "failed", null, error.message);
    case "bad_request":
      return settler.settle(delivery, "failed", null, error.message);
    case "server":
    case "network": {
      // The platform is down or unreachable: keep trying, backing off up to a minute, for as long
      // as the message is worth sending, so an outage of any length loses nothing.
      const { attempts } = await db.delivery.update({
        where: { id: delivery.id },
        data: { attempts: { increment: 1 }, error: error.message.slice(0, 500) },
      });
      if (Date.now() - delivery.createdAt.getTime() > DELIVERY_MAX_AGE_MS)
        return settler.settle(delivery, "failed", null, error.message);
      if (attempts === OUTAGE_LOG_AFTER)
        logger.warn(
          { event: "delivery_retrying", platform: target.platform, attempts },
          "platform unavailable: delivery keeps retrying",
        );
      return deps.postpone(job, token, retryDelayMs(attempts));
    }
    default: {
      const never: never = error.failure;
      throw new Error(`unknown failure ${String(never)}`);
    }
  }
}

async function followMigration(
  db: Db,
  chatId: number,
  platform: PlatformName,
  fromId: string,
  toId: string,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const clash = await tx.chat.findUnique({
      where: { platform_platformChatId: { platform, platformChatId: toId } },
    });
    if (clash && clash.id !== chatId) {
      await tx.chatMember.deleteMany({ where: { chatId: clash.id } });
      await tx.chat.update({
        where: { id: clash.id },
        data: { platformChatId: `${toId}:superseded:${clash.id}`, active: false },
      });
    }
    await tx.chat.update({ where: { id: chatId }, data: { platformChatId: toId, previousPlatformChatId: fromId } });
  });
}
