// Long sick leave at its two center steps (RULES.md §3 二): inspection records the doctor's period (the
// designated hospital's 病假证明表; it starts with the request) at its review, and the deputy director
// "approves a period no longer than the doctor's (may shorten the request)". Also inspection's check of
// the certificates attached to a sick leave (src/services/attachments.ts), made at its step.
//
// decideStep (approvals.ts) asks `sickDecision` what a decision brings besides the step's state, before
// its transaction, and `applySickDecision` writes it inside, so the step, the request's new period and
// the checks commit together or not at all.
//
// The route stays as it was decided: the chain was chosen on the period asked for (§3: "the chain is
// chosen by the whole absence d"), and shortening is a step of the long-sick procedure itself, the one
// §3 二 gives the deputy; the outside steps after it (parent unit head, personnel authority) review the
// period the deputy approved. Re-routing the shorter period could drop those steps halfway through a
// chain that was agreed to, and would let a request leave the long-sick procedure by being shortened.
import type { HalfDayPoint } from "../domain/calendar.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { halfDayBefore } from "./absences.ts";
import { audit, type RequestRow, type StepRow, type Tx } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";

/** What a decision may carry for a sick leave (the decision modal's fields). */
export interface SickDecisionInput {
  /** Inspection's review of a long sick leave: the last half day of the doctor's period. */
  doctorEnd?: HalfDayPoint | null;
  /** The deputy director's approval of a long sick leave: the last half day of the approved period. */
  approvedEnd?: HalfDayPoint | null;
  /** Inspection's step of a sick leave: the attachments it checked (ids of Attachment rows). */
  checkedAttachmentIds?: readonly number[] | null;
}

export interface Shortened {
  from: { end: HalfDayPoint; halfDays: number };
  to: { end: HalfDayPoint; halfDays: number };
}

export interface SickPlan {
  doctor: { end: HalfDayPoint; halfDays: number } | null;
  shortened: Shortened | null;
  checked: number[];
}

const flagsOf = (r: RequestRow): string[] => {
  try {
    return JSON.parse(r.flags) as string[];
  } catch {
    return [];
  }
};

export const isLongSick = (r: RequestRow): boolean => r.kind === "sick" && flagsOf(r).includes("long_sick");

/** The step where inspection records the doctor's period: its review of a long sick leave. */
export const recordsDoctorPeriod = (r: RequestRow, s: StepRow): boolean =>
  isLongSick(r) && s.approver === "inspection" && s.action === "review" && !s.outside;

/** The step where the deputy director may shorten a long sick leave: their approval. */
export const mayShorten = (r: RequestRow, s: StepRow): boolean =>
  isLongSick(r) && s.approver === "deputy_director" && s.action === "approve" && !s.outside;

const startOf = (r: RequestRow): HalfDayPoint => ({ date: r.startDate, half: r.startHalf as "am" | "pm" });
const endOf = (r: RequestRow): HalfDayPoint => ({ date: r.endDate, half: r.endHalf as "am" | "pm" });
export const doctorEndOf = (r: RequestRow): HalfDayPoint | null =>
  r.doctorEndDate && r.doctorEndHalf ? { date: r.doctorEndDate, half: r.doctorEndHalf as "am" | "pm" } : null;

const same = (a: HalfDayPoint, b: HalfDayPoint) => a.date === b.date && a.half === b.half;

function count(
  ctx: Pick<ServiceContext, "calendar" | "settings">,
  r: RequestRow,
  end: HalfDayPoint,
): Result<number> {
  const basis = ctx.settings.routing.dayBasis[r.kind as keyof typeof ctx.settings.routing.dayBasis];
  const n = ctx.calendar.countHalfDays(startOf(r), end, basis ?? "calendar");
  if (!n.ok) return n;
  return n.value === 0 ? err("LEAVE.ZERO_DAYS", { basis }) : n;
}

/**
 * What a decision on `step` brings for a sick leave besides the step's state. Only an approval carries
 * any of it. Codes: SICK.NOT_LONG_SICK (a period given on a request that is not a long sick leave),
 * SICK.NOT_THIS_STEP {step} (a period given at another step), SICK.BEFORE_START {start},
 * SICK.DOCTOR_NOT_RECORDED (the deputy shortens, but inspection recorded no doctor's period),
 * SICK.LONGER_THAN_ASKED {asked}, SICK.LONGER_THAN_DOCTOR {doctor} (also for an approval of the whole
 * period asked when the doctor's is shorter), SICK.ATTACHMENT_NOT_FOUND {id}, SICK.NOT_INSPECTION_STEP,
 * LEAVE.ZERO_DAYS and the calendar's codes.
 */
export async function sickDecision(
  db: Tx,
  ctx: Pick<ServiceContext, "calendar" | "settings">,
  step: StepRow,
  request: RequestRow,
  approving: boolean,
  input: SickDecisionInput,
): Promise<Result<SickPlan | null>> {
  const plan: SickPlan = { doctor: null, shortened: null, checked: [] };
  if (!approving) return ok(null);
  const start = startOf(request);
  const asked = endOf(request);

  if (input.doctorEnd) {
    if (!isLongSick(request)) return err("SICK.NOT_LONG_SICK");
    if (!recordsDoctorPeriod(request, step)) return err("SICK.NOT_THIS_STEP", { step: "doctor" });
    if (halfDayBefore(input.doctorEnd, start)) return err("SICK.BEFORE_START", { start });
    const n = count(ctx, request, input.doctorEnd);
    if (!n.ok) return n;
    plan.doctor = { end: input.doctorEnd, halfDays: n.value };
  }

  // The deputy director approves no longer a period than the doctor's (§3 二): an approval of the
  // period asked for is refused when the recorded doctor's period ends sooner.
  if (mayShorten(request, step)) {
    const doctor = doctorEndOf(request);
    const end = input.approvedEnd ?? asked;
    if (!same(end, asked)) {
      if (halfDayBefore(end, start)) return err("SICK.BEFORE_START", { start });
      if (halfDayBefore(asked, end)) return err("SICK.LONGER_THAN_ASKED", { asked });
      if (!doctor) return err("SICK.DOCTOR_NOT_RECORDED");
    }
    if (doctor && halfDayBefore(doctor, end)) return err("SICK.LONGER_THAN_DOCTOR", { doctor });
    if (!same(end, asked)) {
      const n = count(ctx, request, end);
      if (!n.ok) return n;
      plan.shortened = { from: { end: asked, halfDays: request.halfDays }, to: { end, halfDays: n.value } };
    }
  } else if (input.approvedEnd && !same(input.approvedEnd, asked)) {
    return isLongSick(request) ? err("SICK.NOT_THIS_STEP", { step: "shorten" }) : err("SICK.NOT_LONG_SICK");
  }

  const ids = [...new Set(input.checkedAttachmentIds ?? [])];
  if (ids.length > 0) {
    if (step.approver !== "inspection" || step.outside) return err("SICK.NOT_INSPECTION_STEP");
    const found = await db.attachment.findMany({
      where: { id: { in: ids }, entity: "request", entityId: request.id },
      select: { id: true },
    });
    const missing = ids.find((id) => !found.some((f) => f.id === id));
    if (missing !== undefined) return err("SICK.ATTACHMENT_NOT_FOUND", { id: missing });
    plan.checked = ids;
  }
  return plan.doctor || plan.shortened || plan.checked.length > 0 ? ok(plan) : ok(null);
}

/** Writes the plan inside decideStep's transaction; the request as it now stands. */
export async function applySickDecision(
  tx: Tx,
  now: Date,
  actorId: string,
  request: RequestRow,
  plan: SickPlan,
): Promise<RequestRow> {
  let after = request;
  if (plan.doctor) {
    const data = {
      doctorEndDate: plan.doctor.end.date,
      doctorEndHalf: plan.doctor.end.half,
      doctorHalfDays: plan.doctor.halfDays,
    };
    await tx.request.update({ where: { id: request.id }, data });
    await audit(
      tx,
      now,
      actorId,
      "request.doctor_period",
      "Request",
      request.id,
      {
        doctorEndDate: request.doctorEndDate,
        doctorEndHalf: request.doctorEndHalf,
        doctorHalfDays: request.doctorHalfDays,
      },
      data,
    );
    after = { ...after, ...data };
  }
  if (plan.shortened) {
    const { from, to } = plan.shortened;
    // asked* keep the period first asked for (set once: a second shortening keeps the first ask).
    const data = {
      endDate: to.end.date,
      endHalf: to.end.half,
      halfDays: to.halfDays,
      askedEndDate: request.askedEndDate ?? from.end.date,
      askedEndHalf: request.askedEndHalf ?? from.end.half,
      askedHalfDays: request.askedHalfDays ?? from.halfDays,
    };
    await tx.request.update({ where: { id: request.id }, data });
    await audit(
      tx,
      now,
      actorId,
      "request.shorten",
      "Request",
      request.id,
      { endDate: from.end.date, endHalf: from.end.half, halfDays: from.halfDays },
      { endDate: to.end.date, endHalf: to.end.half, halfDays: to.halfDays },
    );
    after = { ...after, ...data };
  }
  for (const id of plan.checked) {
    const done = await tx.attachment.updateMany({
      where: { id, checkedAt: null },
      data: { checkedBy: actorId, checkedAt: now },
    });
    if (done.count > 0)
      await audit(
        tx,
        now,
        actorId,
        "attachment.check",
        "Attachment",
        id,
        { checkedBy: null },
        { checkedBy: actorId },
      );
  }
  return after;
}
