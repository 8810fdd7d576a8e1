/** The privacy notice: before a person's first tip only, and on demand with /quyenriengtu. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

let h: Harness;
const resident = { id: 6_600_000_001, first_name: "Hạnh", language_code: "vi" };
const english = { id: 6_600_000_002, first_name: "Ann", language_code: "en" };

beforeAll(async () => {
  h = await startHarness({ env: { TIP_RETENTION_DAYS: "60" } });
  for (const u of [SUPERADMIN, resident, english]) h.fake.addPrivateChatUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  await h.dm(resident, "/theodoi hanam");
});

afterAll(async () => {
  await h?.stop();
});

describe("privacy notice", () => {
  it("is shown with the first tip and not with the next", async () => {
    await h.dm(resident, "/togiac Có người lạ theo dõi nhà số 3");
    const first = await h.fake.waitForMessage(resident.id, (m) => /TG-[A-Z0-9]{6}/.test(m.plainText), 15_000);
    expect(first.plainText).toContain("Bí mật của bạn");
    expect(first.plainText).toContain("60 ngày");
    const count = h.fake.messagesIn(resident.id).length;
    h.fake.sendText({ chatId: resident.id, from: resident, text: "/togiac Xe máy lạ đỗ trước cổng trường" });
    const second = await h.fake.waitForMessage(resident.id, (m) => h.fake.messagesIn(resident.id).indexOf(m) >= count && /TG-[A-Z0-9]{6}/.test(m.plainText), 15_000);
    expect(second.plainText).not.toContain("Bí mật của bạn");
  });

  it("is shown again on demand, in the person's language", async () => {
    // The earlier tips' "forwarded to an officer" notices may still be on their way: wait for the notice itself.
    const count = h.fake.messagesIn(resident.id).length;
    h.fake.sendText({ chatId: resident.id, from: resident, text: "/quyenriengtu" });
    const notice = await h.fake.waitForMessage(resident.id, (m) => h.fake.messagesIn(resident.id).indexOf(m) >= count && !m.plainText.includes("TG-"), 15_000);
    expect(notice.plainText).toContain("Chỉ cán bộ công an phụ trách khu vực");
    const en = await h.dm(english, "/privacy");
    expect(en.plainText).toContain("Your privacy");
    expect(en.plainText).toContain("60 days");
  });
});
