// WorkCalendar (RULES.md §2) on the real 2026 schedule shipped by chinese-days (国办发明电〔2025〕7号):
// 元旦 1.1–1.3 off, 1.4 (Sun) on; 春节 2.15–2.23 off, 2.14 (Sat) and 2.28 (Sat) on; 劳动节 5.1–5.5 off,
// 5.9 (Sat) on; 国庆/中秋 10.1–10.7 off, 9.20 (Sun) and 10.10 (Sat) on.
// Runs with TZ=America/Los_Angeles: nothing may depend on the machine's zone.
import { describe, expect, it } from "vitest";
import { CalendarYearNotLoaded, createWorkCalendar, type HalfDayPoint } from "../../src/domain/calendar.ts";
import { packageHolidaySchedule } from "../../src/services/calendar.ts";

const cal = createWorkCalendar(packageHolidaySchedule());
const p = (date: string, half: "am" | "pm"): HalfDayPoint => ({ date, half });

describe("2026 official schedule from the package", () => {
  it("covers 2004–2026 and not 2027", () => {
    expect(cal.coversYear(2004)).toBe(true);
    expect(cal.coversYear(2026)).toBe(true);
    expect(cal.coversYear(2003)).toBe(false);
    expect(cal.coversYear(2027)).toBe(false);
  });

  it("Spring Festival 2026-02-15..23 is off, weekdays included", () => {
    for (const d of ["15", "16", "17", "18", "19", "20", "21", "22", "23"]) {
      expect(cal.isWorkingDay(`2026-02-${d}`), d).toBe(false);
      expect(cal.holidayName(`2026-02-${d}`)).toBe("春节");
    }
    expect(cal.isWorkingDay("2026-02-13")).toBe(true); // Friday before
    expect(cal.isWorkingDay("2026-02-24")).toBe(true); // Tuesday after
  });

  it("make-up working days (调休) on weekends are on", () => {
    for (const d of ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]) {
      expect(cal.isWorkingDay(d), d).toBe(true);
      expect(cal.holidayName(d)).toBeUndefined();
    }
    expect(cal.makeUpWorkdayName("2026-02-14")).toBe("春节");
  });

  it("ordinary weekends are off, ordinary weekdays on", () => {
    expect(cal.isWorkingDay("2026-03-07")).toBe(false); // Saturday
    expect(cal.isWorkingDay("2026-03-08")).toBe(false); // Sunday
    expect(cal.isWorkingDay("2026-03-09")).toBe(true); // Monday
    expect(cal.isWorkingDay("2026-10-08")).toBe(true); // Thursday after National Day
  });

  it("working days per month", () => {
    // Feb 2026: 20 weekdays − 6 holiday weekdays (16–20, 23) + 2 make-up Saturdays (14, 28) = 16.
    expect(cal.workingDaysInMonth("2026-02")).toBe(16);
    // Oct 2026: 22 weekdays − 5 holiday weekdays (1, 2, 5, 6, 7) + 1 make-up Saturday (10) = 18.
    expect(cal.workingDaysInMonth("2026-10")).toBe(18);
    // Mar 2026: no holidays, 22 weekdays.
    expect(cal.workingDaysInMonth("2026-03")).toBe(22);
  });

  it("first, next and n-th working day", () => {
    expect(cal.firstWorkingDayOfMonth("2026-01")).toBe("2026-01-04"); // 1–3 off, Sunday 4 on
    expect(cal.firstWorkingDayOfMonth("2026-02")).toBe("2026-02-02");
    expect(cal.firstWorkingDayOfMonth("2026-10")).toBe("2026-10-08");
    expect(cal.nextWorkingDay("2026-02-13")).toBe("2026-02-14");
    expect(cal.nextWorkingDay("2026-02-14")).toBe("2026-02-24");
    expect(cal.nextWorkingDay("2026-03-06")).toBe("2026-03-09");
    expect(cal.addWorkingDays("2026-02-13", 2)).toBe("2026-02-24");
    expect(cal.addWorkingDays("2026-02-24", -2)).toBe("2026-02-13");
    expect(cal.addWorkingDays("2026-02-15", 0)).toBe("2026-02-15");
  });
});

describe("countHalfDays", () => {
  it("counts only working days on the working basis, every day on the calendar basis", () => {
    // 2.13 (Fri) + 2.14 (make-up Sat) + 2.24 (Tue) = 3 working days; 12 calendar days.
    expect(cal.countHalfDays(p("2026-02-13", "am"), p("2026-02-24", "pm"), "working")).toEqual({
      ok: true,
      value: 6,
    });
    expect(cal.countHalfDays(p("2026-02-13", "am"), p("2026-02-24", "pm"), "calendar")).toEqual({
      ok: true,
      value: 24,
    });
  });

  it("starts in the afternoon and ends in the morning as the halves say", () => {
    expect(cal.countHalfDays(p("2026-03-09", "am"), p("2026-03-09", "am"), "working")).toEqual({
      ok: true,
      value: 1,
    });
    expect(cal.countHalfDays(p("2026-03-09", "pm"), p("2026-03-09", "pm"), "working")).toEqual({
      ok: true,
      value: 1,
    });
    expect(cal.countHalfDays(p("2026-03-09", "am"), p("2026-03-09", "pm"), "working")).toEqual({
      ok: true,
      value: 2,
    });
    // Mon pm → Tue am: one afternoon + one morning.
    expect(cal.countHalfDays(p("2026-03-09", "pm"), p("2026-03-10", "am"), "working")).toEqual({
      ok: true,
      value: 2,
    });
    // Fri pm → Mon am across a normal weekend: 2 on working basis, 4 on calendar basis (Sat, Sun whole).
    expect(cal.countHalfDays(p("2026-03-06", "pm"), p("2026-03-09", "am"), "working")).toEqual({
      ok: true,
      value: 2,
    });
    expect(cal.countHalfDays(p("2026-03-06", "pm"), p("2026-03-09", "am"), "calendar")).toEqual({
      ok: true,
      value: 6,
    });
    // Starting on a holiday afternoon: that day adds nothing on the working basis.
    expect(cal.countHalfDays(p("2026-02-23", "pm"), p("2026-02-24", "am"), "working")).toEqual({
      ok: true,
      value: 1,
    });
  });

  it("a request that falls wholly on days off counts zero working half days", () => {
    expect(cal.countHalfDays(p("2026-02-16", "am"), p("2026-02-20", "pm"), "working")).toEqual({
      ok: true,
      value: 0,
    });
  });

  it("refuses an end before the start and bad dates", () => {
    expect(cal.countHalfDays(p("2026-03-09", "pm"), p("2026-03-09", "am"), "working")).toMatchObject({
      ok: false,
      code: "LEAVE.END_BEFORE_START",
    });
    expect(cal.countHalfDays(p("2026-03-10", "am"), p("2026-03-09", "pm"), "calendar")).toMatchObject({
      ok: false,
      code: "LEAVE.END_BEFORE_START",
    });
    expect(cal.countHalfDays(p("2026-02-30", "am"), p("2026-03-02", "pm"), "working")).toMatchObject({
      ok: false,
      code: "CALENDAR.BAD_DATE",
      detail: { date: "2026-02-30" },
    });
  });
});

describe("a year that is not loaded fails loudly", () => {
  it("countHalfDays across into 2027 on the working basis: CALENDAR.YEAR_NOT_LOADED", () => {
    expect(cal.countHalfDays(p("2026-12-31", "am"), p("2027-01-04", "pm"), "working")).toEqual({
      ok: false,
      code: "CALENDAR.YEAR_NOT_LOADED",
      detail: { year: 2027 },
    });
    // The calendar basis needs no holiday data: 5 days.
    expect(cal.countHalfDays(p("2026-12-31", "am"), p("2027-01-04", "pm"), "calendar")).toEqual({
      ok: true,
      value: 10,
    });
  });

  it("isWorkingDay and the stepping functions throw CalendarYearNotLoaded", () => {
    expect(() => cal.isWorkingDay("2027-01-01")).toThrow(CalendarYearNotLoaded);
    const thrown = (() => {
      try {
        cal.isWorkingDay("2027-03-01");
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(CalendarYearNotLoaded);
    expect(thrown).toMatchObject({ year: 2027, code: "CALENDAR.YEAR_NOT_LOADED" });
    expect(cal.nextWorkingDay("2026-12-30")).toBe("2026-12-31");
    expect(() => cal.nextWorkingDay("2026-12-31")).toThrow(CalendarYearNotLoaded);
    expect(() => cal.workingDaysInMonth("2027-01")).toThrow(CalendarYearNotLoaded);
    expect(() => cal.addWorkingDays("2026-12-30", 2)).toThrow(CalendarYearNotLoaded);
  });

  it("with 2027 added the same request counts", () => {
    const base = packageHolidaySchedule();
    const cal2027 = createWorkCalendar({
      years: [...base.years, 2027],
      holidays: new Map([...base.holidays, ["2027-01-01", "元旦"]]),
      makeUpWorkdays: base.makeUpWorkdays,
    });
    // 12.31 (Thu) + 1.4 (Mon); 1.1 off, 1.2–1.3 weekend.
    expect(cal2027.countHalfDays(p("2026-12-31", "am"), p("2027-01-04", "pm"), "working")).toEqual({
      ok: true,
      value: 4,
    });
    expect(cal2027.nextWorkingDay("2026-12-31")).toBe("2027-01-04");
  });
});

describe("a hand-made schedule", () => {
  const small = createWorkCalendar({
    years: [2030],
    holidays: new Map([["2030-05-01", "劳动节"]]), // Wednesday
    makeUpWorkdays: new Map([["2030-05-04", "劳动节"]]), // Saturday
  });
  it("a holiday on a weekday is off, a make-up Saturday on, the next Saturday off", () => {
    expect(small.isWorkingDay("2030-04-30")).toBe(true);
    expect(small.isWorkingDay("2030-05-01")).toBe(false);
    expect(small.isWorkingDay("2030-05-04")).toBe(true);
    expect(small.isWorkingDay("2030-05-11")).toBe(false);
    // Apr 29 (Mon) – May 5 (Sun): Mon, Tue, Thu, Fri, Sat(make-up) = 5 days.
    expect(small.countHalfDays(p("2030-04-29", "am"), p("2030-05-05", "pm"), "working")).toEqual({
      ok: true,
      value: 10,
    });
  });
});
