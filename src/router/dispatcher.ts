/**
 * The router: one entry point for every platform's InboundEvent. It drops duplicates, resolves the
 * user and chat, remembers group membership, picks the locale, routes commands, buttons and chat
 * membership changes, and is the error boundary that turns failures into a reply and a log line.
 * The request context is built in request-context.ts, button presses run in run-button.ts.
 */
import type { Logger } from "pino";
import type { CommandContext, RequestContext } from "../core/commands.js";
import { UserFacingError } from "../core/errors.js";
import { errorWithoutIds } from "../core/log-privacy.js";
import type { InboundEvent, PlatformName } from "../core/messages.js";
import type { AttemptLimiter, AuditLog, ButtonAnswerer, Outbox, UpdateLedger } from "../core/ports.js";
import { t, type Locale } from "../core/text.js";
import type { Access } from "../modules/areas/access.js";
import type { IdentityStore } from "../modules/identity/types.js";
import type { CommandTable } from "./command-table.js";
import { buildRequestContext } from "./request-context.js";
import { runButton } from "./run-button.js";

export interface DispatcherDeps {
  readonly identity: IdentityStore;
  readonly access: Access;
  readonly outbox: Outbox;
  readonly ledger: UpdateLedger;
  readonly audit: AuditLog;
  readonly table: () => CommandTable;
  readonly answerers: ReadonlyMap<PlatformName, ButtonAnswerer>;
  readonly defaultLocale: Locale;
  readonly logger: Logger;
  /** Per-user flood limit on commands and button presses; unset: no limit. */
  readonly attempts?: AttemptLimiter;
  /** Keyed hash used for the flood counter's key (a tipster's id never appears in Redis, nor in its table without Redis). */
  readonly hashUser?: (platform: PlatformName, userId: string) => string;
  /** Free-text, photos and locations in private chats (guided flows); unset: a hint is replied. */
  readonly onPrivateMessage?: (ctx: RequestContext, event: InboundEvent) => Promise<boolean>;
  /** Texts and locations in a group (a resident's words for their alarm); true if taken. Unset: group chatter is ignored. */
  readonly onGroupMessage?: (ctx: RequestContext, event: InboundEvent) => Promise<boolean>;
  /** An unknown command in a private chat (the welcome with its buttons); unset: a one-line hint. */
  readonly onUnknownPrivateCommand?: (ctx: CommandContext) => Promise<void>;
  /** The bot was added to a group (registration hints, approval by officers); unset: a plain hint. */
  readonly onBotAddedToGroup?: (ctx: RequestContext, updateKey: string) => Promise<void>;
  /** True for failures that mean "Postgres/Redis unreachable": the update is retried, not dropped. */
  readonly isOutage?: (error: unknown) => boolean;
  /** How long an update waits out an outage before it gets the busy reply; default OUTAGE_WAIT_MS. */
  readonly outageWaitMs?: number;
}

/** Commands, texts and button presses one user may send per minute before being slowed down. */
export const FLOOD_MAX = 40;

/**
 * How long one update waits for Postgres/Redis to come back (a restart, a fail-over) before it is
 * given up with the busy reply. Platform adapters must wait at least this long for `handle`
 * (telegraf's handlerTimeout): with long polling, an update is confirmed by the next getUpdates,
 * so it must not be confirmed while its handling is still waiting.
 */
export const OUTAGE_WAIT_MS = 120_000;

const retryDelayMs = (attempt: number) => Math.min(250 * 2 ** attempt, 5_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  /**
   * Handles one inbound event; never throws (the error boundary of every platform). While Postgres
   * or Redis is unreachable the update is retried with backoff (up to OUTAGE_WAIT_MS) instead of
   * being dropped: the claim, the handling and `done` are each retried where they failed, and a
   * rerun of the handling repeats nothing visible (reply keys and alert keys derive from the update).
   */
  async handle(event: InboundEvent): Promise<void> {
    const { ledger, logger } = this.deps;
    const logFields = {
      platform: event.platform,
      update: event.updateKey,
      type: event.type,
      chatKind: event.chat.kind,
    };
    // Errors are logged with the sender's ids masked (a driver's message may quote them): a tipster must not be traceable from logs.
    const safeError = (error: unknown) =>
      errorWithoutIds(error, [
        event.from.userId,
        event.from.username,
        event.chat.kind === "private" ? event.chat.chatId : undefined,
      ]);
    const deadline = Date.now() + (this.deps.outageWaitMs ?? OUTAGE_WAIT_MS);
    // "uncertain": a claim attempt failed in flight and may have been written; the retry resumes it.
    let claim: "none" | "uncertain" | "held" = "none";
    let routed = false;
    // A handler may mark the update done in its own statement (a ✅ press): then no second one here.
    const doneMark = { done: false };
    for (let attempt = 0; ; attempt++) {
      try {
        if (claim !== "held") {
          const resume = claim === "uncertain";
          claim = "uncertain";
          if (!(await ledger.claim(event.platform, event.updateKey, { resume }))) {
            logger.debug(logFields, "duplicate update ignored");
            return;
          }
          claim = "held";
        }
        if (!routed) await this.route(event, doneMark);
        routed = true;
        if (!doneMark.done) await ledger.done(event.platform, event.updateKey);
        if (attempt > 0)
          logger.info(
            { ...logFields, event: "inbound_recovered", attempts: attempt + 1 },
            "inbound update handled after an outage",
          );
        return;
      } catch (error) {
        const outage = this.deps.isOutage?.(error) ?? false;
        if (outage && Date.now() + retryDelayMs(attempt) < deadline) {
          if (attempt === 0)
            logger.warn(
              { ...logFields, err: safeError(error), event: "inbound_waiting" },
              "dependency unavailable: update will be retried",
            );
          await sleep(retryDelayMs(attempt));
          continue;
        }
        logger.error({ ...logFields, err: safeError(error), event: "inbound_failed", outage }, "inbound update failed");
        // The claim stays unfinished, so a redelivery after STALE_CLAIM_MS is handled again.
        if (claim !== "none")
          await this.replyFailure(event, outage ? "common:errors.busy" : "common:errors.internal").catch(
            () => undefined,
          );
        return;
      }
    }
  }

  private async route(event: InboundEvent, doneMark: { done: boolean }): Promise<void> {
    const { identity } = this.deps;
    // Any update from an inactive chat revives it, except the one saying the bot was removed.
    const removed = event.type === "membership" && event.status === "removed";
    const { user, chat } = await identity.resolveActors(event.from, event.chat, { reactivate: !removed });
    const base = buildRequestContext(this.deps, event, user, chat);
    if (await this.flooding(event, base)) return;

    switch (event.type) {
      case "command":
        return this.runCommand({ ...base, event, command: event.command, args: event.args });
      case "button":
        return runButton(
          {
            table: this.deps.table,
            answerer: this.deps.answerers.get(event.platform),
            logger: this.deps.logger,
            doneMark,
          },
          base,
          event,
        );
      case "membership":
        return this.membershipChanged(base, event.status, `${event.platform}:${event.updateKey}`);
      case "migrated":
        await identity.migrateChat({
          platform: event.platform,
          fromChatId: event.chat.chatId,
          toChatId: event.newChatId,
        });
        return;
      case "text":
      case "photo":
      case "location":
      case "clip":
      case "unsupported":
        if (chat.kind !== "private") {
          // Group chatter is not for the bot, except what a module claims (the caller's words for their alarm).
          await this.deps.onGroupMessage?.(base, event);
          return;
        }
        if (this.deps.onPrivateMessage && (await this.deps.onPrivateMessage(base, event))) return;
        // Never silence: a sticker or file gets what Kẻng can read, a voice note where it is taken.
        // Zalo sends no locations or videos (ZALO.md): its list of what Kẻng reads names none.
        if (event.type === "unsupported")
          return base.reply(t(chat.platform === "zalo" ? "common:zalo.unsupported" : "common:errors.unsupportedKind"));
        if (event.type === "clip") return base.reply(t("common:errors.clipWithoutTip"));
        return base.reply(t("common:errors.privateHint"));
      default: {
        const never: never = event;
        throw new Error(`unhandled event ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * More than FLOOD_MAX commands, presses or messages a minute from one user: the first one over the limit
   * gets a "slow down" reply (or toast), the rest are dropped with a log line until the minute ends.
   */
  private async flooding(event: InboundEvent, ctx: RequestContext): Promise<boolean> {
    const { attempts, hashUser } = this.deps;
    // A tipster's photos and locations are relayed to officers like text, so they count like text.
    const counted =
      event.type === "command" ||
      event.type === "button" ||
      event.type === "text" ||
      ((event.type === "photo" || event.type === "location" || event.type === "clip" || event.type === "unsupported") &&
        event.chat.kind === "private");
    if (!attempts || !counted) return false;
    const who = hashUser ? hashUser(event.platform, event.from.userId) : `${event.platform}:${event.from.userId}`;
    const hit = await attempts.hit({ key: `flood:${who}`, max: FLOOD_MAX, windowSeconds: 60 });
    if (hit.allowed) return false;
    this.deps.logger.warn(
      { event: "user_flood", platform: event.platform, chatKind: event.chat.kind },
      "update dropped: user over the flood limit",
    );
    const slowDown = t("common:errors.slowDown", { seconds: hit.retryInSeconds });
    if (hit.count === FLOOD_MAX + 1) {
      if (event.type === "button" && this.deps.answerers.get(event.platform)) {
        await this.deps.answerers.get(event.platform)?.answer({ press: event, locale: ctx.locale, text: slowDown });
      } else await ctx.reply(slowDown);
    }
    return true;
  }

  private async runCommand(ctx: CommandContext): Promise<void> {
    const spec = this.deps.table().command(ctx.command);
    if (!spec) {
      if (ctx.chat.kind === "private" && this.deps.onUnknownPrivateCommand)
        return this.deps.onUnknownPrivateCommand(ctx);
      if (ctx.chat.kind === "private" || ctx.event.addressedToBot)
        await ctx.reply(t("common:errors.unknownCommand", { command: ctx.command }));
      return;
    }
    if (spec.where !== "any" && spec.where !== ctx.chat.kind) {
      return ctx.reply(
        t(spec.where === "private" ? "common:errors.privateOnly" : "common:errors.groupOnly", { command: ctx.command }),
      );
    }
    // An anonymous admin is nobody in particular: no role can be checked, and a refusal would mislead.
    if (ctx.event.onBehalfOfChat && spec.audience !== "anyone")
      return ctx.reply(t("common:errors.postAsYourself", { command: ctx.command }));
    // The audience is enforced here; handlers check the finer rule (which area) with access.requireRole.
    if (!spec.audienceCheckedByHandler && !(await this.deps.access.inAudience(ctx.user, spec.audience)))
      return ctx.reply(t(spec.refusalKey ?? "common:errors.notYourCommand", { command: ctx.command }));
    try {
      await spec.run(ctx);
    } catch (error) {
      if (error instanceof UserFacingError) return ctx.reply(t(error.key, error.params));
      throw error;
    }
  }

  private async membershipChanged(ctx: RequestContext, status: "added" | "removed", updateKey: string): Promise<void> {
    const { identity, audit } = this.deps;
    if (status === "removed") {
      await identity.setChatActive(ctx.chat.id, false, "removed");
      await audit.record({
        actorUserId: ctx.user.id,
        action: "chat.bot_removed",
        ...(ctx.chat.areaId ? { areaId: ctx.chat.areaId } : {}),
        subject: `${ctx.chat.platform}:${ctx.chat.platformChatId}`,
      });
      return;
    }
    if (!ctx.chat.active) await identity.setChatActive(ctx.chat.id, true);
    if (ctx.chat.kind !== "group") return;
    if (this.deps.onBotAddedToGroup) await this.deps.onBotAddedToGroup(ctx, updateKey);
    else await ctx.reply(t("areas:membership.added"));
  }

  private async replyFailure(event: InboundEvent, key: "common:errors.internal" | "common:errors.busy"): Promise<void> {
    const chat = await this.deps.identity.upsertChat(event.chat);
    await this.deps.outbox.enqueue([
      {
        key: `r:${event.platform}:${event.updateKey}:error`,
        to: { chatId: chat.id },
        priority: "interactive",
        message: { locale: chat.locale ?? this.deps.defaultLocale, text: t(key) },
      },
    ]);
  }
}
