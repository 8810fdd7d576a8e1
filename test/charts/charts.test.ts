/** The chart pictures: SVG builders (escaping, empty data), PNG size and that the picture follows the data. */
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { noEscape, Translator } from "../../src/core/i18n.js";
import type { Media } from "../../src/core/messages.js";
import { barChartSize, barChartSvg } from "../../src/modules/charts/bar-chart-svg.js";
import type { ChartDeps } from "../../src/modules/charts/deps.js";
import { groupAckChart, MAX_GROUP_BARS } from "../../src/modules/charts/group-ack-chart.js";
import { hbarChartSize } from "../../src/modules/charts/hbar-chart-svg.js";
import { renderPng } from "../../src/modules/charts/render-png.js";
import { escapeXml, fitText, niceScale } from "../../src/modules/charts/svg-text.js";
import { weeklyStatsChart, type WeekFigures } from "../../src/modules/charts/weekly-stats-chart.js";

let deps: ChartDeps;

beforeAll(async () => {
  const translator = await Translator.create("vi");
  deps = { label: (text, locale) => translator.render(text, locale, noEscape) };
});

/** Width and height from the PNG's IHDR. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height };
}

const bytesOf = (media: Media) => {
  if (media.kind !== "bytes") throw new Error(`expected bytes, got ${media.kind}`);
  return Buffer.from(media.base64, "base64");
};

const october: WeekFigures[] = ["01/10", "08/10", "15/10", "22/10", "29/10"].map((label, i) => ({
  label,
  tips: { matuy: i, tromcap: 2, luadao: i % 2 },
  alerts: i % 3,
  groupsReached: (i % 3) * 4,
  groupsAcked: i % 3,
}));

const weekly = (weeks: readonly WeekFigures[], locale: "vi" | "en" = "vi") =>
  weeklyStatsChart({
    deps,
    locale,
    area: "Phường Minh Khai",
    from: "01/10/2026",
    to: "31/10/2026",
    bucketDays: 7,
    weeks,
  });

describe("SVG text", () => {
  it("escapes markup and drops what XML cannot hold", () => {
    expect(escapeXml(`<b>Tổ 5</b> & "Tổ 6" 'x'\u0001`)).toBe(
      "&lt;b&gt;Tổ 5&lt;/b&gt; &amp; &quot;Tổ 6&quot; &apos;x&apos;",
    );
  });

  it("cuts long labels with an ellipsis and keeps short ones", () => {
    expect(fitText("Tổ dân phố 5", 400, 14)).toBe("Tổ dân phố 5");
    const cut = fitText("Nhóm bảo vệ dân phố tổ 5 phường Minh Khai thành phố Phủ Lý", 120, 14);
    expect(cut.endsWith("…")).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(Math.floor(120 / (14 * 0.6)));
  });

  it("picks whole, round axis steps", () => {
    expect(niceScale(0)).toEqual({ max: 5, step: 1 });
    expect(niceScale(3)).toEqual({ max: 3, step: 1 });
    expect(niceScale(11)).toEqual({ max: 15, step: 5 });
    expect(niceScale(87)).toEqual({ max: 100, step: 20 });
  });

  it("builds a chart whose user text cannot break the SVG", () => {
    const svg = barChartSvg({
      title: "Tổ <script> & co",
      panels: [
        {
          title: "Panel",
          categories: ["01/10"],
          series: [{ name: "A", color: "#000", values: [1] }],
          mode: "stacked",
          emptyText: "—",
        },
      ],
    });
    expect(svg).toContain("Tổ &lt;script&gt; &amp; co");
    expect(svg).not.toContain("<script>");
  });
});

describe("weekly /thongke chart", () => {
  it("is a PNG of the documented size", async () => {
    const png = bytesOf(await weekly(october));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(pngSize(png)).toEqual(barChartSize(2));
    expect(barChartSize(2)).toEqual({ width: 1000, height: 756 });
  });

  it("changes with the data and with the language", async () => {
    const first = bytesOf(await weekly(october));
    const again = bytesOf(await weekly(october));
    const more = bytesOf(await weekly(october.map((w, i) => (i === 2 ? { ...w, tips: { ...w.tips, cobac: 4 } } : w))));
    const english = bytesOf(await weekly(october, "en"));
    expect(again.equals(first)).toBe(true);
    expect(more.equals(first)).toBe(false);
    expect(english.equals(first)).toBe(false);
  });

  it("draws a 'no data' chart for an empty period, and for no columns at all", async () => {
    const empty = october.map((w) => ({ ...w, tips: {}, alerts: 0, groupsReached: 0, groupsAcked: 0 }));
    expect(pngSize(bytesOf(await weekly(empty)))).toEqual(barChartSize(2));
    expect(pngSize(bytesOf(await weekly([])))).toEqual(barChartSize(2));
    expect(bytesOf(await weekly(empty)).equals(bytesOf(await weekly(october)))).toBe(false);
  });

  it("puts the translated, Vietnamese labels in the picture", async () => {
    const svgs: string[] = [];
    const spy: ChartDeps = {
      label: (text, locale) => {
        const s = deps.label(text, locale);
        svgs.push(s);
        return s;
      },
    };
    await weeklyStatsChart({
      deps: spy,
      locale: "vi",
      area: "Phường Minh Khai",
      from: "01/10/2026",
      to: "31/10/2026",
      bucketDays: 14,
      weeks: october,
    });
    expect(svgs).toEqual(
      expect.arrayContaining([
        "Tin tố giác và tiếng kẻng — Phường Minh Khai",
        "Ma túy",
        "Gây rối",
        "Tỷ lệ nhóm xác nhận (trục phải)",
      ]),
    );
    expect(svgs.some((s) => s.includes("mỗi cột là 14 ngày"))).toBe(true);
  });
});

describe("/tinhtrang acknowledgements per group", () => {
  const groups = (n: number, people: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => ({ title: `Tổ dân phố ${i + 1}`, people: people(i) }));
  const chart = (list: { title: string | null; people: number }[]) =>
    groupAckChart({ deps, locale: "vi", alertId: "K7", area: "Phường Minh Khai", groups: list });

  it("has one bar per group, its height following the number of groups", async () => {
    expect(pngSize(bytesOf(await chart(groups(3, (i) => i))))).toEqual(hbarChartSize(3, false));
    expect(pngSize(bytesOf(await chart([{ title: null, people: 0 }])))).toEqual(hbarChartSize(1, false));
  });

  it(`draws at most ${MAX_GROUP_BARS} bars and says how many more`, async () => {
    const labels: string[] = [];
    const spy: ChartDeps = {
      label: (text, locale) => {
        const s = deps.label(text, locale);
        labels.push(s);
        return s;
      },
    };
    const media = await groupAckChart({
      deps: spy,
      locale: "vi",
      alertId: "K7",
      area: "Phường Minh Khai",
      groups: groups(MAX_GROUP_BARS + 4, (i) => i % 3),
    });
    expect(pngSize(bytesOf(media))).toEqual(hbarChartSize(MAX_GROUP_BARS, true));
    expect(labels).toContain("… và 4 nhóm khác");
    expect(labels).toContain("chưa ai xác nhận");
  });

  it("changes with the acknowledgements, and renders with no group without throwing", async () => {
    const before = bytesOf(await chart(groups(3, () => 0)));
    const after = bytesOf(await chart(groups(3, (i) => (i === 1 ? 2 : 0))));
    expect(after.equals(before)).toBe(false);
    expect(pngSize(bytesOf(await chart([])))).toEqual(hbarChartSize(0, false));
  });
});

describe("renderPng", () => {
  it("renders any SVG at its own size with the bundled font", async () => {
    const png = await renderPng(
      `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="90"><text x="10" y="50" font-size="20">Đã nhận — Tỷ lệ</text></svg>`,
    );
    expect(pngSize(png)).toEqual({ width: 320, height: 90 });
  });
});
