/**
 * Starts the platform adapters and, in the inbound role, their receiving of updates: polling right
 * away (after releasing a dead process's claims), webhooks once the http role listens.
 */
import type { Logger } from "pino";
import type { Config, ProcessRole } from "../config.js";
import type { InboundEvent, PlatformName } from "../core/messages.js";
import type { PgUpdateLedger } from "../db/update-ledger.js";
import type { Platforms } from "./platforms.js";

/** Hands an inbound update to the dispatcher. */
export type Dispatch = (event: InboundEvent) => Promise<void>;

/** What {@link startPlatforms} and {@link startWebhookReceivers} need. */
export interface InboundRoleInputs {
  readonly roles: ReadonlySet<ProcessRole>;
  readonly platforms: Pick<Platforms, "telegram" | "zalo">;
  readonly ledger: PgUpdateLedger;
  readonly dispatch: Dispatch;
  readonly logger: Logger;
}

/**
 * Starts every platform adapter (sending works in every role); in polling mode with the inbound
 * role they start receiving too, after the claims a dead poller left are released.
 */
export async function startPlatforms(config: Config, inputs: InboundRoleInputs): Promise<void> {
  const { roles, platforms, ledger, dispatch, logger } = inputs;
  const { telegram, zalo } = platforms;
  await releaseDeadClaims({
    ledger,
    logger,
    polling: [
      ...(telegram && roles.has("inbound") && config.TELEGRAM_MODE === "polling" ? ["telegram" as const] : []),
      ...(zalo && roles.has("inbound") && config.ZALO_MODE === "polling" ? ["zalo" as const] : []),
    ],
  });
  if (telegram) await telegram.start(dispatch, { receive: roles.has("inbound") && config.TELEGRAM_MODE === "polling" });
  if (zalo) await zalo.start(dispatch, { receive: roles.has("inbound") && config.ZALO_MODE === "polling" });
}

/** Webhook mode with the inbound role: call once the http role listens, so updates have a route. */
export async function startWebhookReceivers(config: Config, inputs: InboundRoleInputs): Promise<void> {
  const { roles, platforms, dispatch } = inputs;
  const { telegram, zalo } = platforms;
  if (telegram && config.TELEGRAM_MODE === "webhook" && roles.has("inbound")) {
    await telegram.start(dispatch, { receive: true });
  }
  if (zalo && config.ZALO_MODE === "webhook" && roles.has("inbound")) {
    await zalo.start(dispatch, { receive: true });
  }
}

/**
 * In polling mode this process is the platform's only reader (Telegram answers a second getUpdates
 * with 409), so an unfinished claim was left by a process that died mid-update. The platform
 * delivers those updates again (they were never confirmed): release the claims, or the redelivered
 * updates would be taken for duplicates of work in progress and dropped.
 */
async function releaseDeadClaims(input: {
  ledger: PgUpdateLedger;
  logger: Logger;
  polling: readonly PlatformName[];
}): Promise<void> {
  for (const platform of input.polling) {
    const released = await input.ledger.releaseUnfinished(platform);
    if (released > 0)
      input.logger.warn(
        { event: "inbound_claims_released", platform, released },
        "updates left unfinished by a previous process will be handled again",
      );
  }
}
