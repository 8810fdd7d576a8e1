/**
 * `/keng …` by an officer: store the alert (once per update), then queue it to every active group of
 * the area and below and to the area's followers, ahead of all other traffic; the officer gets the
 * alert id at once and a progress message in their private chat.
 */
import type { CommandContext } from "../../core/commands.js";
import { lines, t } from "../../core/text.js";
import { issueCode } from "../../core/verification.js";
import { issuedArea, shownArea } from "../areas/issued-area.js";
import { alertId, alertMessage, localeOf } from "./alert-message.js";
import type { AlertDeps } from "./deps.js";
import { parseAlertCommand } from "./parse-alert-command.js";
import { progressText } from "./report-progress.js";
import { alertKeys } from "./types.js";
import { resolveAlertArea } from "./resolve-alert-area.js";

export async function issueAlert(options: { ctx: CommandContext; deps: AlertDeps }): Promise<void> {
  const { ctx, deps } = options;
  const parsed = parseAlertCommand(ctx.args);
  if (!parsed.ok) return ctx.reply(t(`alerts:issue.${parsed.error}`));
  const area = await resolveAlertArea({ ctx, deps, requested: parsed.areaCode });
  if (!area) return;

  const officerChat = ctx.chat.kind === "private" ? ctx.chat : await deps.identity.privateChatOf(ctx.user);
  const { alert, created } = await deps.alerts.create({
    areaId: area.id,
    senderUserId: ctx.user.id,
    level: parsed.level,
    text: parsed.text,
    expiresAt: new Date(deps.clock.now().getTime() + parsed.ttlMs),
    sourceKey: `${ctx.event.platform}:${ctx.event.updateKey}`,
    progressChatId: officerChat.id,
  });
  // Queued again when an interrupted attempt is retried: keys are deterministic, nothing doubles.
  const targets = await deps.alerts.targets(area.code);
  const bot = (platform: typeof ctx.chat.platform) => deps.directory.botUsername(platform);
  // The officer hears back first (ahead of the broadcast), then every group.
  const locale = ctx.user.locale ?? ctx.locale;
  await deps.outbox.enqueue([
    {
      key: alertKeys.progress(alert.id, 0),
      to: { chatId: officerChat.id },
      priority: "control",
      message: {
        locale,
        text: lines(
          t("alerts:issue.done", { id: alertId(alert.id), area: area.name, groups: targets.filter((x) => x.kind === "group").length, followers: targets.filter((x) => x.kind === "private").length }),
          progressText({ sent: 0, failed: 0, pending: targets.length }, alertId(alert.id)),
        ),
      },
    },
  ]);
  const issued = await issueCode({ signer: deps.signer, codes: deps.codes, content: { kind: "alert", refId: alert.id, text: alert.text }, area: issuedArea(alert) });
  // A retried attempt shows the area as recorded the first time, as the code was signed then.
  const shown = { ...alert, ...shownArea(issued.area) };
  const verifyCode = issued.code;
  // One message per language, shared by every group that reads it (a ward may have thousands).
  const messages = new Map<string, ReturnType<typeof alertMessage>>();
  const messageIn = (locale: ReturnType<typeof localeOf>) => {
    let message = messages.get(locale);
    if (!message) {
      message = alertMessage(shown, { locale, timeZone: deps.timeZone, botUsername: bot(ctx.chat.platform), verifyCode });
      messages.set(locale, message);
    }
    return message;
  };
  await deps.outbox.enqueue(
    targets.map((target) => ({
      key: alertKeys.broadcast(alert.id, target.chatId),
      to: { chatId: target.chatId },
      priority: "alert" as const,
      source: alertKeys.source(alert.id),
      message: messageIn(localeOf(target.locale, deps.defaultLocale)),
    })),
  );
  if (created) {
    await deps.audit.record({ actorUserId: ctx.user.id, action: "alert.issue", areaId: area.id, subject: alertId(alert.id), details: { level: alert.level, text: alert.text } });
  }
}
