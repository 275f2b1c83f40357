// Deciding approval steps and withdrawing requests (RULES.md §1, §3, §3(五)).
// Slack buttons cannot be disabled, so every decision is idempotent in the database: a step is decided
// by `updateMany where {id, state: "pending"}`; whoever loses the race (a second click, a stale message,
// another inspection member) gets APPROVAL.ALREADY_DECIDED or APPROVAL.STALE and nothing changes.
import type { Db, Prisma } from "../db/client.ts";
import {
  type AuditInsert,
  activateStepRaw,
  chainOfStepRaw,
  claimStepRaw,
  connectionOf,
  insertAuditsRaw,
} from "../db/hotPath.ts";
import { orgSnapshot } from "../db/orgCache.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { absenceOf, checkCover } from "./absences.ts";
import type { ServiceContext } from "./context.ts";
import { atMonth } from "./monthSettings.ts";
import type { Notify } from "./notify.ts";
import { hasCenterRole } from "./org.ts";
import { applySickDecision, type SickDecisionInput, type SickPlan, sickDecision } from "./sickLeave.ts";

export type RequestRow = Prisma.RequestModel;
export type StepRow = Prisma.ApprovalStepModel;
export type Tx = Db | Prisma.TransactionClient;

export type RequestState = "pending" | "approved" | "rejected" | "withdrawn";
export type StepState = "waiting" | "pending" | "approved" | "rejected" | "filed" | "cancelled";

/** Who records a `file` step: nobody clicks it, the bot files it when the chain reaches it (§3). */
export const SYSTEM_ACTOR = "system";

/** Step states that are a decision already taken. */
const DECIDED: readonly string[] = ["approved", "rejected", "filed"];

export interface ChainProgress {
  /** Steps that became pending (someone must now decide them). */
  activated: StepRow[];
  /** `file` steps recorded on the way (inspection is informed, nobody decides). */
  filed: StepRow[];
  /** Set when the chain ran out: the request is now approved. */
  final: "approved" | null;
}

/**
 * Moves the chain forward from step `fromSeq`: `file` steps are recorded at once (state "filed"),
 * the first decision step becomes "pending"; no step left → the request is approved (final).
 */
export async function advanceChain(
  tx: Tx,
  requestId: number,
  fromSeq: number,
  now: Date,
  /**
   * The hot path (issue #11): `known`, the request's steps as read before the transaction (the caller
   * has since claimed the pending step, so the waiting ones cannot have moved); `audits`, where the
   * audit rows go to be written together by the caller (writeAudits).
   */
  opts: { known?: readonly StepRow[]; audits?: AuditInsert[] } = {},
): Promise<ChainProgress> {
  const audit = opts.audits ? queueAudit(opts.audits) : writeAudit;
  const rest = opts.known
    ? opts.known.filter((s) => s.seq >= fromSeq && s.state === "waiting")
    : await tx.approvalStep.findMany({
        where: { requestId, seq: { gte: fromSeq }, state: "waiting" },
        orderBy: { seq: "asc" },
      });
  const progress: ChainProgress = { activated: [], filed: [], final: null };
  for (const step of rest) {
    if (step.action === "file") {
      const filed = await tx.approvalStep.update({
        where: { id: step.id },
        data: { state: "filed", activatedAt: now, decidedAt: now, decidedBy: SYSTEM_ACTOR },
      });
      progress.filed.push(filed);
      await audit(
        tx,
        now,
        SYSTEM_ACTOR,
        "step.file",
        "ApprovalStep",
        step.id,
        { state: "waiting" },
        { state: "filed" },
      );
      continue;
    }
    const raw = opts.known ? connectionOf(tx) : null;
    if (raw) {
      // Not waiting any more (cannot happen once the caller's claim succeeded): read the chain again.
      if (activateStepRaw(raw, step.id, now) === 0)
        return advanceChain(tx, requestId, fromSeq, now, { audits: opts.audits ?? [] });
      progress.activated.push({ ...step, state: "pending", activatedAt: now });
      return progress;
    }
    const pending = await tx.approvalStep.update({
      where: { id: step.id },
      data: { state: "pending", activatedAt: now },
    });
    progress.activated.push(pending);
    return progress;
  }
  await tx.request.update({ where: { id: requestId }, data: { state: "approved", finalAt: now } });
  await audit(
    tx,
    now,
    SYSTEM_ACTOR,
    "request.approve",
    "Request",
    requestId,
    { state: "pending" },
    { state: "approved" },
  );
  progress.final = "approved";
  return progress;
}

type AuditArgs = [
  at: Date,
  actorId: string,
  action: string,
  entity: string,
  entityId: string | number,
  before: unknown,
  after: unknown,
  note?: string | null,
];

function auditRow(...[at, actorId, action, entity, entityId, before, after, note]: AuditArgs): AuditInsert {
  return {
    at,
    actorId,
    action,
    entity,
    entityId: String(entityId),
    before: before === undefined || before === null ? null : JSON.stringify(before),
    after: after === undefined || after === null ? null : JSON.stringify(after),
    note: note ?? null,
  };
}

export async function audit(tx: Tx, ...args: AuditArgs): Promise<void> {
  await tx.auditLog.create({ data: auditRow(...args) });
}

const writeAudit = audit;

/** `audit`'s signature, keeping the row in `rows` for writeAudits instead of writing it now. */
const queueAudit =
  (rows: AuditInsert[]) =>
  async (_tx: Tx, ...args: AuditArgs): Promise<void> => {
    rows.push(auditRow(...args));
  };

/** Audit rows queued by queueAudit, written in one statement, in their order (then emptied). */
async function writeAudits(tx: Tx, rows: AuditInsert[]): Promise<void> {
  const batch = rows.splice(0);
  if (batch.length === 0) return;
  const raw = connectionOf(tx);
  if (raw) insertAuditsRaw(raw, batch);
  else await tx.auditLog.createMany({ data: batch });
}

// ---------------------------------------------------------------------------------------------
// Deciding a step.

export type Decision = "approve" | "reject";

export interface DecideInput {
  stepId: number;
  actorId: string;
  decision: Decision;
  /** Reason for a rejection (required), the opinion's remark, or what the paper consent says (outside). */
  note?: string | null;
  /** The window leader names or changes the cover when giving the opinion (§3, 五). */
  coverId?: string | null;
  /** A sick leave's doctor's period, shorter approved period, checked attachments (sickLeave.ts, §3 二). */
  sick?: SickDecisionInput;
}

export interface DecideOutcome {
  step: StepRow;
  request: RequestRow;
  /** All the request's steps as this decision left them (by seq): its messages need not read them again. */
  steps: StepRow[];
  activated: StepRow[];
  filed: StepRow[];
  /** Steps that will never be decided now (the request ended). */
  cancelled: StepRow[];
  /** The request's state when this decision ended it. */
  final: "approved" | "rejected" | null;
  coverChanged: { from: string | null; to: string } | null;
  /** What the decision recorded on a sick leave (doctor's period, shortening, checks), if anything. */
  sick: SickPlan | null;
}

export const NOTE_MAX = 500;

/**
 * Records a decision on a pending step. Codes: APPROVAL.NOT_FOUND, APPROVAL.ALREADY_DECIDED {state, by, at},
 * APPROVAL.STALE {stepState, requestState}, APPROVAL.OWN_REQUEST, APPROVAL.NOT_YOURS {approver, assigneeId},
 * APPROVAL.REASON_REQUIRED, APPROVAL.NOTE_REQUIRED (outside steps), APPROVAL.NOTE_TOO_LONG {max},
 * APPROVAL.COVER_NOT_ALLOWED, and checkCover's (absences.ts): REQUEST.COVER_SELF, COVER.NOT_IN_CENTER,
 * COVER.INACTIVE, COVER.AWAY; a sick leave's (sickLeave.ts sickDecision): SICK.* — the doctor's period at
 * inspection's review, the deputy director's shorter period (§3 二), the attachments checked.
 */
/**
 * May `actorId` decide step `stepId` now? The checks decideStep makes before writing, also used to
 * refuse a Reject/Record click before its modal asks for a reason. Codes: APPROVAL.NOT_FOUND,
 * APPROVAL.ALREADY_DECIDED, APPROVAL.STALE, APPROVAL.OWN_REQUEST, APPROVAL.NOT_YOURS.
 */
export async function checkDecider(
  db: Tx,
  stepId: number,
  actorId: string,
): Promise<Result<{ step: StepRow; request: RequestRow; steps: StepRow[] }>> {
  const found = await chainOfStep(db, stepId);
  if (!found) return err("APPROVAL.NOT_FOUND", { stepId });
  const { request, step, steps } = found;
  if (step.state !== "pending") return notPending(step, request);
  // A requester never decides a step of their own request (§3 五), not even as an inspection member.
  if (actorId === request.requesterId) return err("APPROVAL.OWN_REQUEST");
  // Outside steps are recorded by inspection on the outside approver's behalf (§1).
  // Any inspection member may act for the inspection section (§1).
  const byInspection = step.outside || step.approver === "inspection";
  const allowed = byInspection
    ? await isInspection(db, actorId)
    : step.assigneeId !== null && step.assigneeId === actorId;
  if (!allowed) return err("APPROVAL.NOT_YOURS", { approver: step.approver, assigneeId: step.assigneeId });
  return ok({ step, request, steps });
}

/** A step, its request and all the request's steps (by seq): one joined statement (src/db/hotPath.ts). */
async function chainOfStep(
  db: Tx,
  stepId: number,
): Promise<{ step: StepRow; request: RequestRow; steps: StepRow[] } | null> {
  const raw = connectionOf(db);
  if (raw) {
    const chain = chainOfStepRaw(raw, stepId);
    if (!chain) return null;
    // The rows of the schema's Request and ApprovalStep tables, typed as Prisma types them.
    const steps = chain.steps as unknown as StepRow[];
    const step = steps.find((s) => s.id === stepId)!;
    return { step, request: chain.request as unknown as RequestRow, steps };
  }
  const found = await db.approvalStep.findUnique({
    where: { id: stepId },
    include: { request: { include: { steps: { orderBy: { seq: "asc" } } } } },
  });
  if (!found) return null;
  const {
    request: { steps, ...request },
    ...step
  } = found;
  return { step, request, steps };
}

/** An inspection member? From the org cache when the client has one (src/db/orgCache.ts). */
async function isInspection(db: Tx, actorId: string): Promise<boolean> {
  const org = orgSnapshot(db);
  if (!org) return hasCenterRole(db, actorId, "inspection");
  return (await org).roles.get("inspection")?.includes(actorId) ?? false;
}

export async function decideStep(
  ctx: ServiceContext,
  input: DecideInput,
  /** Tells the people concerned, inside the transaction (src/services/notify.ts). */
  notify?: Notify<DecideOutcome>,
): Promise<Result<DecideOutcome>> {
  const { db } = ctx;
  const note = input.note?.trim() || null;
  const coverId = input.coverId?.trim() || null;
  const checked = await checkDecider(db, input.stepId, input.actorId);
  if (!checked.ok) return checked;
  const { step, request, steps } = checked.value;
  if (input.decision === "reject" && !note) return err("APPROVAL.REASON_REQUIRED");
  if (step.outside && !note) return err("APPROVAL.NOTE_REQUIRED");
  if (note && note.length > NOTE_MAX) return err("APPROVAL.NOTE_TOO_LONG", { max: NOTE_MAX });
  if (coverId) {
    if (!(step.approver === "window_leader" && step.action === "opinion"))
      return err("APPROVAL.COVER_NOT_ALLOWED");
    const cover = await checkCover(db, coverId, absenceOf(request));
    if (!cover.ok) return cover;
  }
  const sick = await sickDecision(db, ctx, step, request, input.decision === "approve", input.sick ?? {});
  if (!sick.ok) return sick;

  const now = ctx.clock.now();
  const state: StepState = input.decision === "approve" ? "approved" : "rejected";
  return db.$transaction(async (tx) => {
    const raw = connectionOf(tx);
    const claimed = raw
      ? { count: claimStepRaw(raw, { id: step.id, state, at: now, by: input.actorId, note }) }
      : await tx.approvalStep.updateMany({
          where: { id: step.id, state: "pending" },
          data: { state, decidedAt: now, decidedBy: input.actorId, note },
        });
    if (claimed.count === 0) {
      // Lost a race with another click between the read above and this write.
      const again = await tx.approvalStep.findUniqueOrThrow({
        where: { id: step.id },
        include: { request: true },
      });
      return notPending(again, again.request);
    }
    // Every audit row of the decision in one statement, in the order written (writeAudits).
    const audits: AuditInsert[] = [];
    const audit = queueAudit(audits);
    await audit(
      tx,
      now,
      input.actorId,
      `step.${input.decision}`,
      "ApprovalStep",
      step.id,
      { state: "pending" },
      { state, outside: step.outside, approver: step.approver, action: step.action },
      note,
    );

    let coverChanged: DecideOutcome["coverChanged"] = null;
    if (coverId && coverId !== request.coverId) {
      await tx.request.update({ where: { id: request.id }, data: { coverId } });
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
      coverChanged = { from: request.coverId, to: coverId };
    }
    // A sick leave's own audit rows come after the decision's (their order is the log's).
    if (sick.value) await writeAudits(tx, audits);
    const sickAfter = sick.value
      ? await applySickDecision(tx, now, input.actorId, request, sick.value)
      : request;

    const outcome: Omit<DecideOutcome, "step" | "request" | "steps"> = {
      activated: [],
      filed: [],
      cancelled: [],
      final: null,
      coverChanged,
      sick: sick.value,
    };
    // The window leader's disagreeing opinion ends the request unless the center set otherwise (§3).
    const ends =
      input.decision === "reject" &&
      (step.action !== "opinion" ||
        // The setting in force in the request's start month (RULES.md §8a).
        atMonth(ctx, request.startDate.slice(0, 7)).settings.routing.rejectOnOpinionDisagree);
    if (ends) {
      outcome.cancelled = await cancelOpenSteps(tx, request.id, now);
      await tx.request.update({ where: { id: request.id }, data: { state: "rejected", finalAt: now } });
      await audit(
        tx,
        now,
        input.actorId,
        "request.reject",
        "Request",
        request.id,
        { state: "pending" },
        { state: "rejected" },
        note,
      );
      outcome.final = "rejected";
    } else {
      const progress = await advanceChain(tx, request.id, step.seq + 1, now, { known: steps, audits });
      outcome.activated = progress.activated;
      outcome.filed = progress.filed;
      outcome.final = progress.final;
    }
    // The step and the request as this transaction left them, from what it wrote (neither has an
    // @updatedAt column): read again, they cost two statements per decision (issue #11).
    const after: StepRow = { ...step, state, decidedAt: now, decidedBy: input.actorId, note };
    const requestAfter: RequestRow = {
      ...sickAfter,
      coverId: coverChanged ? coverChanged.to : request.coverId,
      ...(outcome.final ? { state: outcome.final, finalAt: now } : {}),
    };
    await writeAudits(tx, audits);
    const changed = new Map(
      [after, ...outcome.activated, ...outcome.filed, ...outcome.cancelled].map((s) => [s.id, s]),
    );
    const chain = steps.map((s) => changed.get(s.id) ?? s);
    const decided: DecideOutcome = { ...outcome, step: after, request: requestAfter, steps: chain };
    await notify?.(tx, decided);
    return ok(decided);
  });
}

function notPending(step: StepRow, request: RequestRow): Result<never> {
  if (DECIDED.includes(step.state)) {
    return err("APPROVAL.ALREADY_DECIDED", {
      state: step.state,
      by: step.decidedBy,
      at: step.decidedAt?.toISOString() ?? null,
    });
  }
  return err("APPROVAL.STALE", { stepState: step.state, requestState: request.state });
}

/** Pending and waiting steps of a request that ended: kept, marked cancelled (§3 五: everything is kept). */
async function cancelOpenSteps(tx: Tx, requestId: number, now: Date): Promise<StepRow[]> {
  const open = await tx.approvalStep.findMany({
    where: { requestId, state: { in: ["pending", "waiting"] } },
    orderBy: { seq: "asc" },
  });
  if (open.length === 0) return [];
  await tx.approvalStep.updateMany({
    where: { id: { in: open.map((s) => s.id) } },
    data: { state: "cancelled", decidedAt: now },
  });
  return open.map((s) => ({ ...s, state: "cancelled", decidedAt: now }));
}

// ---------------------------------------------------------------------------------------------
// Withdrawing a request (§3 五).

export interface WithdrawInput {
  requestId: number;
  actorId: string;
}

export interface WithdrawOutcome {
  request: RequestRow;
  /** Steps cancelled by the withdrawal; the ones that were pending have approver messages to update. */
  cancelled: StepRow[];
}

/** Codes: REQUEST.NOT_FOUND, REQUEST.NOT_YOURS, REQUEST.FINAL {state}. */
export async function withdrawRequest(
  ctx: ServiceContext,
  input: WithdrawInput,
  notify?: Notify<WithdrawOutcome>,
): Promise<Result<WithdrawOutcome>> {
  const { db } = ctx;
  const request = await db.request.findUnique({ where: { id: input.requestId } });
  if (!request) return err("REQUEST.NOT_FOUND", { requestId: input.requestId });
  if (request.requesterId !== input.actorId) return err("REQUEST.NOT_YOURS");
  if (request.state !== "pending") return err("REQUEST.FINAL", { state: request.state });
  const now = ctx.clock.now();
  return db.$transaction(async (tx) => {
    const claimed = await tx.request.updateMany({
      where: { id: request.id, state: "pending" },
      data: { state: "withdrawn", finalAt: now },
    });
    if (claimed.count === 0) {
      const again = await tx.request.findUniqueOrThrow({ where: { id: request.id } });
      return err("REQUEST.FINAL", { state: again.state });
    }
    const cancelled = await cancelOpenSteps(tx, request.id, now);
    await audit(
      tx,
      now,
      input.actorId,
      "request.withdraw",
      "Request",
      request.id,
      { state: "pending" },
      { state: "withdrawn" },
    );
    const after = await tx.request.findUniqueOrThrow({ where: { id: request.id } });
    await notify?.(tx, { request: after, cancelled });
    return ok({ request: after, cancelled });
  });
}
