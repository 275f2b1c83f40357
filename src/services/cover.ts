// Naming the cover (顶岗, AB岗) apart from an approval decision (RULES.md §3, 五): cover is the window
// leader's to arrange, so the requester's window leader may name or change it while the request is
// pending or approved and the absence is not over, e.g. after the reminder that nobody is named yet.
// Deciding the leader's opinion step with a cover stays in approvals.ts (decideStep).
import { shanghaiDate } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { absenceOf, checkCover } from "./absences.ts";
import { audit, type RequestRow, type Tx } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import type { Notify } from "./notify.ts";

/** Requests whose cover can still be arranged. */
const OPEN_STATES = ["pending", "approved"];

/** The window leader of the request's requester, or null (no window, no leader, or the leader's own request). */
export async function coverLeaderOf(db: Tx, request: RequestRow): Promise<string | null> {
  const person = await db.person.findUnique({
    where: { id: request.requesterId },
    include: { window: true },
  });
  const leader = person?.window?.leaderId ?? null;
  return leader && leader !== request.requesterId ? leader : null;
}

/**
 * May `actorId` name the cover of request `requestId` now? Codes: REQUEST.NOT_FOUND {requestId},
 * COVER.REQUEST_ENDED {state}, COVER.ABSENCE_OVER {endDate}, COVER.NOT_LEADER {leaderId}.
 */
export async function checkCoverNamer(
  ctx: ServiceContext,
  requestId: number,
  actorId: string,
): Promise<Result<{ request: RequestRow; leaderId: string }>> {
  const request = await ctx.db.request.findUnique({ where: { id: requestId } });
  if (!request) return err("REQUEST.NOT_FOUND", { requestId });
  if (!OPEN_STATES.includes(request.state)) return err("COVER.REQUEST_ENDED", { state: request.state });
  if (request.endDate < shanghaiDate(ctx.clock.now()))
    return err("COVER.ABSENCE_OVER", { endDate: request.endDate });
  const leaderId = await coverLeaderOf(ctx.db, request);
  if (!leaderId || leaderId !== actorId) return err("COVER.NOT_LEADER", { leaderId: leaderId ?? "" });
  return ok({ request, leaderId });
}

export interface NameCoverInput {
  requestId: number;
  actorId: string;
  coverId: string | null | undefined;
}

export interface NameCoverOutcome {
  request: RequestRow;
  /** The cover before (null: nobody was named). */
  from: string | null;
  to: string;
  /** False when the same person was named again (nothing written). */
  changed: boolean;
}

/**
 * The window leader names (or changes) who covers the post; logged as `request.cover` like a cover
 * named with the opinion. Codes: those of checkCoverNamer, COVER.REQUIRED, and checkCover's (absences.ts):
 * REQUEST.COVER_SELF, COVER.NOT_IN_CENTER, COVER.INACTIVE, COVER.AWAY.
 */
export async function nameCover(
  ctx: ServiceContext,
  input: NameCoverInput,
  /** Tells the people concerned (src/services/notify.ts); also when nothing changed (`changed` false). */
  notify?: Notify<NameCoverOutcome>,
): Promise<Result<NameCoverOutcome>> {
  const coverId = input.coverId?.trim() || null;
  if (!coverId) return err("COVER.REQUIRED");
  const checked = await checkCoverNamer(ctx, input.requestId, input.actorId);
  if (!checked.ok) return checked;
  const { request } = checked.value;
  const cover = await checkCover(ctx.db, coverId, absenceOf(request));
  if (!cover.ok) return cover;
  if (coverId === request.coverId) {
    const same: NameCoverOutcome = { request, from: request.coverId, to: coverId, changed: false };
    await notify?.(ctx.db, same);
    return ok(same);
  }
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    // The request may have ended between the check and this write (a withdrawal): then nothing changes.
    const c = await tx.request.updateMany({
      where: { id: request.id, state: { in: OPEN_STATES } },
      data: { coverId },
    });
    if (c.count !== 1) {
      const again = await tx.request.findUniqueOrThrow({ where: { id: request.id } });
      return err("COVER.REQUEST_ENDED", { state: again.state });
    }
    await audit(
      tx,
      now,
      input.actorId,
      "request.cover",
      "Request",
      request.id,
      { coverId: request.coverId },
      { coverId },
    );
    const after = await tx.request.findUniqueOrThrow({ where: { id: request.id } });
    const named: NameCoverOutcome = { request: after, from: request.coverId, to: coverId, changed: true };
    await notify?.(tx, named);
    return ok(named);
  });
}

/** Ids of the request's pending steps (their messages show the cover once it changes). */
export async function pendingStepIds(db: Tx, requestId: number): Promise<number[]> {
  const rows = await db.approvalStep.findMany({
    where: { requestId, state: "pending" },
    select: { id: true },
  });
  return rows.map((s) => s.id);
}
