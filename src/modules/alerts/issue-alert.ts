/**
 * `/keng …` by an officer: store the alert (once per update), then queue it to every active group of
 * the area and below and to the area's followers, ahead of all other traffic; the officer gets the
 * alert id at once and a progress message in their private chat. Bare `/keng` in a private chat
 * opens the guided flow instead (alert-flow.ts).
 */
import type { ChatRecord } from "../../core/actors.js";
import type { CommandContext, RequestContext } from "../../core/commands.js";
import type { PlatformName } from "../../core/messages.js";
import { lines, raw, t } from "../../core/text.js";
import { issueCode } from "../../core/verification.js";
import { issuedArea, shownArea } from "../areas/issued-area.js";
import type { AreaRecord } from "../areas/types.js";
import { startAlertFlow } from "./alert-flow.js";
import { alertId, alertMessage, localeOf } from "./alert-message.js";
import type { AlertDeps } from "./deps.js";
import { parseAlertCommand } from "./parse-alert-command.js";
import { progressText } from "./report-progress.js";
import { alertKeys, type AlertLevel } from "./types.js";
import { resolveAlertArea } from "./resolve-alert-area.js";

export async function issueAlert(options: { ctx: CommandContext; deps: AlertDeps }): Promise<void> {
  const { ctx, deps } = options;
  if (!ctx.args.trim() && ctx.chat.kind === "private" && deps.flows) return startAlertFlow({ ctx, deps });
  const parsed = parseAlertCommand(ctx.args);
  if (!parsed.ok) {
    return ctx.reply(
      parsed.error === "unknownOption"
        ? t("alerts:issue.unknownOption", { option: raw(parsed.option) })
        : t(`alerts:issue.${parsed.error}`),
    );
  }
  const area = await resolveAlertArea({ ctx, deps, requested: parsed.areaCode });
  if (!area) return;
  await sendAlert({
    ctx,
    deps,
    area,
    level: parsed.level,
    text: parsed.text,
    ttlMs: parsed.ttlMs,
    sourceKey: `${ctx.event.platform}:${ctx.event.updateKey}`,
  });
}

/** Refuses (with a reply) an alert that would reach nobody: no active group and no follower. */
export async function reachesSomeone(ctx: RequestContext, deps: AlertDeps, area: AreaRecord): Promise<boolean> {
  if ((await deps.alerts.targets(area.code)).length > 0) return true;
  if (((await deps.relays?.count(area.code)) ?? 0) > 0) return true;
  await ctx.reply(t("alerts:issue.noTargets", { area: area.name }));
  return false;
}

/** Stores and broadcasts an alert already checked: area resolved and the sender an officer there. */
export async function sendAlert(input: {
  ctx: RequestContext & { readonly event: { readonly platform: PlatformName } };
  deps: AlertDeps;
  area: AreaRecord;
  level: AlertLevel;
  text: string;
  ttlMs: number;
  sourceKey: string;
}): Promise<void> {
  const { ctx, deps, area } = input;
  // Checked before anything is stored or sent: an alert into the void would look delivered.
  if (!(await reachesSomeone(ctx, deps, area))) return;
  const officerChat: ChatRecord = ctx.chat.kind === "private" ? ctx.chat : await deps.identity.privateChatOf(ctx.user);
  const { alert, created } = await deps.alerts.create({
    areaId: area.id,
    senderUserId: ctx.user.id,
    level: input.level,
    text: input.text,
    expiresAt: new Date(deps.clock.now().getTime() + input.ttlMs),
    sourceKey: input.sourceKey,
    progressChatId: officerChat.id,
  });
  // Queued again when an interrupted attempt is retried: keys are deterministic, nothing doubles.
  const targets = await deps.alerts.targets(area.code);
  const platform = ctx.event.platform;
  // The officer hears back first (ahead of the broadcast), then every group.
  const locale = ctx.user.locale ?? ctx.locale;
  const relayed = (await deps.relays?.count(area.code)) ?? 0;
  await deps.outbox.enqueue([
    {
      key: alertKeys.progress(alert.id, 0),
      to: { chatId: officerChat.id },
      priority: "control",
      message: {
        locale,
        text: lines(
          t("alerts:issue.done", {
            id: alertId(alert.id),
            area: area.name,
            groups: targets.filter((x) => x.kind === "group").length,
            followers: targets.filter((x) => x.kind === "private").length,
          }),
          progressText({ sent: 0, failed: 0, pending: targets.length }, alertId(alert.id), 0),
          ...(relayed > 0 ? [t("relays:issued", { groups: relayed })] : []),
        ),
      },
    },
  ]);
  const issued = await issueCode({
    signer: deps.signer,
    codes: deps.codes,
    content: { kind: "alert", refId: alert.id, text: alert.text },
    area: issuedArea(alert),
  });
  // A retried attempt shows the area as recorded the first time, as the code was signed then.
  const shown = { ...alert, ...shownArea(issued.area) };
  const verifyCode = issued.code;
  // One message per language and kind of chat, shared by every group that reads it (a ward may have thousands).
  const messages = new Map<string, ReturnType<typeof alertMessage>>();
  const messageIn = (targetLocale: ReturnType<typeof localeOf>, withAlarm: boolean) => {
    let message = messages.get(`${targetLocale}:${withAlarm}`);
    if (!message) {
      message = alertMessage(shown, {
        locale: targetLocale,
        timeZone: deps.timeZone,
        botUsername: deps.directory.botUsername(platform),
        verifyCode,
        withAlarm,
      });
      messages.set(`${targetLocale}:${withAlarm}`, message);
    }
    return message;
  };
  await deps.outbox.enqueue(
    targets.map((target) => ({
      key: alertKeys.broadcast(alert.id, target.chatId),
      to: { chatId: target.chatId },
      priority: "alert" as const,
      source: alertKeys.source(alert.id),
      // The highest level may go at a platform's paid rate (Telegram: TELEGRAM_PAID_BROADCAST=khan).
      emergency: alert.level === "khan",
      // A Telegram group gets 🔔 Báo động too; a Zalo group answers an alert by a reply, one choice only.
      message: messageIn(
        localeOf(target.locale, deps.defaultLocale),
        target.kind === "group" && target.platform === "telegram",
      ),
    })),
  );
  // Each relayed group's relay gets the groups' message privately, ready to forward (relays module).
  await deps.relays?.fanOut({
    areaCode: area.code,
    subject: alertKeys.relaySubject("alert", alert.id),
    message: (locale) => messageIn(locale, false),
    verifyCode,
    priority: "alert",
  });
  if (created) {
    await deps.audit.record({
      actorUserId: ctx.user.id,
      action: "alert.issue",
      areaId: area.id,
      subject: alertId(alert.id),
      details: { level: alert.level, text: alert.text },
    });
  }
}
