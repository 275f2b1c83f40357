// The monthly close's charts (issue #13 part 3): the window scores (bars, this month and last) with the
// channel's post, and each person's score over the last 12 months (a line) after their private notice.
//
// The close only queues them: an outbox row whose filePath names the chart, next to the month's
// workbooks (<exportDir>/<month>/charts/c<closings>/windows.png, …/trend-<personId>.png). The sender
// draws the PNG from the frozen results just before it uploads the file (makeChartFile). Why lazily:
// a chart costs ~50 ms to render, and 5,000 of them would add minutes to a close that must take
// seconds (issue #11), while the sender uploads them at Slack's pace anyway (files.* are Tier 4,
// about 100 a minute: docs.slack.dev/apis/web-api/rate-limits).
import path from "node:path";
import { addMonths, isMonth, previousMonth } from "../domain/dates.ts";
import { personScoresOf, windowScoresOf } from "../services/charts.ts";
import { storedLocale } from "../services/locales.ts";
import { centerRow, personNames, windowRows } from "../services/orgLookups.ts";
import { writeChartPng } from "../slack/charts/png.ts";
import { trendLineSvg, windowBarsSvg } from "../slack/charts/svg.ts";
import { type Lang, langOf, t } from "../slack/i18n/index.ts";
import type { DbTx } from "./outbox.ts";

const CHARTS = "charts";
/** Months on a person's chart (the month closed and the 11 before it). */
export const TREND_MONTHS = 12;

/** A Slack user id as a file name part (U…/W…); anything else gets no chart rather than a strange path. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Where the close's window chart is drawn: beside the workbooks in `monthDir` (…/<month>). */
export function windowChartPath(monthDir: string, closings: number): string {
  return path.join(monthDir, CHARTS, `c${closings}`, "windows.png");
}

/** Where a person's chart of this close is drawn; null for an id that cannot name a file. */
export function trendChartPath(monthDir: string, closings: number, personId: string): string | null {
  return SAFE_ID.test(personId) ? path.join(monthDir, CHARTS, `c${closings}`, `trend-${personId}.png`) : null;
}

type ChartFile = { month: string; kind: "windows" } | { month: string; kind: "trend"; personId: string };

/** What a chart path names (the inverse of the two above), or null for any other file. */
export function chartOf(file: string): ChartFile | null {
  const name = path.basename(file);
  const closingDir = path.dirname(file);
  const chartsDir = path.dirname(closingDir);
  const month = path.basename(path.dirname(chartsDir));
  if (path.basename(chartsDir) !== CHARTS || !/^c\d+$/.test(path.basename(closingDir)) || !isMonth(month))
    return null;
  if (name === "windows.png") return { month, kind: "windows" };
  const m = /^trend-(.+)\.png$/.exec(name);
  return m && SAFE_ID.test(m[1]!) ? { month, kind: "trend", personId: m[1]! } : null;
}

export interface WindowChartData {
  center: string;
  month: string;
  /** This month's windows in rank order, with last month's score when that month was closed. */
  windows: readonly { name: string; current: number; previous: number | null }[];
  previousClosed: boolean;
}

/** The window chart's SVG (Chinese in the channel, §8). */
export function windowChartSvg(lang: Lang, d: WindowChartData): string {
  const prev = previousMonth(d.month);
  return windowBarsSvg({
    title: t(lang, "charts.windows.title", { center: d.center, month: d.month }),
    currentLabel: t(lang, "charts.windows.current", { month: d.month }),
    previousLabel: t(lang, "charts.windows.previous", { month: prev }),
    axisLabel: t(lang, "charts.axis.score"),
    note: d.previousClosed ? null : t(lang, "charts.windows.no_previous", { month: prev }),
    bars: d.windows.map((w) => ({ label: w.name, current: w.current, previous: w.previous })),
  });
}

/** The months of a person's chart, oldest first, ending with `month`. */
export function trendMonths(month: string): string[] {
  return Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(month, i - (TREND_MONTHS - 1)));
}

/** A person's chart's SVG: their score in each of the 12 months to `month` (gaps where none). */
export function trendChartSvg(
  lang: Lang,
  d: { name: string; month: string; scores: ReadonlyMap<string, number> },
): string {
  const months = trendMonths(d.month);
  return trendLineSvg({
    title: t(lang, "charts.trend.title", { name: d.name, from: months[0], to: d.month }),
    axisLabel: t(lang, "charts.axis.score"),
    empty: t(lang, "charts.trend.empty"),
    points: months.map((m, i) => ({
      label: t(lang, "charts.month_tick", { month: m }),
      sub: i === 0 || m.endsWith("-01") ? m.slice(0, 4) : null,
      value: d.scores.get(m) ?? null,
    })),
  });
}

async function windowChartData(db: DbTx, month: string): Promise<WindowChartData> {
  const prev = previousMonth(month);
  // One after another: a transaction client runs one statement at a time anyway.
  const center = await centerRow(db);
  const windows = await windowRows(db);
  const scores = await windowScoresOf(db, [month, prev]);
  const nameOf = new Map(windows.map((w) => [w.id, w.name]));
  const before = new Map((scores.get(prev) ?? []).map((w) => [w.windowId, w.scoreHundredths]));
  return {
    center: center?.name ?? "",
    month,
    previousClosed: scores.has(prev),
    windows: (scores.get(month) ?? []).map((w) => ({
      name: nameOf.get(w.windowId) ?? w.windowId,
      current: w.scoreHundredths,
      previous: before.get(w.windowId) ?? null,
    })),
  };
}

/**
 * Draws the chart `file` names (see chartOf) from the frozen results, for the outbox sender when a
 * queued upload's file is not there yet; `read` runs the reads in a short transaction of the sender's
 * own (src/jobs/outbox.ts), the rendering happens after it. False when `file` names no chart: the
 * upload fails as it did before.
 */
export async function makeChartFile(
  file: string,
  read: <T>(fn: (tx: DbTx) => Promise<T>) => Promise<T>,
): Promise<boolean> {
  const chart = chartOf(file);
  if (!chart) return false;
  const svg =
    chart.kind === "windows"
      ? windowChartSvg("zh", await read((tx) => windowChartData(tx, chart.month)))
      : await read(async (tx) => {
          const months = trendMonths(chart.month);
          const scores = await personScoresOf(tx, chart.personId, months[0]!, chart.month);
          const names = await personNames(tx, [chart.personId]);
          const locale = await storedLocale(tx, chart.personId);
          return trendChartSvg(langOf(locale), {
            name: names.get(chart.personId) ?? chart.personId,
            month: chart.month,
            scores,
          });
        });
  await writeChartPng(file, svg);
  return true;
}
