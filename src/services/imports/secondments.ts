// Secondments by the parent unit with the center's consent (RULES.md §4 ⑧): per person and month the
// seconded days (half-day steps); no deduction, the month's award money is reduced accordingly.
import { monthOf, shanghaiDate } from "../../domain/dates.ts";
import { audit } from "../approvals.ts";
import type { ServiceContext } from "../context.ts";
import { isClosed } from "../monthScores.ts";
import { emptyReport, type ImportReport, parseCsv, personBook } from "./common.ts";
import { parseMonthCell } from "./ratings.ts";

export const SECONDMENT_HEADERS = {
  person: ["person", "人员", "姓名", "工作人员", "slackid", "id", "name"],
  month: ["month", "月份"],
  days: ["days", "天数", "抽调天数", "工作日", "抽调工作日"],
  note: ["note", "备注", "事由"],
} as const;

export async function importSecondments(
  ctx: ServiceContext,
  text: string,
  opts: { actor: string; dryRun?: boolean },
): Promise<ImportReport> {
  const report = emptyReport("secondments", !!opts.dryRun);
  const parsed = parseCsv(text, SECONDMENT_HEADERS, ["person", "month", "days"]);
  if (!parsed.ok) {
    report.refused.push(parsed.problem);
    return report;
  }
  report.rows = parsed.rows.length;
  const book = await personBook(ctx.db);
  const currentMonth = monthOf(shanghaiDate(ctx.clock.now()));
  const rows = new Map<
    string,
    { month: string; personId: string; halfDays: number; workingHalfDays: number; line: number }
  >();
  for (const row of parsed.rows) {
    const before = report.refused.length;
    const who = book.resolve(row.get("person"));
    if (!who.ok) report.refused.push({ line: row.line, code: who.code, detail: who.detail });
    const month = parseMonthCell(row.get("month"));
    if (!month)
      report.refused.push({ line: row.line, code: "IMPORT.BAD_MONTH", detail: { value: row.get("month") } });
    const dayText = row.get("days");
    const halfDays = /^\d{1,2}(\.5|\.0)?$/.test(dayText) ? Math.round(Number(dayText) * 2) : null;
    if (halfDays === null)
      report.refused.push({ line: row.line, code: "IMPORT.BAD_DAYS", detail: { value: dayText } });
    let workingHalfDays = 0;
    if (month) {
      if (month > currentMonth)
        report.refused.push({ line: row.line, code: "IMPORT.FUTURE_MONTH", detail: { month } });
      else if (await isClosed(ctx.db, month))
        report.refused.push({ line: row.line, code: "IMPORT.MONTH_CLOSED", detail: { month } });
      if (!ctx.calendar.coversYear(Number(month.slice(0, 4))))
        report.refused.push({
          line: row.line,
          code: "CALENDAR.YEAR_NOT_LOADED",
          detail: { year: Number(month.slice(0, 4)) },
        });
      else workingHalfDays = 2 * ctx.calendar.workingDaysInMonth(month);
      if (halfDays !== null && workingHalfDays > 0 && halfDays > workingHalfDays)
        report.refused.push({
          line: row.line,
          code: "IMPORT.DAYS_OVER_MONTH",
          detail: { days: halfDays / 2, workingDays: workingHalfDays / 2, month },
        });
    }
    if (report.refused.length > before || !who.ok || !month || halfDays === null) continue;
    const key = `${month}:${who.id}`;
    if (rows.has(key)) {
      report.refused.push({
        line: row.line,
        code: "IMPORT.DUPLICATE_ROW",
        detail: { other: rows.get(key)!.line },
      });
      continue;
    }
    rows.set(key, { month, personId: who.id, halfDays, workingHalfDays, line: row.line });
    report.taken.push({ line: row.line, summary: `${month} ${book.name(who.id)} ${halfDays / 2}` });
  }
  if (report.refused.length > 0 || opts.dryRun) return report;
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    for (const v of rows.values()) {
      const data = { halfDays: v.halfDays, workingDaysHalfDays: v.workingHalfDays };
      await tx.secondment.upsert({
        where: { month_personId: { month: v.month, personId: v.personId } },
        create: { month: v.month, personId: v.personId, ...data },
        update: data,
      });
    }
    await audit(tx, now, opts.actor, "secondments.import", "Secondment", "csv", null, { rows: rows.size });
  });
  report.written = true;
  return report;
}
