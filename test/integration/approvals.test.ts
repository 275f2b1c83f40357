// decideStep / withdrawRequest / the App Home queries on a real migrated SQLite file (RULES.md §1, §3).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decideStep, withdrawRequest } from "../../src/services/approvals.ts";
import { getRequestDetail, listMyRequests, listWaitingFor } from "../../src/services/requestQueries.ts";
import { type RequestInput, submitRequest } from "../../src/services/requests.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { leave, seedCenter, testContext, U } from "../helpers/requestsFixture.ts";

let t: TestDb;
let ctx: ReturnType<typeof testContext>;

beforeEach(async () => {
  t = await createTestDb();
  await seedCenter(t.db);
  ctx = testContext(t.db);
});
afterEach(async () => {
  await t.close();
});

async function submit(input: RequestInput) {
  const r = await submitRequest(ctx, input);
  if (!r.ok) throw new Error(`submit refused: ${r.code}`);
  return r.value;
}

async function stepsOf(requestId: number) {
  return t.db.approvalStep.findMany({ where: { requestId }, orderBy: { seq: "asc" } });
}

const code = (r: { ok: boolean; code?: string }) => (r.ok ? "ok" : r.code);
// 2026-12-01 … 12-04 is four working days: staff 3<d<7 → opinion → inspection review → deputy approve.
const fourDays = (requesterId: string) => leave({ requesterId, end: { date: "2026-12-04", half: "pm" } });

describe("a three-step chain", () => {
  it("moves step by step to approved, each decision audited", async () => {
    const s = await submit(fourDays(U.staff2));
    const [opinion, review, approve] = s.steps;
    expect(s.steps.map((x) => x.state)).toEqual(["pending", "waiting", "waiting"]);

    const a = await decideStep(ctx, { stepId: opinion!.id, actorId: U.lead1, decision: "approve" });
    expect(a.ok && [a.value.final, a.value.activated.map((x) => x.seq)]).toEqual([null, [2]]);
    expect((await stepsOf(s.request.id)).map((x) => x.state)).toEqual(["approved", "pending", "waiting"]);

    ctx.clock.advance(3_600_000);
    const b = await decideStep(ctx, {
      stepId: review!.id,
      actorId: U.ins2,
      decision: "approve",
      note: "已核",
    });
    expect(b.ok && b.value.activated.map((x) => [x.seq, x.assigneeId])).toEqual([[3, U.deputy]]);

    const c = await decideStep(ctx, { stepId: approve!.id, actorId: U.deputy, decision: "approve" });
    expect(c.ok && c.value.final).toBe("approved");
    const detail = await getRequestDetail(t.db, s.request.id);
    expect(detail?.state).toBe("approved");
    expect(detail?.finalAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    expect(detail?.steps.map((x) => [x.state, x.decidedBy, x.note])).toEqual([
      ["approved", U.lead1, null],
      ["approved", U.ins2, "已核"],
      ["approved", U.deputy, null],
    ]);
    const audit = await t.db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((x) => `${x.action}:${x.actorId}`)).toEqual([
      `request.submit:${U.staff2}`,
      `step.approve:${U.lead1}`,
      `step.approve:${U.ins2}`,
      `step.approve:${U.deputy}`,
      "request.approve:system",
    ]);
  });

  it("rejection needs a reason, ends the request and cancels the steps after it", async () => {
    const s = await submit(fourDays(U.staff2));
    await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.lead1, decision: "approve" });
    expect(code(await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.ins1, decision: "reject" }))).toBe(
      "APPROVAL.REASON_REQUIRED",
    );
    expect((await stepsOf(s.request.id))[1]!.state).toBe("pending"); // refused: nothing changed
    const r = await decideStep(ctx, {
      stepId: s.steps[1]!.id,
      actorId: U.ins1,
      decision: "reject",
      note: "本周窗口人手不足",
    });
    expect(r.ok && [r.value.final, r.value.cancelled.map((x) => x.seq)]).toEqual(["rejected", [3]]);
    const detail = await getRequestDetail(t.db, s.request.id);
    expect([detail?.state, detail?.steps.map((x) => x.state)]).toEqual([
      "rejected",
      ["approved", "rejected", "cancelled"],
    ]);
    expect(detail?.steps[1]?.note).toBe("本周窗口人手不足");
  });
});

describe("who may decide", () => {
  it("only the assignee decides an assigned step; only inspection members decide inspection steps", async () => {
    const s = await submit(fourDays(U.staff2));
    const notLeader = await decideStep(ctx, {
      stepId: s.steps[0]!.id,
      actorId: U.lead2,
      decision: "approve",
    });
    expect(notLeader.ok ? "ok" : [notLeader.code, notLeader.detail]).toEqual([
      "APPROVAL.NOT_YOURS",
      { approver: "window_leader", assigneeId: U.lead1 },
    ]);
    expect(
      code(await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.ins1, decision: "approve" })),
    ).toBe("APPROVAL.NOT_YOURS");
    await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.lead1, decision: "approve" });
    expect(
      code(await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.lead1, decision: "approve" })),
    ).toBe("APPROVAL.NOT_YOURS");
    expect(
      code(await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.deputy, decision: "approve" })),
    ).toBe("APPROVAL.NOT_YOURS");
    expect((await stepsOf(s.request.id)).map((x) => x.state)).toEqual(["approved", "pending", "waiting"]);
  });

  it("a requester never decides their own request, even as an inspection member", async () => {
    // 孙督查 is W2 staff and an inspection member; the W2 leader gives the opinion first.
    const s = await submit(leave({ requesterId: U.ins1 }));
    await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.lead2, decision: "approve" });
    expect(
      code(await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.ins1, decision: "approve" })),
    ).toBe("APPROVAL.OWN_REQUEST");
    expect((await listWaitingFor(t.db, U.ins1)).length).toBe(0);
    expect((await listWaitingFor(t.db, U.ins2)).map((x) => x.id)).toEqual([s.steps[1]!.id]);
    expect(
      code(await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.ins2, decision: "approve" })),
    ).toBe("ok");
  });

  it("a second decision on the same step changes nothing and says who decided when", async () => {
    const s = await submit(leave({ requesterId: U.staff2 }));
    const first = await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.lead1, decision: "approve" });
    expect(code(first)).toBe("ok");
    const decidedAt = ctx.clock.now().toISOString();
    ctx.clock.advance(60_000);
    const again = await decideStep(ctx, {
      stepId: s.steps[0]!.id,
      actorId: U.lead1,
      decision: "reject",
      note: "改主意",
    });
    expect(again.ok ? "ok" : [again.code, again.detail]).toEqual([
      "APPROVAL.ALREADY_DECIDED",
      { state: "approved", by: U.lead1, at: decidedAt },
    ]);
    expect((await getRequestDetail(t.db, s.request.id))?.state).toBe("pending");
    expect(await t.db.auditLog.count({ where: { action: { startsWith: "step." } } })).toBe(1);
  });

  it("two inspection members clicking at once: exactly one decision lands", async () => {
    const s = await submit(leave({ requesterId: U.lead1 })); // inspection:approve only
    const both = await Promise.all([
      decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.ins1, decision: "approve" }),
      decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.ins2, decision: "reject", note: "不同意" }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => code(r))).toEqual(["APPROVAL.ALREADY_DECIDED"]);
    const detail = await getRequestDetail(t.db, s.request.id);
    expect(["approved", "rejected"]).toContain(detail?.state);
    expect(await t.db.auditLog.count({ where: { action: { startsWith: "step." } } })).toBe(1);
  });

  it("a waiting step is stale: it cannot be decided before its turn", async () => {
    const s = await submit(fourDays(U.staff2));
    const r = await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.ins1, decision: "approve" });
    expect(r.ok ? "ok" : [r.code, r.detail]).toEqual([
      "APPROVAL.STALE",
      { stepState: "waiting", requestState: "pending" },
    ]);
    expect(code(await decideStep(ctx, { stepId: 9999, actorId: U.ins1, decision: "approve" }))).toBe(
      "APPROVAL.NOT_FOUND",
    );
  });
});

describe("withdrawal", () => {
  it("only the requester, only before final; steps kept as cancelled; later clicks are stale", async () => {
    const s = await submit(fourDays(U.staff2));
    await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.lead1, decision: "approve" });
    expect(code(await withdrawRequest(ctx, { requestId: s.request.id, actorId: U.lead1 }))).toBe(
      "REQUEST.NOT_YOURS",
    );
    const w = await withdrawRequest(ctx, { requestId: s.request.id, actorId: U.staff2 });
    expect(w.ok && [w.value.request.state, w.value.cancelled.map((x) => [x.seq, x.state])]).toEqual([
      "withdrawn",
      [
        [2, "cancelled"],
        [3, "cancelled"],
      ],
    ]);
    expect((await stepsOf(s.request.id)).map((x) => x.state)).toEqual(["approved", "cancelled", "cancelled"]);
    const again = await withdrawRequest(ctx, { requestId: s.request.id, actorId: U.staff2 });
    expect(again.ok ? "ok" : [again.code, again.detail]).toEqual(["REQUEST.FINAL", { state: "withdrawn" }]);
    const late = await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.ins1, decision: "approve" });
    expect(late.ok ? "ok" : [late.code, late.detail]).toEqual([
      "APPROVAL.STALE",
      { stepState: "cancelled", requestState: "withdrawn" },
    ]);
    expect(code(await withdrawRequest(ctx, { requestId: 9999, actorId: U.staff2 }))).toBe(
      "REQUEST.NOT_FOUND",
    );
  });

  it("an approved request cannot be withdrawn", async () => {
    const s = await submit(leave({ requesterId: U.lead1 }));
    await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.ins1, decision: "approve" });
    const w = await withdrawRequest(ctx, { requestId: s.request.id, actorId: U.lead1 });
    expect(w.ok ? "ok" : [w.code, w.detail]).toEqual(["REQUEST.FINAL", { state: "approved" }]);
  });
});

describe("outside approvers, filing, opinions and cover", () => {
  it("an outside step is recorded by an inspection member with a note of the paper consent", async () => {
    // W2's parent-unit leader is not in the workspace; 8 working days of 事假 for the W2 leader.
    const s = await submit(
      leave({ requesterId: U.lead2, end: { date: "2026-12-10", half: "pm" }, explanation: "详细说明" }),
    );
    const first = s.steps[0]!;
    expect([first.approver, first.outside, first.assigneeId, first.state]).toEqual([
      "parent_unit_leader",
      true,
      null,
      "pending",
    ]);
    expect(
      code(await decideStep(ctx, { stepId: first.id, actorId: U.staff3, decision: "approve", note: "x" })),
    ).toBe("APPROVAL.NOT_YOURS");
    expect(code(await decideStep(ctx, { stepId: first.id, actorId: U.ins1, decision: "approve" }))).toBe(
      "APPROVAL.NOTE_REQUIRED",
    );
    expect((await listWaitingFor(t.db, U.ins2)).map((x) => x.id)).toEqual([first.id]);
    const r = await decideStep(ctx, {
      stepId: first.id,
      actorId: U.ins1,
      decision: "approve",
      note: "已收到社保局分管领导签字的纸质请假单",
    });
    expect(r.ok && [r.value.step.state, r.value.step.decidedBy, r.value.step.note]).toEqual([
      "approved",
      U.ins1,
      "已收到社保局分管领导签字的纸质请假单",
    ]);
    expect(r.ok && r.value.activated.map((x) => `${x.approver}:${x.action}`)).toEqual(["inspection:review"]);
  });

  it("filing-only: after the leader's opinion the inspection step is filed and the request is in force", async () => {
    const s = await submit(leave({ requesterId: U.staff2, end: { date: "2026-12-01", half: "am" } }));
    expect(s.steps.map((x) => `${x.approver}:${x.action}:${x.state}`)).toEqual([
      "window_leader:opinion:pending",
      "inspection:file:waiting",
    ]);
    const r = await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.lead1, decision: "approve" });
    expect(r.ok && [r.value.final, r.value.filed.map((x) => [x.seq, x.state, x.decidedBy])]).toEqual([
      "approved",
      [[2, "filed", "system"]],
    ]);
    expect((await getRequestDetail(t.db, s.request.id))?.state).toBe("approved");
    expect(
      code(await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.ins1, decision: "approve" })),
    ).toBe("APPROVAL.ALREADY_DECIDED");
  });

  it("the window leader's disagreeing opinion ends the request (default setting)", async () => {
    const s = await submit(leave({ requesterId: U.staff2 }));
    const r = await decideStep(ctx, {
      stepId: s.steps[0]!.id,
      actorId: U.lead1,
      decision: "reject",
      note: "窗口当天无人顶岗",
    });
    expect(r.ok && [r.value.final, r.value.request.state]).toEqual(["rejected", "rejected"]);
  });

  it("with rejectOnOpinionDisagree off, the disagreement is recorded and the chain goes on", async () => {
    const soft = testContext(t.db, { rejectOnOpinionDisagree: false });
    const s = await submit(leave({ requesterId: U.staff2 }));
    const r = await decideStep(soft, {
      stepId: s.steps[0]!.id,
      actorId: U.lead1,
      decision: "reject",
      note: "建议改期",
    });
    expect(r.ok && [r.value.final, r.value.step.state, r.value.activated.map((x) => x.seq)]).toEqual([
      null,
      "rejected",
      [2],
    ]);
    expect((await getRequestDetail(t.db, s.request.id))?.state).toBe("pending");
  });

  it("the window leader names the cover with the opinion; other steps cannot", async () => {
    const s = await submit(fourDays(U.staff2));
    expect(
      code(
        await decideStep(ctx, {
          stepId: s.steps[0]!.id,
          actorId: U.lead1,
          decision: "approve",
          coverId: U.staff2,
        }),
      ),
    ).toBe("REQUEST.COVER_SELF");
    const r = await decideStep(ctx, {
      stepId: s.steps[0]!.id,
      actorId: U.lead1,
      decision: "approve",
      coverId: U.staff1,
    });
    expect(r.ok && [r.value.coverChanged, r.value.request.coverId]).toEqual([
      { from: null, to: U.staff1 },
      U.staff1,
    ]);
    expect(
      code(
        await decideStep(ctx, {
          stepId: s.steps[1]!.id,
          actorId: U.ins1,
          decision: "approve",
          coverId: U.lead1,
        }),
      ),
    ).toBe("APPROVAL.COVER_NOT_ALLOWED");
    const audit = await t.db.auditLog.findFirst({ where: { action: "request.cover" } });
    expect([audit?.actorId, audit?.after]).toEqual([U.lead1, JSON.stringify({ coverId: U.staff1 })]);
  });
});

describe("App Home queries", () => {
  it("my requests newest first; approvals waiting for me by role", async () => {
    const a = await submit(leave({ requesterId: U.staff2 }));
    const b = await submit(
      leave({
        requesterId: U.staff2,
        start: { date: "2026-12-02", half: "am" },
        end: { date: "2026-12-02", half: "pm" },
      }),
    );
    const c = await submit(leave({ requesterId: U.lead1 }));
    expect((await listMyRequests(t.db, U.staff2)).map((r) => r.id)).toEqual([b.request.id, a.request.id]);
    expect((await listWaitingFor(t.db, U.lead1)).map((x) => x.requestId)).toEqual([
      a.request.id,
      b.request.id,
    ]);
    expect((await listWaitingFor(t.db, U.ins1)).map((x) => x.requestId)).toEqual([c.request.id]);
    expect(await listWaitingFor(t.db, U.staff1)).toEqual([]);
  });
});
