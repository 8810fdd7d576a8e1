/**
 * Issue 9, end to end: `/poster` (`/apphich`) sends an officer the area's tip-box poster as a PDF
 * document; its QR code is a deep link the bot itself answers with the tip flow of that area. Residents
 * and officers of other areas are refused, unknown areas named; `npm run poster` writes the same file.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { readPosterPdf } from "../posters/pdf-qr.js";
import { startHarness, type Harness } from "../support/harness.js";
import { createAreas, grantRole, say } from "../support/chat-steps.js";

const officer: FakeUserInput = { id: 7_400_000_001, first_name: "Hùng", language_code: "vi" };
const otherOfficer: FakeUserInput = { id: 7_400_000_002, first_name: "Lan", language_code: "vi" };
const resident: FakeUserInput = { id: 7_400_000_003, first_name: "Mai", language_code: "vi" };
const GROUP = -100_940;
const ZALO_LINK = "https://zalo.me/2674761099009385171";
const TELEGRAM_LINK = "https://t.me/KengTestBot?start=tip_phuly-minhkhai";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { ZALO_BOT_LINK: ZALO_LINK } });
  h.fake.addPrivateChatUser(resident);
  await createAreas(h, ["phuly Thành phố Phủ Lý", "phuly.minhkhai Phường Minh Khai", "phuly.lamha Phường Lam Hạ"]);
  await grantRole(h, officer, "officer", "phuly.minhkhai");
  await grantRole(h, otherOfficer, "officer", "phuly.lamha");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

function pdfOf(message: StoredMessage): Buffer {
  const bytes = message.document?.bytes;
  if (!bytes) throw new Error(`no document in: ${message.plainText}`);
  return bytes;
}

describe("/poster", () => {
  it("sends the officer an A4 PDF whose QR codes open the ward's tip mailbox", async () => {
    const message = await say(h, officer.id, officer, "/poster phuly.minhkhai", "Áp phích");
    expect(message.method).toBe("sendDocument");
    expect(message.document?.filename).toBe("poster-phuly.minhkhai-vi.pdf");
    expect(message.plainText).toContain("Áp phích hòm thư tố giác — Phường Minh Khai");
    const pdf = pdfOf(message);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const facts = await readPosterPdf(pdf);
    expect(facts.pages).toBe(1);
    expect([facts.width, facts.height].map((n) => n.toFixed(2))).toEqual(["595.28", "841.89"]);
    expect(facts.title).toBe("HÒM THƯ TỐ GIÁC TỘI PHẠM — Phường Minh Khai");
    expect([...facts.qrCodes].sort()).toEqual([TELEGRAM_LINK, ZALO_LINK].sort());

    // A resident scans the Telegram code: the link's /start payload opens the tip flow of that ward.
    const payload = new URL(TELEGRAM_LINK).searchParams.get("start");
    const flow = await say(h, resident.id, resident, `/start ${payload}`, "Gửi tin tố giác");
    expect(flow.plainText).toContain("khu vực Phường Minh Khai");
    await say(h, resident.id, resident, "/huy", /.+/);
  });

  it("/apphich en: the officer's own area, in English", async () => {
    const message = await say(h, officer.id, officer, "/apphich en", "Áp phích");
    expect(message.document?.filename).toBe("poster-phuly.minhkhai-en.pdf");
    const facts = await readPosterPdf(pdfOf(message));
    expect(facts.title).toBe("CRIME TIP MAILBOX — Phường Minh Khai");
    expect(facts.qrCodes).toContain(TELEGRAM_LINK);
  });

  it("refuses residents and officers of other areas, and names unknown areas", async () => {
    const refusedResident = await say(h, resident.id, resident, "/poster phuly.minhkhai", /.+/);
    expect(refusedResident.plainText).toMatch(/^🔒 Chỉ cán bộ công an hoặc quản trị viên/u);
    expect(refusedResident.document).toBeUndefined();
    const refusedOther = await say(h, otherOfficer.id, otherOfficer, "/poster phuly.minhkhai", /.+/);
    expect(refusedOther.plainText).toMatch(/^🔒 Chỉ cán bộ công an hoặc quản trị viên/u);
    const unknown = await say(h, officer.id, officer, "/poster hanoi.badinh", /.+/);
    expect(unknown.plainText).toBe("❌ Không có khu vực mã «hanoi.badinh».");
    expect((await say(h, officer.id, officer, "/poster phuly lamha", /.+/)).plainText).toContain("Cách dùng: /apphich");
  });

  it("is listed in /trogiup for officers, not for residents", async () => {
    expect((await say(h, officer.id, officer, "/trogiup all", "Các lệnh")).plainText).toContain("/apphich (/poster)");
    expect((await say(h, resident.id, resident, "/trogiup all", "Các lệnh")).plainText).not.toContain("/apphich");
  });

  it("is for private chats only", async () => {
    h.fake.addGroup({ id: GROUP, title: "Tổ 5" });
    const reply = await say(h, GROUP, officer, "/poster phuly.minhkhai", /.+/);
    expect(reply.plainText).toContain("nhắn riêng");
    expect(reply.document).toBeUndefined();
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/poster.ts", ...args], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: h.databaseUrl, ZALO_BOT_LINK: ZALO_LINK, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run poster", () => {
  it("writes poster-<area>-<lang>.pdf into --out and prints its path; refuses an unknown area", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keng-poster-"));
    try {
      const { code, stdout, stderr } = await runCli([
        "--area",
        "phuly.minhkhai",
        "--lang",
        "en",
        "--out",
        dir,
        "--bot",
        "KengTestBot",
      ]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const path = join(dir, "poster-phuly.minhkhai-en.pdf");
      expect(stdout.trim()).toBe(path);
      const facts = await readPosterPdf(readFileSync(path));
      expect(facts.pages).toBe(1);
      expect(facts.title).toBe("CRIME TIP MAILBOX — Phường Minh Khai");
      expect([...facts.qrCodes].sort()).toEqual([TELEGRAM_LINK, ZALO_LINK].sort());
      const unknown = await runCli(["--area", "hanoi", "--bot", "KengTestBot", "--out", dir]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("No area with code hanoi");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
