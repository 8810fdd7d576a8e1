/**
 * Issue 5, end to end: legal-awareness campaigns — the one-line form (`now`, a short delay with a
 * quiz, a recurring one that survives restarts), cancellation, the list with delivery and quiz
 * figures, the guided flow with a photo, and the refusals.
 */
import { createDb } from "../../src/db/client.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import {
  buttonData,
  createAreas,
  grantRole,
  lastId,
  nextMatching,
  pressFor,
  registerGroup,
  say,
  WAIT_MS,
} from "../support/chat-steps.js";

const propagandist: FakeUserInput = { id: 7_200_000_001, first_name: "Thu", last_name: "Đoàn", language_code: "vi" };
const resident: FakeUserInput = { id: 7_200_000_002, first_name: "Nam", language_code: "vi" };
const G5 = -100_805;
const G6 = -100_806;
const GWARD = -100_807;
const GOTHER = -100_808;
const WARD = [G5, G6, GWARD];

let h: Harness;

const campaignIn = (chatId: number, text: string) =>
  h.fake.waitForMessage(chatId, (m) => m.plainText.includes(text), WAIT_MS);
const idOf = (reply: StoredMessage) => Number(/chiến dịch C(\d+)/.exec(reply.plainText)?.[1]);

beforeAll(async () => {
  h = await startHarness({ env: { QUIZ_ROUND_SECONDS: "600" } });
  h.fake.addPrivateChatUser(resident);
  await createAreas(h, [
    "phuly Thành phố Phủ Lý",
    "phuly.minhkhai Phường Minh Khai",
    "phuly.minhkhai.to5 Tổ dân phố 5",
    "phuly.minhkhai.to6 Tổ dân phố 6",
    "phuly.lamha Phường Lam Hạ",
  ]);
  await grantRole(h, propagandist, "propagandist", "phuly.minhkhai");
  await registerGroup(h, G5, "Tổ dân phố 5", "phuly.minhkhai.to5");
  await registerGroup(h, G6, "Tổ dân phố 6", "phuly.minhkhai.to6");
  await registerGroup(h, GWARD, "Phường Minh Khai", "phuly.minhkhai");
  await registerGroup(h, GOTHER, "Lam Hạ", "phuly.lamha");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("refusals", () => {
  it("refuses a resident, and a propagandist outside their area", async () => {
    expect(
      (await say(h, resident.id, resident, "/chiendich phuly.minhkhai now Xin chào", "Chỉ tuyên truyền viên"))
        .plainText,
    ).toContain("cán bộ công an");
    expect(
      (await say(h, propagandist.id, propagandist, "/chiendich phuly.lamha now Xin chào", "không phải")).plainText,
    ).toContain("Phường Lam Hạ");
    expect(
      (
        await say(
          h,
          propagandist.id,
          propagandist,
          "/chiendich phuly.minhkhai mai Xin chào",
          "Không đọc được thời điểm",
        )
      ).plainText,
    ).toContain("daily@08:00");
    expect(
      (await say(h, propagandist.id, propagandist, "/chiendich phuly.minhkhai 2020-01-01T08:00 Xin chào", "đã qua"))
        .plainText,
    ).toContain("tương lai");
    expect(
      (await say(h, G5, propagandist, "/chiendich phuly.minhkhai now Xin chào", "nhắn riêng")).plainText,
    ).toContain("/chiendich");
    expect(await h.app.db.campaign.count()).toBe(0);
  });
});

describe("the one-line form", () => {
  it("sends `now` to every group of the area and below, at bulk priority, once", async () => {
    const reply = await say(
      h,
      propagandist.id,
      propagandist,
      "/chiendich phuly.minhkhai now Tháng hành động phòng, chống ma túy: nói KHÔNG với <ma túy> & chất cấm!",
      "Đã tạo chiến dịch",
    );
    expect(reply.plainText).toMatch(
      /Đã tạo chiến dịch C1 cho Phường Minh Khai \(3 nhóm\), gửi một lần, lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/,
    );
    for (const group of WARD) {
      const message = await campaignIn(group, "nói KHÔNG với <ma túy> & chất cấm!");
      expect(message.plainText).toContain("📢 TUYÊN TRUYỀN PHÁP LUẬT");
      expect(message.plainText).toContain("— Phường Minh Khai");
    }
    const deliveries = await h.app.db.delivery.findMany({ where: { sourceKind: "campaign", sourceId: 1 } });
    expect(deliveries).toHaveLength(3);
    expect(deliveries.every((d) => d.priority === 3 && /^campaign:1:\d+:\d+$/.test(d.key))).toBe(true);
    expect(h.fake.messagesIn(GOTHER).some((m) => m.plainText.includes("ma túy"))).toBe(false);
    expect(await h.app.db.campaignRun.count({ where: { campaignId: 1 } })).toBe(1);
    expect((await h.app.db.campaign.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("done");
  });

  it("sends a scheduled one at its time, with a quiz question after the message", async () => {
    const reply = await say(
      h,
      propagandist.id,
      propagandist,
      "/chiendich phuly.minhkhai.to5 +3s --cauhoi cobac Cờ bạc là con đường dẫn tới tù tội.",
      "Đã tạo chiến dịch",
    );
    expect(reply.plainText).toContain("kèm câu hỏi về Cờ bạc");
    const id = idOf(reply);
    const message = await campaignIn(G5, "Cờ bạc là con đường dẫn tới tù tội.");
    const question = await nextMatching(h, G5, message.messageId, "Câu hỏi pháp luật");
    expect(question.plainText).toContain("Cờ bạc");
    const campaign = await h.app.db.campaign.findUniqueOrThrow({ where: { id }, include: { runs: true } });
    const run = campaign.runs[0];
    expect(campaign.runs).toHaveLength(1);
    expect(run && run.startedAt >= run.runAt).toBe(true);
    expect(run && run.runAt.getTime() - campaign.createdAt.getTime()).toBeGreaterThanOrEqual(2_500);
    expect(h.fake.messagesIn(G6).some((m) => m.plainText.includes("tù tội"))).toBe(false);
    // Someone answers, for the list below.
    const roundId = Number(/^qz:(\d+):/.exec(question.buttons[0]?.callback_data ?? "")?.[1]);
    const round = await h.app.db.quizRound.findUniqueOrThrow({ where: { id: roundId }, include: { question: true } });
    expect(round.campaignId).toBe(id);
    expect(round.question.topic).toBe("cobac");
    expect(await pressFor(h, resident, question, `qz:${roundId}:${round.question.correct}`)).toContain("Đã ghi nhận");
  });

  it("does not send a cancelled one", async () => {
    const doomed = await say(
      h,
      propagandist.id,
      propagandist,
      "/chiendich phuly.minhkhai.to6 +3s Tin này sẽ bị huỷ.",
      "Đã tạo chiến dịch",
    );
    const id = idOf(doomed);
    const cancel = await say(h, propagandist.id, propagandist, `/huychiendich C${id}`, "hủy");
    expect(cancel.plainText).toContain(`Đã hủy chiến dịch C${id}`);
    expect((await say(h, resident.id, resident, `/huychiendich C${id}`, "Chỉ tuyên truyền viên")).plainText).toContain(
      "cán bộ công an",
    );
    // A later campaign to the same group arrives: the scheduler has passed the cancelled one's time.
    await say(
      h,
      propagandist.id,
      propagandist,
      "/chiendich phuly.minhkhai.to6 +4s Tin kiểm chứng sau khi huỷ.",
      "Đã tạo chiến dịch",
    );
    await campaignIn(G6, "Tin kiểm chứng sau khi huỷ.");
    expect(h.fake.messagesIn(G6).some((m) => m.plainText.includes("Tin này sẽ bị huỷ."))).toBe(false);
    expect(await h.app.db.campaignRun.count({ where: { campaignId: id } })).toBe(0);
    expect((await say(h, propagandist.id, propagandist, `/huychiendich C${id}`, "trước đó")).plainText).toContain(
      "đã được hủy",
    );
  });
});

describe("a recurring campaign", () => {
  it("runs from Postgres after a restart, once, and schedules the next day", async () => {
    const reply = await say(
      h,
      propagandist.id,
      propagandist,
      "/chiendich phuly.minhkhai.to6 daily@08:00 Nhớ khoá cửa, cất xe trước khi đi ngủ.",
      "Đã tạo chiến dịch",
    );
    expect(reply.plainText).toContain("hằng ngày lúc 08:00");
    const id = idOf(reply);
    const scheduled = await h.app.db.campaign.findUniqueOrThrow({ where: { id } });
    expect(scheduled.nextRunAt?.toISOString()).toMatch(/T01:00:00\.000Z$/); // 08:00 in Hà Nội

    await h.app.stop();
    // While the bot is down, 08:00 comes round (brought forward to now, so the test need not wait a day).
    const runAt = new Date(Date.now() + 1000);
    // The stopped app's connections are closed: change the schedule through a client of our own.
    const db = createDb(h.databaseUrl, { poolSize: 1 });
    await db.campaign.update({ where: { id }, data: { nextRunAt: runAt } });
    await db.$disconnect();
    await h.restart();
    await campaignIn(G6, "Nhớ khoá cửa, cất xe trước khi đi ngủ.");
    await expect
      .poll(async () => (await h.app.db.campaign.findUniqueOrThrow({ where: { id } })).nextRunAt?.getTime() ?? 0, {
        timeout: WAIT_MS,
      })
      .toBeGreaterThan(Date.now());
    const next = await h.app.db.campaign.findUniqueOrThrow({ where: { id } });
    expect(next.status).toBe("scheduled");
    expect(next.nextRunAt?.toISOString()).toMatch(/T01:00:00\.000Z$/);
    expect(await h.app.db.campaignRun.count({ where: { campaignId: id } })).toBe(1);

    await h.app.stop();
    await h.restart();
    await say(h, propagandist.id, propagandist, "/dschiendich", "Chiến dịch tuyên truyền");
    expect(h.fake.messagesIn(G6).filter((m) => m.plainText.includes("Nhớ khoá cửa"))).toHaveLength(1);
  }, 60_000);
});

describe("the list", () => {
  it("shows each campaign with deliveries, failures and quiz participation", async () => {
    const list = await say(h, propagandist.id, propagandist, "/dschiendich", "Chiến dịch tuyên truyền");
    expect(list.plainText).toContain("C1 · Tháng hành động phòng, chống ma túy: nói… · Phường Minh Khai");
    expect(list.plainText).toContain("📨 Đã gửi 3 · lỗi 0 · đang chờ 0 (1 lần gửi)");
    expect(list.plainText).toContain("❓ Cờ bạc: 1 người trả lời (1 lượt), đúng 100%");
    expect(list.plainText).toContain("đã hủy");
    expect(list.plainText).toContain("hằng ngày lúc 08:00 · lần tới: 08:00");
    expect((await say(h, resident.id, resident, "/dschiendich", "Chỉ tuyên truyền viên")).plainText).toContain(
      "cán bộ",
    );
  });

  it("shows one campaign group by group", async () => {
    const quiz = await say(h, propagandist.id, propagandist, "/dschiendich C2", "Theo nhóm");
    expect(quiz.plainText).toContain("C2 · Cờ bạc là con đường dẫn tới tù tội. · Tổ dân phố 5");
    expect(quiz.plainText).toContain("• Tổ dân phố 5: đã nhận 1 · lỗi 0 · đang chờ 0 · ❓ 1 lượt trả lời, 1 đúng");
    const ward = await say(h, propagandist.id, propagandist, "/dschiendich C1", "Theo nhóm");
    for (const title of ["Tổ dân phố 5", "Tổ dân phố 6", "Phường Minh Khai"])
      expect(ward.plainText).toContain(`• ${title}: đã nhận 1 · lỗi 0 · đang chờ 0`);
    expect(
      (await say(h, propagandist.id, propagandist, "/dschiendich C99", "Không có chiến dịch")).plainText,
    ).toContain("C99");
  });
});

describe("the guided flow", () => {
  it("takes title, photo, area, schedule and quiz, shows a preview and creates on confirmation", async () => {
    expect((await say(h, propagandist.id, propagandist, "/chiendich", "Tên chiến dịch")).plainText).toContain(
      "Tạo chiến dịch tuyên truyền",
    );
    await say(h, propagandist.id, propagandist, "Ngày hội toàn dân bảo vệ an ninh Tổ quốc", "nội dung");
    let after = lastId(h, propagandist.id);
    h.fake.sendPhoto({
      chatId: propagandist.id,
      from: propagandist,
      caption: "Mời bà con dự ngày hội lúc 19h tại nhà văn hoá tổ 5.",
    });
    const areaPrompt = await nextMatching(h, propagandist.id, after, "khu vực");
    after = lastId(h, propagandist.id);
    expect(await pressFor(h, propagandist, areaPrompt, buttonData(areaPrompt, "Phường Minh Khai"))).toBe("");
    const whenPrompt = await nextMatching(h, propagandist.id, after, "Khi nào gửi");
    after = lastId(h, propagandist.id);
    await pressFor(h, propagandist, whenPrompt, buttonData(whenPrompt, "Gửi ngay"));
    const quizPrompt = await nextMatching(h, propagandist.id, after, "câu hỏi pháp luật");
    after = lastId(h, propagandist.id);
    await pressFor(h, propagandist, quizPrompt, buttonData(quizPrompt, "Không kèm câu hỏi"));
    const preview = await nextMatching(h, propagandist.id, after, "Mời bà con dự ngày hội");
    expect(preview.photo).toBeDefined();
    expect(preview.plainText).toContain("📢 Ngày hội toàn dân bảo vệ an ninh Tổ quốc");
    const summary = await nextMatching(h, propagandist.id, after, "Bấm Xác nhận");
    expect(summary.plainText).toContain("Khu vực: Phường Minh Khai (3 nhóm)");
    expect(summary.plainText).toContain("Câu hỏi kèm theo: không");
    expect(await h.app.db.campaign.count({ where: { title: { not: "" } } })).toBe(0);
    after = lastId(h, propagandist.id);
    await pressFor(h, propagandist, summary, buttonData(summary, "Xác nhận"));
    expect((await nextMatching(h, propagandist.id, after, "Đã tạo chiến dịch")).plainText).toContain(
      "Phường Minh Khai (3 nhóm)",
    );
    for (const group of WARD) {
      const message = await campaignIn(group, "Mời bà con dự ngày hội");
      expect(message.photo).toBeDefined();
      expect(message.plainText).toContain("Ngày hội toàn dân bảo vệ an ninh Tổ quốc");
    }
    expect(await pressFor(h, propagandist, summary, buttonData(summary, "Xác nhận"))).toContain("bước đã qua");
    expect(await h.app.db.campaign.count({ where: { title: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc" } })).toBe(1);
  }, 90_000);

  it("is left with /huy", async () => {
    await say(h, propagandist.id, propagandist, "/chiendich", "Tên chiến dịch");
    expect((await say(h, propagandist.id, propagandist, "/huy", "thoát")).plainText).toContain("Đã thoát");
    // Out of the flow, words the bot does not understand get the welcome with its buttons.
    expect(
      (await say(h, propagandist.id, propagandist, "Một tên chiến dịch", "chưa hiểu")).buttons.map((b) => b.text),
    ).toContain("❓ Trợ giúp");
  });
});
