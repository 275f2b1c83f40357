// The close's charts (issue #13 part 3): the SVG carries the expected words before it is rendered, and
// the PNG resvg draws from it has the right size and is not blank — Chinese included, from the font the
// project ships (no system font on this machine).
import { describe, expect, test } from "vitest";
import {
  chartOf,
  trendChartPath,
  trendChartSvg,
  trendMonths,
  windowChartPath,
  windowChartSvg,
} from "../../src/jobs/charts.ts";
import { renderChart } from "../../src/slack/charts/png.ts";
import { CHART_FONT_FAMILY } from "../../src/slack/charts/svg.ts";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk (the first chunk, right after the signature). */
function ihdr(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels that are not the white background (RGBA rows from the renderer itself). */
function inked(pixels: Buffer): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4)
    if (pixels[i]! < 250 || pixels[i + 1]! < 250 || pixels[i + 2]! < 250) n++;
  return n;
}

const svgSize = (svg: string) => {
  const m = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
};

const WINDOWS = {
  center: "城关镇政务服务中心",
  month: "2026-07",
  previousClosed: true,
  windows: [
    { name: "税务窗口", current: 9812, previous: 9650 },
    { name: "不动产登记窗口", current: 9540, previous: null },
    { name: "社保<医保>&窗口", current: 9305, previous: 9480 },
  ],
};

describe("charts", () => {
  test("the window chart names the windows and both months in Chinese; its PNG is drawn", async () => {
    const svg = windowChartSvg("zh", WINDOWS);
    for (const words of [
      "城关镇政务服务中心 2026年7月 各窗口考评得分",
      "本月（2026年7月）",
      "上月（2026年6月）",
      "税务窗口",
      "不动产登记窗口",
      "社保&#60;医保&#62;&#38;窗口", // typed names are escaped, the SVG stays well-formed
      "98.12",
      "96.5",
      "得分",
    ])
      expect(svg).toContain(words);
    expect(svg).toContain(`font-family="${CHART_FONT_FAMILY}"`);
    expect(svg).not.toContain("尚未结算");
    expect(windowChartSvg("zh", { ...WINDOWS, previousClosed: false })).toContain(
      "2026年6月尚未结算，图中只有本月得分。",
    );

    const img = await renderChart(svg, { pixels: true });
    expect(ihdr(img.png)).toEqual(svgSize(svg));
    expect([img.width, img.height]).toEqual([svgSize(svg).width, svgSize(svg).height]);
    // Bars, grid and words: a good part of the picture is ink.
    expect(inked(img.pixels!)).toBeGreaterThan(img.width * img.height * 0.05);
  });

  test("a person's chart: 12 months with the year at its start and at January, in their language", async () => {
    expect(trendMonths("2026-07")).toEqual([
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
    ]);
    const scores = new Map([
      ["2026-05", 9650],
      ["2026-06", 9820],
      ["2026-07", 9400],
    ]);
    const zh = trendChartSvg("zh", { name: "王二", month: "2026-07", scores });
    for (const words of [
      "王二 近12个月考评分（2025年8月—2026年7月）",
      ">8月</text>",
      ">2025</text>",
      ">9月</text>",
      ">1月</text>",
      ">2026</text>",
      "7月",
      "98.2",
      "94",
    ])
      expect(zh).toContain(words);
    // Months without a closed result are gaps, not zeros: one polyline through May–July.
    expect(zh.match(/<polyline /g)).toHaveLength(1);
    const en = trendChartSvg("en", { name: "Lin Yi", month: "2026-07", scores });
    for (const words of [
      "Lin Yi: monthly score, Aug 2025 – Jul 2026",
      ">Aug</text>",
      ">2025</text>",
      ">Jan</text>",
      ">2026</text>",
      ">Jul</text>",
      "Score",
    ])
      expect(en).toContain(words);

    const img = await renderChart(zh, { pixels: true });
    expect(ihdr(img.png)).toEqual(svgSize(zh));
    expect(inked(img.pixels!)).toBeGreaterThan(2000);
    // Nobody's first month: the chart says so instead of drawing an empty frame.
    expect(trendChartSvg("zh", { name: "新人", month: "2026-07", scores: new Map() })).toContain(
      "尚无已结算月份的得分",
    );
  });

  test("Chinese text is drawn with the shipped font, not skipped", async () => {
    const blank = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"></svg>';
    const words = (s: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" font-family="${CHART_FONT_FAMILY}"><text x="10" y="40" font-size="28">${s}</text></svg>`;
    const none = await renderChart(blank, { pixels: true });
    expect(inked(none.pixels!)).toBe(0);
    const zh = await renderChart(words("税务窗口"), { pixels: true });
    // resvg leaves out text it has no font for: ink here means the glyphs were found and drawn.
    expect(inked(zh.pixels!)).toBeGreaterThan(300);
    expect(zh.png.length).toBeGreaterThan(none.png.length);
  });

  test("a chart's path says what it draws; other files are not charts", () => {
    const dir = "/data/exports/2026-07";
    expect(chartOf(windowChartPath(dir, 2))).toEqual({ month: "2026-07", kind: "windows" });
    expect(chartOf(trendChartPath(dir, 1, "U0TAX1")!)).toEqual({
      month: "2026-07",
      kind: "trend",
      personId: "U0TAX1",
    });
    expect(trendChartPath(dir, 1, "../etc")).toBeNull();
    expect(chartOf(`${dir}/城关镇2026年7月考评排名.xlsx`)).toBeNull();
    expect(chartOf("/tmp/charts/c1/windows.png")).toBeNull();
  });
});
