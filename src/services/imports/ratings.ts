// Rating-device export (服务评价器): per person and month (or per day, summed into the month) the
// counts of 满意 / 基本满意 / 不满意 (RULES.md §4 satisfaction rate). A month's import replaces that
// month's counts of the people in the file.
import { isIsoDate, isMonth, monthOf, shanghaiDate } from "../../domain/dates.ts";
import { audit } from "../approvals.ts";
import type { ServiceContext } from "../context.ts";
import { isClosed } from "../monthScores.ts";
import { emptyReport, type ImportReport, parseCsv, personBook, wholeNumber } from "./common.ts";

export const RATING_HEADERS = {
  person: ["person", "人员", "姓名", "工作人员", "slackid", "id", "name", "staff"],
  month: ["month", "月份", "月"],
  date: ["date", "日期", "评价日期"],
  satisfied: ["满意", "satisfied"],
  basic: ["基本满意", "basic", "basicallysatisfied", "fairlysatisfied"],
  unsatisfied: ["不满意", "unsatisfied", "dissatisfied"],
} as const;

/** "2026-07", "2026/7", "2026年7月" → "2026-07"; null otherwise. */
export function parseMonthCell(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s.trim());
  if (!m) return null;
  const month = `${m[1]}-${m[2]!.padStart(2, "0")}`;
  return isMonth(month) ? month : null;
}

/** "2026-07-03", "2026/7/3", "2026年7月3日" → "2026-07-03"; null otherwise. */
export function parseDateCell(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isIsoDate(date) ? date : null;
}

export async function importRatings(
  ctx: ServiceContext,
  text: string,
  opts: { actor: string; dryRun?: boolean },
): Promise<ImportReport> {
  const report = emptyReport("ratings", !!opts.dryRun);
  const parsed = parseCsv(text, RATING_HEADERS, ["person", "satisfied", "basic", "unsatisfied"]);
  if (!parsed.ok) {
    report.refused.push(parsed.problem);
    return report;
  }
  if (!parsed.fields.has("month") && !parsed.fields.has("date")) {
    report.refused.push({
      line: 1,
      code: "IMPORT.MISSING_COLUMN",
      detail: {
        column: "month/date",
        accepted: [...RATING_HEADERS.month, ...RATING_HEADERS.date].join(" / "),
      },
    });
    return report;
  }
  report.rows = parsed.rows.length;
  const book = await personBook(ctx.db);
  const currentMonth = monthOf(shanghaiDate(ctx.clock.now()));
  const totals = new Map<
    string,
    { month: string; personId: string; satisfied: number; basic: number; unsatisfied: number }
  >();
  const monthRows = new Map<string, number>();
  const closed = new Map<string, boolean>();
  for (const row of parsed.rows) {
    const problems = report.refused.length;
    const who = book.resolve(row.get("person"));
    if (!who.ok) report.refused.push({ line: row.line, code: who.code, detail: who.detail });
    const dateCell = row.get("date");
    const monthCell = row.get("month");
    let month: string | null = null;
    let byDay = false;
    if (dateCell) {
      const d = parseDateCell(dateCell);
      if (!d) report.refused.push({ line: row.line, code: "IMPORT.BAD_DATE", detail: { value: dateCell } });
      else {
        month = monthOf(d);
        byDay = true;
      }
    } else if (monthCell) {
      month = parseMonthCell(monthCell);
      if (!month)
        report.refused.push({ line: row.line, code: "IMPORT.BAD_MONTH", detail: { value: monthCell } });
    } else
      report.refused.push({ line: row.line, code: "IMPORT.MISSING_VALUE", detail: { column: "month/date" } });
    const counts = (["satisfied", "basic", "unsatisfied"] as const).map((f) => {
      const n = wholeNumber(row.get(f));
      if (n === null)
        report.refused.push({
          line: row.line,
          code: "IMPORT.BAD_COUNT",
          detail: { column: f, value: row.get(f) },
        });
      return n ?? 0;
    });
    if (month && month > currentMonth)
      report.refused.push({ line: row.line, code: "IMPORT.FUTURE_MONTH", detail: { month } });
    if (month) {
      if (!closed.has(month)) closed.set(month, await isClosed(ctx.db, month));
      if (closed.get(month))
        report.refused.push({ line: row.line, code: "IMPORT.MONTH_CLOSED", detail: { month } });
    }
    if (report.refused.length > problems || !who.ok || !month) continue;
    const key = `${month}:${who.id}`;
    // Day rows add up; a month row stands alone (a second one for the same person is a mistake).
    if (!byDay) {
      if (monthRows.has(key) || totals.has(key)) {
        report.refused.push({
          line: row.line,
          code: "IMPORT.DUPLICATE_ROW",
          detail: { other: monthRows.get(key) ?? 0 },
        });
        continue;
      }
      monthRows.set(key, row.line);
    } else if (monthRows.has(key)) {
      report.refused.push({
        line: row.line,
        code: "IMPORT.DUPLICATE_ROW",
        detail: { other: monthRows.get(key) },
      });
      continue;
    }
    const t = totals.get(key) ?? { month, personId: who.id, satisfied: 0, basic: 0, unsatisfied: 0 };
    t.satisfied += counts[0]!;
    t.basic += counts[1]!;
    t.unsatisfied += counts[2]!;
    totals.set(key, t);
    report.taken.push({ line: row.line, summary: `${month} ${book.name(who.id)} ${counts.join("/")}` });
  }
  report.totals = {
    people: new Set([...totals.values()].map((t) => t.personId)).size,
    months: new Set([...totals.values()].map((t) => t.month)).size,
  };
  if (report.refused.length > 0 || opts.dryRun) return report;
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    for (const v of totals.values()) {
      const data = { satisfied: v.satisfied, basic: v.basic, unsatisfied: v.unsatisfied };
      await tx.rating.upsert({
        where: { month_personId: { month: v.month, personId: v.personId } },
        create: { month: v.month, personId: v.personId, ...data },
        update: data,
      });
    }
    await audit(
      tx,
      now,
      opts.actor,
      "ratings.import",
      "Rating",
      [...new Set([...totals.values()].map((v) => v.month))].join(","),
      null,
      {
        rows: report.rows,
        people: totals.size,
      },
    );
  });
  report.written = true;
  return report;
}
