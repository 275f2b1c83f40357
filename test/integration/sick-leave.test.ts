// Long sick leave (RULES.md §3 二) on a real migrated SQLite file: inspection records the doctor's period
// at its review, the deputy director approves a period no longer than the doctor's and may shorten the
// request (issue #12, fix 4); certificates attached to a sick leave and checked by inspection.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decideStep } from "../../src/services/approvals.ts";
import { attachToRequest, type FileFacts } from "../../src/services/attachments.ts";
import { requestFacts } from "../../src/services/requestFacts.ts";
import { previewRequest, type RequestInput, submitRequest } from "../../src/services/requests.ts";
import type { SickDecisionInput } from "../../src/services/sickLeave.ts";
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

const code = (r: { ok: boolean; code?: string }) => (r.ok ? "ok" : r.code);
/** Approves step `stepId` as `actorId` with the sick-leave fields; the outcome's code ("ok" or a refusal). */
const approveWith = async (stepId: number, actorId: string, sick: SickDecisionInput) =>
  code(await decideStep(ctx, { stepId, actorId, decision: "approve", sick }));

async function submit(input: RequestInput) {
  const r = await submitRequest(ctx, input);
  if (!r.ok) throw new Error(`submit refused: ${r.code}`);
  return r.value;
}

// 2026-12-01 am … 12-31 pm: 31 calendar days (sick leave counts calendar days, §2) > 30 → long sick leave,
// top tier: parent-unit leader agrees → inspection reviews → deputy approves → two outside steps.
const longSick = (requesterId: string = U.staff2) =>
  leave({
    requesterId,
    kind: "sick",
    end: { date: "2026-12-31", half: "pm" },
    reason: "住院治疗",
    certificate: "confirmed",
  });

/** Submits the long sick leave and decides the parent-unit leader's step: inspection's review is pending. */
async function atReview() {
  const s = await submit(longSick());
  expect(s.steps.map((x) => `${x.approver}:${x.action}`)).toEqual([
    "parent_unit_leader:agree",
    "inspection:review",
    "deputy_director:approve",
    "parent_unit_head:review",
    "personnel_authority:approve",
  ]);
  expect(s.request.halfDays).toBe(62);
  const agreed = await decideStep(ctx, { stepId: s.steps[0]!.id, actorId: U.pul1, decision: "approve" });
  expect(code(agreed)).toBe("ok");
  return s;
}

describe("the deputy director shortens a long sick leave (fix 4)", () => {
  it("inspection records the doctor's period; the deputy approves a shorter one; dates, days and ytd follow", async () => {
    const s = await atReview();
    const [, review, approve, outside] = s.steps;
    // The doctor's period cannot end before the request starts.
    expect(await approveWith(review!.id, U.ins1, { doctorEnd: { date: "2026-11-30", half: "pm" } })).toBe(
      "SICK.BEFORE_START",
    );
    const recorded = await decideStep(ctx, {
      stepId: review!.id,
      actorId: U.ins1,
      decision: "approve",
      sick: { doctorEnd: { date: "2026-12-20", half: "pm" } },
    });
    expect(code(recorded)).toBe("ok");
    let row = await t.db.request.findUniqueOrThrow({ where: { id: s.request.id } });
    expect([row.doctorEndDate, row.doctorEndHalf, row.doctorHalfDays]).toEqual(["2026-12-20", "pm", 40]);

    // Before the shortening the asked period still holds the days: a new sick leave on 12-21 overlaps.
    const later = leave({
      requesterId: U.staff2,
      kind: "sick",
      start: { date: "2026-12-28", half: "am" },
      end: { date: "2026-12-28", half: "pm" },
      certificate: "confirmed",
    });
    expect(code(await previewRequest(ctx, later))).toBe("LEAVE.OVERLAP");

    const deputy = (sick?: { approvedEnd: { date: string; half: "am" | "pm" } }) =>
      decideStep(ctx, {
        stepId: approve!.id,
        actorId: U.deputy,
        decision: "approve",
        ...(sick ? { sick } : {}),
      });
    // No longer than the doctor's: the whole period asked (to 12-31) is refused, so is 12-21.
    expect(code(await deputy())).toBe("SICK.LONGER_THAN_DOCTOR");
    expect(code(await deputy({ approvedEnd: { date: "2026-12-21", half: "am" } }))).toBe(
      "SICK.LONGER_THAN_DOCTOR",
    );
    // Never longer than asked, never before the start.
    expect(code(await deputy({ approvedEnd: { date: "2027-01-04", half: "pm" } }))).toBe(
      "SICK.LONGER_THAN_ASKED",
    );
    expect(code(await deputy({ approvedEnd: { date: "2026-11-29", half: "pm" } }))).toBe("SICK.BEFORE_START");
    row = await t.db.request.findUniqueOrThrow({ where: { id: s.request.id } });
    expect([row.endDate, row.halfDays, row.askedEndDate]).toEqual(["2026-12-31", 62, null]); // refused: unchanged

    ctx.clock.advance(3_600_000);
    const shortened = await deputy({ approvedEnd: { date: "2026-12-15", half: "am" } });
    expect(shortened.ok).toBe(true);
    if (!shortened.ok) return;
    expect(shortened.value.sick?.shortened).toEqual({
      from: { end: { date: "2026-12-31", half: "pm" }, halfDays: 62 },
      to: { end: { date: "2026-12-15", half: "am" }, halfDays: 29 },
    });
    expect(shortened.value.request.endDate).toBe("2026-12-15");
    // The route stays as decided: the outside steps come next.
    expect(shortened.value.activated.map((x) => x.id)).toEqual([outside!.id]);
    row = await t.db.request.findUniqueOrThrow({ where: { id: s.request.id } });
    expect({
      end: [row.endDate, row.endHalf, row.halfDays],
      asked: [row.askedEndDate, row.askedEndHalf, row.askedHalfDays],
      doctor: [row.doctorEndDate, row.doctorHalfDays],
      state: row.state,
    }).toEqual({
      end: ["2026-12-15", "am", 29],
      asked: ["2026-12-31", "pm", 62],
      doctor: ["2026-12-20", 40],
      state: "pending",
    });
    const audits = await t.db.auditLog.findMany({
      where: { action: { in: ["request.doctor_period", "request.shorten"] } },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => [a.action, a.actorId, JSON.parse(a.after ?? "{}").halfDays ?? null])).toEqual([
      ["request.doctor_period", U.ins1, null],
      ["request.shorten", U.deputy, 29],
    ]);
    expect(JSON.parse(audits[1]!.before ?? "{}")).toEqual({
      endDate: "2026-12-31",
      endHalf: "pm",
      halfDays: 62,
    });

    // Year to date follows the approved period: the days after it are free, and count once.
    const preview = await previewRequest(ctx, later);
    expect(preview.ok && preview.value.ytd.sickHalfDays).toBe(29);
    const facts = await requestFacts(t.db, ctx, { ...later, ...flat(later) });
    expect(facts.ytdHalfDays).toBe(29);
  });

  it("refuses a shorter period with no doctor's period recorded, and on a sick leave that is not long", async () => {
    const s = await atReview();
    expect(
      code(await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.ins2, decision: "approve" })),
    ).toBe("ok");
    const short = { approvedEnd: { date: "2026-12-10", half: "pm" as const } };
    expect(
      code(
        await decideStep(ctx, {
          stepId: s.steps[2]!.id,
          actorId: U.deputy,
          decision: "approve",
          sick: short,
        }),
      ),
    ).toBe("SICK.DOCTOR_NOT_RECORDED");
    // Without a doctor's period the deputy approves what was asked (one click, as before).
    expect(
      code(await decideStep(ctx, { stepId: s.steps[2]!.id, actorId: U.deputy, decision: "approve" })),
    ).toBe("ok");

    // Three days of sick leave: inspection approves, nobody shortens anything.
    const small = await submit(
      leave({
        requesterId: U.staff3,
        kind: "sick",
        end: { date: "2026-12-03", half: "pm" },
        certificate: "confirmed",
      }),
    );
    const stepId = small.steps[0]!.id;
    expect(await approveWith(stepId, U.ins1, { approvedEnd: { date: "2026-12-02", half: "pm" } })).toBe(
      "SICK.NOT_LONG_SICK",
    );
    expect(await approveWith(stepId, U.ins1, { doctorEnd: { date: "2026-12-02", half: "pm" } })).toBe(
      "SICK.NOT_LONG_SICK",
    );
  });

  it("the doctor's period is inspection's to record, at its review only", async () => {
    const s = await atReview();
    await decideStep(ctx, { stepId: s.steps[1]!.id, actorId: U.ins1, decision: "approve" });
    expect(
      await approveWith(s.steps[2]!.id, U.deputy, { doctorEnd: { date: "2026-12-10", half: "pm" } }),
    ).toBe("SICK.NOT_THIS_STEP");
  });
});

const photo = (over: Partial<FileFacts> = {}): FileFacts => ({
  id: "F0CERT1",
  name: "证明.jpg",
  mimetype: "image/jpeg",
  filetype: "jpg",
  size: 800_000,
  user: U.staff2,
  permalink: "https://example.slack.com/files/USTAFF2/F0CERT1/证明.jpg",
  ...over,
});

describe("certificates attached to a sick leave", () => {
  it("the requester attaches a photo or PDF of their own; inspection checks it at its step", async () => {
    const s = await atReview();
    const attach = (
      file: FileFacts,
      kind: "certificate" | "designated_form" = "certificate",
      requestId: number | null = null,
    ) => attachToRequest(ctx, { requestId, actorId: U.staff2, kind, file });
    expect(code(await attach(photo({ user: U.staff3 })))).toBe("ATTACH.NOT_OWNER");
    expect(
      code(await attach(photo({ name: "a.docx", mimetype: "application/msword", filetype: "docx" }))),
    ).toBe("ATTACH.BAD_TYPE");
    expect(code(await attach(photo({ size: 30 * 1024 * 1024 })))).toBe("ATTACH.TOO_LARGE");
    expect(code(await attach(photo(), "certificate", 999))).toBe("ATTACH.REQUEST_NOT_FOUND");
    expect(
      code(
        await attachToRequest(ctx, {
          requestId: s.request.id,
          actorId: U.staff3,
          kind: "certificate",
          file: photo({ user: U.staff3 }),
        }),
      ),
    ).toBe("ATTACH.NOT_YOURS");

    const a = await attach(photo());
    expect(a.ok && [a.value.created, a.value.request.id, a.value.request.certificate]).toEqual([
      true,
      s.request.id,
      "attached",
    ]);
    // The same file again: nothing new.
    const again = await attach(photo());
    expect(again.ok && again.value.created).toBe(false);
    const form = await attach(
      photo({ id: "F0FORM1", name: "病假证明表.pdf", mimetype: "application/pdf", filetype: "pdf" }),
      "designated_form",
    );
    expect(code(form)).toBe("ok");
    const rows = await t.db.attachment.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.kind, r.fileId, r.checkedBy])).toEqual([
      ["certificate", "F0CERT1", null],
      ["designated_form", "F0FORM1", null],
    ]);

    // Checking is inspection's, at its step, with the decision.
    expect(await approveWith(s.steps[1]!.id, U.ins2, { checkedAttachmentIds: [rows[0]!.id, 9999] })).toBe(
      "SICK.ATTACHMENT_NOT_FOUND",
    );
    const checked = await decideStep(ctx, {
      stepId: s.steps[1]!.id,
      actorId: U.ins2,
      decision: "approve",
      sick: { checkedAttachmentIds: rows.map((r) => r.id) },
    });
    expect(code(checked)).toBe("ok");
    const after = await t.db.attachment.findMany({ orderBy: { id: "asc" } });
    expect(after.map((r) => [r.checkedBy, r.checkedAt?.toISOString()])).toEqual([
      [U.ins2, ctx.clock.now().toISOString()],
      [U.ins2, ctx.clock.now().toISOString()],
    ]);
    expect(await t.db.auditLog.count({ where: { action: "attachment.check" } })).toBe(2);
    expect(await t.db.auditLog.count({ where: { action: "attachment.add" } })).toBe(2);
    // The deputy director's step is not inspection's: no checks there.
    expect(await approveWith(s.steps[2]!.id, U.deputy, { checkedAttachmentIds: [rows[0]!.id] })).toBe(
      "SICK.NOT_INSPECTION_STEP",
    );
  });

  it("the designated hospitals' form only on a long sick leave; nothing on another's or an ended request", async () => {
    const small = await submit(
      leave({
        requesterId: U.staff2,
        kind: "sick",
        end: { date: "2026-12-02", half: "pm" },
        certificate: "confirmed",
      }),
    );
    expect(
      code(
        await attachToRequest(ctx, {
          requestId: null,
          actorId: U.staff2,
          kind: "designated_form",
          file: photo(),
        }),
      ),
    ).toBe("ATTACH.NOT_LONG_SICK");
    expect(
      code(
        await attachToRequest(ctx, {
          requestId: null,
          actorId: U.staff1,
          kind: "certificate",
          file: photo({ user: U.staff1 }),
        }),
      ),
    ).toBe("ATTACH.NO_SICK_LEAVE");
    const personal = await submit(
      leave({
        requesterId: U.staff1,
        start: { date: "2026-12-07", half: "am" },
        end: { date: "2026-12-07", half: "pm" },
      }),
    );
    expect(
      code(
        await attachToRequest(ctx, {
          requestId: personal.request.id,
          actorId: U.staff1,
          kind: "certificate",
          file: photo({ user: U.staff1 }),
        }),
      ),
    ).toBe("ATTACH.NOT_SICK");
    await t.db.request.update({ where: { id: small.request.id }, data: { state: "withdrawn" } });
    expect(
      code(
        await attachToRequest(ctx, {
          requestId: small.request.id,
          actorId: U.staff2,
          kind: "certificate",
          file: photo(),
        }),
      ),
    ).toBe("ATTACH.FINAL");
  });
});

function flat(r: RequestInput) {
  return {
    startDate: r.start.date,
    startHalf: r.start.half,
    endDate: r.end.date,
    endHalf: r.end.half,
    halfDays: 2,
    annualOffsetHalfDays: 0,
  };
}
