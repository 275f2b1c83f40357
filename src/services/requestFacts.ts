// What an approver needs to decide a request at a glance, read from the database (RULES.md §3, §4):
// the days of the request's kind already booked this year, the annual-leave balance, and what a 事假
// would cost in the month's score (S-ATT-PERSONAL, after the annual-leave offset). The preview shows
// the same cost to the requester before submitting. Read-only; the rules are the domain's.
import { addMonths, monthOf, yearOf } from "../domain/dates.ts";
import { type PersonalLeaveCost, personalLeaveCost } from "../domain/scoring/index.ts";
import type { Tx } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import { personalHalfDaysInMonth } from "./monthScores.ts";

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

async function othersBooked(db: Tx, r: FactsSubject, from: string, to: string): Promise<Booked[]> {
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
): Promise<PersonalLeaveCost[]> {
  if (r.kind !== "personal") return [];
  const basis = ctx.settings.routing.dayBasis.personal;
  const first = monthOf(r.startDate);
  const last = monthOf(r.endDate);
  try {
    const others = (await othersBooked(db, r, `${first}-01`, `${last}-31`)).filter(
      (o) => o.kind === "personal",
    );
    const costs: PersonalLeaveCost[] = [];
    // A request spans a few months at most (the form caps nothing, so bound the walk anyway).
    for (let m = first, n = 0; m <= last && n < 24; m = addMonths(m, 1), n++) {
      const mine = personalHalfDaysInMonth(ctx.calendar, basis, r, m);
      if (mine === 0) continue;
      const booked = others.reduce((sum, o) => sum + personalHalfDaysInMonth(ctx.calendar, basis, o, m), 0);
      const cost = personalLeaveCost(m, booked, mine, ctx.settings.scoring);
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
  const others = await othersBooked(db, r, `${year}-01-01`, `${year}-12-31`);
  const inYear = others.filter((o) => o.startDate >= `${year}-01-01`);
  const ytdHalfDays = inYear
    .filter((o) => o.kind === r.kind)
    .reduce((sum, o) => sum + o.halfDays - (o.kind === "personal" ? o.annualOffsetHalfDays : 0), 0);
  let annual: RequestFacts["annual"] = null;
  if (r.kind === "annual") {
    const person = await db.person.findUnique({
      where: { id: r.requesterId },
      select: { annualLeaveHalfDays: true },
    });
    const used = inYear.reduce(
      (sum, o) =>
        sum + (o.kind === "annual" ? o.halfDays : o.kind === "personal" ? o.annualOffsetHalfDays : 0),
      0,
    );
    const remainingHalfDays = Math.max(0, (person?.annualLeaveHalfDays ?? 0) - used);
    annual = { remainingHalfDays, afterHalfDays: Math.max(0, remainingHalfDays - r.halfDays) };
  }
  return { year, ytdHalfDays, annual, cost: await personalLeaveCosts(db, ctx, r) };
}
