/**
 * The one-line form: `/chiendich <areaCode> <when> [--cauhoi <topic>] <text>`. Pure parsing; the
 * use case checks the area and the sender's role.
 */
import { isValidAreaCode, normaliseAreaCode } from "../areas/area-code.js";
import { parseTopic } from "../quizzes/quiz-topic.js";
import { parseWhen, type Schedule } from "./schedule.js";
import type { QuizTopic } from "./types.js";

/** Room for the header and footer within one Telegram message. */
export const MAX_CAMPAIGN_TEXT = 3500;

export type ParsedCampaign =
  | {
      readonly ok: true;
      readonly areaCode: string;
      readonly schedule: Schedule;
      readonly firstRunAt: Date;
      readonly quizTopic: QuizTopic | null;
      readonly text: string;
    }
  | { readonly ok: false; readonly error: "usage" | "area" | "unreadable" | "past" | "tooFar" | "topic" | "tooLong" };

const QUIZ_OPTIONS = new Set(["--cauhoi", "--câuhỏi", "--quiz"]);

export function parseCampaignCommand(args: string, now: Date, timeZone: string): ParsedCampaign {
  const match = /^(\S+)\s+(\S+)\s+([\s\S]+)$/.exec(args.trim());
  if (!match?.[1] || !match[2] || !match[3]) return { ok: false, error: "usage" };
  const areaCode = normaliseAreaCode(match[1]);
  if (!isValidAreaCode(areaCode)) return { ok: false, error: "area" };
  const when = parseWhen(match[2], now, timeZone);
  if (!when.ok) return { ok: false, error: when.error };
  let rest = match[3].trim();
  let quizTopic: QuizTopic | null = null;
  const option = /^(\S+)\s+(\S+)(?:\s+|$)/.exec(rest);
  if (option?.[1] && QUIZ_OPTIONS.has(option[1].toLowerCase())) {
    const topic = parseTopic(option[2] ?? "");
    if (!topic) return { ok: false, error: "topic" };
    quizTopic = topic;
    rest = rest.slice(option[0].length).trim();
  }
  if (!rest) return { ok: false, error: "usage" };
  if (rest.length > MAX_CAMPAIGN_TEXT) return { ok: false, error: "tooLong" };
  return { ok: true, areaCode, schedule: when.schedule, firstRunAt: when.firstRunAt, quizTopic, text: rest };
}
