/**
 * Issue 4, escalation: a tip nobody takes within TIP_ESCALATE_MINUTES (0.05 here, 3 s) goes to the
 * officers one level up, and stops at the top; whoever takes it first handles it.
 */
import { sendQuickTip } from "../support/quick-tip.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import {
  createAreas,
  makeOfficer,
  nextMatching,
  pressAndWait,
  registerGroup,
  say,
  trackingCode,
  WAIT_MS,
} from "../tips/support.js";

const wardOfficer: FakeUserInput = { id: 5_200_000_001, first_name: "Lan", language_code: "vi" };
const cityOfficer: FakeUserInput = { id: 5_200_000_002, first_name: "Hùng", language_code: "vi" };
const resident: FakeUserInput = { id: 6_200_000_001, first_name: "Minh", language_code: "vi" };
const GROUP = -1_001_500_000_010;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { TIP_ESCALATE_MINUTES: "0.05" } });
  await createAreas(h);
  await makeOfficer(h, cityOfficer, "phuly");
  await makeOfficer(h, wardOfficer, "phuly.minhkhai");
  await registerGroup(h, { groupId: GROUP, officer: wardOfficer, areaCode: "phuly.minhkhai.to5", members: [resident] });
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

describe("escalation", () => {
  it("sends an untaken tip one level up after TIP_ESCALATE_MINUTES, and no further than the top", async () => {
    // Tổ 5 has no officers: the nearest ancestor with officers (the ward) gets it first.
    const code = trackingCode((await sendQuickTip(h, resident, "Tụ tập đánh bạc ở bãi đất trống")).receipt);
    const wardCard = await h.fake.waitForMessage(
      wardOfficer.id,
      (m) => m.plainText.includes(`Tin tố giác ${code}`),
      WAIT_MS,
    );
    expect(wardCard.plainText).not.toContain("Chuyển lên");

    const cityCard = await h.fake.waitForMessage(
      cityOfficer.id,
      (m) => m.plainText.includes(`Tin tố giác ${code}`),
      WAIT_MS,
    );
    expect(cityCard.plainText).toContain("Chuyển lên");
    expect(cityCard.plainText).toContain("Tụ tập đánh bạc ở bãi đất trống");
    expect(cityCard.buttons.map((b) => b.text)).toEqual([
      "✋ Tiếp nhận",
      "⭐ Có giá trị",
      "❓ Hỏi thêm",
      "✅ Đóng",
      "📄 Xuất phiếu (sổ tiếp nhận)",
    ]);
    const area = await h.app.db.area.findUniqueOrThrow({ where: { code: "phuly" } });
    await expect
      .poll(() => h.app.db.tip.findUnique({ where: { code } }), { timeout: WAIT_MS })
      .toMatchObject({ escalationLevel: 1, handlingAreaId: area.id, escalateAt: null });

    await pressAndWait(h, cityOfficer, cityCard, "Tiếp nhận", `Bạn đã tiếp nhận tin ${code}`);
    await nextMatching(h, resident.id, 0, `Tin ${code} đã được cán bộ tiếp nhận`);
    const refused = h.fake.pressButton({
      chatId: wardOfficer.id,
      from: wardOfficer,
      messageId: wardCard.messageId,
      data: wardCard.buttons[0]?.callback_data ?? "",
    });
    const answer = await h.fake.waitForCallbackAnswer(refused.callback_query?.id ?? "", WAIT_MS);
    expect(answer.text).toContain("cán bộ khác tiếp nhận");
    expect(answer.showAlert).toBe(true);
    const audit = await h.app.db.auditLog.findMany({ where: { subject: code }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["tip.escalate", "tip.take"]);
  });

  it("relays the tipster's follow-up to the officer who took it, not to the others", async () => {
    const tip = await h.app.db.tip.findFirstOrThrow({ where: { status: "taken" } });
    const wardBefore = h.fake.messagesIn(wardOfficer.id).length;
    await say(h, resident, "Bọn họ thường tụ tập sau 21 giờ", `Đã chuyển thông tin bổ sung cho tin ${tip.code}`);
    const relayed = await h.fake.waitForMessage(
      cityOfficer.id,
      (m) => m.plainText.includes("Bọn họ thường tụ tập sau 21 giờ"),
      WAIT_MS,
    );
    expect(relayed.plainText).toContain(`Người báo tin ${tip.code} bổ sung`);
    expect(h.fake.messagesIn(wardOfficer.id)).toHaveLength(wardBefore);
  });
});
