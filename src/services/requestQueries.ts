// Read side of requests and approvals: App Home lists, request detail. (Where step and status messages
// went is the outbox's MessageRef, src/jobs/outbox.ts.)
import type { Db } from "../db/client.ts";
import { err, ok, type Result } from "../domain/result.ts";
import type { RequestRow, StepRow, Tx } from "./approvals.ts";
import { hasCenterRole } from "./org.ts";

export type RequestWithSteps = RequestRow & { steps: StepRow[] };
export type StepWithRequest = StepRow & { request: RequestRow };

/** The person's own requests, newest first. */
export async function listMyRequests(db: Db, requesterId: string, limit = 10): Promise<RequestWithSteps[]> {
  return db.request.findMany({
    where: { requesterId },
    orderBy: { id: "desc" },
    take: limit,
    include: { steps: { orderBy: { seq: "asc" } } },
  });
}

/**
 * Pending steps this person may decide: steps assigned to them, and for inspection members every
 * inspection step and every outside step (recorded on the outside approver's behalf), never their own
 * requests' steps (§3 五). Oldest first: the longest waiting comes first.
 */
export async function listWaitingFor(db: Db, actorId: string, limit = 20): Promise<StepWithRequest[]> {
  return db.approvalStep.findMany({
    where: await waitingWhere(db, actorId),
    orderBy: { activatedAt: "asc" },
    take: limit,
    include: { request: true },
  });
}

/** How many steps listWaitingFor would list without its limit (the App Home says how many more). */
export async function countWaitingFor(db: Db, actorId: string): Promise<number> {
  return db.approvalStep.count({ where: await waitingWhere(db, actorId) });
}

async function waitingWhere(db: Db, actorId: string) {
  const inspection = await hasCenterRole(db, actorId, "inspection");
  return {
    state: "pending",
    request: { state: "pending", requesterId: { not: actorId } },
    OR: [
      { assigneeId: actorId, outside: false, approver: { not: "inspection" } },
      ...(inspection ? [{ approver: "inspection" }, { outside: true }] : []),
    ],
  };
}

export async function getRequestDetail(db: Tx, requestId: number): Promise<RequestWithSteps | null> {
  return db.request.findUnique({
    where: { id: requestId },
    include: { steps: { orderBy: { seq: "asc" } } },
  });
}

export interface FiledStep {
  request: RequestRow;
  /** Who gave the opinion before the filing (the window leader), if anyone did. */
  opinionBy: string | null;
  filedAt: Date;
}

/**
 * 备案 recorded in [from, to) (§3: filing needs no decision), oldest first, for inspection's daily
 * summary: each filing with its request and the opinion that put it in force.
 */
export async function filedBetween(db: Tx, from: Date, to: Date): Promise<FiledStep[]> {
  const steps = await db.approvalStep.findMany({
    where: { action: "file", state: "filed", decidedAt: { gte: from, lt: to } },
    orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
    include: { request: { include: { steps: { orderBy: { seq: "asc" } } } } },
  });
  return steps.map(({ request: { steps: chain, ...request }, ...step }) => ({
    request,
    opinionBy:
      chain.find((s) => s.seq < step.seq && s.action === "opinion" && s.state === "approved")?.decidedBy ??
      null,
    filedAt: step.decidedAt ?? from,
  }));
}

/**
 * A request its requester submits again after changing it (修改后重新提交): the form opens filled in as
 * it was, and what is submitted is a new request. Codes: REQUEST.NOT_FOUND, REQUEST.NOT_YOURS {action}.
 */
export async function requestToResubmit(
  db: Tx,
  requestId: number,
  actorId: string,
): Promise<Result<RequestRow>> {
  const request = await db.request.findUnique({ where: { id: requestId } });
  if (!request) return err("REQUEST.NOT_FOUND", { requestId });
  if (request.requesterId !== actorId) return err("REQUEST.NOT_YOURS", { action: "resubmit" });
  return ok(request);
}

/** A step alone, or null. */
export async function getStep(db: Tx, stepId: number): Promise<StepRow | null> {
  return db.approvalStep.findUnique({ where: { id: stepId } });
}

/** Whether `actorId` named the cover of request `requestId` (its audit log, approvals.ts "request.cover"). */
export async function namedCover(db: Tx, requestId: number, actorId: string): Promise<boolean> {
  const n = await db.auditLog.count({
    where: { action: "request.cover", entity: "Request", entityId: String(requestId), actorId },
  });
  return n > 0;
}

export async function getStepWithRequest(db: Db, stepId: number): Promise<StepWithRequest | null> {
  return db.approvalStep.findUnique({ where: { id: stepId }, include: { request: true } });
}

/** Display names of people known to the center (requesters); others are shown as Slack mentions. */
export async function personNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.person.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}
