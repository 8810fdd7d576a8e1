/**
 * GET /metrics: Prometheus counters and gauges move when an alert goes out; callers other than this
 * machine need `Authorization: Bearer <METRICS_TOKEN>` (issue 14 §4.1).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const TOKEN = "metrics-e2e-token-5f0c2a9d81b7";

let h: Harness;
const scrape = async () => (await fetch(`http://127.0.0.1:${h.app.httpPort}/metrics`)).text();
const sample = (text: string, line: RegExp) =>
  Number(
    text
      .split("\n")
      .find((l) => line.test(l))
      ?.split(" ")
      .pop() ?? "0",
  );

beforeAll(async () => {
  h = await startHarness({ env: { METRICS_TOKEN: TOKEN } });
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
    await expect
      .poll(async () => sample(await scrape(), /^keng_deliveries_total\{outcome="sent",platform="telegram"\}/), {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(sentBefore + 3);
    const after = await scrape();
    expect(sample(after, /^keng_inbound_updates_total\{platform="telegram",type="command"\}/)).toBeGreaterThan(
      commandsBefore,
    );
    expect(sample(after, /^keng_alerts\{state="active"\}/)).toBe(1);
    expect(after).toContain("keng_platform_429_total");
  });
});

describe("/metrics access", () => {
  const get = (host: string, headers: Record<string, string> = {}) =>
    fetch(`http://${host}:${h.app.httpPort}/metrics`, { headers });

  it("answers a direct call from this machine without a token", async () => {
    expect((await get("127.0.0.1")).status).toBe(200);
  });

  it("asks a call through a reverse proxy (X-Forwarded-For, Forwarded) for the token: 401 without or wrong, 200 right", async () => {
    const proxied = { "x-forwarded-for": "198.51.100.4" };
    const refused = await get("127.0.0.1", proxied);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");
    expect(await refused.text()).not.toContain("keng_");
    expect((await get("127.0.0.1", { ...proxied, authorization: "Bearer wrong-token-0123456789" })).status).toBe(401);
    expect(
      (await get("127.0.0.1", { forwarded: "for=198.51.100.4", authorization: `Bearer ${TOKEN.slice(0, -1)}` })).status,
    ).toBe(401);
    const allowed = await get("127.0.0.1", { ...proxied, authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("# TYPE keng_deliveries_total counter");
  });
});
