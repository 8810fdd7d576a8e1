/**
 * Issue 9, end to end: `/thongke` sends its figures and then a chart (a PNG uploaded with
 * sendPhoto), and `/tinhtrang` after an alert to a few groups sends a bar per group — pictures the
 * officer receives in the fake Telegram server, of the documented size, that follow the data.
 */
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { barChartSize } from "../../src/modules/charts/bar-chart-svg.js";
import { hbarChartSize } from "../../src/modules/charts/hbar-chart-svg.js";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { createAreas, grantRole, lastId, nextMatching, registerGroup, say, WAIT_MS } from "../support/chat-steps.js";

const officer: FakeUserInput = { id: 7_400_000_001, first_name: "Thảo", language_code: "vi" };
const resident: FakeUserInput = { id: 7_400_000_002, first_name: "Bình", language_code: "vi" };
const neighbour: FakeUserInput = { id: 7_400_000_003, first_name: "An", language_code: "vi" };
const G5 = -100_915;
const G6 = -100_916;
const GWARD = -100_917;

let h: Harness;
let seq = 0;

/** The next picture the bot sends in the chat after `afterId`, whose caption matches. */
async function nextPhoto(chatId: number, afterId: number, caption: string): Promise<StoredMessage> {
  return h.fake.waitForMessage(
    chatId,
    (m) => m.messageId > afterId && m.photo !== undefined && m.plainText.includes(caption),
    WAIT_MS,
  );
}

function pngOf(message: StoredMessage): { bytes: Buffer; width: number; height: number } {
  const bytes = message.photo?.bytes;
  if (!bytes || bytes.length === 0) throw new Error(`no uploaded bytes in message ${message.messageId}`);
  const png = PNG.sync.read(bytes);
  return { bytes, width: png.width, height: png.height };
}

async function tip(areaCode: string, createdAt: string, category: "matuy" | "tromcap" | "luadao") {
  const area = await h.app.db.area.findUniqueOrThrow({ where: { code: areaCode } });
  seq += 1;
  await h.app.db.tip.create({
    data: {
      code: `TG-CHART${seq}`,
      category,
      tipsterHash: "h",
      sourceKey: `chart-test:${seq}`,
      areaId: area.id,
      handlingAreaId: area.id,
      createdAt: new Date(createdAt),
    },
  });
}

beforeAll(async () => {
  h = await startHarness();
  for (const u of [resident, neighbour]) h.fake.addPrivateChatUser(u);
  await createAreas(h, [
    "phuly Thành phố Phủ Lý",
    "phuly.minhkhai Phường Minh Khai",
    "phuly.minhkhai.to5 Tổ dân phố 5",
    "phuly.minhkhai.to6 Tổ dân phố 6",
  ]);
  await grantRole(h, officer, "officer", "phuly.minhkhai");
  await registerGroup(h, G5, "Tổ 5 — an ninh", "phuly.minhkhai.to5");
  await registerGroup(h, G6, "Tổ 6 <bảo vệ>", "phuly.minhkhai.to6");
  await registerGroup(h, GWARD, "Phường Minh Khai", "phuly.minhkhai");
  await tip("phuly.minhkhai.to5", "2026-10-02T03:00:00Z", "matuy");
  await tip("phuly.minhkhai.to5", "2026-10-03T03:00:00Z", "tromcap");
  await tip("phuly.minhkhai.to6", "2026-10-16T03:00:00Z", "luadao");
  await tip("phuly.minhkhai", "2026-10-30T03:00:00Z", "tromcap");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("/thongke chart", () => {
  it("follows the figures with a PNG chart of the period, in Vietnamese", async () => {
    const after = lastId(h, officer.id);
    h.fake.sendText({ chatId: officer.id, from: officer, text: "/thongke phuly.minhkhai 01/10/2026 31/10/2026" });
    const report = await nextMatching(h, officer.id, after, "THỐNG KÊ");
    const chart = await nextPhoto(officer.id, after, "Biểu đồ theo tuần — Phường Minh Khai, 01/10/2026–31/10/2026");
    expect(chart.messageId).toBeGreaterThan(report.messageId);
    expect(chart.method).toBe("sendPhoto");
    const png = pngOf(chart);
    expect([png.width, png.height]).toEqual([barChartSize(2).width, barChartSize(2).height]);
  });

  it("draws a different picture for different figures, and a 'no data' one for an empty period", async () => {
    const october = await chartFor("/thongke phuly.minhkhai 01/10/2026 31/10/2026", "01/10/2026–31/10/2026");
    const firstHalf = await chartFor("/thongke phuly.minhkhai 01/10/2026 15/10/2026", "01/10/2026–15/10/2026");
    const empty = await chartFor("/thongke phuly.minhkhai 01/12/2026 31/12/2026", "01/12/2026–31/12/2026");
    for (const png of [firstHalf, empty]) expect([png.width, png.height]).toEqual([october.width, october.height]);
    expect(firstHalf.bytes.equals(october.bytes)).toBe(false);
    expect(empty.bytes.equals(october.bytes)).toBe(false);
  });

  async function chartFor(command: string, period: string) {
    const after = lastId(h, officer.id);
    h.fake.sendText({ chatId: officer.id, from: officer, text: command });
    return pngOf(await nextPhoto(officer.id, after, period));
  }
});

describe("/tinhtrang chart", () => {
  it("sends a bar of acknowledgements per group after the status text", async () => {
    const issued = await say(
      h,
      officer.id,
      officer,
      "/keng @phuly.minhkhai Người lạ cạy cửa nhà số 12",
      "Đã đánh kẻng",
    );
    const id = /K\d+/.exec(issued.plainText)?.[0] ?? "";
    const alertIn = (chatId: number) =>
      h.fake.waitForMessage(
        chatId,
        (m) => m.plainText.includes("TIẾNG KẺNG AN NINH") && m.plainText.includes(id),
        WAIT_MS,
      );
    const [in5, in6] = await Promise.all([alertIn(G5), alertIn(G6), alertIn(GWARD)]);
    const press = async (chatId: number, from: FakeUserInput, message: StoredMessage | undefined) => {
      const update = h.fake.pressButton({
        chatId,
        from,
        messageId: message?.messageId ?? 0,
        data: `ak:${id.slice(1)}`,
      });
      await h.fake.waitForCallbackAnswer(update.callback_query?.id ?? "", WAIT_MS);
    };
    await press(G5, resident, in5);

    const first = await statusChart(id);
    expect([first.width, first.height]).toEqual([hbarChartSize(3, false).width, hbarChartSize(3, false).height]);

    await press(G6, neighbour, in6);
    await press(G5, neighbour, in5);
    const second = await statusChart(id);
    expect([second.width, second.height]).toEqual([first.width, first.height]);
    expect(second.bytes.equals(first.bytes)).toBe(false);
  });

  async function statusChart(id: string) {
    const after = lastId(h, officer.id);
    h.fake.sendText({ chatId: officer.id, from: officer, text: `/tinhtrang ${id}` });
    const status = await nextMatching(h, officer.id, after, `Tình trạng ${id}`);
    const chart = await nextPhoto(officer.id, after, `Xác nhận theo nhóm — ${id}`);
    expect(chart.messageId).toBeGreaterThan(status.messageId);
    return pngOf(chart);
  }
});
