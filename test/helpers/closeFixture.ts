// A service context for the close, digest, reminder, import and export tests: a temp SQLite file with
// the organisation fixture (test/helpers/org.ts), the package's working calendar, the stored settings
// and a fixed clock; records are filed through the real records service.
import type { WorkCalendar } from "../../src/domain/calendar.ts";
import { createWorkCalendar } from "../../src/domain/calendar.ts";
import { parseHundredths } from "../../src/domain/points.ts";
import { buildHolidaySchedule, loadWorkCalendar, type YearSchedule } from "../../src/services/calendar.ts";
import { fixedClock } from "../../src/services/clock.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { fileRecord } from "../../src/services/records.ts";
import { contextSettings } from "../../src/services/settings.ts";
import { createTestDb, type TestDb } from "./db.ts";
import { ORG, seedOrg } from "./org.ts";

export type TestContext = ServiceContext & { clock: ReturnType<typeof fixedClock> };

export async function closeContext(now: string): Promise<{ t: TestDb; ctx: TestContext }> {
  const t = await createTestDb();
  await seedOrg(t.db);
  const ctx: TestContext = {
    db: t.db,
    clock: fixedClock(now),
    calendar: await loadWorkCalendar(t.db),
    ...(await contextSettings(t.db, fixedClock(now))),
  };
  return { t, ctx };
}

/** Files a record as inspection member 1 through the records service; throws if refused. */
export async function file(
  ctx: ServiceContext,
  target: { person: string } | { window: string },
  code: string,
  date: string,
  more: { points?: string; count?: number; note?: string } = {},
): Promise<void> {
  const r = await fileRecord(ctx, {
    filer: ORG.inspector1,
    target,
    code,
    date,
    ...(more.points ? { points: parseHundredths(more.points)! } : {}),
    ...(more.count ? { count: more.count } : {}),
    note: more.note ?? "",
  });
  if (!r.ok) throw new Error(`record refused: ${r.code} ${JSON.stringify(r.detail ?? {})}`);
}

/**
 * A 2027 schedule as the center would load it (the package stops at 2026; dates are illustrative):
 * New Year 2027-01-01..03 off, Spring Festival 2027-02-06..12 off with make-up Saturday 2027-02-13, …
 */
export const SCHEDULE_2027: YearSchedule = {
  year: 2027,
  holidays: [
    ...["2027-01-01", "2027-01-02", "2027-01-03"].map((date) => ({ date, name: "元旦" })),
    ...["06", "07", "08", "09", "10", "11", "12"].map((d) => ({ date: `2027-02-${d}`, name: "春节" })),
    ...["2027-04-03", "2027-04-04", "2027-04-05"].map((date) => ({ date, name: "清明节" })),
    ...["01", "02", "03", "04", "05"].map((d) => ({ date: `2027-05-${d}`, name: "劳动节" })),
    ...["2027-06-09", "2027-06-10", "2027-06-11"].map((date) => ({ date, name: "端午节" })),
    ...["2027-09-15", "2027-09-16", "2027-09-17"].map((date) => ({ date, name: "中秋节" })),
    ...["01", "02", "03", "04", "05", "06", "07"].map((d) => ({ date: `2027-10-${d}`, name: "国庆节" })),
  ],
  workdays: [
    { date: "2027-02-13", name: "春节" },
    { date: "2027-10-09", name: "国庆节" },
  ],
};

/** The package calendar plus SCHEDULE_2027. */
export function calendarWith2027(): WorkCalendar {
  return createWorkCalendar(buildHolidaySchedule([SCHEDULE_2027]));
}
