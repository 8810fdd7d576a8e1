/**
 * Issue 15, quiet when it is not urgent: a campaign (and its quiz) struck inside QUIET_HOURS waits
 * for the end of the window and then goes out silently (`disable_notification`), while an alert
 * struck inside the window goes at once and rings. QUIET_HOURS is made from the current local time,
 * so "now" is inside it and it ends 45 s to two minutes later.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { createAreas, grantRole, lastId, nextMatching, registerGroup, say } from "../support/chat-steps.js";
import { startHarness, type Harness } from "../support/harness.js";

const propagandist: FakeUserInput = { id: 7_250_000_001, first_name: "Thu", language_code: "vi" };
const officer: FakeUserInput = { id: 7_250_000_002, first_name: "Lan", language_code: "vi" };
const G5 = -100_905;
const TZ = "Asia/Ho_Chi_Minh";

let h: Harness;
let quietEnd: Date;

/**
 * A window from a minute ago to the next minute boundary that leaves at least 45 s for the set-up and
 * the checks inside it (local time), and the instant it ends.
 */
function windowAroundNow(): { value: string; end: Date } {
  const now = new Date();
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: TZ,
      hourCycle: "h23",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  const hhmm = (m: number) =>
    `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, "0")}:${String((m + 1440) % 60).padStart(2, "0")}`;
  const ahead = 60 - Number(parts.second) >= 45 ? 1 : 2;
  const end = new Date(now.getTime() - Number(parts.second) * 1000 - now.getMilliseconds() + ahead * 60_000);
  return { value: `${hhmm(minutes - 1)}-${hhmm(minutes + ahead)}`, end };
}

beforeAll(async () => {
  const quiet = windowAroundNow();
  quietEnd = quiet.end;
  h = await startHarness({ env: { QUIET_HOURS: quiet.value, TZ, QUIZ_ROUND_SECONDS: "600" } });
  await createAreas(h, ["phuly Thành phố Phủ Lý", "phuly.minhkhai Phường Minh Khai"]);
  await grantRole(h, propagandist, "propagandist", "phuly.minhkhai");
  await grantRole(h, officer, "officer", "phuly.minhkhai");
  await registerGroup(h, G5, "Tổ dân phố 5", "phuly.minhkhai");
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe("quiet hours", () => {
  it("hold a campaign until they end, let an alert through at once, and send the campaign silently after", async () => {
    const before = lastId(h, G5);
    await say(
      h,
      propagandist.id,
      propagandist,
      "/chiendich phuly.minhkhai now --cauhoi cobac Cờ bạc là con đường dẫn tới tù tội.",
      "Đã tạo chiến dịch",
    );
    // The alert, struck inside the window, is not held and rings.
    await say(h, officer.id, officer, "/keng Mất trộm xe máy tại ngõ 5", "Đã đánh kẻng");
    const alert = await nextMatching(h, G5, before, "Mất trộm xe máy tại ngõ 5");
    expect(alert.date * 1000).toBeLessThan(quietEnd.getTime());
    expect(alert.disableNotification).toBeUndefined();
    // Several scheduler passes later (every 2 s), still inside the window: the campaign has not run.
    await new Promise((r) => setTimeout(r, 6000));
    expect(Date.now()).toBeLessThan(quietEnd.getTime());
    expect(h.fake.messagesIn(G5).some((m) => m.plainText.includes("Cờ bạc là con đường"))).toBe(false);
    expect(await h.app.db.campaignRun.count()).toBe(0);

    const campaign = await nextMatching(h, G5, before, "Cờ bạc là con đường dẫn tới tù tội.", 200_000);
    expect(campaign.date * 1000).toBeGreaterThanOrEqual(quietEnd.getTime());
    expect(campaign.disableNotification).toBe(true);
    const question = await nextMatching(h, G5, campaign.messageId, "Câu hỏi pháp luật");
    expect(question.disableNotification).toBe(true);
  }, 240_000);
});
