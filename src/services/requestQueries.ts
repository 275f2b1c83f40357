// Read side of requests and approvals: App Home lists, request detail. (Where step and status messages
// went is the outbox's MessageRef, src/jobs/outbox.ts.)
import type { Db } from "../db/client.ts";
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
