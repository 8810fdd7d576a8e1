/**
 * Issue 14 §4.4: weak keys and short webhook secrets stop start-up with one line naming the
 * variable and saying how to make a good one.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

const good = () => randomBytes(32).toString("base64");
const base = { TELEGRAM_BOT_TOKEN: "1:x", TIP_SEAL_KEY: good(), ALERT_SIGNING_KEY: good() };

function refusal(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
}

describe("TIP_SEAL_KEY and ALERT_SIGNING_KEY", () => {
  it("take 32 random bytes in base64, as `openssl rand -base64 32` and the test harness make them", () => {
    expect(() => loadConfig(base)).not.toThrow();
    expect(() => loadConfig({ ...base, TIP_SEAL_KEY: randomBytes(32).toString("base64url") })).not.toThrow();
  });

  it.each([
    ["all zeros", Buffer.alloc(32).toString("base64")],
    ["one byte repeated", Buffer.alloc(32, 0x41).toString("base64")],
    [
      "two bytes alternating",
      Buffer.from(Array.from({ length: 32 }, (_, i) => (i % 2 ? 0x13 : 0x37))).toString("base64"),
    ],
    ["16 bytes", randomBytes(16).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
    ["a password", "x".repeat(32)],
    ["a passphrase", "keng-sandbox-alert-signing-key"],
    ["hex", randomBytes(32).toString("hex")],
  ])("refuse %s with one line saying how to make one", (_, value) => {
    for (const variable of ["TIP_SEAL_KEY", "ALERT_SIGNING_KEY"]) {
      const message = refusal({ [variable]: value });
      expect(message).toContain(`Invalid configuration: ${variable} `);
      expect(message).toContain("openssl rand -base64 32");
      expect(message).not.toContain("\n");
    }
  });
});

describe("webhook secrets", () => {
  it("take 16 characters or more", () => {
    expect(refusal({ TELEGRAM_WEBHOOK_SECRET: "a1B2c3D4e5F6g7H8" })).toBe("accepted");
    expect(refusal({ ZALO_WEBHOOK_SECRET: "zalo-secret-1234" })).toBe("accepted");
    expect(
      refusal({
        TELEGRAM_WEBHOOK_SECRET: randomBytes(32).toString("hex"),
        ZALO_WEBHOOK_SECRET: randomBytes(32).toString("hex"),
      }),
    ).toBe("accepted");
  });

  it("refuse shorter ones (Zalo itself takes 8) with one line saying how to make one", () => {
    for (const [variable, value] of [
      ["TELEGRAM_WEBHOOK_SECRET", "secret"],
      ["TELEGRAM_WEBHOOK_SECRET", "a1B2c3D4e5F6g7H"],
      ["ZALO_WEBHOOK_SECRET", "12345678"],
      ["ZALO_WEBHOOK_SECRET", "zalo-secret-123"],
    ] as const) {
      const message = refusal({ [variable]: value });
      expect(message).toContain(`Invalid configuration: ${variable} `);
      expect(message).toContain("openssl rand -hex 32");
      expect(message).not.toContain("\n");
    }
  });
});

describe("METRICS_TOKEN", () => {
  it("is optional, and at least 16 characters when set", () => {
    expect(loadConfig(base).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ ...base, METRICS_TOKEN: "0123456789abcdef" }).METRICS_TOKEN).toBe("0123456789abcdef");
    expect(refusal({ METRICS_TOKEN: "short" })).toContain("METRICS_TOKEN");
  });
});
