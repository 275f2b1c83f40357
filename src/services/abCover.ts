// AB岗 (顶岗补位制度, RULES.md §8; §3 五): every post has an A (the holder) and a B (the backup, the org
// file's `backup`, Person.backupId) in the same window. This file answers, from the database:
//   - who is the suggested cover when A asks for leave (B, unless B is away then);
//   - what the window leader must know at their step: the half days when A and B are both away and
//     who else of the window is free then, or that the window has one person (its home unit sends
//     someone, §8 八);
//   - the uncovered absences of a coming week (nobody named, or the named cover away too), for the App
//     Home and the weekly digest;
//   - the W-AB proposals: an absence that started with nobody covering is proposed to inspection once
//     (Record.sourceKey "ab:request:<id>"), who confirms or dismisses it (proposals.ts decideProposedRecord).
import type { HalfDayPoint } from "../domain/calendar.ts";
import { catalogItem } from "../domain/catalog.ts";
import { addDays, monthOf, shanghaiDate, shanghaiInstant } from "../domain/dates.ts";
import { absenceOf, halfDayBefore } from "./absences.ts";
import { audit, type RequestRow, type Tx } from "./approvals.ts";
import { afternoonStart } from "./closeSettings.ts";
import type { ServiceContext } from "./context.ts";
import type { Notify } from "./notify.ts";
import { isMonthClosed, type RecordRow } from "./records.ts";

/** Request states that are an absence on the books (as absences.ts). */
const LIVE = ["pending", "approved"];

export interface AbPeriod {
  start: HalfDayPoint;
  end: HalfDayPoint;
}

const later = (a: HalfDayPoint, b: HalfDayPoint) => (halfDayBefore(a, b) ? b : a);
const earlier = (a: HalfDayPoint, b: HalfDayPoint) => (halfDayBefore(a, b) ? a : b);
const overlaps = (a: AbPeriod, b: AbPeriod) =>
  !halfDayBefore(a.end, b.start) && !halfDayBefore(b.end, a.start);

/** The live absences (pending or approved requests) of `personIds` sharing a half day with `period`. */
async function absencesOf(db: Tx, personIds: readonly string[], period: AbPeriod): Promise<RequestRow[]> {
  if (personIds.length === 0) return [];
  const rows = await db.request.findMany({
    where: {
      requesterId: { in: [...personIds] },
      state: { in: LIVE },
      startDate: { lte: period.end.date },
      endDate: { gte: period.start.date },
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  return rows.filter((r) => overlaps(absenceOf(r), period));
}

/** The B of `personId`: named in the org file, active, still in A's window; else null. */
export async function backupOf(db: Tx, personId: string): Promise<string | null> {
  const a = await db.person.findUnique({
    where: { id: personId },
    select: { backupId: true, windowId: true },
  });
  if (!a?.backupId) return null;
  const b = await db.person.findUnique({ where: { id: a.backupId } });
  return b?.active && !b.leftOn && b.windowId === a.windowId ? b.id : null;
}

export interface SuggestedCover {
  /** A's B post (null: none named). */
  backupId: string | null;
  /** B is away (a leave or trip of their own) on a half day of the period: not suggested then. */
  backupAway: boolean;
}

/**
 * Who covers when `requesterId` is away over `period` (§8: B is the suggested cover). Without a
 * period (the form before its dates are chosen) B is suggested as named.
 */
export async function suggestedCover(
  db: Tx,
  requesterId: string,
  period?: AbPeriod,
): Promise<SuggestedCover> {
  const backupId = await backupOf(db, requesterId);
  if (!backupId || !period) return { backupId, backupAway: false };
  return { backupId, backupAway: (await absencesOf(db, [backupId], period)).length > 0 };
}

/** An A and their B, both away over `periods` (parts of the request, oldest first). */
export interface AbPair {
  aId: string;
  bId: string;
  periods: AbPeriod[];
}

export interface AbStepNote {
  requesterId: string;
  /** The requester is the only active person of the window: the home unit sends cover (§8 八). */
  single: boolean;
  /**
   * The posts left without A and B during the request: the requester's own (their B away too), and any
   * post whose B the requester is while its A is away.
   */
  pairs: AbPair[];
  /** People of the window (in none of the pairs) not away on any of those half days. */
  free: string[];
}

/**
 * What the window leader's step says about cover (§8): null when there is nothing to say (the
 * requester has no window, or no A and B of the requester's posts are away together).
 */
export async function abStepNote(db: Tx, request: RequestRow): Promise<AbStepNote | null> {
  const a = await db.person.findUnique({ where: { id: request.requesterId }, select: { windowId: true } });
  if (!a?.windowId) return null;
  const window = await db.person.findMany({
    where: { windowId: a.windowId, active: true, leftOn: null },
    select: { id: true, backupId: true },
    orderBy: { id: "asc" },
  });
  const me = request.requesterId;
  const others = window.filter((p) => p.id !== me);
  if (others.length === 0) return { requesterId: me, single: true, pairs: [], free: [] };
  const period = absenceOf(request);
  const myBackup = await backupOf(db, me);
  // The requester's post (A = the requester) and the posts the requester backs up (B = the requester).
  const candidates: Array<{ aId: string; bId: string; other: string }> = [
    ...(myBackup ? [{ aId: me, bId: myBackup, other: myBackup }] : []),
    // A pair backing each other up is one pair, named once.
    ...others
      .filter((p) => p.backupId === me && p.id !== myBackup)
      .map((p) => ({ aId: p.id, bId: me, other: p.id })),
  ];
  const pairs: AbPair[] = [];
  for (const c of candidates) {
    const periods = (await absencesOf(db, [c.other], period))
      .filter((r) => r.id !== request.id)
      .map((r) => {
        const o = absenceOf(r);
        return { start: later(o.start, period.start), end: earlier(o.end, period.end) };
      });
    if (periods.length > 0) pairs.push({ aId: c.aId, bId: c.bId, periods });
  }
  if (pairs.length === 0) return null;
  const inPairs = new Set(pairs.flatMap((p) => [p.aId, p.bId]));
  const free = others.map((p) => p.id).filter((id) => !inPairs.has(id));
  const busy = new Set<string>();
  for (const part of pairs.flatMap((p) => p.periods))
    for (const r of await absencesOf(db, free, part)) busy.add(r.requesterId);
  return { requesterId: me, single: false, pairs, free: free.filter((id) => !busy.has(id)) };
}

export interface UncoveredAbsence {
  requestId: number;
  requesterId: string;
  name: string;
  windowId: string;
  windowName: string;
  state: string;
  start: HalfDayPoint;
  end: HalfDayPoint;
  /** The cover named, if any. */
  coverId: string | null;
  /** "none": nobody named; "cover_away": the named cover is away on a half day of it. */
  why: "none" | "cover_away";
}

/**
 * Absences (pending or approved, of window people) sharing a day with `from`…`to` that nobody covers:
 * no cover named, or the cover away too (§8). `windowId` narrows to one window (its leader's Home).
 */
export async function uncoveredAbsences(
  db: Tx,
  from: string,
  to: string,
  opts: { windowId?: string } = {},
): Promise<UncoveredAbsence[]> {
  const people = await db.person.findMany({
    where: { windowId: opts.windowId ?? { not: null } },
    select: { id: true, name: true, windowId: true, window: { select: { name: true } } },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  const requests = await db.request.findMany({
    where: {
      requesterId: { in: [...byId.keys()] },
      state: { in: LIVE },
      startDate: { lte: to },
      endDate: { gte: from },
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  const out: UncoveredAbsence[] = [];
  for (const r of requests) {
    const period = absenceOf(r);
    let why: UncoveredAbsence["why"] | null = null;
    if (!r.coverId) why = "none";
    else if ((await absencesOf(db, [r.coverId], period)).length > 0) why = "cover_away";
    if (!why) continue;
    const p = byId.get(r.requesterId)!;
    out.push({
      requestId: r.id,
      requesterId: r.requesterId,
      name: p.name,
      windowId: p.windowId ?? "",
      windowName: p.window?.name ?? "",
      state: r.state,
      start: period.start,
      end: period.end,
      coverId: r.coverId,
      why,
    });
  }
  return out;
}

/** Whose uncovered absences `userId` sees in the App Home: all (inspection, the director and deputy), one window (its leader), or none. */
export async function uncoveredScopeOf(db: Tx, userId: string): Promise<{ windowId?: string } | null> {
  const center = await db.centerRole.count({
    where: { slackId: userId, role: { in: ["inspection", "director", "deputy_director"] } },
  });
  if (center > 0) return {};
  const led = await db.window.findFirst({ where: { leaderId: userId, active: true }, select: { id: true } });
  return led ? { windowId: led.id } : null;
}

// ---------------------------------------------------------------------------------------------
// W-AB proposals (RULES.md §6 W-AB 5 each, §8 "an absence with nobody covering is what W-AB punishes").

/** An absence that started this many days ago at most is still checked (a bot down for a while catches up). */
const AB_CATCH_UP_DAYS = 7;
export const AB_SOURCE = "ab";
export const abSourceKey = (requestId: number) => `ab:request:${requestId}`;

export interface AbProposal {
  record: RecordRow;
  request: RequestRow;
  requesterName: string;
  windowName: string;
  /** The cover named, away too (null: nobody was named). */
  coverId: string | null;
}

/** The instant the absence's first half day starts: 08:30 or 14:00 (summer 14:30), the attendance setting (§3 五). */
export function absenceStartsAt(ctx: Pick<ServiceContext, "settings">, start: HalfDayPoint): Date {
  const hours = ctx.settings.operations.attendance;
  const [hh, mm] = (start.half === "am" ? hours.amStart : afternoonStart(hours, start.date))
    .split(":")
    .map(Number) as [number, number];
  return shanghaiInstant(start.date, hh, mm);
}

/**
 * The first half day of the absence the hall is open (a sick leave counted in calendar days may start on
 * a Saturday: the post is first missed on Monday morning); null when it has none. A year the calendar
 * does not cover counts every day as open.
 */
export function firstWorkingHalfDay(ctx: Pick<ServiceContext, "calendar">, a: AbPeriod): HalfDayPoint | null {
  try {
    if (ctx.calendar.isWorkingDay(a.start.date)) return a.start;
    const next = { date: ctx.calendar.nextWorkingDay(a.start.date), half: "am" as const };
    return halfDayBefore(a.end, next) ? null : next;
  } catch {
    return a.start;
  }
}

/**
 * Proposes W-AB on the window of every absence that has started (its first half day's start is past,
 * within the last AB_CATCH_UP_DAYS days) with nobody covering at that moment: no cover named, or the
 * cover away on that half day. Once per request (sourceKey), whatever happens later; a closed month is
 * left alone. `notify` tells inspection inside the proposal's transaction. Returns the new proposals.
 */
export async function proposeUncoveredStarts(
  ctx: ServiceContext,
  opts: {
    actor: string;
    /** Absences whose first working half day is before this date are left alone (before the bot ran). */
    since?: string;
  },
  notify?: Notify<AbProposal>,
): Promise<AbProposal[]> {
  const { actor } = opts;
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const requests = await ctx.db.request.findMany({
    where: { state: { in: LIVE }, startDate: { gte: addDays(today, -AB_CATCH_UP_DAYS), lte: today } },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  const item = catalogItem("W-AB")!;
  const done: AbProposal[] = [];
  for (const request of requests) {
    const start = firstWorkingHalfDay(ctx, absenceOf(request));
    if (!start || start.date < (opts.since ?? "") || absenceStartsAt(ctx, start) > now) continue;
    const person = await ctx.db.person.findUnique({
      where: { id: request.requesterId },
      include: { window: true },
    });
    if (!person?.window) continue;
    const coverAway =
      request.coverId !== null &&
      (await absencesOf(ctx.db, [request.coverId], { start, end: start })).length > 0;
    if (request.coverId !== null && !coverAway) continue;
    const sourceKey = abSourceKey(request.id);
    const month = monthOf(start.date);
    if (await isMonthClosed(ctx.db, month)) continue;
    const proposal = await ctx.db.$transaction(async (tx) => {
      if (await tx.record.findUnique({ where: { sourceKey } })) return null;
      const record = await tx.record.create({
        data: {
          month,
          date: start.date,
          code: item.code,
          windowId: person.window!.id,
          count: 1,
          pointsHundredths: item.min,
          totalHundredths: item.min,
          note: `#${request.id} ${person.name}`,
          filedBy: actor,
          filedAt: now,
          source: AB_SOURCE,
          state: "proposed",
          sourceKey,
        },
      });
      await audit(tx, now, actor, "record.propose", "Record", record.id, null, record);
      const p: AbProposal = {
        record,
        request,
        requesterName: person.name,
        windowName: person.window!.name,
        coverId: request.coverId,
      };
      await notify?.(tx, p);
      return p;
    });
    if (proposal) done.push(proposal);
  }
  return done;
}

/** The W-AB proposal a record came from (its sourceKey names the request), to show it again; else null. */
export async function abProposalOf(db: Tx, record: RecordRow): Promise<AbProposal | null> {
  const m = /^ab:request:(\d+)$/.exec(record.sourceKey ?? "");
  if (!m) return null;
  const request = await db.request.findUnique({ where: { id: Number(m[1]) } });
  if (!request) return null;
  const person = await db.person.findUnique({
    where: { id: request.requesterId },
    include: { window: true },
  });
  return {
    record,
    request,
    requesterName: person?.name ?? request.requesterId,
    windowName: person?.window?.name ?? "",
    coverId: request.coverId,
  };
}
