// The center loads a year's official schedule into a real SQLite file (RULES.md §2); refused files write
// nothing; a loaded year replaces the package's data for that year.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CalendarYearNotLoaded } from "../../src/domain/calendar.ts";
import {
  assertCalendarCovers,
  importHolidaySchedule,
  loadWorkCalendar,
  parseScheduleFile,
} from "../../src/services/calendar.ts";
import { fixedClock } from "../../src/services/clock.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";

// A made-up 2027 schedule in the official shape (the real notice is not out when this is written).
const holidays2027 = [
  ...["01", "02", "03"].map((d) => ({ date: `2027-01-${d}`, name: "元旦" })),
  ...["06", "07", "08", "09", "10", "11", "12", "13", "14"].map((d) => ({
    date: `2027-02-${d}`,
    name: "春节",
  })),
  ...["03", "04", "05"].map((d) => ({ date: `2027-04-${d}`, name: "清明" })),
  ...["01", "02", "03", "04", "05"].map((d) => ({ date: `2027-05-${d}`, name: "劳动节" })),
  ...["01", "02", "03", "04", "05", "06", "07"].map((d) => ({ date: `2027-10-${d}`, name: "国庆节" })),
];
const workdays2027 = [
  { date: "2027-02-20", name: "春节" }, // Saturday
  { date: "2027-10-09", name: "国庆节" }, // Saturday
];
const schedule2027 = { year: 2027, holidays: holidays2027, workdays: workdays2027 };

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

async function counts() {
  return {
    days: await t.db.calendarDay.count(),
    years: await t.db.calendarYear.count(),
    audit: await t.db.auditLog.count({ where: { action: "calendar.import" } }),
  };
}

describe("refused schedules write nothing", () => {
  beforeEach(async () => {
    expect(await counts()).toEqual({ days: 0, years: 0, audit: 0 });
  });
  const bad: [string, unknown, string][] = [
    [
      "a date outside the year",
      { ...schedule2027, holidays: [...holidays2027, { date: "2028-01-01", name: "元旦" }] },
      "CALENDAR.DATE_OUTSIDE_YEAR",
    ],
    [
      "a date both holiday and workday",
      { ...schedule2027, workdays: [...workdays2027, { date: "2027-02-06", name: "春节" }] },
      "CALENDAR.HOLIDAY_AND_WORKDAY",
    ],
    [
      "a make-up workday on a weekday",
      { ...schedule2027, workdays: [{ date: "2027-02-15", name: "春节" }] },
      "CALENDAR.WORKDAY_NOT_WEEKEND",
    ],
    [
      "a duplicate date",
      { ...schedule2027, holidays: [...holidays2027, { date: "2027-01-01", name: "元旦" }] },
      "CALENDAR.DUPLICATE_DATE",
    ],
    [
      "an impossible date",
      { ...schedule2027, holidays: [...holidays2027, { date: "2027-02-29", name: "x" }] },
      "CALENDAR.BAD_DATE",
    ],
    ["too few holidays", { ...schedule2027, holidays: holidays2027.slice(0, 3) }, "CALENDAR.HOLIDAY_COUNT"],
    ["no year", { holidays: holidays2027, workdays: workdays2027 }, "CALENDAR.BAD_YEAR"],
    ["holidays not a list", { year: 2027, holidays: "2027-01-01" }, "CALENDAR.BAD_FILE"],
  ];
  it.each(bad)("%s", async (_label, input, code) => {
    const r = await importHolidaySchedule(t.db, input, "U_ADMIN");
    expect(r).toMatchObject({ ok: false, code });
    expect(await counts()).toEqual({ days: 0, years: 0, audit: 0 });
  });
});

describe("importing 2027", () => {
  it("before: 2027 is not covered and start-up refuses, naming the command", async () => {
    const cal = await loadWorkCalendar(t.db);
    expect(cal.coversYear(2027)).toBe(false);
    expect(() => cal.isWorkingDay("2027-01-01")).toThrow(CalendarYearNotLoaded);
    expect(() => assertCalendarCovers(cal, 2027)).toThrow(/calendar import/);
    expect(() => assertCalendarCovers(cal, 2027)).toThrow(/2027/);
    expect(() => assertCalendarCovers(cal, 2026)).not.toThrow();
  });

  it("loads the year in one go, with an AuditLog row", async () => {
    const clock = fixedClock("2026-12-01T02:00:00Z");
    const r = await importHolidaySchedule(t.db, schedule2027, "U_ADMIN", { source: "2027.json", clock });
    expect(r).toEqual({ ok: true, value: { year: 2027, holidays: 27, workdays: 2, replaced: false } });
    expect(await counts()).toEqual({ days: 29, years: 1, audit: 1 });
    const year = await t.db.calendarYear.findUniqueOrThrow({ where: { year: 2027 } });
    expect(year).toMatchObject({ source: "2027.json", loadedBy: "U_ADMIN" });
    expect(year.loadedAt.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "calendar.import" } });
    expect(audit).toMatchObject({
      actorId: "U_ADMIN",
      entity: "CalendarYear",
      entityId: "2027",
      before: null,
    });
  });

  it("after: 2027-01-01 is a holiday, the make-up Saturday is on, 2026 still comes from the package", async () => {
    const cal = await loadWorkCalendar(t.db);
    expect(cal.coversYear(2027)).toBe(true);
    expect(cal.isWorkingDay("2027-01-01")).toBe(false);
    expect(cal.holidayName("2027-01-01")).toBe("元旦");
    expect(cal.isWorkingDay("2027-02-20")).toBe(true);
    expect(cal.isWorkingDay("2027-02-21")).toBe(false); // ordinary Sunday
    expect(cal.isWorkingDay("2027-01-04")).toBe(true);
    expect(cal.isWorkingDay("2026-02-16")).toBe(false); // package: 春节 2026
    // Cross-year request: 2026-12-31 (Thu) + 2027-01-04 (Mon).
    expect(
      cal.countHalfDays({ date: "2026-12-31", half: "am" }, { date: "2027-01-04", half: "pm" }, "working"),
    ).toEqual({
      ok: true,
      value: 4,
    });
    expect(() => assertCalendarCovers(cal, 2027)).not.toThrow();
  });

  it("re-importing replaces the year's days and records what was there before", async () => {
    const smaller = { ...schedule2027, holidays: holidays2027.filter((d) => !d.date.startsWith("2027-04")) };
    const r = await importHolidaySchedule(t.db, smaller, "U_ADMIN2");
    expect(r).toEqual({ ok: true, value: { year: 2027, holidays: 24, workdays: 2, replaced: true } });
    expect(await counts()).toEqual({ days: 26, years: 1, audit: 2 });
    const cal = await loadWorkCalendar(t.db);
    expect(cal.isWorkingDay("2027-04-05")).toBe(true); // Monday, no longer a holiday
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "calendar.import", actorId: "U_ADMIN2" },
    });
    expect(JSON.parse(audit.before!).holidays).toContain("2027-04-05");
  });

  it("a loaded year replaces the package's data for that year", async () => {
    // The center's own 2026: one extra local holiday, and 2.28 not a make-up day.
    const pkgDir = path.resolve(import.meta.dirname, "../../node_modules/chinese-days/dist/years");
    const parsed = parseScheduleFile(fs.readFileSync(path.join(pkgDir, "2026.ics"), "utf8"), "2026.ics");
    expect(parsed.ok).toBe(true);
    const s = (
      parsed as { value: { year: number; holidays: { date: string }[]; workdays: { date: string }[] } }
    ).value;
    expect(s.year).toBe(2026);
    expect(s.holidays).toHaveLength(33);
    expect(s.workdays.map((d) => d.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    const own = {
      year: 2026,
      holidays: [...s.holidays, { date: "2026-03-09", name: "local" }],
      workdays: s.workdays.filter((d) => d.date !== "2026-02-28"),
    };
    expect((await importHolidaySchedule(t.db, own, "U_ADMIN")).ok).toBe(true);
    const cal = await loadWorkCalendar(t.db);
    expect(cal.isWorkingDay("2026-03-09")).toBe(false);
    expect(cal.isWorkingDay("2026-02-28")).toBe(false);
    expect(cal.isWorkingDay("2026-02-14")).toBe(true);
    expect(cal.isWorkingDay("2026-02-16")).toBe(false);
    expect(cal.isWorkingDay("2025-01-28")).toBe(false); // other package years untouched (春节 2025)
  });
});

describe("schedule files", () => {
  it("JSON in the documented shape", () => {
    const r = parseScheduleFile(JSON.stringify(schedule2027), "2027.json");
    expect(r).toEqual({ ok: true, value: schedule2027 });
    expect(parseScheduleFile("{not json", "2027.json")).toMatchObject({
      ok: false,
      code: "CALENDAR.BAD_FILE",
    });
  });

  it("the package's multi-year .ics needs a year", () => {
    const file = path.resolve(import.meta.dirname, "../../node_modules/chinese-days/dist/holidays.ics");
    const text = fs.readFileSync(file, "utf8");
    expect(parseScheduleFile(text, "holidays.ics")).toMatchObject({ ok: false, code: "CALENDAR.ICS_YEARS" });
    const r = parseScheduleFile(text, "holidays.ics", 2025);
    expect(r.ok && (r.value as { year: number }).year).toBe(2025);
  });

  it("an English .ics reads the same as the Chinese one", () => {
    const dir = path.resolve(import.meta.dirname, "../../node_modules/chinese-days/dist/years");
    const zh = parseScheduleFile(fs.readFileSync(path.join(dir, "2026.ics"), "utf8"), "2026.ics");
    const en = parseScheduleFile(fs.readFileSync(path.join(dir, "2026.en.ics"), "utf8"), "2026.en.ics");
    const dates = (r: typeof zh) =>
      r.ok ? (r.value as { holidays: { date: string }[] }).holidays.map((d) => d.date) : [];
    expect(dates(en)).toEqual(dates(zh));
    expect(dates(zh)).toContain("2026-02-23");
  });
});
