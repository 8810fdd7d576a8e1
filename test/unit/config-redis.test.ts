/** Issue 16: REDIS_URL is optional. Unset or empty, Kẻng keeps its queues and limits in PostgreSQL. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

const base = {
  TELEGRAM_BOT_TOKEN: "1:x",
  TIP_SEAL_KEY: randomBytes(32).toString("base64"),
  ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
};

describe("REDIS_URL", () => {
  it("is unset when absent or empty (a compose file's `REDIS_URL=`): PostgreSQL alone", () => {
    expect(loadConfig(base).REDIS_URL).toBeUndefined();
    expect(loadConfig({ ...base, REDIS_URL: "" }).REDIS_URL).toBeUndefined();
  });

  it("takes a redis:// or rediss:// URL", () => {
    expect(loadConfig({ ...base, REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(loadConfig({ ...base, REDIS_URL: "rediss://cache.example.vn:6380" }).REDIS_URL).toBe(
      "rediss://cache.example.vn:6380",
    );
  });

  it("refuses anything else with one line naming it", () => {
    expect(() => loadConfig({ ...base, REDIS_URL: "postgresql://127.0.0.1/keng" })).toThrow(
      "Invalid configuration: REDIS_URL must be a redis:// URL",
    );
  });
});
