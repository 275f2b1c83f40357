// Exports of month, quarter and year results: an Excel workbook (one sheet per table) or CSV files.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { isMonth } from "../../domain/dates.ts";
import { err, ok, type Result } from "../../domain/result.ts";
import type { ServiceContext } from "../context.ts";
import { monthLabel, monthTables } from "./month.ts";
import { periodTables, quarterLabel, yearLabel } from "./period.ts";
import { addTable, streamTable, type Table, tableCsv } from "./sheets.ts";

export function buildWorkbook(tables: readonly Table[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "service-hall-bot";
  for (const t of tables) addTable(wb, t);
  return wb;
}

/**
 * The workbook written through exceljs's streaming writer (rows committed as they go, styles kept):
 * the same sheets as `buildWorkbook` without holding the whole workbook in memory (issue #11).
 * Strings go to the shared-strings table as in `buildWorkbook` (inline strings read back "" as empty).
 */
export async function streamWorkbook(tables: readonly Table[], file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: true,
  });
  wb.creator = "service-hall-bot";
  for (const t of tables) await streamTable(wb, t);
  await wb.commit();
}

/** A workbook written beside its file name: `place` renames it in; `discard` removes what is left. */
export interface StagedWorkbook {
  file: string;
  place(): void;
  /** Removes the temporary file, and the placed one too when `placed` is given (a rolled-back close). */
  discard(opts?: { placed: boolean }): void;
}

/**
 * Writes the workbook to `<file>.tmp`. The monthly close stages its workbooks before its transaction
 * (building them is the slow part) and places them once the month is frozen (closeMonth.ts), so no
 * file exists for a close that did not happen and a half-written file is never attached.
 */
export async function stageWorkbook(tables: readonly Table[], file: string): Promise<StagedWorkbook> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await streamWorkbook(tables, tmp);
  let placed = false;
  return {
    file,
    place: () => {
      fs.renameSync(tmp, file);
      placed = true;
    },
    discard: (opts) => {
      fs.rmSync(tmp, { force: true });
      if (opts?.placed && placed) fs.rmSync(file, { force: true });
    },
  };
}

/**
 * Waits for the work that places `staged` (the close's transaction): when it fails, workbooks it
 * already placed are removed (they describe a close that was rolled back); temporary files always are.
 */
export async function settleStaged<T>(staged: readonly StagedWorkbook[], work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    for (const w of staged) w.discard({ placed: true });
    throw e;
  } finally {
    for (const w of staged) w.discard();
  }
}

export async function writeWorkbook(tables: readonly Table[], file: string): Promise<void> {
  (await stageWorkbook(tables, file)).place();
}

export type ExportFormat = "xlsx" | "csv";

export function periodLabel(period: string): string {
  if (isMonth(period)) return monthLabel(period);
  if (/^\d{4}-Q[1-4]$/.test(period)) return quarterLabel(period);
  return yearLabel(period);
}

export async function tablesFor(ctx: ServiceContext, period: string): Promise<Result<Table[]>> {
  if (isMonth(period)) return ok((await monthTables(ctx, period)).tables);
  if (/^\d{4}-Q[1-4]$/.test(period) || /^\d{4}$/.test(period)) return periodTables(ctx, period);
  return err("EXPORT.BAD_PERIOD", { period });
}

/**
 * Writes the period's results into `outDir`: one .xlsx, or one CSV per table. Returns the files.
 * Codes: EXPORT.BAD_PERIOD {period}, EXPORT.NO_RESULTS {period}.
 */
export async function exportPeriod(
  ctx: ServiceContext,
  period: string,
  opts: { format: ExportFormat; outDir: string },
): Promise<Result<string[]>> {
  const tables = await tablesFor(ctx, period);
  if (!tables.ok) return tables;
  const base = `${periodLabel(period)}考评结果`;
  if (opts.format === "xlsx") {
    const file = path.join(opts.outDir, `${base}.xlsx`);
    await writeWorkbook(tables.value, file);
    return ok([file]);
  }
  fs.mkdirSync(opts.outDir, { recursive: true });
  const files: string[] = [];
  for (const t of tables.value) {
    const file = path.join(opts.outDir, `${base}-${t.name}.csv`);
    fs.writeFileSync(file, tableCsv(t), "utf8");
    files.push(file);
  }
  return ok(files);
}
