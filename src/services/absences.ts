// Who is away when (RULES.md §2: the half day is the unit; §3 五: cover). A pending or approved
// request — leave or trip — is an absence on the books. Shared by the request checks (a person cannot
// be away twice at once) and the cover checks (the cover must be at the center, and there, then).
import { connectionOf, liveRequestsRaw } from "../db/hotPath.ts";
import type { HalfDayPoint } from "../domain/calendar.ts";
import { err, ok, type Result } from "../domain/result.ts";
import type { RequestRow, Tx } from "./approvals.ts";

/** Request states that are an absence on the books. */
const LIVE = ["pending", "approved"];
const HALF_ORDER = { am: 0, pm: 1 } as const;
const pointKey = (p: HalfDayPoint) => `${p.date}:${HALF_ORDER[p.half]}`;

/** Does half day `a` come strictly before half day `b`? */
export const halfDayBefore = (a: HalfDayPoint, b: HalfDayPoint): boolean => pointKey(a) < pointKey(b);

export interface Absence {
  requesterId: string;
  start: HalfDayPoint;
  end: HalfDayPoint;
}

/** The absence a stored request asks for. */
export function absenceOf(request: RequestRow): Absence {
  return {
    requesterId: request.requesterId,
    start: { date: request.startDate, half: request.startHalf as HalfDayPoint["half"] },
    end: { date: request.endDate, half: request.endHalf as HalfDayPoint["half"] },
  };
}

/**
 * `personId`'s requests pending or approved that overlap the dates from…to, by start date: one prepared
 * statement on the hot path (every leave preview reads them, src/db/hotPath.ts).
 */
export async function liveRequests(
  db: Tx,
  personId: string,
  from: string,
  to: string,
): Promise<RequestRow[]> {
  const raw = connectionOf(db);
  if (raw) return liveRequestsRaw(raw, personId, from, to) as unknown as RequestRow[];
  return db.request.findMany({
    where: { requesterId: personId, state: { in: LIVE }, startDate: { lte: to }, endDate: { gte: from } },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
}

/** A pending or approved request of `personId` sharing at least one half day with start…end (§2). */
export async function overlappingRequest(
  db: Tx,
  personId: string,
  start: HalfDayPoint,
  end: HalfDayPoint,
): Promise<RequestRow | null> {
  const candidates = await liveRequests(db, personId, start.date, end.date);
  return (
    candidates.find((r) => {
      const { start: s, end: e } = absenceOf(r);
      return !halfDayBefore(e, start) && !halfDayBefore(end, s);
    }) ?? null
  );
}

/** The codes checkCover refuses with: the listeners pin them to the cover field. */
export const COVER_PERSON_CODES: readonly string[] = [
  "REQUEST.COVER_SELF",
  "COVER.NOT_IN_CENTER",
  "COVER.INACTIVE",
  "COVER.AWAY",
];

/**
 * May `coverId` cover `absence` (§3 五, AB岗)? The cover holds the post meanwhile, and is told about a
 * colleague's leave: so only an active person of the center, not the requester, and not away
 * themselves on any of those half days (a pending or approved leave or trip of their own). Codes:
 * REQUEST.COVER_SELF, COVER.NOT_IN_CENTER {coverId}, COVER.INACTIVE {coverId, name},
 * COVER.AWAY {coverId, requestId, kind, start, end}.
 */
export async function checkCover(db: Tx, coverId: string, absence: Absence): Promise<Result<null>> {
  if (coverId === absence.requesterId) return err("REQUEST.COVER_SELF");
  const person = await db.person.findUnique({ where: { id: coverId } });
  if (!person) return err("COVER.NOT_IN_CENTER", { coverId });
  if (!person.active || person.leftOn) return err("COVER.INACTIVE", { coverId, name: person.name });
  const away = await overlappingRequest(db, coverId, absence.start, absence.end);
  if (away) {
    const { start, end } = absenceOf(away);
    return err("COVER.AWAY", { coverId, requestId: away.id, kind: away.kind, start, end });
  }
  return ok(null);
}
