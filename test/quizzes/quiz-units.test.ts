import { describe, expect, it } from "vitest";
import { loadQuestionBank } from "../../src/modules/quizzes/bank/load-bank.js";
import { parseQuizButton, quizButtonData } from "../../src/modules/quizzes/callback-data.js";
import { chooseQuestion } from "../../src/modules/quizzes/choose-question.js";
import { parseTopic } from "../../src/modules/quizzes/quiz-topic.js";
import { parseCampaignButton } from "../../src/modules/campaigns/campaign-callback-data.js";

const TODAY = new Date("2026-11-29T12:00:00+07:00");
const bank = loadQuestionBank().questions;

describe("quiz button data", () => {
  it("round-trips and stays well under 64 bytes", () => {
    const data = quizButtonData(2_147_483_647, 3);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(parseQuizButton(data.slice(3))).toEqual({ roundId: 2_147_483_647, option: 3 });
  });

  it.each([
    "",
    "1",
    "1:",
    ":1",
    "0:1",
    "1:4",
    "1:-1",
    "1:1:1",
    "2147483648:0",
    "1:1 ",
    "1e3:0",
    "١:0",
    "a:b",
    "x".repeat(100),
  ])("refuses %j", (payload) => {
    expect(parseQuizButton(payload)).toBeNull();
  });
});

describe("campaign flow button data", () => {
  it("reads the known buttons and nothing else", () => {
    expect(parseCampaignButton("a:12")).toEqual({ kind: "area", areaId: 12 });
    expect(parseCampaignButton("w:daily")).toEqual({ kind: "when", choice: "daily" });
    expect(parseCampaignButton("q:none")).toEqual({ kind: "quiz", topic: null });
    expect(parseCampaignButton("q:luadao")).toEqual({ kind: "quiz", topic: "luadao" });
    for (const bad of ["a:0", "a:-1", "a:x", "w:hourly", "w:constructor", "q:khac", "ok:1", "x:", "a:1:2", "A:1"])
      expect(parseCampaignButton(bad), bad).toBeNull();
  });
});

describe("parseTopic", () => {
  it("accepts the topic words with or without diacritics, and English names", () => {
    expect(["matuy", "Ma-Túy", "drugs"].map(parseTopic)).toEqual(["matuy", "matuy", "matuy"]);
    expect(["cờbạc", "gambling", "giaothong", "traffic", "lừađảo", "scam"].map(parseTopic)).toEqual([
      "cobac",
      "cobac",
      "giaothong",
      "giaothong",
      "luadao",
      "luadao",
    ]);
    expect(parseTopic("weather")).toBeUndefined();
    expect(parseTopic("constructor")).toBeUndefined();
  });
});

describe("chooseQuestion", () => {
  const pick = (recent: string[], includeUnreviewed = false) =>
    chooseQuestion({ questions: bank, recent, today: TODAY, includeUnreviewed, random: () => 0.5 });

  it("never serves an expired question, nor an unreviewed one unless the deployment opts in", () => {
    const seen: string[] = [];
    for (let i = 0; i < bank.length; i++) {
      const q = pick(seen);
      if (!q) break;
      expect(q.reviewed, q.id).toBe(true);
      expect(q.validUntil === null || q.validUntil >= "2026-11-29", q.id).toBe(true);
      seen.unshift(q.id);
    }
    const unreviewed = bank.filter((q) => !q.reviewed && (q.validUntil === null || q.validUntil >= "2026-11-29"));
    expect(unreviewed.length).toBeGreaterThan(0);
    const everyPick = new Set(
      Array.from(
        { length: 200 },
        (_, i) =>
          chooseQuestion({ questions: bank, recent: [], today: TODAY, includeUnreviewed: true, random: () => i / 200 })
            ?.id,
      ),
    );
    expect(unreviewed.some((q) => everyPick.has(q.id))).toBe(true);
  });

  it("prefers questions not seen lately, then the one seen longest ago", () => {
    const servable = bank.filter((q) => q.reviewed && q.validUntil === null);
    const allButOne = servable.slice(1).map((q) => q.id);
    expect(pick(allButOne)?.id).toBe(servable[0]?.id);
    const everything = bank.map((q) => q.id);
    const oldest = [...everything].reverse().find((id) => servable.some((q) => q.id === id));
    expect(pick(everything)?.id).toBe(oldest);
  });

  it("serves nothing when nothing is servable", () => {
    expect(
      chooseQuestion({
        questions: bank.filter((q) => !q.reviewed),
        recent: [],
        today: TODAY,
        includeUnreviewed: false,
        random: Math.random,
      }),
    ).toBeUndefined();
  });
});
