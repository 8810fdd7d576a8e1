/**
 * The scheduler role runs due campaigns every few seconds. Postgres is the truth: a run is claimed
 * in `CampaignRun` (unique per campaign and run time) so two processes never run the same run, the
 * messages go to the deliver queue at bulk priority under deterministic keys (a run taken over
 * after a crash re-queues nothing twice), then `nextRunAt` moves on — so recurring campaigns
 * survive restarts.
 */
import { afterQuietHours, quietUntil } from "../../core/quiet-hours.js";
import { issueCode } from "../../core/verification.js";
import { campaignMessage, campaignSignedParts, localeOf } from "./campaign-message.js";
import type { CampaignDeps } from "./deps.js";
import { nextRun, StoredScheduleSchema } from "./schedule.js";
import { campaignKeys, type CampaignRecord } from "./types.js";

/** A claim older than this was left by a process that died; another may take the run over. */
export const RUN_LEASE_MS = 60_000;
/** A recurring run missed by more than this (the service was down) is skipped, not sent late. */
const MISSED_RUN_MS = 3_600_000;
/** The quiz question follows the campaign message in each group. */
const QUIZ_DELAY_MS = 3_000;
const BATCH = 20;

/** Runs every due campaign; returns how many were looked at. */
export async function runDueCampaigns(deps: CampaignDeps): Promise<number> {
  const due = await deps.campaigns.due(deps.clock.now(), BATCH);
  for (const campaign of due) await runCampaign({ deps, campaign });
  return due.length;
}

/** Runs the campaign's current run (if it is due and nobody else has it), then schedules the next. */
export async function runCampaign(input: { deps: CampaignDeps; campaign: CampaignRecord }): Promise<void> {
  const { deps, campaign } = input;
  const runAt = campaign.nextRunAt;
  const now = deps.clock.now();
  if (campaign.status !== "scheduled" || !runAt || runAt > now) return;
  // Quiet hours: the run stays due and goes out when they end (the next pass after).
  if (quietUntil(now, deps.quietHours ?? null, deps.timeZone)) return;
  const schedule = StoredScheduleSchema.safeParse(campaign.schedule);
  const recurrence = schedule.success && schedule.data.kind !== "once" ? schedule.data : undefined;
  // Held by quiet hours is not missed: lateness counts from when the run was allowed to go.
  const allowedAt = afterQuietHours(runAt, deps.quietHours ?? null, deps.timeZone);
  const missed = recurrence !== undefined && now.getTime() - allowedAt.getTime() > MISSED_RUN_MS;
  if (!missed) {
    if (!(await deps.campaigns.claimRun({ campaignId: campaign.id, runAt, now, leaseMs: RUN_LEASE_MS }))) return;
    await deliverRun({ deps, campaign, runAt });
  }
  const next = recurrence ? nextRun(recurrence, now > runAt ? now : runAt, deps.timeZone) : null;
  await deps.campaigns.advance({ campaignId: campaign.id, runAt, nextRunAt: next });
  // Cancelled while this run was being queued: withdraw whatever has not gone out.
  if ((await deps.campaigns.find(campaign.id))?.status === "cancelled") await deps.campaigns.cancelPending(campaign.id);
}

async function deliverRun(input: { deps: CampaignDeps; campaign: CampaignRecord; runAt: Date }): Promise<void> {
  const { deps, campaign, runAt } = input;
  const targets = await deps.campaigns.targets(campaign.areaCode);
  // Signed per run (the same text sent again next week is a new message with its own time).
  const runId = await deps.campaigns.runId({ campaignId: campaign.id, runAt });
  const content =
    runId === null
      ? undefined
      : { kind: "campaign" as const, refId: runId, text: campaignSignedParts(campaign).join("\n") };
  // What the message and /kiemtra show of the area: its name, and its unit as the sender.
  const area = {
    code: campaign.areaCode,
    name: campaign.areaName,
    kind: null,
    unitName: campaign.unitName,
    parent: null,
  };
  const verifyCode = content && (await issueCode({ signer: deps.signer, codes: deps.codes, content, area })).code;
  await deps.outbox.enqueue(
    targets.map((target) => ({
      key: campaignKeys.message(campaign.id, runAt, target.chatId),
      to: { chatId: target.chatId },
      priority: "bulk" as const,
      source: campaignKeys.source(campaign.id),
      // Not urgent: no sound (Telegram disable_notification); the gong is for alerts.
      message: { ...campaignMessage(campaign, localeOf(target.locale, deps.defaultLocale), verifyCode), silent: true },
    })),
  );
  await deps.relays?.fanOut({
    areaCode: campaign.areaCode,
    subject: runId === null ? `campaign:${campaign.id}@${runAt.getTime()}` : `campaign-run:${runId}`,
    message: (locale) => ({ ...campaignMessage(campaign, locale, verifyCode), silent: true }),
    verifyCode,
    priority: "bulk",
  });
  if (!campaign.quizTopic) return;
  const question = await deps.quiz.pick({ topic: campaign.quizTopic, campaignId: campaign.id });
  if (!question) return;
  const dueAt = new Date(deps.clock.now().getTime() + QUIZ_DELAY_MS);
  for (const target of targets) {
    await deps.quiz.post({
      question,
      chat: { id: target.chatId, locale: localeOf(target.locale, deps.defaultLocale) },
      campaignId: campaign.id,
      sourceKey: campaignKeys.quiz(campaign.id, runAt, target.chatId),
      priority: "bulk",
      dueAt,
    });
  }
}
