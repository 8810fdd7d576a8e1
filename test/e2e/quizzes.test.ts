/**
 * Issue 5, end to end: quizzes over HTTP against the fake Telegram server with real Postgres and
 * Redis — the seeded bank, a question with one button per option, first answers counted (a second
 * press refused), no answer given away before closing, the reveal with explanation and citation,
 * closing by time (the scheduler's sweep) and by the answer limit (a private chat), leaderboards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { createAreas, nextMatching, pressFor, registerGroup, say, WAIT_MS } from "../support/chat-steps.js";

const lan: FakeUserInput = { id: 7_100_000_001, first_name: "Lan", language_code: "vi" };
const minh: FakeUserInput = { id: 7_100_000_002, first_name: "Minh", language_code: "vi" };
const hoa: FakeUserInput = { id: 7_100_000_003, first_name: "Hoa", language_code: "en" };
const G5 = -100_705;
const G6 = -100_706;

let h: Harness;

const questionIn = (chatId: number, after: number) => nextMatching(h, chatId, after, "Câu hỏi pháp luật");

async function roundOf(message: StoredMessage) {
  const roundId = Number(/^qz:(\d+):\d$/.exec(message.buttons[0]?.callback_data ?? "")?.[1]);
  return h.app.db.quizRound.findUniqueOrThrow({ where: { id: roundId }, include: { question: true } });
}

beforeAll(async () => {
  h = await startHarness({ env: { QUIZ_ROUND_SECONDS: "600" } });
  for (const u of [lan, minh, hoa]) h.fake.addPrivateChatUser(u);
  await createAreas(h, [
    "phuly Thành phố Phủ Lý",
    "phuly.minhkhai Phường Minh Khai",
    "phuly.minhkhai.to5 Tổ dân phố 5",
    "phuly.minhkhai.to6 Tổ dân phố 6",
  ]);
  await registerGroup(h, G5, "Tổ dân phố 5", "phuly.minhkhai.to5");
  await registerGroup(h, G6, "Tổ dân phố 6", "phuly.minhkhai.to6");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("the question bank", () => {
  it("is seeded into Postgres at start, once", async () => {
    const stored = await h.app.db.quizQuestion.count();
    expect(stored).toBeGreaterThanOrEqual(40);
    await h.app.stop();
    await h.restart();
    expect(await h.app.db.quizQuestion.count()).toBe(stored);
  });
});

describe("a question in a group", () => {
  let question: StoredMessage;

  it("posts one question of the topic with one button per option, and nothing that gives the answer away", async () => {
    question = await (async () => {
      const after = h.fake.lastMessage(G5)?.messageId ?? 0;
      h.fake.sendText({ chatId: G5, from: lan, text: "/cauhoi matuy" });
      return questionIn(G5, after);
    })();
    const round = await roundOf(question);
    expect(round.question.topic).toBe("matuy");
    expect(round.question.reviewed).toBe(true);
    // QUIZ_ROUND_SECONDS=600 sets the closing time.
    expect(round.closesAt.getTime() - round.postedAt.getTime()).toBeGreaterThan(595_000);
    expect(round.closesAt.getTime() - round.postedAt.getTime()).toBeLessThan(605_000);
    const options = round.question.options as { vi: string }[];
    expect(question.plainText).toContain("Ma túy");
    expect(question.plainText).toContain((round.question.text as { vi: string }).vi);
    expect(question.buttons.map((b) => b.text)).toEqual(options.map((o, i) => `${"ABCD"[i]}. ${o.vi}`));
    expect(question.buttons.map((b) => b.callback_data)).toEqual(options.map((_, i) => `qz:${round.id}:${i}`));
    expect(question.plainText).not.toContain("Đáp án đúng");
  });

  it("counts each user's first answer only, with a toast that does not say whether it was right", async () => {
    const round = await roundOf(question);
    const wrong = (round.question.correct + 1) % (round.question.options as unknown[]).length;
    expect(await pressFor(h, lan, question, `qz:${round.id}:${round.question.correct}`)).toContain(
      "Đã ghi nhận câu trả lời",
    );
    expect(await pressFor(h, minh, question, `qz:${round.id}:${wrong}`)).toContain("Đã ghi nhận câu trả lời");
    expect(await pressFor(h, minh, question, `qz:${round.id}:${round.question.correct}`)).toContain(
      "Bạn đã trả lời câu này rồi",
    );
    const answers = await h.app.db.quizAnswer.findMany({ where: { roundId: round.id }, orderBy: { at: "asc" } });
    expect(answers.map((a) => [a.option, a.correct])).toEqual([
      [round.question.correct, true],
      [wrong, false],
    ]);
  });

  it("refuses forged or foreign buttons", async () => {
    const round = await roundOf(question);
    expect(await pressFor(h, hoa, question, "qz:999999:0")).toContain("không còn dùng được");
    expect(await pressFor(h, hoa, question, `qz:${round.id}:7`)).toContain("không còn dùng được");
    expect(await pressFor(h, hoa, question, "qz:1:0:extra")).toContain("không còn dùng được");
    expect(await pressFor(h, hoa, question, `qz:-${round.id}:0`)).toContain("không còn dùng được");
    expect(await h.app.db.quizAnswer.count({ where: { roundId: round.id } })).toBe(2);
  });

  it("keeps one open question per group and explains its usage", async () => {
    expect((await say(h, G5, hoa, "/quiz", "vẫn đang mở")).plainText).toMatch(
      /Câu hỏi trước vẫn đang mở đến \d\d:\d\d/,
    );
    expect((await say(h, G6, hoa, "/cauhoi thoitiet", "Cách dùng")).plainText).toContain("matuy (ma túy)");
  });

  it("shows the score in the group's leaderboard at once", async () => {
    const board = await say(h, G5, minh, "/bxh", "Bảng xếp hạng");
    expect(board.plainText).toContain("Bảng xếp hạng — Tổ dân phố 5");
    expect(board.plainText).toContain("🥇 Lan — 1 điểm (1 câu đã trả lời)");
    expect(board.plainText).toContain("🥈 Minh — 0 điểm (1 câu đã trả lời)");
  });

  it("reveals the answer with explanation, citation and how many got it right when time is up", async () => {
    const round = await roundOf(question);
    const after = h.fake.lastMessage(G5)?.messageId ?? 0;
    await h.app.db.quizRound.update({ where: { id: round.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const reveal = await nextMatching(h, G5, after, "Đáp án");
    const right = (round.question.options as { vi: string }[])[round.question.correct]?.vi ?? "";
    expect(reveal.replyToMessageId).toBe(question.messageId);
    expect(reveal.plainText).toContain(`Đáp án đúng: ${"ABCD"[round.question.correct]}. ${right}`);
    expect(reveal.plainText).toContain((round.question.explanation as { vi: string }).vi);
    expect(reveal.plainText).toContain(`Căn cứ: ${round.question.source}`);
    expect(reveal.plainText).toContain("2 người trả lời, 1 người trả lời đúng.");
    expect(await pressFor(h, hoa, question, `qz:${round.id}:0`)).toContain("đã kết thúc");
    // Revealed once, though the sweep keeps running.
    await new Promise((r) => setTimeout(r, 4500));
    expect(h.fake.messagesIn(G5).filter((m) => m.plainText.includes("Đáp án đúng"))).toHaveLength(1);
  }, 40_000);
});

describe("a question in a private chat", () => {
  it("closes on the first answer and reveals at once, in the user's language", async () => {
    // Vietnamese until a person chooses: Hoa, whose app is in English, picks English first.
    await say(h, hoa.id, hoa, "/ngonngu en", "Language set");
    const after = h.fake.lastMessage(hoa.id)?.messageId ?? 0;
    h.fake.sendText({ chatId: hoa.id, from: hoa, text: "/quiz luadao" });
    const question = await nextMatching(h, hoa.id, after, "Law quiz");
    const round = await roundOf(question);
    expect(question.plainText).toContain("Scams");
    expect(question.plainText).toContain((round.question.text as { en: string }).en);
    expect(await pressFor(h, hoa, question, `qz:${round.id}:${round.question.correct}`)).toContain(
      "Your answer is recorded",
    );
    const reveal = await nextMatching(h, hoa.id, question.messageId, "Correct answer");
    expect(reveal.plainText).toContain("1 answered, 1 got it right.");
    expect(reveal.plainText).toContain(`Legal basis: ${round.question.source}`);
  });
});

describe("leaderboards", () => {
  it(
    "ranks the groups of the user's ward in a private chat",
    async () => {
      const board = await say(h, lan.id, lan, "/bxh", "Xếp hạng các nhóm");
      expect(board.plainText).toContain("Xếp hạng các nhóm — Phường Minh Khai");
      const lines = board.plainText.split("\n");
      expect(lines.findIndex((l) => l.includes("Tổ dân phố 5 — 1 điểm, 2 người tham gia"))).toBeLessThan(
        lines.findIndex((l) => l.includes("Tổ dân phố 6 — 0 điểm")),
      );
      expect((await say(h, hoa.id, hoa, "/top phuly", "Group ranking")).plainText).toContain(
        "Group ranking — Thành phố Phủ Lý",
      );
      expect((await say(h, hoa.id, hoa, "/top nowhere", "no area")).plainText).toContain("nowhere");
    },
    WAIT_MS * 2,
  );
});
