// What an approver needs to decide a request at a glance, read from the database (RULES.md §3, §4):
// the days of the request's kind already booked this year, the annual-leave balance, and what a 事假
// would cost in the month's score (S-ATT-PERSONAL, after the annual-leave offset). The preview shows
// the same cost to the requester before submitting. Read-only; the rules are the domain's.

import { bookedRaw, connectionOf } from "../db/hotPath.ts";
import { addMonths, monthOf, yearOf } from "../domain/dates.ts";
import type { RequestKind } from "../domain/routing.ts";
import { type PersonalLeaveCost, personalLeaveCost } from "../domain/scoring/index.ts";
import type { Tx } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import { personalHalfDaysInMonth } from "./monthScores.ts";
import { atMonth } from "./monthSettings.ts";
import { yearShare } from "./yearParts.ts";

/** A request as stored, or as previewed (no id yet). */
export interface FactsSubject {
  /** The request itself, left out of "the others"; absent for a preview. */
  id?: number;
  requesterId: string;
  kind: string;
  startDate: string;
  startHalf: string;
  endDate: string;
  endHalf: string;
  halfDays: number;
  annualOffsetHalfDays: number;
}

export interface RequestFacts {
  year: number;
  /** Days of this kind booked this year (pending or approved) besides this request; for 事假 the part not offset. */
  ytdHalfDays: number;
  /** 年休假: the annual-leave balance besides this request, and what this request leaves. */
  annual: { remainingHalfDays: number; afterHalfDays: number } | null;
  /** 事假: the months whose S-ATT-PERSONAL deduction this request raises (oldest first). */
  cost: PersonalLeaveCost[];
}

/** Booked means pending or approved: what the routing counts too (services/requests.ts yearToDate). */
const LIVE = ["pending", "approved"];

type Booked = Pick<
  FactsSubject,
  "kind" | "startDate" | "startHalf" | "endDate" | "endHalf" | "halfDays" | "annualOffsetHalfDays"
>;

/** What othersBooked's range selects: booked over [from, to] (dates compare as text, YYYY-MM-DD). */
const overlaps = (o: Booked, from: string, to: string) => o.startDate <= to && o.endDate >= from;

async function othersBooked(db: Tx, r: FactsSubject, from: string, to: string): Promise<Booked[]> {
  // A prepared statement on the hot path (a decision's messages, every preview): src/db/hotPath.ts.
  const raw = connectionOf(db);
  if (raw) return bookedRaw(raw, r.requesterId, from, to, r.id);
  return db.request.findMany({
    where: {
      requesterId: r.requesterId,
      state: { in: LIVE },
      startDate: { lte: to },
      endDate: { gte: from },
      ...(r.id !== undefined ? { id: { not: r.id } } : {}),
    },
    select: {
      kind: true,
      startDate: true,
      startHalf: true,
      endDate: true,
      endHalf: true,
      halfDays: true,
      annualOffsetHalfDays: true,
    },
  });
}

/**
 * The months a 事假 would raise the S-ATT-PERSONAL deduction of: its part in each month it spans
 * (the annual-leave offset uses up its first days), added to the 事假 already booked that month.
 * Empty for other kinds, and when the days cannot be counted (a year the calendar lacks): a warning
 * is a courtesy, never a reason to refuse.
 */
export async function personalLeaveCosts(
  db: Tx,
  ctx: Pick<ServiceContext, "calendar" | "settings">,
  r: FactsSubject,
  /** The requests booked already read, covering at least the request's months (requestFacts). */
  booked?: readonly Booked[],
): Promise<PersonalLeaveCost[]> {
  if (r.kind !== "personal") return [];
  const basis = ctx.settings.routing.dayBasis.personal;
  const first = monthOf(r.startDate);
  const last = monthOf(r.endDate);
  const [from, to] = [`${first}-01`, `${last}-31`];
  try {
    const others = (booked ?? (await othersBooked(db, r, from, to))).filter(
      (o) => o.kind === "personal" && overlaps(o, from, to),
    );
    const costs: PersonalLeaveCost[] = [];
    // A request spans a few months at most (the form caps nothing, so bound the walk anyway).
    for (let m = first, n = 0; m <= last && n < 24; m = addMonths(m, 1), n++) {
      const mine = personalHalfDaysInMonth(ctx.calendar, basis, r, m);
      if (mine === 0) continue;
      const booked = others.reduce((sum, o) => sum + personalHalfDaysInMonth(ctx.calendar, basis, o, m), 0);
      // Each month's cost under the settings in force in it (RULES.md §8a).
      const cost = personalLeaveCost(m, booked, mine, atMonth(ctx, m).settings.scoring);
      if (cost.afterHundredths > cost.beforeHundredths) costs.push(cost);
    }
    return costs;
  } catch {
    return [];
  }
}

export async function requestFacts(
  db: Tx,
  ctx: Pick<ServiceContext, "calendar" | "settings">,
  r: FactsSubject,
): Promise<RequestFacts> {
  const year = yearOf(r.startDate);
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  // One read for the year and, for a 事假, the months it spans (issue #11: one statement, not two).
  const [costFrom, costTo] = [`${monthOf(r.startDate)}-01`, `${monthOf(r.endDate)}-31`];
  const booked =
    r.kind === "personal"
      ? await othersBooked(db, r, [costFrom, from].sort()[0]!, [costTo, to].sort()[1]!)
      : await othersBooked(db, r, from, to);
  // Only the days that fall in the year count there, of this request and the others (§2: a request
  // across New Year counts in each year the days in it; yearParts.ts).
  const share = (o: Booked) =>
    yearShare(ctx.calendar, ctx.settings.routing.dayBasis[o.kind as RequestKind] ?? "working", o, year);
  const inYear = booked.filter((o) => overlaps(o, from, to));
  const ytdHalfDays = inYear
    .filter((o) => o.kind === r.kind)
    .reduce((sum, o) => {
      const s = share(o);
      return sum + s.halfDays - (o.kind === "personal" ? s.annualOffsetHalfDays : 0);
    }, 0);
  let annual: RequestFacts["annual"] = null;
  if (r.kind === "annual") {
    const person = await db.person.findUnique({
      where: { id: r.requesterId },
      select: { annualLeaveHalfDays: true },
    });
    const used = inYear.reduce((sum, o) => {
      const s = share(o);
      return sum + (o.kind === "annual" ? s.halfDays : o.kind === "personal" ? s.annualOffsetHalfDays : 0);
    }, 0);
    const remainingHalfDays = Math.max(0, (person?.annualLeaveHalfDays ?? 0) - used);
    annual = { remainingHalfDays, afterHalfDays: Math.max(0, remainingHalfDays - share(r).halfDays) };
  }
  return { year, ytdHalfDays, annual, cost: await personalLeaveCosts(db, ctx, r, booked) };
}
