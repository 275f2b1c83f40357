// Attendance-machine export (考勤机) → proposed S-ATT-LATE / S-ATT-NOPUNCH / S-ATT-OFFPOST /
// S-ATT-ABSENT records (RULES.md §4 ①–③), state "proposed": nothing counts until inspection confirms.
// Working days come from the calendar; halves covered by approved leave or trips are skipped; the
// hall's hours are settings (operations.attendance, defaults in closeSettings.ts). Only days the export
// covers (a day with at least one punch by anyone) are judged, so a partial export never makes everyone
// absent.
import { catalogItem } from "../../domain/catalog.ts";
import { isMonth, lastDayOfMonth, monthOf, shanghaiDate } from "../../domain/dates.ts";
import { err, ok, type Result } from "../../domain/result.ts";
import { audit } from "../approvals.ts";
import { type AttendanceSettings, afternoonStart } from "../closeSettings.ts";
import type { ServiceContext } from "../context.ts";
import { isClosed } from "../monthScores.ts";
import type { Notify } from "../notify.ts";
import { hasCenterRole } from "../org.ts";
import { emptyReport, type ImportReport, parseCsv, personBook } from "./common.ts";
import { parseDateCell } from "./ratings.ts";

export const ATTENDANCE_HEADERS = {
  person: ["person", "人员", "姓名", "工作人员", "slackid", "id", "name", "工号"],
  datetime: ["datetime", "打卡时间", "签到时间", "punch", "punchtime", "时间戳"],
  date: ["date", "日期", "考勤日期"],
  time: ["time", "times", "时间", "打卡", "打卡记录", "punches"],
} as const;

export type AttendanceCode = "S-ATT-LATE" | "S-ATT-NOPUNCH" | "S-ATT-OFFPOST" | "S-ATT-ABSENT";

export interface ProposedAttendance {
  personId: string;
  date: string;
  code: AttendanceCode;
  /** Half days for S-ATT-ABSENT, else 1. */
  count: number;
  note: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const fromMinutes = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** "8:25", "08:25:13" → "08:25"; null otherwise. */
export function parseTimeCell(s: string): string | null {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(s.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1]!.padStart(2, "0")}:${m[2]}`;
}

interface Segment {
  halves: ("am" | "pm")[];
  start: number;
  end: number;
}

const HALF_ZH = { am: "上午", pm: "下午" } as const;

/**
 * The findings of one person on one working day. `covered` halves (leave, trips) are not judged.
 * 4 punches a day: in and out each half; 2 a day: in at the start and out at the end of the
 * uncovered part of the day. Lateness per the scoring settings: ≤ lateMax → late (a gap up to
 * offPostMin also late when gapCountsAsLate), ≥ offPostMin → off post; a segment without any punch
 * is absent for its half days; a segment with one punch misses the other (NOPUNCH).
 */
export function judgeDay(
  date: string,
  punches: readonly string[],
  covered: ReadonlySet<"am" | "pm">,
  hours: AttendanceSettings,
  late: { lateMaxMinutes: number; gapCountsAsLate: boolean; offPostMinMinutes: number },
): Omit<ProposedAttendance, "personId">[] {
  const am = { start: toMinutes(hours.amStart), end: toMinutes(hours.amEnd) };
  const pm = { start: toMinutes(afternoonStart(hours, date)), end: toMinutes(hours.pmEnd) };
  const open = (["am", "pm"] as const).filter((h) => !covered.has(h));
  if (open.length === 0) return [];
  const segments: Segment[] =
    hours.punchesPerDay === 4 || open.length === 1
      ? open.map((h) => ({ halves: [h], ...(h === "am" ? am : pm) }))
      : [{ halves: ["am", "pm"], start: am.start, end: pm.end }];
  const split = (am.end + pm.start) / 2;
  const times = punches.map(toMinutes).sort((a, b) => a - b);
  const out: Omit<ProposedAttendance, "personId">[] = [];
  const minutesLate = (m: number): AttendanceCode | null => {
    if (m <= 0) return null;
    if (m <= late.lateMaxMinutes) return "S-ATT-LATE";
    if (m < late.offPostMinMinutes) return late.gapCountsAsLate ? "S-ATT-LATE" : null;
    return "S-ATT-OFFPOST";
  };
  for (const seg of segments) {
    const label = seg.halves.map((h) => HALF_ZH[h]).join("");
    const mine =
      segments.length === 1 ? times : times.filter((t) => (seg.halves[0] === "am" ? t < split : t >= split));
    if (mine.length === 0) {
      out.push({ date, code: "S-ATT-ABSENT", count: seg.halves.length, note: `${date} ${label}无打卡记录` });
      continue;
    }
    const first = mine[0]!;
    const last = mine[mine.length - 1]!;
    let inAt: number | null = first;
    let outAt: number | null = last;
    if (mine.length === 1 || first === last) {
      // One punch: the nearer end is the one made; the other is missing.
      if (Math.abs(first - seg.start) <= Math.abs(seg.end - first)) outAt = null;
      else inAt = null;
      out.push({
        date,
        code: "S-ATT-NOPUNCH",
        count: 1,
        note: `${date} ${label}${inAt === null ? "上班" : "下班"}缺签（仅 ${fromMinutes(first)} 一次打卡）`,
      });
    }
    if (inAt !== null) {
      const code = minutesLate(inAt - seg.start);
      if (code)
        out.push({
          date,
          code,
          count: 1,
          note: `${date} ${label}签到 ${fromMinutes(inAt)}，迟到 ${inAt - seg.start} 分钟（应 ${fromMinutes(seg.start)}）`,
        });
    }
    if (outAt !== null) {
      const code = minutesLate(seg.end - outAt);
      if (code)
        out.push({
          date,
          code,
          count: 1,
          note: `${date} ${label}签退 ${fromMinutes(outAt)}，早退 ${seg.end - outAt} 分钟（应 ${fromMinutes(seg.end)}）`,
        });
    }
  }
  return out;
}

/** Halves of `date` covered by the person's approved leave or trips. */
function coveredHalves(
  requests: readonly { startDate: string; startHalf: string; endDate: string; endHalf: string }[],
  date: string,
): Set<"am" | "pm"> {
  const covered = new Set<"am" | "pm">();
  for (const r of requests) {
    for (const h of ["am", "pm"] as const) {
      const afterStart = date > r.startDate || (date === r.startDate && (r.startHalf === "am" || h === "pm"));
      const beforeEnd = date < r.endDate || (date === r.endDate && (r.endHalf === "pm" || h === "am"));
      if (afterStart && beforeEnd) covered.add(h);
    }
  }
  return covered;
}

/** What a written attendance import tells (its notify): inspection reviews the month's proposals. */
export interface AttendanceImported {
  month: string;
  totals: Record<string, number>;
}

export async function importAttendance(
  ctx: ServiceContext,
  text: string,
  opts: { actor: string; dryRun?: boolean; notify?: Notify<AttendanceImported> },
): Promise<ImportReport & { month?: string; proposals?: ProposedAttendance[] }> {
  const report: ImportReport & { month?: string; proposals?: ProposedAttendance[] } = emptyReport(
    "attendance",
    !!opts.dryRun,
  );
  const parsed = parseCsv(text, ATTENDANCE_HEADERS, ["person"]);
  if (!parsed.ok) {
    report.refused.push(parsed.problem);
    return report;
  }
  if (!parsed.fields.has("datetime") && !(parsed.fields.has("date") && parsed.fields.has("time"))) {
    report.refused.push({
      line: 1,
      code: "IMPORT.MISSING_COLUMN",
      detail: {
        column: "datetime / date+time",
        accepted: [...ATTENDANCE_HEADERS.datetime, ...ATTENDANCE_HEADERS.date].join(" / "),
      },
    });
    return report;
  }
  report.rows = parsed.rows.length;
  const book = await personBook(ctx.db);
  const punches = new Map<string, Map<string, string[]>>(); // person → date → times
  const months = new Set<string>();
  for (const row of parsed.rows) {
    const before = report.refused.length;
    const who = book.resolve(row.get("person"));
    if (!who.ok) report.refused.push({ line: row.line, code: who.code, detail: who.detail });
    const found: { date: string; time: string }[] = [];
    const dt = row.get("datetime");
    if (dt) {
      const m = /^(.+?)[\sT]+(\d{1,2}:\d{2}(?::\d{2})?)$/.exec(dt);
      const date = m ? parseDateCell(m[1]!) : null;
      const time = m ? parseTimeCell(m[2]!) : null;
      if (!date || !time)
        report.refused.push({ line: row.line, code: "IMPORT.BAD_DATETIME", detail: { value: dt } });
      else found.push({ date, time });
    } else {
      const date = parseDateCell(row.get("date"));
      if (!date)
        report.refused.push({ line: row.line, code: "IMPORT.BAD_DATE", detail: { value: row.get("date") } });
      // A day's punches may share one cell: "08:21 11:58 13:55 17:36".
      const cells = row
        .get("time")
        .split(/[\s,;，；、]+/)
        .filter(Boolean);
      for (const c of cells) {
        const time = parseTimeCell(c);
        if (!time) report.refused.push({ line: row.line, code: "IMPORT.BAD_TIME", detail: { value: c } });
        else if (date) found.push({ date, time });
      }
    }
    if (report.refused.length > before || !who.ok) continue;
    const byDate = punches.get(who.id) ?? new Map<string, string[]>();
    for (const f of found) {
      byDate.set(f.date, [...(byDate.get(f.date) ?? []), f.time]);
      months.add(monthOf(f.date));
    }
    punches.set(who.id, byDate);
    report.taken.push({
      line: row.line,
      summary: `${book.name(who.id)} ${found.map((f) => `${f.date} ${f.time}`).join(" ")}`,
    });
  }
  if (report.refused.length > 0) return report;
  if (months.size !== 1) {
    report.refused.push({
      line: 0,
      code: months.size === 0 ? "IMPORT.EMPTY_FILE" : "IMPORT.MIXED_MONTHS",
      detail: { months: [...months].sort() },
    });
    return report;
  }
  const month = [...months][0]!;
  report.month = month;
  const today = shanghaiDate(ctx.clock.now());
  if (await isClosed(ctx.db, month)) {
    report.refused.push({ line: 0, code: "IMPORT.MONTH_CLOSED", detail: { month } });
    return report;
  }
  if (!ctx.calendar.coversYear(Number(month.slice(0, 4)))) {
    report.refused.push({
      line: 0,
      code: "CALENDAR.YEAR_NOT_LOADED",
      detail: { year: Number(month.slice(0, 4)) },
    });
    return report;
  }
  const days = [...new Set([...punches.values()].flatMap((m) => [...m.keys()]))]
    .filter((d) => d < today && ctx.calendar.isWorkingDay(d))
    .sort();
  const hours = ctx.settings.operations.attendance;
  const late = ctx.settings.scoring.lateMinutes;
  const people = await ctx.db.person.findMany({
    where: { windowId: { not: null }, joined: { lte: lastDayOfMonth(month) } },
    orderBy: { id: "asc" },
  });
  const requests = await ctx.db.request.findMany({
    where: { state: "approved", startDate: { lte: lastDayOfMonth(month) }, endDate: { gte: `${month}-01` } },
  });
  const proposals: ProposedAttendance[] = [];
  const unpunched: string[] = [];
  for (const p of people) {
    const mine = punches.get(p.id);
    // Someone with no punch at all in the export is not judged (not enrolled in the machine, or
    // away all month): reported for inspection to look at, never a month of "absent".
    if (!mine) {
      if (p.active) unpunched.push(p.id);
      continue;
    }
    const theirs = requests.filter((r) => r.requesterId === p.id);
    for (const d of days) {
      if (d < p.joined || (p.leftOn && d > p.leftOn)) continue;
      for (const f of judgeDay(d, mine.get(d) ?? [], coveredHalves(theirs, d), hours, late))
        proposals.push({ personId: p.id, ...f });
    }
  }
  report.proposals = proposals;
  const count = (code: string) => proposals.filter((x) => x.code === code).reduce((a, x) => a + x.count, 0);
  report.totals = {
    days: days.length,
    proposed: proposals.length,
    late: count("S-ATT-LATE"),
    nopunch: count("S-ATT-NOPUNCH"),
    offpost: count("S-ATT-OFFPOST"),
    absent: count("S-ATT-ABSENT"),
    notInExport: unpunched.length,
  };
  if (unpunched.length > 0)
    report.taken.push({
      line: 0,
      summary: `not in the export / 导出中无打卡: ${unpunched.map((id) => book.name(id)).join("、")}`,
    });
  if (opts.dryRun) return report;
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    // A re-import replaces the month's unconfirmed proposals; confirmed ones stay and are not proposed again.
    await tx.record.deleteMany({ where: { month, source: "attendance", state: "proposed" } });
    const kept = await tx.record.findMany({
      where: { month, source: "attendance", state: { in: ["active", "dismissed"] } },
      select: { personId: true, date: true, code: true, note: true },
    });
    const seen = new Set(kept.map((k) => `${k.personId}|${k.date}|${k.code}|${k.note}`));
    for (const x of proposals) {
      if (seen.has(`${x.personId}|${x.date}|${x.code}|${x.note}`)) continue;
      const points = catalogItem(x.code)!.min;
      await tx.record.create({
        data: {
          month,
          date: x.date,
          code: x.code,
          personId: x.personId,
          count: x.count,
          pointsHundredths: points,
          totalHundredths: points * x.count,
          note: x.note,
          filedBy: opts.actor,
          filedAt: now,
          source: "attendance",
          state: "proposed",
        },
      });
    }
    await audit(tx, now, opts.actor, "attendance.import", "Record", month, null, report.totals);
    // Inspection's review messages commit with the proposals (src/services/notify.ts).
    await opts.notify?.(tx, { month, totals: report.totals ?? {} });
  });
  report.written = true;
  return report;
}

/**
 * Inspection confirms the month's proposed attendance records (they start to count), except the ids
 * it dismisses. Codes: IMPORT.NOT_INSPECTION, IMPORT.MONTH_CLOSED {month}, IMPORT.CONFIRM_NONE {month}, CLOSE.BAD_MONTH.
 */
export async function confirmAttendance(
  ctx: ServiceContext,
  input: { month: string; actor: string; dismiss?: readonly number[] },
): Promise<Result<{ confirmed: number; dismissed: number }>> {
  if (!isMonth(input.month)) return err("CLOSE.BAD_MONTH", { month: input.month });
  if (!(await hasCenterRole(ctx.db, input.actor, "inspection"))) return err("IMPORT.NOT_INSPECTION");
  if (await isClosed(ctx.db, input.month)) return err("IMPORT.MONTH_CLOSED", { month: input.month });
  const now = ctx.clock.now();
  const dismiss = [...(input.dismiss ?? [])];
  return ctx.db.$transaction(async (tx) => {
    const where = { month: input.month, source: "attendance", state: "proposed" };
    const dismissed = await tx.record.updateMany({
      where: { ...where, id: { in: dismiss } },
      data: {
        state: "dismissed",
        revokedBy: input.actor,
        revokedAt: now,
        revokeReason: "dismissed at confirmation",
      },
    });
    const confirmed = await tx.record.updateMany({
      where,
      data: { state: "active", filedBy: input.actor, filedAt: now },
    });
    if (confirmed.count + dismissed.count === 0) return err("IMPORT.CONFIRM_NONE", { month: input.month });
    await audit(tx, now, input.actor, "attendance.confirm", "Record", input.month, null, {
      confirmed: confirmed.count,
      dismissed: dismissed.count,
    });
    return ok({ confirmed: confirmed.count, dismissed: dismissed.count });
  });
}
