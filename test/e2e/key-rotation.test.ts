/**
 * Rotating TIP_SEAL_KEY: old tips still relay replies while the old key is listed in
 * TIP_SEAL_KEYS_OLD, new seals use the new key id, and after `rotate` the old key can go.
 */
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../../src/app.js";
import { execFileSync } from "node:child_process";
import { AesGcmSealer } from "../../src/core/seal.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { sendQuickTip } from "../support/quick-tip.js";

const OLD = randomBytes(32).toString("base64");
const NEW = randomBytes(32).toString("base64");
let h: Harness;
let app: App | undefined;
const officer = { id: 7_900_000_001, first_name: "Lan", language_code: "vi" };
const tipster = { id: 7_900_000_002, first_name: "Mai", language_code: "vi" };
const newcomer = { id: 7_900_000_003, first_name: "Bình", language_code: "vi" };

async function restartWith(env: { TIP_SEAL_KEY: string; TIP_SEAL_KEYS_OLD: string[] }): Promise<App> {
  await (app ?? h.app).stop();
  app = await startApp({ ...h.config, ...env }, { logger: pino({ level: "silent" }), skipMigrations: true });
  return app;
}

async function tip(user: typeof tipster, text: string): Promise<string> {
  const { receipt } = await sendQuickTip(h, user, text);
  return /TG-[A-Z0-9]{6}/.exec(receipt.plainText)?.[0] ?? "";
}

beforeAll(async () => {
  h = await startHarness({ env: { TIP_SEAL_KEY: OLD } });
  for (const u of [SUPERADMIN, officer, tipster, newcomer]) h.fake.addPrivateChatUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  const invite = await h.dm(SUPERADMIN, "/moi officer hanam");
  await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
  await h.dm(tipster, "/theodoi hanam");
  await h.dm(newcomer, "/theodoi hanam");
});

afterAll(async () => {
  await app?.stop();
  await h?.stop();
});

describe("seal key rotation", () => {
  it("keeps old tips reachable, seals new ones with the new key, and lets the old key go after rotate", async () => {
    const oldCode = await tip(tipster, "Trộm chó ban đêm ở xóm 2");
    expect(oldCode).not.toBe("");
    const oldKeyId = new AesGcmSealer(OLD).currentKeyId;
    const newSealer = new AesGcmSealer(NEW, [OLD]);

    const rotated = await restartWith({ TIP_SEAL_KEY: NEW, TIP_SEAL_KEYS_OLD: [OLD] });
    h.fake.sendText({ chatId: officer.id, from: officer, text: `/traloi ${oldCode} Cảm ơn, xóm 2 ngõ nào ạ?` });
    await h.fake.waitForMessage(tipster.id, (m) => m.plainText.includes("xóm 2 ngõ nào"), 15_000);
    const newCode = await tip(newcomer, "Đánh bạc ở nhà văn hóa");
    const stored = await rotated.db.tip.findMany({ select: { code: true, sealedTipster: true } });
    expect(stored.find((s) => s.code === oldCode)?.sealedTipster?.startsWith(`${oldKeyId}.`)).toBe(true);
    expect(stored.find((s) => s.code === newCode)?.sealedTipster?.startsWith(`${newSealer.currentKeyId}.`)).toBe(true);

    // As an operator would: npm run admin -- rotate
    const out = execFileSync(process.execPath, ["--import", "tsx", "src/admin/cli.ts", "rotate"], {
      cwd: new URL("../../", import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: h.databaseUrl, TIP_SEAL_KEY: NEW, TIP_SEAL_KEYS_OLD: OLD },
      encoding: "utf8",
    });
    expect(out).toContain("Re-sealed 1 tips");
    expect(out).toContain("unreadable: 0");
    expect(await rotated.db.tip.count({ where: { sealedTipster: { startsWith: `${oldKeyId}.` } } })).toBe(0);

    await restartWith({ TIP_SEAL_KEY: NEW, TIP_SEAL_KEYS_OLD: [] });
    h.fake.sendText({ chatId: officer.id, from: officer, text: `/traloi ${oldCode} Anh chị còn ở đó không?` });
    await h.fake.waitForMessage(tipster.id, (m) => m.plainText.includes("còn ở đó không"), 15_000);
    const status = await h.dm(tipster, `/tracuu ${oldCode}`);
    expect(status.plainText).toContain(oldCode);
    expect(status.plainText).not.toMatch(/không tìm thấy/i);
  }, 90_000);
});
