// One table layout for every export: an Excel sheet laid out the way a government office prints and
// files it (title row with the center and period, header repeated on every page, frozen header, A4
// portrait for a narrow table and landscape for a wide one, fitted to the page width, a 合计 row and
// the 制表人 / 审核 / 主任签字 / 日期 lines where the office signs) and the same table as CSV (UTF-8 with
// BOM, so Excel shows Chinese; the data rows only, no totals or signature lines).
import type ExcelJS from "exceljs";

export type Cell = string | number | null;

export interface Column {
  header: string;
  key: string;
  /** Width in characters (a Chinese character counts about 2). */
  width: number;
  /** Excel number format, e.g. "0.00". */
  numFmt?: string;
}

export interface Table {
  /** Sheet name (≤ 31 characters) and the CSV file's suffix. */
  name: string;
  /** Title row: center name and period. */
  title: string;
  columns: Column[];
  /** An array, or rows generated on each pass (the close's detail sheet: never held whole). */
  rows: Iterable<Record<string, Cell>>;
  /** A4 portrait for a narrow table (the rankings); landscape, the default, for a wide one. */
  orientation?: "portrait" | "landscape";
  /** A bold 合计 row under the rows (workbook only: the CSV holds the data rows). */
  totals?: Record<string, Cell>;
  /** The 制表人 / 审核 / 主任签字 / 日期 lines under the table, on the copy the office signs and files. */
  signature?: boolean;
}

/** The lines an office signs under a filed table; the date is written by hand when signed. */
export const SIGNATURE_LABELS = ["制表人：", "审核：", "主任签字：", "日期：　　　年　　月　　日"] as const;

const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function addTable(wb: ExcelJS.Workbook, table: Table): ExcelJS.Worksheet {
  const t = tableWriter(wb, table);
  for (const r of table.rows) t.row(r);
  t.end();
  return t.ws;
}

/** Rows between two yields of a streamed sheet: the zip stream flushes, the event loop breathes. */
const STREAM_BATCH = 1000;

/**
 * The same sheet through exceljs's streaming writer: each row is committed (written out and freed) as
 * soon as it is styled, and the loop yields every STREAM_BATCH rows so the zip stream drains to disk;
 * a 100,000-row detail sheet never sits in memory whole (issue #11: the close built it whole, 2 GB).
 */
export async function streamTable(wb: ExcelJS.stream.xlsx.WorkbookWriter, table: Table): Promise<void> {
  const t = tableWriter(wb, table);
  let n = 0;
  for (const r of table.rows) {
    t.row(r).commit();
    if (++n % STREAM_BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  t.end();
  t.ws.commit();
}

const BODY_FONT = { name: "宋体", size: 11, bold: false };
const BOLD_FONT = { ...BODY_FONT, bold: true };
const ALIGN_RIGHT = { vertical: "middle" as const, wrapText: true, horizontal: "right" as const };
const ALIGN_LEFT = { vertical: "middle" as const, wrapText: true, horizontal: "left" as const };

/** A sheet with its page setup, title and header; `row` adds a body row, `end` the 合计 and signature. */
function tableWriter(
  wb: ExcelJS.Workbook,
  table: Table,
): { ws: ExcelJS.Worksheet; row(r: Record<string, Cell>): ExcelJS.Row; end(): void } {
  const ws = wb.addWorksheet(table.name.slice(0, 31), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: table.orientation ?? "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages high as needed
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: "1:2",
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
    views: [{ state: "frozen", xSplit: 0, ySplit: 2 }],
  });
  ws.columns = table.columns.map((c) => ({ key: c.key, width: c.width }));

  const n = table.columns.length;
  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = table.title;
  title.font = { name: "宋体", size: 16, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 30;

  const header = ws.getRow(2);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: "宋体", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
  });
  header.height = 22;

  // One style object per column, weight and alignment, shared by every cell that has it: exceljs
  // dedupes a style it has seen by object identity (a WeakMap in its styles writer), so 1,100,000 cells
  // of the detail sheet no longer each render their font, border and alignment to find their style id.
  const styles = table.columns.map((c) =>
    [false, true].map((bold) =>
      [ALIGN_LEFT, ALIGN_RIGHT].map(
        (alignment): Partial<ExcelJS.Style> => ({
          font: bold ? BOLD_FONT : BODY_FONT,
          border: BORDER,
          alignment,
          ...(c.numFmt ? { numFmt: c.numFmt } : {}),
        }),
      ),
    ),
  );
  const addBodyRow = (r: Record<string, Cell>, bold: boolean): ExcelJS.Row => {
    const row = ws.addRow(table.columns.map((c) => r[c.key] ?? null));
    table.columns.forEach((c, i) => {
      row.getCell(i + 1).style = styles[i]![bold ? 1 : 0]![typeof r[c.key] === "number" ? 1 : 0]!;
    });
    return row;
  };
  return {
    ws,
    row: (r) => addBodyRow(r, false),
    end: () => {
      if (table.totals) addBodyRow(table.totals, true);
      if (table.signature) addSignature(ws, table.columns);
    },
  };
}

/**
 * The signature lines one blank row under the table: 制表人, 审核, 主任签字 and 日期, each over about a
 * quarter of the printed width (merged across the columns under it), tall enough to sign in.
 */
function addSignature(ws: ExcelJS.Worksheet, columns: readonly Column[]): void {
  ws.addRow([]);
  const row = ws.addRow([]);
  row.height = 36;
  const groups = signatureGroups(
    columns.map((c) => c.width),
    SIGNATURE_LABELS.length,
  );
  groups.forEach(([from, to], i) => {
    if (to > from) ws.mergeCells(row.number, from + 1, row.number, to + 1);
    const cell = row.getCell(from + 1);
    // A table narrower than four columns carries the remaining lines in its last run.
    cell.value = i === groups.length - 1 ? SIGNATURE_LABELS.slice(i).join("　　") : SIGNATURE_LABELS[i]!;
    cell.font = { name: "宋体", size: 12 };
    cell.alignment = { horizontal: "left", vertical: "bottom" };
  });
}

/**
 * Splits columns (by width) into `parts` runs of about equal printed width: [first, last] column
 * indexes, every run at least one column. Fewer columns than parts: one run per column.
 */
export function signatureGroups(widths: readonly number[], parts: number): [number, number][] {
  const n = Math.min(parts, widths.length);
  const total = widths.reduce((a, w) => a + w, 0);
  const groups: [number, number][] = [];
  let start = 0;
  let sum = 0;
  for (let g = 0; g < n; g++) {
    const lastGroup = g === n - 1;
    let end = start;
    sum += widths[start]!;
    // Grow the run while it is short of its share and enough columns stay for the runs after it.
    while (!lastGroup && sum < (total * (g + 1)) / n && widths.length - (end + 1) > n - g - 1) {
      end++;
      sum += widths[end]!;
    }
    if (lastGroup) end = widths.length - 1;
    groups.push([start, end]);
    start = end + 1;
  }
  return groups;
}

function csvField(v: Cell): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV text: BOM, header row, CRLF line ends (what Excel on Windows expects). */
export function tableCsv(table: Table): string {
  const lines = [
    table.columns.map((c) => csvField(c.header)).join(","),
    ...Array.from(table.rows, (r) => table.columns.map((c) => csvField(r[c.key] ?? null)).join(",")),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
