/**
 * Issue 15: an unfinished tip draft that expires is announced to its author ("nothing was sent")
 * through the seal it carries, by the scheduler's flow purge — with a short TIP_DRAFT_MINUTES and a
 * fast reconciler, passed as the harness passes any env.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { createAreas, nextMatching, pressAndWait, say } from "../tips/support.js";

const forgetful: FakeUserInput = { id: 6_160_000_001, first_name: "Ông Sáu", language_code: "vi" };

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { TIP_DRAFT_MINUTES: "0.1", KENG_RECONCILE_SECONDS: "1" } });
  await createAreas(h);
  h.fake.addPrivateChatUser(forgetful);
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

it("tells the person their unfinished tip was deleted and nothing was sent, once, and keeps no draft", async () => {
  const start = await say(h, forgetful, "/togiac", "Sự việc thuộc loại nào?");
  const described = await pressAndWait(h, forgetful, start, "Ma túy", "Hãy mô tả");
  const gone = await nextMatching(h, forgetful.id, described.messageId, "Chưa có gì được gửi đi", 30_000);
  expect(gone.plainText).toContain("soạn dở đã bị xóa");
  expect(await h.app.db.conversation.count()).toBe(0);
  expect(await h.app.db.tip.count()).toBe(0);
  // A later sweep finds nothing more to say.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(h.fake.messagesIn(forgetful.id).filter((m) => m.plainText.includes("Chưa có gì được gửi đi"))).toHaveLength(1);
});
