// RULES.md §2: "一年内" is the calendar year, and a request that crosses New Year counts in each year only
// the days that fall in it (year-to-date figures, the annual-leave balance, the 30/60/20-day rules). This
// splits a request, or a booked one, by year on the kind's day basis (the domain calendar counts each part).
import type { Prisma } from "../db/client.ts";
import type { DayBasis, HalfDayPoint, WorkCalendar } from "../domain/calendar.ts";
import { yearOf } from "../domain/dates.ts";
import type { Result } from "../domain/result.ts";
import { ok } from "../domain/result.ts";

/** A request as stored: what its year share is worked out from. */
export type BookedSpan = Pick<
  Prisma.RequestModel,
  "startDate" | "startHalf" | "endDate" | "endHalf" | "halfDays" | "annualOffsetHalfDays"
>;

export interface YearPart {
  year: number;
  /** The request's half days in this year, on its kind's day basis. */
  halfDays: number;
}

const point = (date: string, half: string): HalfDayPoint => ({ date, half: half === "pm" ? "pm" : "am" });

/** The part of [start, end] inside `year`, or null when none of it is. */
function clip(start: HalfDayPoint, end: HalfDayPoint, year: number): [HalfDayPoint, HalfDayPoint] | null {
  const from = yearOf(start.date) < year ? { date: `${year}-01-01`, half: "am" as const } : start;
  const to = yearOf(end.date) > year ? { date: `${year}-12-31`, half: "pm" as const } : end;
  if (yearOf(from.date) !== year || yearOf(to.date) !== year) return null;
  return [from, to];
}

/**
 * The half days of [start, end] in each calendar year it touches, oldest first (years with none left out
 * only when they have no half day on the basis, e.g. a 事假 over New Year's Day alone). One entry for a
 * request inside one year. Fails as countHalfDays does (a year the calendar lacks).
 */
export function halfDaysByYear(
  calendar: WorkCalendar,
  basis: DayBasis,
  start: HalfDayPoint,
  end: HalfDayPoint,
): Result<YearPart[]> {
  const first = yearOf(start.date);
  const last = yearOf(end.date);
  if (first === last) {
    const n = calendar.countHalfDays(start, end, basis);
    return n.ok ? ok([{ year: first, halfDays: n.value }]) : n;
  }
  const parts: YearPart[] = [];
  for (let y = first; y <= last; y++) {
    const range = clip(start, end, y);
    if (!range) continue;
    const n = calendar.countHalfDays(range[0], range[1], basis);
    if (!n.ok) return n;
    if (n.value > 0 || y === first) parts.push({ year: y, halfDays: n.value });
  }
  return ok(parts);
}

/**
 * A booked request's share of `year`: its half days there and the part of its annual-leave offset there.
 * The offset covers the request's first days (§3(一) 先用年休假冲抵; the month split in monthScores.ts does
 * the same), so across New Year it falls in the earlier year first. A request inside one year counts
 * wholly there; when a year's calendar is missing, the request counts wholly in its start year (as before
 * issue #12), never failing a preview.
 */
export function yearShare(
  calendar: WorkCalendar,
  basis: DayBasis,
  r: BookedSpan,
  year: number,
): { halfDays: number; annualOffsetHalfDays: number } {
  const whole = (y: number) =>
    y === year ? { halfDays: r.halfDays, annualOffsetHalfDays: r.annualOffsetHalfDays } : NONE;
  const startYear = yearOf(r.startDate);
  if (startYear === yearOf(r.endDate)) return whole(startYear);
  const start = point(r.startDate, r.startHalf);
  const end = point(r.endDate, r.endHalf);
  const range = clip(start, end, year);
  if (!range) return NONE;
  const inYear = calendar.countHalfDays(range[0], range[1], basis);
  const earlier =
    year > startYear
      ? calendar.countHalfDays(start, { date: `${year - 1}-12-31`, half: "pm" }, basis)
      : ok(0);
  if (!inYear.ok || !earlier.ok) return whole(startYear);
  const offset = Math.min(inYear.value, Math.max(0, r.annualOffsetHalfDays - earlier.value));
  return { halfDays: inYear.value, annualOffsetHalfDays: offset };
}

const NONE = Object.freeze({ halfDays: 0, annualOffsetHalfDays: 0 });
