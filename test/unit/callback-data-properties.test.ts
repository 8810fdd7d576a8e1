/**
 * Properties of the button callback data parsers (tips, quizzes, campaigns), checked by fast-check:
 * every button the bot makes parses back to itself, within Telegram's 64 bytes; and any string a
 * client might send either parses to the one button that writes exactly it, or is refused (null),
 * never a throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  campaignData,
  parseCampaignButton,
  WHEN_CHOICES,
  type CampaignButton,
  type WhenChoice,
} from "../../src/modules/campaigns/campaign-callback-data.js";
import { parseQuizButton, quizButtonData } from "../../src/modules/quizzes/callback-data.js";
import { MAX_OPTIONS, QUIZ_TOPICS } from "../../src/modules/quizzes/bank/question-schema.js";
import {
  CLOSE_OUTCOMES,
  FOLLOW_UP_CHOICES,
  parseTipButton,
  tipData,
  type TipButton,
} from "../../src/modules/tips/callback-data.js";
import { TIP_CATEGORIES } from "../../src/modules/tips/types.js";
import { unicode } from "../security/arbitraries.js";

const dbId = fc.integer({ min: 1, max: 2_147_483_647 });

/** Random text, and text made of the parsers' own alphabet and words, so the deeper branches are reached. */
function payloads(words: readonly string[]): fc.Arbitrary<string> {
  const numberish = fc.oneof(
    fc.stringMatching(/^[0-9]{1,11}$/),
    fc.constantFrom(
      "0",
      "00",
      "01",
      "007",
      "1e3",
      "0x1f",
      "0b1",
      "0o7",
      "-1",
      "+1",
      "1.0",
      " 1",
      "2147483647",
      "2147483648",
    ),
  );
  const token = fc.oneof(fc.constantFrom("", ...words), numberish, fc.stringMatching(/^[a-z0-9]{0,4}$/));
  // A verb and an id or two, the shape most buttons have; then any tokens joined; then anything.
  const verbAndIds = fc
    .tuple(fc.constantFrom(...words), fc.array(numberish, { minLength: 1, maxLength: 2 }))
    .map(([verb, ids]) => [verb, ...ids].join(":"));
  const idsAndWords = fc
    .array(fc.oneof(numberish, fc.constantFrom(...words)), { minLength: 2, maxLength: 2 })
    .map((parts) => parts.join(":"));
  const joined = fc.array(token, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(":"));
  const alphabet = fc.string({ unit: fc.constantFrom(..."abcdefgkmnopqrstuvwxyz0123456789:"), maxLength: 70 });
  return fc.oneof(
    { arbitrary: verbAndIds, weight: 3 },
    { arbitrary: idsAndWords, weight: 2 },
    { arbitrary: joined, weight: 3 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 70 }), weight: 1 },
    { arbitrary: unicode(0, 20), weight: 1 },
    { arbitrary: alphabet, weight: 1 },
  );
}

// ── tips ────────────────────────────────────────────────────────────────────────────────────

const tipButton: fc.Arbitrary<TipButton> = fc.oneof(
  fc.constantFrom(...TIP_CATEGORIES).map((category): TipButton => ({ kind: "category", category })),
  fc.constant<TipButton>({ kind: "mediaDone" }),
  fc.boolean().map((anonymous): TipButton => ({ kind: "identity", anonymous })),
  dbId.map((areaId): TipButton => ({ kind: "area", areaId })),
  fc.option(dbId, { nil: null }).map((areaId): TipButton => ({ kind: "browse", areaId })),
  fc.constant<TipButton>({ kind: "confirm" }),
  fc.constant<TipButton>({ kind: "cancel" }),
  fc.constantFrom(...FOLLOW_UP_CHOICES).map((choice): TipButton => ({ kind: "followUp", choice })),
  dbId.map((tipId): TipButton => ({ kind: "status", tipId })),
  fc
    .tuple(fc.constantFrom("take", "valuable", "ask", "close", "show", "export" as const), dbId)
    .map(([kind, tipId]): TipButton => ({ kind, tipId })),
  fc
    .tuple(dbId, fc.constantFrom(...CLOSE_OUTCOMES))
    .map(([tipId, outcome]): TipButton => ({ kind: "outcome", tipId, outcome })),
);

function tipDataOf(button: TipButton): string {
  switch (button.kind) {
    case "category":
      return tipData.category(button.category);
    case "mediaDone":
      return tipData.mediaDone();
    case "identity":
      return tipData.identity(button.anonymous);
    case "area":
      return tipData.area(button.areaId);
    case "browse":
      return tipData.browse(button.areaId);
    case "confirm":
      return tipData.confirm();
    case "cancel":
      return tipData.cancel();
    case "followUp":
      return tipData.followUp(button.choice);
    case "status":
      return tipData.status(button.tipId);
    case "outcome":
      return tipData.outcome(button.tipId, button.outcome);
    default:
      return tipData[button.kind](button.tipId);
  }
}

const TIP_WORDS = [
  "c",
  "next",
  "i",
  "anon",
  "contact",
  "ok",
  "x",
  "st",
  "fu",
  "b",
  "a",
  "out",
  "take",
  "val",
  "ask",
  "close",
  "show",
  "exp",
  ...TIP_CATEGORIES,
  ...CLOSE_OUTCOMES,
  ...FOLLOW_UP_CHOICES,
];

describe("tip buttons", () => {
  it("parse back to the button that wrote them, within 64 bytes", () => {
    fc.assert(
      fc.property(tipButton, (button) => {
        const data = tipDataOf(button);
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(data.startsWith("tip:")).toBe(true);
        expect(parseTipButton(data.slice("tip:".length))).toEqual(button);
      }),
    );
  });

  it("refuse any other text without throwing: what parses is exactly what a button writes", () => {
    fc.assert(
      fc.property(payloads(TIP_WORDS), (payload) => {
        const button = parseTipButton(payload);
        if (button !== null) expect(tipDataOf(button)).toBe(`tip:${payload}`);
      }),
      { numRuns: 2000 },
    );
  });
});

// ── quizzes ─────────────────────────────────────────────────────────────────────────────────

describe("quiz answer buttons", () => {
  it("parse back to the round and option that wrote them, within 64 bytes", () => {
    fc.assert(
      fc.property(dbId, fc.integer({ min: 0, max: MAX_OPTIONS - 1 }), (roundId, option) => {
        const data = quizButtonData(roundId, option);
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(parseQuizButton(data.slice("qz:".length))).toEqual({ roundId, option });
      }),
    );
  });

  it("refuse any other text without throwing: what parses is exactly what a button writes", () => {
    fc.assert(
      fc.property(payloads(["0", "1", "3", "4"]), (payload) => {
        const parsed = parseQuizButton(payload);
        if (parsed !== null) expect(quizButtonData(parsed.roundId, parsed.option)).toBe(`qz:${payload}`);
      }),
      { numRuns: 2000 },
    );
  });
});

// ── campaigns ───────────────────────────────────────────────────────────────────────────────

const campaignButton: fc.Arbitrary<CampaignButton> = fc.oneof(
  dbId.map((areaId): CampaignButton => ({ kind: "area", areaId })),
  fc
    .constantFrom(...(Object.keys(WHEN_CHOICES) as WhenChoice[]))
    .map((choice): CampaignButton => ({ kind: "when", choice })),
  fc.option(fc.constantFrom(...QUIZ_TOPICS), { nil: null }).map((topic): CampaignButton => ({ kind: "quiz", topic })),
  fc.constant<CampaignButton>({ kind: "confirm" }),
  fc.constant<CampaignButton>({ kind: "cancel" }),
);

function campaignDataOf(button: CampaignButton): string {
  switch (button.kind) {
    case "area":
      return campaignData.area(button.areaId);
    case "when":
      return campaignData.when(button.choice);
    case "quiz":
      return campaignData.quiz(button.topic);
    case "confirm":
      return campaignData.confirm();
    case "cancel":
      return campaignData.cancel();
  }
}

const CAMPAIGN_WORDS = ["a", "w", "q", "ok", "x", "none", ...Object.keys(WHEN_CHOICES), ...QUIZ_TOPICS];

describe("campaign buttons", () => {
  it("parse back to the button that wrote them, within 64 bytes", () => {
    fc.assert(
      fc.property(campaignButton, (button) => {
        const data = campaignDataOf(button);
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(parseCampaignButton(data.slice("cd:".length))).toEqual(button);
      }),
    );
  });

  it("refuse any other text without throwing: what parses is exactly what a button writes", () => {
    fc.assert(
      fc.property(payloads(CAMPAIGN_WORDS), (payload) => {
        const button = parseCampaignButton(payload);
        if (button !== null) expect(campaignDataOf(button)).toBe(`cd:${payload}`);
      }),
      { numRuns: 2000 },
    );
  });
});
