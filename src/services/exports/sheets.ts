// One table layout for every export: an Excel sheet laid out the way a government office prints it
// (title row with the center and period, header repeated on every page, frozen header, A4 landscape,
// fitted to the page width) and the same table as CSV (UTF-8 with BOM, so Excel shows Chinese).
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
  rows: Record<string, Cell>[];
}

const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function addTable(wb: ExcelJS.Workbook, table: Table): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(table.name.slice(0, 31), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
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

  for (const r of table.rows) {
    const row = ws.addRow(table.columns.map((c) => r[c.key] ?? null));
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.font = { name: "宋体", size: 11 };
      cell.border = BORDER;
      cell.alignment = {
        vertical: "middle",
        wrapText: true,
        horizontal: typeof r[c.key] === "number" ? "right" : "left",
      };
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
  }
  return ws;
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
    ...table.rows.map((r) => table.columns.map((c) => csvField(r[c.key] ?? null)).join(",")),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
