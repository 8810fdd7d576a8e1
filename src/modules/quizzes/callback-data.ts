/**
 * Callback data of quiz answer buttons: `qz:<roundId>:<option>` (well under Telegram's 64 bytes).
 * It comes back from the platform as hostile input: parsed strictly, anything else is null.
 */
import { z } from "zod";
import { MAX_OPTIONS } from "./bank/question-schema.js";

export const QUIZ_BUTTON_PREFIX = "qz";

const Payload = z
  .string()
  .max(20)
  // One spelling per round: no leading zeros.
  .regex(/^[1-9]\d{0,9}:\d$/)
  .transform((value) => value.split(":").map(Number))
  .pipe(
    z.tuple([
      z.number().int().positive().max(2_147_483_647),
      z
        .number()
        .int()
        .min(0)
        .max(MAX_OPTIONS - 1),
    ]),
  );

/** Parses the part after `qz:`. */
export function parseQuizButton(payload: string): { roundId: number; option: number } | null {
  const parsed = Payload.safeParse(payload);
  return parsed.success ? { roundId: parsed.data[0], option: parsed.data[1] } : null;
}

export const quizButtonData = (roundId: number, option: number) => `${QUIZ_BUTTON_PREFIX}:${roundId}:${option}`;
