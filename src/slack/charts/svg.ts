// Charts as SVG text (issue #13 part 3): pure functions of their data and words, no IO. The words come
// in as params (the caller takes them from src/slack/i18n in the recipient's language); scores are
// hundredths (docs/architecture.md "Points") and are printed with formatHundredths. The SVG is turned
// into a PNG by ./png.ts with the font it names (CHART_FONT_FAMILY), so Chinese renders without any
// system font.
import { formatHundredths } from "../../domain/points.ts";

/** The family every text element names; ./png.ts loads exactly this font (no system fonts). */
export const CHART_FONT_FAMILY = "Noto Sans SC";

const CURRENT = "#2f6fd0";
const PREVIOUS = "#b8c4d6";
const INK = "#1f2933";
const MUTED = "#6b7785";
const GRID = "#e3e8ef";

/** Text for SVG: the five characters XML reserves, escaped (window and person names are typed text). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const num = (n: number) => String(Math.round(n * 10) / 10);

function text(
  x: number,
  y: number,
  s: string,
  o: { size?: number; anchor?: "start" | "middle" | "end"; fill?: string; weight?: number } = {},
): string {
  return `<text x="${num(x)}" y="${num(y)}" font-size="${o.size ?? 13}" text-anchor="${o.anchor ?? "start"}" fill="${o.fill ?? INK}"${o.weight ? ` font-weight="${o.weight}"` : ""}>${escapeXml(s)}</text>`;
}

function frame(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
  ].join("\n");
}

/** A tick step of 1, 2, 2.5 or 5 × 10ⁿ giving at most about `ticks` steps over `span` hundredths. */
function niceStep(span: number, ticks: number): number {
  const raw = Math.max(span / ticks, 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((f) => f * mag >= raw) ?? 10) * mag;
}

export interface WindowBarsInput {
  title: string;
  /** Legend words: this month's and last month's bars (e.g. "本月（2026年11月）"). */
  currentLabel: string;
  previousLabel: string;
  /** The value axis' label (e.g. "得分"). */
  axisLabel: string;
  /** Said under the bars when last month has no closed result (null: say nothing). */
  note?: string | null;
  /** One row per window, in the order shown; null: no score that month (not closed, or a new window). */
  bars: readonly { label: string; current: number | null; previous: number | null }[];
}

/**
 * Horizontal bars, two per window (this month, last month): window names stay readable however long,
 * and forty windows make a taller picture, not narrower bars. The axis starts at 0 so bar lengths
 * compare honestly; each bar carries its score.
 */
export function windowBarsSvg(input: WindowBarsInput): string {
  const width = 760;
  const labelW = 170;
  const left = labelW + 16;
  const right = width - 70;
  const top = 78;
  const rowH = 40;
  const barH = 14;
  const rows = Math.max(input.bars.length, 1);
  const plotH = rows * rowH;
  const height = top + plotH + 58 + (input.note ? 20 : 0);
  const values = input.bars.flatMap((b) => [b.current, b.previous]).filter((v): v is number => v !== null);
  const maxV = Math.max(100, ...values.map((v) => Math.max(v, 0)));
  const step = niceStep(maxV, 6);
  const axisMax = Math.ceil(maxV / step) * step;
  const x = (v: number) => left + (Math.max(v, 0) / axisMax) * (right - left);
  const body: string[] = [text(24, 34, input.title, { size: 20, weight: 700 })];
  // Legend
  body.push(
    `<rect x="24" y="48" width="14" height="14" fill="${CURRENT}"/>`,
    text(44, 60, input.currentLabel, { size: 13 }),
    `<rect x="${24 + 28 + input.currentLabel.length * 13}" y="48" width="14" height="14" fill="${PREVIOUS}"/>`,
    text(24 + 48 + input.currentLabel.length * 13, 60, input.previousLabel, { size: 13 }),
  );
  // Grid and ticks
  for (let v = 0; v <= axisMax; v += step) {
    const gx = x(v);
    body.push(
      `<line x1="${num(gx)}" y1="${top - 6}" x2="${num(gx)}" y2="${top + plotH}" stroke="${GRID}" stroke-width="1"/>`,
      text(gx, top + plotH + 18, formatHundredths(v), { size: 11, anchor: "middle", fill: MUTED }),
    );
  }
  body.push(
    text((left + right) / 2, top + plotH + 40, input.axisLabel, { size: 12, anchor: "middle", fill: MUTED }),
  );
  input.bars.forEach((b, i) => {
    const y0 = top + i * rowH + 5;
    body.push(text(labelW, y0 + barH + 4, b.label, { size: 13, anchor: "end" }));
    const bar = (v: number | null, y: number, fill: string, ink: string) => {
      if (v === null) return;
      const w = Math.max(x(v) - left, 1);
      body.push(
        `<rect x="${left}" y="${num(y)}" width="${num(w)}" height="${barH}" fill="${fill}"/>`,
        text(left + w + 5, y + barH - 2, formatHundredths(v), { size: 11, fill: ink }),
      );
    };
    bar(b.current, y0, CURRENT, INK);
    bar(b.previous, y0 + barH + 2, PREVIOUS, MUTED);
  });
  body.push(
    `<line x1="${left}" y1="${top - 6}" x2="${left}" y2="${top + plotH}" stroke="${MUTED}" stroke-width="1"/>`,
  );
  if (input.note) body.push(text(24, height - 12, input.note, { size: 11, fill: MUTED }));
  return frame(width, height, body);
}

export interface TrendLineInput {
  title: string;
  /** The value axis' label (e.g. "得分"). */
  axisLabel: string;
  /**
   * Oldest first (12 months); value null: no closed result that month (a gap in the line). `sub`: a
   * second, smaller line under the label (the year, at the first month and at January).
   */
  points: readonly { label: string; sub?: string | null; value: number | null }[];
  /** Said when no month has a score (null: say nothing). */
  empty?: string | null;
}

/**
 * A small line chart of one person's monthly score: the axis spans the scores' own range (a few points
 * apart matter here), months without a result break the line rather than being drawn as 0.
 */
export function trendLineSvg(input: TrendLineInput): string {
  const width = 640;
  const height = 300;
  const left = 56;
  const right = width - 24;
  const top = 58;
  const bottom = height - 48;
  const values = input.points.map((p) => p.value).filter((v): v is number => v !== null);
  const lo = values.length ? Math.min(...values) : 9000;
  const hi = values.length ? Math.max(...values) : 10000;
  const step = niceStep(Math.max(hi - lo, 500), 4);
  const axisMin = Math.floor((lo - step / 2) / step) * step;
  const axisMax = Math.ceil((hi + step / 2) / step) * step;
  const n = Math.max(input.points.length, 1);
  const x = (i: number) => left + ((i + 0.5) / n) * (right - left);
  const y = (v: number) => bottom - ((v - axisMin) / (axisMax - axisMin)) * (bottom - top);
  const body: string[] = [text(20, 32, input.title, { size: 17, weight: 700 })];
  for (let v = axisMin; v <= axisMax; v += step) {
    body.push(
      `<line x1="${left}" y1="${num(y(v))}" x2="${right}" y2="${num(y(v))}" stroke="${GRID}" stroke-width="1"/>`,
      text(left - 6, y(v) + 4, formatHundredths(v), { size: 11, anchor: "end", fill: MUTED }),
    );
  }
  body.push(text(14, top - 12, input.axisLabel, { size: 11, fill: MUTED }));
  input.points.forEach((p, i) => {
    body.push(text(x(i), bottom + 18, p.label, { size: 11, anchor: "middle", fill: MUTED }));
    if (p.sub) body.push(text(x(i), bottom + 33, p.sub, { size: 10, anchor: "middle", fill: MUTED }));
  });
  // The line: one polyline per run of months that have a score.
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1)
      body.push(
        `<polyline points="${run.join(" ")}" fill="none" stroke="${CURRENT}" stroke-width="2.5" stroke-linejoin="round"/>`,
      );
    run = [];
  };
  input.points.forEach((p, i) => {
    if (p.value === null) flush();
    else run.push(`${num(x(i))},${num(y(p.value))}`);
  });
  flush();
  input.points.forEach((p, i) => {
    if (p.value === null) return;
    const last = i === input.points.length - 1;
    body.push(
      `<circle cx="${num(x(i))}" cy="${num(y(p.value))}" r="${last ? 5 : 3.5}" fill="${last ? CURRENT : "#ffffff"}" stroke="${CURRENT}" stroke-width="2"/>`,
      text(x(i), y(p.value) - 10, formatHundredths(p.value), {
        size: last ? 13 : 11,
        anchor: "middle",
        fill: last ? INK : MUTED,
        ...(last ? { weight: 700 } : {}),
      }),
    );
  });
  if (!values.length && input.empty)
    body.push(
      text((left + right) / 2, (top + bottom) / 2, input.empty, { size: 14, anchor: "middle", fill: MUTED }),
    );
  return frame(width, height, body);
}
