/**
 * Issue 9 §4, end to end: the coverage and health report. `/baocao` lists groups per residential
 * area, an area with no group, a group that removed the bot (through the fake server's
 * `my_chat_member`) and one where it lost its rights, a group that acknowledged no alert, Zalo
 * followers and tips nobody took; it is refused to a resident and to an officer of another ward.
 * The weekly send, called with a fixed clock as the scheduler calls it, reaches each officer and
 * admin once — even triggered twice at once, again, and after Redis forgot its claims.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { Access } from "../../src/modules/areas/access.js";
import { PrismaAreaStore } from "../../src/modules/areas/repo.js";
import { nextRun } from "../../src/modules/campaigns/schedule.js";
import { createPool } from "../../src/db/sql.js";
import { PrismaIdentityStore } from "../../src/modules/identity/repo.js";
import type { ReportDeps } from "../../src/modules/reports/deps.js";
import { RedisScheduledClaims } from "../../src/modules/reports/jobs.js";
import { PrismaCoverageStore } from "../../src/modules/reports/repo.js";
import { sendWeeklyReports } from "../../src/modules/reports/send-weekly-reports.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { until } from "../security/support.js";
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
import { testRedisUrl } from "../support/backends.js";

const officer: FakeUserInput = { id: 7_400_000_001, first_name: "Lan", language_code: "vi" };
const admin: FakeUserInput = { id: 7_400_000_002, first_name: "Bình", language_code: "vi" };
const resident: FakeUserInput = { id: 7_400_000_003, first_name: "Mai", language_code: "vi" };
const twoAreas: FakeUserInput = { id: 7_400_000_004, first_name: "Hà", language_code: "vi" };
const zaloFollower = { id: "5009876500000000001", displayName: "Chú Tư" };
const G5 = -101_005;
const G6 = -101_006;
const GGONE = -101_007;
const GOTHER = -101_008;
const G6_TITLE = "Tổ 6 <Hẻm> & Co";
const MONDAY_8 = { kind: "weekly" as const, weekday: 1, hour: 8, minute: 0 };
const WEEKLY = "Báo cáo tự động hằng tuần";

let h: Harness;
let redis: Redis;
/** The report's own stores, on a pool of the harness's database (the identity store's hot path is plain SQL). */
let pool: ReturnType<typeof createPool>;

const chatRow = (id: number) =>
  h.app.db.chat.findUniqueOrThrow({
    where: { platform_platformChatId: { platform: "telegram", platformChatId: String(id) } },
  });
const areaId = async (code: string) => (await h.app.db.area.findUniqueOrThrow({ where: { code } })).id;
let seq = 0;
async function tip(input: {
  areaCode: string;
  minutesAgo: number;
  status: "received" | "forwarded" | "taken";
}): Promise<string> {
  seq += 1;
  const id = await areaId(input.areaCode);
  const code = `TG-RPT${String(seq).padStart(3, "0")}`;
  await h.app.db.tip.create({
    data: {
      code,
      areaId: id,
      handlingAreaId: id,
      category: "matuy",
      status: input.status,
      tipsterHash: "h",
      sourceKey: `test:report:${seq}`,
      createdAt: new Date(Date.now() - input.minutesAgo * 60_000),
    },
  });
  return code;
}

beforeAll(async () => {
  h = await startHarness({ zalo: true, env: { COVERAGE_REPORT_AT: "off" } });
  redis = new Redis(testRedisUrl);
  pool = createPool(h.databaseUrl, 2);
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
  await grantRole(h, admin, "admin", "phuly.minhkhai");
  await say(h, admin.id, admin, "/ngonngu en", /English|tiếng Anh/);
  await grantRole(h, twoAreas, "officer", "phuly.minhkhai.to5");
  await grantRole(h, twoAreas, "officer", "phuly.lamha");
  await registerGroup(h, G5, "Tổ 5", "phuly.minhkhai.to5");
  await registerGroup(h, G6, G6_TITLE, "phuly.minhkhai.to6");
  await registerGroup(h, GGONE, "Nhóm đã rời", "phuly.minhkhai.to5");
  await registerGroup(h, GOTHER, "Lam Hạ", "phuly.lamha");

  // A member of the group removes the bot: Telegram sends my_chat_member, Kẻng marks the group inactive.
  h.fake.removeBotFromGroup({ chatId: GGONE, by: admin });
  await until(async () => !(await chatRow(GGONE)).active, "the bot's removal to be noticed", WAIT_MS);

  // A Zalo resident follows a residential area.
  const zalo = h.zalo;
  if (!zalo) throw new Error("no fake Zalo");
  zalo.addUser(zaloFollower);
  zalo.sendText({
    chatId: zaloFollower.id,
    chatType: "PRIVATE",
    from: zaloFollower,
    text: "/theodoi phuly.minhkhai.to5",
  });
  await zalo.waitForMessage(zaloFollower.id, (m) => m.plainText.includes("Tổ dân phố 5"), WAIT_MS);

  // An alert reaches both groups; only Tổ 5 acknowledges it.
  await say(h, officer.id, officer, "/keng tb Kiểm tra độ phủ: bà con bấm Đã nhận", /Đã đánh kẻng/);
  const inG5 = await h.fake.waitForMessage(G5, (m) => m.plainText.includes("Kiểm tra độ phủ"), WAIT_MS);
  await h.fake.waitForMessage(G6, (m) => m.plainText.includes("Kiểm tra độ phủ"), WAIT_MS);
  expect(await pressFor(h, resident, inG5, buttonData(inG5, "Đã nhận"))).toContain("Cảm ơn");

  // Then the bot loses the right to post in Tổ 6: the fake Telegram does not model restricted
  // members, so the worker's record of the refused send (Telegram's own wording) is written as is.
  const g6 = await chatRow(G6);
  await h.app.db.delivery.create({
    data: {
      key: "test:report:rights",
      chatId: g6.id,
      priority: 3,
      payload: {},
      status: "failed",
      attempts: 1,
      error: "Bad Request: not enough rights to send text messages to the chat",
    },
  });

  await tip({ areaCode: "phuly.minhkhai.to5", minutesAgo: 120, status: "forwarded" });
  await tip({ areaCode: "phuly.minhkhai.to6", minutesAgo: 45, status: "received" });
  await tip({ areaCode: "phuly.minhkhai.to5", minutesAgo: 5, status: "forwarded" }); // not overdue yet
  await tip({ areaCode: "phuly.minhkhai.to5", minutesAgo: 300, status: "taken" }); // someone has it
  await tip({ areaCode: "phuly.lamha", minutesAgo: 300, status: "forwarded" }); // another ward
}, 180_000);

afterAll(async () => {
  await pool?.end();
  await redis?.quit();
  await h?.stop();
});

describe("/baocao", () => {
  it("shows coverage and health of the officer's ward", async () => {
    const report = (await say(h, officer.id, officer, "/baocao", "BÁO CÁO ĐỘ PHỦ")).plainText;
    expect(report).toContain("BÁO CÁO ĐỘ PHỦ VÀ TÌNH TRẠNG NHÓM — Phường Minh Khai");
    expect(report).toContain("👥 Nhóm đã đăng ký: 2 nhóm tại 2/4 khu vực");
    expect(report).toContain("• Tổ dân phố 5 (phuly.minhkhai.to5): 1 nhóm");
    expect(report).toContain("• Tổ dân phố 6 (phuly.minhkhai.to6): 1 nhóm");
    expect(report).toContain("🕳 Khu vực chưa có nhóm nào: 1");
    expect(report).toContain("• Tổ dân phố 7 (phuly.minhkhai.to7)");
    expect(report).toContain("🚫 Nhóm bot không còn gửi tin được: 2");
    expect(report).toContain("• Nhóm đã rời — Tổ dân phố 5: bot đã bị xóa khỏi nhóm");
    expect(report).toContain(`• ${G6_TITLE} — Tổ dân phố 6: bot mất quyền gửi tin`);
    expect(report).toContain("🔕 Nhóm không xác nhận tiếng kẻng nào trong 30 ngày qua: 1");
    expect(report).toContain(`• ${G6_TITLE} — Tổ dân phố 6: nhận 1 tiếng kẻng, chưa xác nhận lần nào`);
    expect(report).not.toContain("• Tổ 5 —");
    expect(report).toContain("📱 Người theo dõi qua Zalo: 1");
    expect(report).toContain("• Tổ dân phố 5 (phuly.minhkhai.to5): 1 người");
    expect(report).toContain("⏰ Tin tố giác chưa ai tiếp nhận sau 30 phút: 2");
    expect(report).toMatch(/• TG-RPT001 · 💊 Ma túy · Tổ dân phố 5 · gửi lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(report).toContain("• TG-RPT002 · 💊 Ma túy · Tổ dân phố 6");
    for (const hidden of ["TG-RPT003", "TG-RPT004", "TG-RPT005", "Lam Hạ", "Phường Lam Hạ"])
      expect(report).not.toContain(hidden);
    expect(report).toContain("/baocao phuly.minhkhai");
  });

  it("asks which area when the officer holds several (as buttons), and takes the one named", async () => {
    const which = await say(h, twoAreas.id, twoAreas, "/report", "nhiều khu vực");
    expect(which.buttons.map((b) => b.text).sort()).toEqual(["Phường Lam Hạ", "Tổ dân phố 5"]);
    // Issue 15: a tap runs the report for that area, as typing its code would.
    const after = lastId(h, twoAreas.id);
    await pressFor(h, twoAreas, which, buttonData(which, "Tổ dân phố 5"));
    expect((await nextMatching(h, twoAreas.id, after, "BÁO CÁO")).plainText).toContain("— Tổ dân phố 5");
    const to5 = (await say(h, twoAreas.id, twoAreas, "/baocao phuly.minhkhai.to5", "BÁO CÁO")).plainText;
    expect(to5).toContain("— Tổ dân phố 5");
    expect(to5).toContain("👥 Nhóm đã đăng ký: 1 nhóm tại 1/1 khu vực");
    expect(to5).toContain("🕳 Khu vực chưa có nhóm nào: 0");
  });

  it("is refused to a resident, to an officer of another ward, and in a group", async () => {
    expect((await say(h, resident.id, resident, "/baocao", "🔒")).plainText).toBe(
      "🔒 Chỉ cán bộ công an hoặc quản trị viên của khu vực mới xem được báo cáo này.",
    );
    expect((await say(h, resident.id, resident, "/baocao phuly.minhkhai", "🔒")).plainText).toContain(
      "Chỉ cán bộ công an hoặc quản trị viên",
    );
    expect((await say(h, officer.id, officer, "/baocao phuly.lamha", "🔒")).plainText).toContain(
      "Chỉ cán bộ công an hoặc quản trị viên",
    );
    expect((await say(h, officer.id, officer, "/baocao hanoi", "hanoi")).plainText).toContain("hanoi");
    expect((await say(h, G5, officer, "/baocao", "nhắn riêng")).plainText).toContain("/baocao");
  });
});

describe("the weekly report", () => {
  it("reads COVERAGE_REPORT_AT in English or Vietnamese day names, or off", () => {
    const base = {
      TELEGRAM_BOT_TOKEN: "1:x",
      TIP_SEAL_KEY: randomBytes(32).toString("base64"),
      ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
    };
    expect(loadConfig(base).COVERAGE_REPORT_AT).toEqual(MONDAY_8);
    expect(loadConfig({ ...base, COVERAGE_REPORT_AT: "t6 17:30" }).COVERAGE_REPORT_AT).toEqual({
      kind: "weekly",
      weekday: 5,
      hour: 17,
      minute: 30,
    });
    expect(loadConfig({ ...base, COVERAGE_REPORT_AT: "off" }).COVERAGE_REPORT_AT).toEqual({ kind: "off" });
    expect(() => loadConfig({ ...base, COVERAGE_REPORT_AT: "someday" })).toThrow(/COVERAGE_REPORT_AT/);
  });

  it("reaches each officer and admin of the ward once, however often it is triggered", async () => {
    const db = h.app.db;
    const areas = new PrismaAreaStore(db);
    // Next Monday 08:00 in Hà Nội, five minutes later: the scheduler's tick finds the week's report due.
    const at = nextRun(MONDAY_8, new Date(), "Asia/Ho_Chi_Minh");
    let now = new Date(at.getTime() + 5 * 60_000);
    const deps: ReportDeps = {
      coverage: new PrismaCoverageStore(db),
      areas,
      access: new Access({ areas, superadmins: h.config.SUPERADMINS }),
      identity: new PrismaIdentityStore(db, pool),
      outbox: h.app.outbox,
      claims: new RedisScheduledClaims({ redis, prefix: h.config.QUEUE_PREFIX }),
      clock: { now: () => now },
      settings: { schedule: MONDAY_8, escalateMinutes: 30, timeZone: "Asia/Ho_Chi_Minh", defaultLocale: "vi" },
    };

    // Two processes tick at once; then one ticks again. Areas with officers: the ward, Tổ 5, Lam Hạ.
    const [first, second] = await Promise.all([sendWeeklyReports(deps), sendWeeklyReports(deps)]);
    expect(first + second).toBe(3);
    expect(await sendWeeklyReports(deps)).toBe(0);
    // Redis lost everything (it keeps nothing on disk): the outbox keys in Postgres still hold.
    const claims = await redis.keys(`${h.config.QUEUE_PREFIX}:scheduled:coverage-report:*`);
    expect(claims).toHaveLength(3);
    await redis.del(...claims);
    expect(await sendWeeklyReports(deps)).toBe(3);

    const toOfficer = await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes(WEEKLY), WAIT_MS);
    expect(toOfficer.plainText).toContain("🗓 Báo cáo tự động hằng tuần (Thứ Hai lúc 08:00)");
    expect(toOfficer.plainText).toContain("— Phường Minh Khai");
    expect(toOfficer.plainText).toContain("• Nhóm đã rời — Tổ dân phố 5: bot đã bị xóa khỏi nhóm");
    expect(toOfficer.plainText).toContain("• Tổ dân phố 7 (phuly.minhkhai.to7)");
    const toAdmin = await h.fake.waitForMessage(
      admin.id,
      (m) => m.plainText.includes("Automatic weekly report"),
      WAIT_MS,
    );
    expect(toAdmin.plainText).toContain("COVERAGE AND HEALTH REPORT — Phường Minh Khai");
    expect(toAdmin.plainText).toContain("🗓 Automatic weekly report (Monday at 08:00)");
    expect(toAdmin.plainText).toContain("• Nhóm đã rời — Tổ dân phố 5: the bot was removed from the group");
    await h.fake.waitForMessage(twoAreas.id, (m) => m.plainText.includes("— Phường Lam Hạ"), WAIT_MS);
    await h.fake.waitForMessage(twoAreas.id, (m) => m.plainText.includes("— Tổ dân phố 5"), WAIT_MS);

    // A day and more late (Kẻng was down all Monday): that week's report is skipped.
    now = new Date(at.getTime() + 25 * 3_600_000);
    await redis.del(...(await redis.keys(`${h.config.QUEUE_PREFIX}:scheduled:coverage-report:*`)));
    expect(await sendWeeklyReports(deps)).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const weeklyIn = (chatId: number) =>
      h.fake
        .messagesIn(chatId)
        .filter((m) => m.plainText.includes(WEEKLY) || m.plainText.includes("Automatic weekly report")).length;
    expect(weeklyIn(officer.id)).toBe(1);
    expect(weeklyIn(admin.id)).toBe(1);
    expect(weeklyIn(twoAreas.id)).toBe(2);
    expect(weeklyIn(resident.id)).toBe(0);
    expect(await db.delivery.count({ where: { key: { startsWith: "report:weekly:" } } })).toBe(4);
  });
});
