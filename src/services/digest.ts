// The weekly digest for the center's channel (Monday): who is on leave or away this week, requests
// still waiting and on whom, how many records were filed last week, and the month's standings so far —
// names and bands only, never a person's deductions, scores or money (RULES.md §8).
import type { HalfDayPoint } from "../domain/calendar.ts";
import { catalogItem } from "../domain/catalog.ts";
import { addDays, monthOf, shanghaiInstant, weekday } from "../domain/dates.ts";
import { type UncoveredAbsence, uncoveredAbsences } from "./abCover.ts";
import type { ServiceContext } from "./context.ts";
import { monthResult } from "./monthScores.ts";

/** The Monday of the week a date is in (weeks run Monday–Sunday). */
export function mondayOf(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

export interface DigestAway {
  personId: string;
  name: string;
  window: string;
  /** "trip" or "leave": the kind of leave (e.g. sick) is the person's own business, not the channel's. */
  kind: "trip" | "leave";
  start: HalfDayPoint;
  end: HalfDayPoint;
}

export interface DigestWaiting {
  requestId: number;
  requesterName: string;
  start: HalfDayPoint;
  end: HalfDayPoint;
  approver: string;
  assigneeId: string | null;
  outside: boolean;
  since: Date | null;
}

export interface DigestData {
  monday: string;
  sunday: string;
  away: DigestAway[];
  waiting: DigestWaiting[];
  lastWeek: { deductions: number; bonuses: number; people: number; windows: number };
  standings: { month: string; headCount: number; band1: string[]; topWindows: string[] } | null;
  /** The week's absences nobody covers (AB岗, RULES.md §8; src/services/abCover.ts). */
  uncovered?: UncoveredAbsence[];
}

const half = (h: string): "am" | "pm" => (h === "pm" ? "pm" : "am");

export async function buildDigest(ctx: ServiceContext, monday: string): Promise<DigestData> {
  const { db } = ctx;
  const sunday = addDays(monday, 6);
  const [people, windows] = await Promise.all([
    db.person.findMany({ select: { id: true, name: true, windowId: true } }),
    db.window.findMany({ select: { id: true, name: true } }),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const windowName = new Map(windows.map((w) => [w.id, w.name]));
  const nameOf = (id: string) => person.get(id)?.name ?? id;

  const approved = await db.request.findMany({
    where: { state: "approved", startDate: { lte: sunday }, endDate: { gte: monday } },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  const away: DigestAway[] = approved.map((r) => ({
    personId: r.requesterId,
    name: nameOf(r.requesterId),
    window: windowName.get(person.get(r.requesterId)?.windowId ?? "") ?? "",
    kind: r.kind === "trip" ? "trip" : "leave",
    start: { date: r.startDate, half: half(r.startHalf) },
    end: { date: r.endDate, half: half(r.endHalf) },
  }));

  const steps = await db.approvalStep.findMany({
    where: { state: "pending", request: { state: "pending" } },
    include: { request: true },
    orderBy: [{ activatedAt: "asc" }, { id: "asc" }],
  });
  const waiting: DigestWaiting[] = steps.map((s) => ({
    requestId: s.requestId,
    requesterName: nameOf(s.request.requesterId),
    start: { date: s.request.startDate, half: half(s.request.startHalf) },
    end: { date: s.request.endDate, half: half(s.request.endHalf) },
    approver: s.approver,
    assigneeId: s.assigneeId,
    outside: s.outside,
    since: s.activatedAt,
  }));

  const filed = await db.record.findMany({
    where: {
      state: "active",
      filedAt: { gte: shanghaiInstant(addDays(monday, -7)), lt: shanghaiInstant(monday) },
    },
    select: { code: true, personId: true, windowId: true },
  });
  const lastWeek = {
    deductions: filed.filter((r) => catalogItem(r.code)?.sign === "deduction").length,
    bonuses: filed.filter((r) => catalogItem(r.code)?.sign === "bonus").length,
    people: new Set(filed.map((r) => r.personId).filter(Boolean)).size,
    windows: new Set(filed.map((r) => r.windowId).filter(Boolean)).size,
  };

  // The month last week ended in: on the first Monday of a month that is the month just finished.
  const month = monthOf(addDays(monday, -1));
  let standings: DigestData["standings"] = null;
  const result = await monthResult(ctx, month);
  if (result.headCount > 0) {
    standings = {
      month,
      headCount: result.headCount,
      band1: result.people.filter((p) => p.band === 1).map((p) => nameOf(p.id)),
      topWindows: result.windows.slice(0, 3).map((w) => windowName.get(w.id) ?? w.id),
    };
  }
  const uncovered = await uncoveredAbsences(db, monday, sunday);
  return { monday, sunday, away, waiting, lastWeek, standings, uncovered };
}
