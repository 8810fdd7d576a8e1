/** GET /metrics: Prometheus counters and gauges move when an alert goes out. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

let h: Harness;
const scrape = async () => (await fetch(`http://127.0.0.1:${h.app.httpPort}/metrics`)).text();
const sample = (text: string, line: RegExp) => Number(text.split("\n").find((l) => line.test(l))?.split(" ").pop() ?? "0");

beforeAll(async () => {
  h = await startHarness();
  h.fake.addPrivateChatUser(SUPERADMIN);
  h.fake.addGroup({ id: -4001, title: "Tổ 1" });
  h.fake.addGroup({ id: -4002, title: "Tổ 2" });
  h.fake.setChatAdmin(-4001, SUPERADMIN.id, true);
  h.fake.setChatAdmin(-4002, SUPERADMIN.id, true);
  await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  await h.inGroup(-4001, SUPERADMIN, "/dangky hanam");
  await h.inGroup(-4002, SUPERADMIN, "/dangky hanam");
});

afterAll(async () => {
  await h?.stop();
});

describe("/metrics", () => {
  it("counts deliveries, inbound updates and alerts, and shows queue depth", async () => {
    const before = await scrape();
    expect(before).toContain("# TYPE keng_deliveries_total counter");
    expect(before).toMatch(/keng_queue_jobs\{queue="deliver",state="waiting"\} \d+/);
    const sentBefore = sample(before, /^keng_deliveries_total\{outcome="sent",platform="telegram"\}/);
    const commandsBefore = sample(before, /^keng_inbound_updates_total\{platform="telegram",type="command"\}/);
    await h.dm(SUPERADMIN, "/keng @hanam khan Kiểm tra hệ thống cảnh báo");
    await h.fake.waitForMessage(-4002, (m) => m.plainText.includes("Kiểm tra hệ thống"));
    await expect.poll(async () => sample(await scrape(), /^keng_deliveries_total\{outcome="sent",platform="telegram"\}/), { timeout: 10_000 }).toBeGreaterThanOrEqual(sentBefore + 3);
    const after = await scrape();
    expect(sample(after, /^keng_inbound_updates_total\{platform="telegram",type="command"\}/)).toBeGreaterThan(commandsBefore);
    expect(sample(after, /^keng_alerts\{state="active"\}/)).toBe(1);
    expect(after).toContain('keng_platform_429_total');
  });
});
