// China's official working-day calendar on Asia/Shanghai civil dates (RULES.md §2):
// weekends off, statutory holidays (法定节假日) off, make-up working days (调休上班) on.
// The schedule is data (src/services/calendar.ts builds it); this module only does arithmetic.
// A year without a known schedule is never guessed at: holidays would silently become workdays.
import {
  addDays,
  datesInRange,
  firstDayOfMonth,
  isIsoDate,
  isMonth,
  lastDayOfMonth,
  weekday,
  yearOf,
} from "./dates.ts";
import { err, ok, type Result } from "./result.ts";

export type Half = "am" | "pm";
export interface HalfDayPoint {
  date: string;
  half: Half;
}
export type DayBasis = "working" | "calendar";

export interface HolidaySchedule {
  years: readonly number[]; // years whose official schedule is known
  holidays: ReadonlyMap<string, string>; // date → holiday name (法定节假日, off)
  makeUpWorkdays: ReadonlyMap<string, string>; // date → name (调休上班, on)
}

export interface WorkCalendar {
  coversYear(year: number): boolean;
  /** Throws CalendarYearNotLoaded for an uncovered year. */
  isWorkingDay(date: string): boolean;
  /**
   * Half days from start to end inclusive. "working": only working days' halves; "calendar": every day.
   * Codes: CALENDAR.BAD_DATE {date}, CALENDAR.YEAR_NOT_LOADED {year} (working basis only),
   * LEAVE.END_BEFORE_START.
   */
  countHalfDays(start: HalfDayPoint, end: HalfDayPoint, basis: DayBasis): Result<number>;
  /** Throws CalendarYearNotLoaded for an uncovered year. */
  workingDaysInMonth(month: string): number;
  /** First working day strictly after date. */
  nextWorkingDay(date: string): string;
  firstWorkingDayOfMonth(month: string): string;
  /** The n-th working day after date (n > 0), before it (n < 0); n = 0 → date itself. */
  addWorkingDays(date: string, n: number): string;
  holidayName(date: string): string | undefined;
  /** Name of the make-up working day (调休上班) on date, if it is one. */
  makeUpWorkdayName(date: string): string | undefined;
}

/** Thrown by the non-Result methods for a year whose official schedule is not loaded. */
export class CalendarYearNotLoaded extends Error {
  readonly code = "CALENDAR.YEAR_NOT_LOADED";
  constructor(readonly year: number) {
    super(`the official holiday schedule for ${year} is not loaded (calendar import)`);
    this.name = "CalendarYearNotLoaded";
  }
}

const HALF_ORDER: Record<Half, number> = { am: 0, pm: 1 };

export function createWorkCalendar(schedule: HolidaySchedule): WorkCalendar {
  const years = new Set(schedule.years);
  const coversYear = (year: number) => years.has(year);

  const isWorkingDay = (date: string): boolean => {
    const year = yearOf(date);
    if (!coversYear(year)) throw new CalendarYearNotLoaded(year);
    if (schedule.holidays.has(date)) return false;
    if (schedule.makeUpWorkdays.has(date)) return true;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  };

  const step = (date: string, dir: 1 | -1): string => {
    let d = addDays(date, dir);
    while (!isWorkingDay(d)) d = addDays(d, dir);
    return d;
  };

  return {
    coversYear,
    isWorkingDay,

    countHalfDays(start, end, basis) {
      for (const p of [start, end]) {
        if (!isIsoDate(p.date) || !(p.half in HALF_ORDER)) return err("CALENDAR.BAD_DATE", { date: p.date });
      }
      if (
        start.date > end.date ||
        (start.date === end.date && HALF_ORDER[start.half] > HALF_ORDER[end.half])
      ) {
        return err("LEAVE.END_BEFORE_START", { start, end });
      }
      // Calendar basis counts every day and needs no holiday data; working basis needs every year touched.
      if (basis === "working") {
        for (let y = yearOf(start.date); y <= yearOf(end.date); y++) {
          if (!coversYear(y)) return err("CALENDAR.YEAR_NOT_LOADED", { year: y });
        }
      }
      let halves = 0;
      for (const d of datesInRange(start.date, end.date)) {
        if (basis === "working" && !isWorkingDay(d)) continue;
        // Start on a pm: the morning is not taken; end on an am: the afternoon is not taken.
        halves +=
          2 -
          (d === start.date && start.half === "pm" ? 1 : 0) -
          (d === end.date && end.half === "am" ? 1 : 0);
      }
      return ok(halves);
    },

    workingDaysInMonth(month) {
      if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
      return datesInRange(firstDayOfMonth(month), lastDayOfMonth(month)).filter(isWorkingDay).length;
    },

    nextWorkingDay: (date) => step(date, 1),

    firstWorkingDayOfMonth(month) {
      if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
      return step(addDays(firstDayOfMonth(month), -1), 1);
    },

    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new RangeError(`not a whole number of working days: ${n}`);
      let d = date;
      for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1);
      return d;
    },

    holidayName: (date) => schedule.holidays.get(date),
    makeUpWorkdayName: (date) => schedule.makeUpWorkdays.get(date),
  };
}
