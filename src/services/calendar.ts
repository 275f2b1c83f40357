// The working-day calendar at run time (RULES.md §2): the chinese-days package's official schedule
// (国务院办公厅 notices, 2004 onwards), overlaid with years the center loaded itself. A loaded year
// replaces the package's data for that year, so a late or corrected notice can be entered without
// waiting for a package release.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Db } from "../db/client.ts";
import { createWorkCalendar, type HolidaySchedule, type WorkCalendar } from "../domain/calendar.ts";
import { addDays, isIsoDate, weekday, yearOf } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { type Clock, systemClock } from "./clock.ts";

/** The CLI command that loads a year; named in every "year not loaded" message. */
export const CALENDAR_IMPORT_COMMAND = "npm run --silent cli -- calendar import <file>";

export interface NamedDate {
  date: string;
  name: string;
}
export interface YearSchedule {
  year: number;
  holidays: NamedDate[];
  workdays: NamedDate[];
}

// ---------------------------------------------------------------------------------------------
// The package's data.

const require = createRequire(import.meta.url);

interface PackageData {
  holidays: Record<string, string>; // "2026-02-15" → "Spring Festival,春节,4"
  workdays: Record<string, string>;
}

let packageCache: { years: number[]; data: PackageData } | undefined;

function packageData(): { years: number[]; data: PackageData } {
  if (!packageCache) {
    const file = require.resolve("chinese-days/dist/chinese-days.json");
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as PackageData;
    // A year is covered only when the package ships its schedule (dist/years/<year>.json).
    const years = fs
      .readdirSync(path.join(path.dirname(file), "years"))
      .map((f) => /^(\d{4})\.json$/.exec(f)?.[1])
      .filter((y): y is string => y !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    packageCache = { years, data };
  }
  return packageCache;
}

/** "Spring Festival,春节,4" → "春节" (the interface is Chinese by default). */
function packageName(value: string): string {
  const parts = value.split(",");
  return (parts[1] ?? parts[0] ?? "").trim();
}

/** The years the chinese-days package covers. */
export function packageYears(): number[] {
  return [...packageData().years];
}

/** The package's official schedule alone (no center overrides). */
export function packageHolidaySchedule(): HolidaySchedule {
  return buildHolidaySchedule([]);
}

/** The package's schedule with the given center-loaded years replacing the package's data for those years. */
export function buildHolidaySchedule(loaded: readonly YearSchedule[]): HolidaySchedule {
  const { years, data } = packageData();
  const overridden = new Set(loaded.map((y) => y.year));
  const holidays = new Map<string, string>();
  const makeUpWorkdays = new Map<string, string>();
  for (const [date, v] of Object.entries(data.holidays)) {
    if (!overridden.has(yearOf(date))) holidays.set(date, packageName(v));
  }
  for (const [date, v] of Object.entries(data.workdays)) {
    if (!overridden.has(yearOf(date))) makeUpWorkdays.set(date, packageName(v));
  }
  for (const y of loaded) {
    for (const d of y.holidays) holidays.set(d.date, d.name);
    for (const d of y.workdays) makeUpWorkdays.set(d.date, d.name);
  }
  const allYears = [...new Set([...years, ...overridden])].sort((a, b) => a - b);
  return { years: allYears, holidays, makeUpWorkdays };
}

// ---------------------------------------------------------------------------------------------
// Database.

/** The years the center loaded, with their days. */
export async function loadedYears(db: Db): Promise<YearSchedule[]> {
  const [years, days] = await Promise.all([
    db.calendarYear.findMany({ orderBy: { year: "asc" } }),
    db.calendarDay.findMany({ orderBy: { date: "asc" } }),
  ]);
  return years.map(({ year }) => {
    const own = days.filter((d) => d.year === year);
    return {
      year,
      holidays: own.filter((d) => !d.work).map(({ date, name }) => ({ date, name })),
      workdays: own.filter((d) => d.work).map(({ date, name }) => ({ date, name })),
    };
  });
}

export async function loadHolidaySchedule(db: Db): Promise<HolidaySchedule> {
  return buildHolidaySchedule(await loadedYears(db));
}

export async function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  return createWorkCalendar(await loadHolidaySchedule(db));
}

/** Start-up check: fails loudly, naming the command that loads the missing year. */
export function assertCalendarCovers(calendar: WorkCalendar, year: number): void {
  if (calendar.coversYear(year)) return;
  throw new Error(
    `工作日历没有 ${year} 年的国家法定节假日安排，无法计算工作日。请用 "${CALENDAR_IMPORT_COMMAND}" 导入 ${year} 年的安排（JSON 或 .ics）。\n` +
      `The working-day calendar has no official holiday schedule for ${year}. Load it with "${CALENDAR_IMPORT_COMMAND}" (JSON or .ics).`,
  );
}

// ---------------------------------------------------------------------------------------------
// Import.

// Sanity bounds for one year's notice: 11–13 statutory days plus the weekends inside the breaks give
// 22–33 listed holidays in 2004–2026; make-up working days have been 5–12.
const MIN_HOLIDAYS = 10;
const MAX_HOLIDAYS = 45;
const MAX_WORKDAYS = 15;

/**
 * Validates a year's schedule. Codes: CALENDAR.BAD_YEAR {year}, CALENDAR.BAD_DATE {date},
 * CALENDAR.DATE_OUTSIDE_YEAR {date, year}, CALENDAR.DUPLICATE_DATE {date},
 * CALENDAR.HOLIDAY_AND_WORKDAY {date}, CALENDAR.WORKDAY_NOT_WEEKEND {date},
 * CALENDAR.HOLIDAY_COUNT {count, min, max}, CALENDAR.WORKDAY_COUNT {count, max}.
 */
export function validateYearSchedule(input: unknown): Result<YearSchedule> {
  if (typeof input !== "object" || input === null)
    return err("CALENDAR.BAD_FILE", { reason: "not an object" });
  const o = input as Record<string, unknown>;
  const year = o.year;
  if (typeof year !== "number" || !Number.isInteger(year) || year < 2000 || year > 2100) {
    return err("CALENDAR.BAD_YEAR", { year });
  }
  const lists: Record<"holidays" | "workdays", NamedDate[]> = { holidays: [], workdays: [] };
  const seen = new Map<string, "holidays" | "workdays">();
  for (const key of ["holidays", "workdays"] as const) {
    const raw = o[key] ?? (key === "workdays" ? [] : undefined);
    if (!Array.isArray(raw)) return err("CALENDAR.BAD_FILE", { reason: `"${key}" must be a list` });
    for (const entry of raw) {
      const e = (typeof entry === "string" ? { date: entry } : entry) as Record<string, unknown> | null;
      const date = e?.date;
      const name = e?.name ?? "";
      if (typeof date !== "string" || !isIsoDate(date)) return err("CALENDAR.BAD_DATE", { date });
      if (typeof name !== "string") return err("CALENDAR.BAD_FILE", { reason: `bad name for ${date}` });
      if (yearOf(date) !== year) return err("CALENDAR.DATE_OUTSIDE_YEAR", { date, year });
      const before = seen.get(date);
      if (before === key) return err("CALENDAR.DUPLICATE_DATE", { date });
      if (before) return err("CALENDAR.HOLIDAY_AND_WORKDAY", { date });
      seen.set(date, key);
      // A make-up working day (调休上班) is always a weekend day: a weekday is a working day anyway.
      if (key === "workdays" && weekday(date) !== 0 && weekday(date) !== 6) {
        return err("CALENDAR.WORKDAY_NOT_WEEKEND", { date });
      }
      lists[key].push({ date, name: name.trim() });
    }
  }
  if (lists.holidays.length < MIN_HOLIDAYS || lists.holidays.length > MAX_HOLIDAYS) {
    return err("CALENDAR.HOLIDAY_COUNT", {
      count: lists.holidays.length,
      min: MIN_HOLIDAYS,
      max: MAX_HOLIDAYS,
    });
  }
  if (lists.workdays.length > MAX_WORKDAYS) {
    return err("CALENDAR.WORKDAY_COUNT", { count: lists.workdays.length, max: MAX_WORKDAYS });
  }
  const byDate = (a: NamedDate, b: NamedDate) => a.date.localeCompare(b.date);
  return ok({ year, holidays: lists.holidays.sort(byDate), workdays: lists.workdays.sort(byDate) });
}

/**
 * Parses a schedule file: JSON `{"year":2027,"holidays":[{"date","name"}…],"workdays":[…]}`, or an .ics
 * calendar like the ones chinese-days ships (events "元旦(休)" / "春节(班)", or "(Holiday)" / "(Workday)").
 * An .ics holding several years needs `year`. Codes: CALENDAR.BAD_FILE {reason}, CALENDAR.ICS_YEARS {years}.
 */
export function parseScheduleFile(text: string, fileName: string, year?: number): Result<unknown> {
  const isIcs = /\.ics$/i.test(fileName) || text.trimStart().startsWith("BEGIN:VCALENDAR");
  if (!isIcs) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (year !== undefined && typeof parsed === "object" && parsed !== null) {
        const y = (parsed as { year?: unknown }).year;
        if (y !== year)
          return err("CALENDAR.BAD_FILE", { reason: `the file is for ${String(y)}, not ${year}` });
      }
      return ok(parsed);
    } catch (e) {
      return err("CALENDAR.BAD_FILE", { reason: `not JSON: ${(e as Error).message}` });
    }
  }
  const events = parseIcsEvents(text);
  if (!events.ok) return events;
  const holidays: NamedDate[] = [];
  const workdays: NamedDate[] = [];
  for (const ev of events.value) {
    for (let d = ev.start; d < ev.endExclusive; d = addDays(d, 1)) {
      (ev.work ? workdays : holidays).push({ date: d, name: ev.name });
    }
  }
  const years = [...new Set([...holidays, ...workdays].map((d) => yearOf(d.date)))].sort((a, b) => a - b);
  const chosen = year ?? (years.length === 1 ? years[0] : undefined);
  if (chosen === undefined) return err("CALENDAR.ICS_YEARS", { years });
  const inYear = (d: NamedDate) => yearOf(d.date) === chosen;
  return ok({ year: chosen, holidays: holidays.filter(inYear), workdays: workdays.filter(inYear) });
}

interface IcsEvent {
  start: string;
  endExclusive: string;
  name: string;
  work: boolean;
}

function parseIcsEvents(text: string): Result<IcsEvent[]> {
  // Unfold continuation lines (RFC 5545 §3.1).
  const lines = text
    .replace(/\r\n/g, "\n")
    .replace(/\n[ \t]/g, "")
    .split("\n");
  const events: IcsEvent[] = [];
  let cur: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") cur = {};
    else if (line === "END:VEVENT" && cur) {
      const start = icsDate(cur.DTSTART);
      if (!start)
        return err("CALENDAR.BAD_FILE", { reason: `event without an all-day DTSTART: ${cur.SUMMARY ?? ""}` });
      const end = icsDate(cur.DTEND) ?? addDays(start, 1);
      const summary = cur.SUMMARY ?? "";
      const m = /^(.*?)\s*[(（](休|班|Holiday|Workday)[)）]\s*$/i.exec(summary);
      const special = cur["X-APPLE-SPECIAL-DAY"];
      let work: boolean | undefined;
      if (m) work = /^(班|workday)$/i.test(m[2]!);
      else if (special === "ALTERNATE-WORKDAY" || cur.DESCRIPTION === "班") work = true;
      else if (special === "WORK-HOLIDAY" || cur.DESCRIPTION === "休") work = false;
      if (work === undefined) {
        return err("CALENDAR.BAD_FILE", { reason: `cannot tell holiday (休) from workday (班): ${summary}` });
      }
      events.push({ start, endExclusive: end, name: (m?.[1] ?? summary).trim(), work });
      cur = null;
    } else if (cur) {
      const i = line.indexOf(":");
      if (i > 0) cur[line.slice(0, i).split(";")[0]!.toUpperCase()] = line.slice(i + 1).trim();
    }
  }
  if (events.length === 0) return err("CALENDAR.BAD_FILE", { reason: "no events in the .ics file" });
  return ok(events);
}

function icsDate(v: string | undefined): string | undefined {
  const m = v ? /^(\d{4})(\d{2})(\d{2})$/.exec(v) : null;
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(d) ? d : undefined;
}

export interface ImportReport {
  year: number;
  holidays: number;
  workdays: number;
  /** The year was already loaded by the center (its previous data was replaced). */
  replaced: boolean;
}

/**
 * Loads (or replaces) one year's official schedule: validated first, then days, year row and AuditLog
 * in one transaction, so a refused file writes nothing.
 */
export async function importHolidaySchedule(
  db: Db,
  input: unknown,
  actor: string,
  opts: { source?: string; clock?: Clock } = {},
): Promise<Result<ImportReport>> {
  const source = opts.source ?? "import";
  const now = (opts.clock ?? systemClock).now();
  const v = validateYearSchedule(input);
  if (!v.ok) return v;
  const { year, holidays, workdays } = v.value;
  const replaced = await db.$transaction(async (tx) => {
    const previous = await tx.calendarYear.findUnique({ where: { year } });
    const previousDays = previous
      ? await tx.calendarDay.findMany({ where: { year }, orderBy: { date: "asc" } })
      : [];
    await tx.calendarDay.deleteMany({ where: { year } });
    await tx.calendarDay.createMany({
      data: [
        ...holidays.map((d) => ({ date: d.date, year, work: false, name: d.name })),
        ...workdays.map((d) => ({ date: d.date, year, work: true, name: d.name })),
      ],
    });
    await tx.calendarYear.upsert({
      where: { year },
      create: { year, source, loadedBy: actor, loadedAt: now },
      update: { source, loadedBy: actor, loadedAt: now },
    });
    await tx.auditLog.create({
      data: {
        at: now,
        actorId: actor,
        action: "calendar.import",
        entity: "CalendarYear",
        entityId: String(year),
        before: previous
          ? JSON.stringify({
              source: previous.source,
              holidays: previousDays.filter((d) => !d.work).map((d) => d.date),
              workdays: previousDays.filter((d) => d.work).map((d) => d.date),
            })
          : null,
        after: JSON.stringify({ source, holidays, workdays }),
      },
    });
    return previous !== null;
  });
  return ok({ year, holidays: holidays.length, workdays: workdays.length, replaced });
}
