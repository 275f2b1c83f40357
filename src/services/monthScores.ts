// The scoring input of a month, built from the database (RULES.md §4, §6), and the month's result:
// frozen once the month is closed, computed live before (the /score command shows the month so far).
import type { Db, Prisma } from "../db/client.ts";
import type { HalfDayPoint, WorkCalendar } from "../domain/calendar.ts";
import { addDays, firstDayOfMonth, lastDayOfMonth, previousMonth, quarterOf } from "../domain/dates.ts";
import { bandEdges, scoreMonth } from "../domain/scoring/index.ts";
import type {
  MonthInput,
  MonthResult,
  PersonMonthResult,
  ScoringPerson,
  ScoringWindow,
  WindowMonthResult,
} from "../domain/scoring/types.ts";
import type { ServiceContext } from "./context.ts";
import { type MonthRecord, monthScoringRecords, type ScoringRecord } from "./monthRecords.ts";
import { atMonth } from "./monthSettings.ts";

/** A roster row with a window, as scoring sees the person. */
function scoringPerson(p: Prisma.PersonModel): ScoringPerson {
  return {
    id: p.id,
    window: p.windowId!,
    role: p.role === "window_leader" ? "window_leader" : "staff",
    joined: p.joined,
    ...(p.leftOn ? { left: p.leftOn } : {}),
    partyTransferred: p.partyTransferred,
    exempt: p.partyExempt,
    establishment: p.establishment,
  };
}

/** Roster rows → scoring people: everyone with a window, posted by the month's end, not gone before it (§4(4)). */
async function loadPeople(db: Db, month: string): Promise<ScoringPerson[]> {
  const rows = await db.person.findMany({
    where: { windowId: { not: null }, joined: { lte: lastDayOfMonth(month) } },
    orderBy: { id: "asc" },
  });
  const people: ScoringPerson[] = [];
  for (const p of rows) {
    // An inactive person without a leaving date is a roster correction, not someone who served.
    if (!p.active && !p.leftOn) continue;
    if (p.leftOn && p.leftOn < firstDayOfMonth(month)) continue;
    people.push(scoringPerson(p));
  }
  return people;
}

/** Every person with a window, as scoring sees them (quarter and year read their attributes). */
export async function rosterPeople(db: Db): Promise<ScoringPerson[]> {
  const rows = await db.person.findMany({ where: { windowId: { not: null } }, orderBy: { id: "asc" } });
  return rows.map(scoringPerson);
}

/** Windows with their profile and the center's marks for the month's quarter (§7 1, 2, 4). */
export async function loadWindows(db: Db, month: string): Promise<ScoringWindow[]> {
  const [rows, marks] = await Promise.all([
    db.window.findMany({ orderBy: { id: "asc" } }),
    db.windowMark.findMany({ where: { quarter: quarterOf(month) } }),
  ]);
  return rows.map((w) => ({
    id: w.id,
    profile: {
      leaderNotMiddle: w.leaderNotMiddle,
      leaderNotHead: w.leaderNotHead,
      missingItems: w.missingItems,
      unauthorisedItems: w.unauthorisedItems,
    },
    flags: [...new Set(marks.filter((m) => m.windowId === w.id).map((m) => m.reason))].sort((a, b) => a - b),
  }));
}

const before = (a: HalfDayPoint, b: HalfDayPoint) =>
  a.date < b.date || (a.date === b.date && a.half < b.half);

/**
 * 事假 half days that fall in `month`: only the part not offset by annual leave counts (§3(一)), and
 * the offset uses up the request's first days. A request spanning months is split by day on the
 * calendar (working days for 事假 by default, §2).
 */
export function personalHalfDaysInMonth(
  calendar: WorkCalendar,
  basis: "working" | "calendar",
  r: { startDate: string; startHalf: string; endDate: string; endHalf: string; annualOffsetHalfDays: number },
  month: string,
): number {
  const start: HalfDayPoint = { date: r.startDate, half: r.startHalf === "pm" ? "pm" : "am" };
  const end: HalfDayPoint = { date: r.endDate, half: r.endHalf === "am" ? "am" : "pm" };
  const monthStart: HalfDayPoint = { date: firstDayOfMonth(month), half: "am" };
  const monthEnd: HalfDayPoint = { date: lastDayOfMonth(month), half: "pm" };
  const from = before(start, monthStart) ? monthStart : start;
  const to = before(monthEnd, end) ? monthEnd : end;
  if (before(to, from)) return 0;
  const count = (a: HalfDayPoint, b: HalfDayPoint): number => {
    const c = calendar.countHalfDays(a, b, basis);
    if (!c.ok) throw new Error(`${c.code} ${JSON.stringify(c.detail ?? {})}`);
    return c.value;
  };
  const inMonth = count(from, to);
  const earlier = before(start, monthStart)
    ? count(start, { date: addDays(monthStart.date, -1), half: "pm" })
    : 0;
  const offsetHere = Math.min(inMonth, Math.max(0, r.annualOffsetHalfDays - earlier));
  return inMonth - offsetHere;
}

/** The month's scoring input from the database (`records`: the month's records, already read). */
export async function loadMonthInput(
  ctx: ServiceContext,
  month: string,
  records?: readonly ScoringRecord[],
): Promise<MonthInput> {
  const { db, calendar } = ctx;
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  const [people, windows, rows, leave, ratings, secondments] = await Promise.all([
    loadPeople(db, month),
    loadWindows(db, month),
    // Read once by the close and passed in; read here otherwise (the /score command, exports).
    records ?? monthScoringRecords(db, month),
    db.request.findMany({
      where: { kind: "personal", state: "approved", startDate: { lte: last }, endDate: { gte: first } },
      orderBy: { id: "asc" },
    }),
    db.rating.findMany({ where: { month }, orderBy: { personId: "asc" } }),
    db.secondment.findMany({ where: { month }, orderBy: { personId: "asc" } }),
  ]);
  // The month's own settings (RULES.md §8a).
  const basis = atMonth(ctx, month).settings.routing.dayBasis.personal;
  const personalLeave = leave
    .map((r) => ({ person: r.requesterId, halfDays: personalHalfDaysInMonth(calendar, basis, r, month) }))
    .filter((x) => x.halfDays > 0);
  const workingDays = secondments.length > 0 ? calendar.workingDaysInMonth(month) : 0;
  return {
    month,
    people,
    windows,
    // A leader's charge (S-ATT-FALSETRIP 2, S-ATT-DELEGATE 1) is not stored: scoring derives it from
    // the person's own record (§4, leader_charge lines).
    records: rows.map((r) => ({
      id: r.id,
      month: r.month,
      ...(r.personId ? { person: r.personId } : {}),
      ...(r.windowId ? { window: r.windowId } : {}),
      code: r.code,
      count: r.count,
      pointsHundredths: r.pointsHundredths,
    })),
    personalLeave,
    ratings: ratings.map((r) => ({
      person: r.personId,
      satisfied: r.satisfied,
      basic: r.basic,
      unsatisfied: r.unsatisfied,
    })),
    secondments: secondments.map((s) => ({ person: s.personId, halfDays: s.halfDays, workingDays })),
  };
}

/** True when the period (month, quarter or year) is closed now (a reopened one is not). */
export async function isClosed(db: Db, period: string): Promise<boolean> {
  const row = await db.period.findUnique({ where: { period }, select: { state: true } });
  return row?.state === "closed";
}

/** The frozen result of a closed month (null when the month is not closed). */
export async function frozenMonthResult(ctx: ServiceContext, month: string): Promise<MonthResult | null> {
  const { db } = ctx;
  if (!(await isClosed(db, month))) return null;
  const [people, windows] = await Promise.all([
    db.personMonthResult.findMany({ where: { month }, orderBy: [{ rank: "asc" }, { personId: "asc" }] }),
    db.windowMonthResult.findMany({ where: { month }, orderBy: [{ rank: "asc" }, { windowId: "asc" }] }),
  ]);
  return {
    month,
    headCount: people.length,
    bandEdges: bandEdges(people.length, atMonth(ctx, month).settings.scoring),
    people: people.map((p) => JSON.parse(p.detail) as PersonMonthResult),
    windows: windows.map((w) => JSON.parse(w.detail) as WindowMonthResult),
  };
}

/** Whether the bot holds anything of the month (records, ratings, 事假, a frozen result). */
export async function hasAnyData(db: Db, month: string): Promise<boolean> {
  const [records, ratings, frozen, leave] = await Promise.all([
    db.record.count({ where: { month, state: "active" } }),
    db.rating.count({ where: { month } }),
    db.personMonthResult.count({ where: { month } }),
    db.request.count({
      where: {
        kind: "personal",
        state: "approved",
        startDate: { lte: lastDayOfMonth(month) },
        endDate: { gte: firstDayOfMonth(month) },
      },
    }),
  ]);
  return records + ratings + frozen + leave > 0;
}

/**
 * The previous month as the transfer rule sees it (§4(4)): its frozen result, or its computed one
 * while it is not closed; a month the bot has nothing of (first month of use) gives no flag.
 */
export async function previousMonthResult(
  ctx: ServiceContext,
  month: string,
): Promise<MonthResult | undefined> {
  const prev = previousMonth(month);
  const frozen = await frozenMonthResult(ctx, prev);
  if (frozen) return frozen;
  if (!(await hasAnyData(ctx.db, prev))) return undefined;
  // The previous month under its own settings (RULES.md §8a).
  return scoreMonth(await loadMonthInput(ctx, prev), atMonth(ctx, prev).settings.scoring);
}

/**
 * The month's result computed from the database now (not frozen). The close passes what it has read
 * already: the month's records and the previous month's result (read once, issue #11).
 */
export async function scoreMonthFromDb(
  ctx: ServiceContext,
  month: string,
  read: { records?: readonly MonthRecord[]; previous?: MonthResult | null } = {},
): Promise<MonthResult> {
  const [input, previous] = await Promise.all([
    loadMonthInput(ctx, month, read.records),
    read.previous !== undefined ? (read.previous ?? undefined) : previousMonthResult(ctx, month),
  ]);
  // Scored under the settings in force in the month (RULES.md §8a).
  return scoreMonth(input, atMonth(ctx, month).settings.scoring, previous);
}

/** The frozen result if the month is closed, else the live one. */
export async function monthResult(ctx: ServiceContext, month: string): Promise<MonthResult> {
  return (await frozenMonthResult(ctx, month)) ?? scoreMonthFromDb(ctx, month);
}
