// submitRequest / previewRequest on a real migrated SQLite file (RULES.md §2, §3).

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { previewRequest, submitRequest, validateRequest } from "../../src/services/requests.ts";
import { errorText } from "../../src/slack/i18n/index.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { leave, pastRequest, seedCenter, testContext, U } from "../helpers/requestsFixture.ts";

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

describe("submitRequest writes the request and its chain", () => {
  it("a staff day of personal leave: window leader's opinion (pending), then inspection (waiting)", async () => {
    const r = await submitRequest(ctx, leave({ requesterId: U.staff2, coverId: U.staff1 }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.request).toMatchObject({
      requesterId: U.staff2,
      kind: "personal",
      halfDays: 2,
      annualOffsetHalfDays: 0,
      state: "pending",
      coverId: U.staff1,
      rule: "§3(一) staff 0.5<d≤3",
    });
    const steps = await t.db.approvalStep.findMany({
      where: { requestId: r.value.request.id },
      orderBy: { seq: "asc" },
    });
    expect(steps.map((s) => [s.seq, s.approver, s.action, s.assigneeId, s.outside, s.state])).toEqual([
      [1, "window_leader", "opinion", U.lead1, false, "pending"],
      [2, "inspection", "approve", null, false, "waiting"],
    ]);
    expect(r.value.activated.map((s) => s.seq)).toEqual([1]);
    const audit = await t.db.auditLog.findMany({
      where: { entity: "Request", entityId: String(r.value.request.id) },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["request.submit", U.staff2]]);
  });

  it("a window leader's own request uses the leader table (no window-leader step)", async () => {
    const r = await submitRequest(ctx, leave({ requesterId: U.lead1 }));
    expect(r.ok && r.value.steps.map((s) => `${s.approver}:${s.action}:${s.state}`)).toEqual([
      "inspection:approve:pending",
    ]);
  });

  it("more than 7 days of 事假: parent-unit leader assigned in W1, outside in W2, two outside steps after", async () => {
    // 2026-12-01 … 12-10 is 8 working days (16 half days).
    const input = {
      start: { date: "2026-12-01", half: "am" as const },
      end: { date: "2026-12-10", half: "pm" as const },
      explanation: "家中老人重病，需要长期陪护，已附说明",
    };
    const w1 = await submitRequest(ctx, leave({ requesterId: U.staff2, ...input }));
    expect(w1.ok).toBe(true);
    if (!w1.ok) return;
    expect(w1.value.request.halfDays).toBe(16);
    expect(JSON.parse(w1.value.request.flags)).toEqual(
      expect.arrayContaining(["over_7_days", "outside_steps", "written_explanation"]),
    );
    expect(w1.value.steps.map((s) => [s.approver, s.action, s.assigneeId, s.outside])).toEqual([
      ["window_leader", "opinion", U.lead1, false],
      ["parent_unit_leader", "agree", U.pul1, false],
      ["inspection", "review", null, false],
      ["deputy_director", "approve", U.deputy, false],
      ["parent_unit_head", "review", null, true],
      ["personnel_authority", "approve", null, true],
    ]);
    const w2 = await submitRequest(ctx, leave({ requesterId: U.staff3, ...input }));
    expect(w2.ok && w2.value.steps[1]).toMatchObject({
      approver: "parent_unit_leader",
      assigneeId: null,
      outside: true,
    });
  });

  it("two overlapping submissions at once: exactly one is written", async () => {
    const both = await Promise.all([
      submitRequest(ctx, leave({ requesterId: U.staff2 })),
      submitRequest(ctx, leave({ requesterId: U.staff2, end: { date: "2026-12-02", half: "pm" } })),
    ]);
    expect(both.map(code).sort()).toEqual(["LEAVE.OVERLAP", "ok"]);
    expect(await t.db.request.count()).toBe(1);
  });

  it("a forced failure while writing the steps leaves no request and no audit row behind", async () => {
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER fail_steps BEFORE INSERT ON ApprovalStep BEGIN SELECT RAISE(ABORT, 'forced failure'); END;`,
    );
    await expect(submitRequest(ctx, leave({ requesterId: U.staff2 }))).rejects.toThrow();
    expect(await t.db.request.count()).toBe(0);
    expect(await t.db.approvalStep.count()).toBe(0);
    expect(await t.db.auditLog.count()).toBe(0);
  });
});

describe("previewRequest", () => {
  it("shows days, offset, chain and what is still required, and writes nothing", async () => {
    const p = await previewRequest(ctx, leave({ requesterId: U.staff1, reason: "" }));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.halfDays).toBe(2);
    expect(p.value.annualOffsetHalfDays).toBe(2); // 张三 has 5 days of annual leave
    expect(p.value.personalHalfDays).toBe(0);
    expect(p.value.requires).toContain("reason");
    expect(p.value.steps.map((s) => s.assigneeId)).toEqual([U.lead1, null]);
    expect(await t.db.request.count()).toBe(0);
    // …while validateRequest insists on the reason.
    expect(code(await validateRequest(ctx, leave({ requesterId: U.staff1, reason: " " })))).toBe(
      "LEAVE.REASON_REQUIRED",
    );
  });
});

describe("year-to-date figures and the annual-leave offset", () => {
  it("counts only this year's pending and approved requests, personal part net of the offset", async () => {
    await pastRequest(t.db, {
      requesterId: U.staff1,
      kind: "personal",
      start: "2026-03-02",
      end: "2026-03-04",
      halfDays: 6,
      annualOffsetHalfDays: 2,
    });
    await pastRequest(t.db, {
      requesterId: U.staff1,
      kind: "annual",
      start: "2026-04-06",
      end: "2026-04-07",
      halfDays: 4,
      state: "pending",
    });
    await pastRequest(t.db, {
      requesterId: U.staff1,
      kind: "personal",
      start: "2026-05-11",
      end: "2026-05-15",
      halfDays: 10,
      state: "withdrawn",
    });
    await pastRequest(t.db, {
      requesterId: U.staff1,
      kind: "sick",
      start: "2026-05-01",
      end: "2026-05-05",
      halfDays: 10,
    });
    await pastRequest(t.db, {
      requesterId: U.staff1,
      kind: "personal",
      start: "2025-12-01",
      end: "2025-12-05",
      halfDays: 10,
    });
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-06-01",
      end: "2026-06-05",
      halfDays: 10,
    });

    const three = leave({ requesterId: U.staff1, end: { date: "2026-12-03", half: "pm" } });
    const p = await previewRequest(ctx, three);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    // Entitlement 10 half days − 2 offset in March − 4 annual in April = 4 left.
    expect(p.value.ytd).toMatchObject({
      year: 2026,
      personalHalfDays: 4,
      sickHalfDays: 10,
      precedingSickHalfDays: 0,
      annualEntitlementHalfDays: 10,
      annualRemainingHalfDays: 4,
    });
    expect([p.value.halfDays, p.value.annualOffsetHalfDays, p.value.personalHalfDays]).toEqual([6, 4, 2]);

    const s = await submitRequest(ctx, three);
    expect(s.ok && s.value.request.annualOffsetHalfDays).toBe(4);
    const next = await previewRequest(
      ctx,
      leave({
        requesterId: U.staff1,
        start: { date: "2026-12-07", half: "am" },
        end: { date: "2026-12-07", half: "pm" },
      }),
    );
    expect(next.ok && next.value.ytd).toMatchObject({ personalHalfDays: 6, annualRemainingHalfDays: 0 });
    expect(next.ok && next.value.annualOffsetHalfDays).toBe(0);

    const annual = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff1,
        kind: "annual",
        start: { date: "2026-12-08", half: "am" },
        end: { date: "2026-12-08", half: "pm" },
      }),
    );
    expect(annual.ok ? "ok" : [annual.code, annual.detail]).toEqual([
      "ROUTE.ANNUAL_BALANCE",
      { remainingHalfDays: 0, requestedHalfDays: 2 },
    ]);
  });

  it("continuous sick leave: an approved sick leave ending the day before makes this one long sick", async () => {
    await pastRequest(t.db, {
      requesterId: U.staff3,
      kind: "sick",
      start: "2026-11-01",
      end: "2026-11-10",
      halfDays: 20,
    });
    await pastRequest(t.db, {
      requesterId: U.staff3,
      kind: "sick",
      start: "2026-12-01",
      end: "2026-12-20",
      halfDays: 40,
    });
    const sick = leave({
      requesterId: U.staff3,
      kind: "sick",
      reason: "术后休养",
      start: { date: "2026-12-21", half: "am" },
      end: { date: "2026-12-31", half: "pm" },
    });
    const p = await previewRequest(ctx, sick);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.halfDays).toBe(22); // calendar days for sick leave (§2)
    expect(p.value.ytd.precedingSickHalfDays).toBe(40); // the November leave has a gap before it
    expect(p.value.ytd.sickHalfDays).toBe(60);
    expect(p.value.flags).toEqual(expect.arrayContaining(["long_sick", "designated_hospital_form"]));
    expect(p.value.steps.map((s) => `${s.approver}:${s.action}`)).toEqual([
      "inspection:review",
      "deputy_director:approve",
      "parent_unit_head:review",
      "personnel_authority:approve",
    ]);
    const refused = await submitRequest(ctx, sick);
    expect(refused.ok ? "ok" : [refused.code, refused.detail]).toEqual([
      "LEAVE.CERTIFICATE_REQUIRED",
      { form: "designated" },
    ]);
    expect(code(await submitRequest(ctx, { ...sick, certificate: "confirmed" }))).toBe("ok");
  });

  it("half-day precision: a sick leave starting in the afternoon after one ending the day before is not continuous", async () => {
    await pastRequest(t.db, {
      requesterId: U.staff3,
      kind: "sick",
      start: "2026-12-01",
      end: "2026-12-20",
      halfDays: 40,
    });
    const p = await previewRequest(
      ctx,
      leave({
        requesterId: U.staff3,
        kind: "sick",
        start: { date: "2026-12-21", half: "pm" },
        end: { date: "2026-12-22", half: "pm" },
      }),
    );
    expect(p.ok && p.value.ytd.precedingSickHalfDays).toBe(0);
    expect(p.ok && p.value.flags).toEqual(["hospital_certificate"]);
  });
});

describe("every validation refusal", () => {
  it("unknown and inactive requesters", async () => {
    expect(code(await submitRequest(ctx, leave({ requesterId: U.stranger })))).toBe(
      "REQUEST.UNKNOWN_REQUESTER",
    );
    expect(code(await submitRequest(ctx, leave({ requesterId: U.gone })))).toBe("REQUEST.REQUESTER_INACTIVE");
  });

  it("end before start, to the half day", async () => {
    const days = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff2,
        start: { date: "2026-12-02", half: "am" },
        end: { date: "2026-12-01", half: "pm" },
      }),
    );
    expect(code(days)).toBe("LEAVE.END_BEFORE_START");
    const halves = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff2,
        start: { date: "2026-12-01", half: "pm" },
        end: { date: "2026-12-01", half: "am" },
      }),
    );
    expect(code(halves)).toBe("LEAVE.END_BEFORE_START");
  });

  it("not a date", async () => {
    const r = await submitRequest(
      ctx,
      leave({ requesterId: U.staff2, start: { date: "2026-02-30", half: "am" } }),
    );
    expect(r.ok ? "ok" : [r.code, r.detail]).toEqual(["CALENDAR.BAD_DATE", { date: "2026-02-30" }]);
  });

  it("zero working days (a weekend of 事假); sick leave counts calendar days", async () => {
    const weekend = {
      start: { date: "2026-12-05", half: "am" as const },
      end: { date: "2026-12-06", half: "pm" as const },
    };
    expect(code(await submitRequest(ctx, leave({ requesterId: U.staff2, ...weekend })))).toBe(
      "LEAVE.ZERO_DAYS",
    );
    const sick = await submitRequest(
      ctx,
      leave({ requesterId: U.staff2, kind: "sick", certificate: "attached", ...weekend }),
    );
    expect(sick.ok && sick.value.request.halfDays).toBe(4);
  });

  it("a year whose holiday schedule is not loaded", async () => {
    const r = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff2,
        start: { date: "2027-01-04", half: "am" },
        end: { date: "2027-01-04", half: "pm" },
      }),
    );
    expect(r.ok ? "ok" : [r.code, r.detail]).toEqual(["CALENDAR.YEAR_NOT_LOADED", { year: 2027 }]);
  });

  it("overlap with a pending or approved request, to the half day; withdrawn ones do not count", async () => {
    const morning = await submitRequest(
      ctx,
      leave({ requesterId: U.staff2, end: { date: "2026-12-01", half: "am" } }),
    );
    expect(code(morning)).toBe("ok");
    const afternoon = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff2,
        start: { date: "2026-12-01", half: "pm" },
        end: { date: "2026-12-02", half: "pm" },
      }),
    );
    expect(code(afternoon)).toBe("ok");
    const clash = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff2,
        start: { date: "2026-12-02", half: "am" },
        end: { date: "2026-12-02", half: "am" },
      }),
    );
    expect(clash.ok ? "ok" : [clash.code, clash.detail]).toMatchObject([
      "LEAVE.OVERLAP",
      {
        requestId: afternoon.ok ? afternoon.value.request.id : -1,
        start: { date: "2026-12-01", half: "pm" },
      },
    ]);
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-12-10",
      end: "2026-12-10",
      halfDays: 2,
      state: "withdrawn",
    });
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-12-11",
      end: "2026-12-11",
      halfDays: 2,
      state: "rejected",
    });
    const free = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff2,
        start: { date: "2026-12-10", half: "am" },
        end: { date: "2026-12-11", half: "pm" },
      }),
    );
    expect(code(free)).toBe("ok");
    // Another person's leave on the same day is no overlap.
    expect(code(await submitRequest(ctx, leave({ requesterId: U.staff1 })))).toBe("ok");
  });

  it("事假 needs a reason", async () => {
    expect(code(await submitRequest(ctx, leave({ requesterId: U.staff2, reason: "   " })))).toBe(
      "LEAVE.REASON_REQUIRED",
    );
  });

  it("a trip needs purpose, place and a plausible phone", async () => {
    const trip = leave({
      requesterId: U.staff2,
      kind: "trip",
      reason: "",
      purpose: "meeting",
      place: "县行政中心3楼会议室",
      phone: "138 0000 1234",
    });
    expect(code(await submitRequest(ctx, { ...trip, purpose: null }))).toBe("TRIP.PURPOSE_REQUIRED");
    expect(code(await submitRequest(ctx, { ...trip, place: " " }))).toBe("TRIP.PLACE_REQUIRED");
    expect(code(await submitRequest(ctx, { ...trip, phone: null }))).toBe("TRIP.PHONE_REQUIRED");
    expect(code(await submitRequest(ctx, { ...trip, phone: "call me" }))).toBe("TRIP.PHONE_INVALID");
    expect(code(await submitRequest(ctx, { ...trip, phone: "12345" }))).toBe("TRIP.PHONE_INVALID");
    const r = await submitRequest(ctx, trip);
    expect(r.ok && [r.value.request.purpose, r.value.request.place, r.value.request.phone]).toEqual([
      "meeting",
      "县行政中心3楼会议室",
      "138 0000 1234",
    ]);
  });

  it("sick leave needs the hospital certificate attached or confirmed", async () => {
    const sick = leave({ requesterId: U.staff2, kind: "sick", reason: "发烧" });
    const r = await submitRequest(ctx, sick);
    expect(r.ok ? "ok" : [r.code, r.detail]).toEqual(["LEAVE.CERTIFICATE_REQUIRED", { form: "hospital" }]);
    expect(code(await submitRequest(ctx, { ...sick, certificate: "attached" }))).toBe("ok");
  });

  it("more than 7 days of 事假 needs the written explanation", async () => {
    const long = leave({ requesterId: U.staff2, end: { date: "2026-12-10", half: "pm" } });
    expect(code(await submitRequest(ctx, long))).toBe("LEAVE.EXPLANATION_REQUIRED");
    expect(code(await submitRequest(ctx, { ...long, explanation: "详细说明" }))).toBe("ok");
  });

  it("the year's 事假 reaching 30 days also needs the explanation", async () => {
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-06-01",
      end: "2026-07-10",
      halfDays: 58,
    });
    const day = leave({ requesterId: U.staff2 });
    const p = await previewRequest(ctx, day);
    expect(p.ok && p.value.requires).toContain("explanation");
    expect(code(await submitRequest(ctx, day))).toBe("LEAVE.EXPLANATION_REQUIRED");
  });

  it("a late request (补办) needs an emergency or inspection's prior consent", async () => {
    const late = leave({
      requesterId: U.staff2,
      start: { date: "2026-11-27", half: "am" },
      end: { date: "2026-11-27", half: "pm" },
    });
    const r = await submitRequest(ctx, late);
    expect(r.ok ? "ok" : [r.code, r.detail]).toEqual([
      "LEAVE.LATE_NEEDS_JUSTIFICATION",
      { start: "2026-11-27", time: "08:30", today: "2026-11-30", now: "09:00" },
    ]);
    const before = shanghaiInstant("2026-11-26", 17, 30);
    expect(code(await submitRequest(ctx, { ...late, priorConsentBy: U.ins1 }))).toBe(
      "LEAVE.CONSENT_INCOMPLETE",
    );
    expect(
      code(await submitRequest(ctx, { ...late, priorConsentBy: U.staff1, priorConsentAt: before })),
    ).toBe("LEAVE.CONSENT_NOT_INSPECTION");
    const after = shanghaiInstant("2026-11-27", 9, 0);
    expect(code(await submitRequest(ctx, { ...late, priorConsentBy: U.ins1, priorConsentAt: after }))).toBe(
      "LEAVE.CONSENT_AFTER_START",
    );
    const consented = await submitRequest(ctx, { ...late, priorConsentBy: U.ins1, priorConsentAt: before });
    expect(
      consented.ok && [
        consented.value.request.priorConsentBy,
        consented.value.request.priorConsentAt?.toISOString(),
      ],
    ).toEqual([U.ins1, before.toISOString()]);
    // An emergency stated in the request is the other way in.
    const sick = leave({
      requesterId: U.staff1,
      kind: "sick",
      certificate: "confirmed",
      emergency: true,
      reason: "急性肠胃炎",
      start: late.start,
      end: late.end,
    });
    expect(code(await submitRequest(ctx, sick))).toBe("ok");
    expect(code(await submitRequest(ctx, { ...sick, requesterId: U.staff3, reason: "" }))).toBe(
      "LEAVE.REASON_REQUIRED",
    );
    // Today is not late.
    const today = leave({
      requesterId: U.staff3,
      start: { date: "2026-11-30", half: "pm" },
      end: { date: "2026-11-30", half: "pm" },
    });
    expect(code(await submitRequest(ctx, today))).toBe("ok");
  });

  // Issue #12 finding 2 (§3 五): the absence starts at its first half day's start time (the attendance
  // setting: 08:30 / 14:00, 14:30 in summer), not at midnight; 补办 and consent are judged by the instant.
  it("补办 is judged by the half day's start time, not the date", async () => {
    const morning = leave({
      requesterId: U.staff2,
      start: { date: "2026-11-30", half: "am" },
      end: { date: "2026-11-30", half: "am" },
    });
    const afternoon = {
      ...morning,
      start: { date: "2026-11-30", half: "pm" as const },
      end: { date: "2026-11-30", half: "pm" as const },
    };
    const at = async (hhmm: string, input: typeof morning) => {
      const [hh, mm] = hhmm.split(":").map(Number) as [number, number];
      ctx.clock.set(shanghaiInstant("2026-11-30", hh, mm));
      const p = await previewRequest(ctx, input);
      if (!p.ok) throw new Error(p.code);
      return p.value.late;
    };
    expect(await at("08:00", morning)).toBe(false);
    expect(await at("08:30", morning)).toBe(false); // at the start, not after it
    expect(await at("09:00", morning)).toBe(true); // this morning at 09:00: 补办
    expect(await at("13:00", afternoon)).toBe(false); // this afternoon at 13:00: made before it
    expect(await at("14:01", afternoon)).toBe(true);

    // A request at 15:00 for this morning is late: refused without an emergency or prior consent.
    ctx.clock.set(shanghaiInstant("2026-11-30", 15, 0));
    const r = await submitRequest(ctx, morning);
    expect(r.ok ? "ok" : [r.code, r.detail]).toEqual([
      "LEAVE.LATE_NEEDS_JUSTIFICATION",
      { start: "2026-11-30", time: "08:30", today: "2026-11-30", now: "15:00" },
    ]);
    if (r.ok) throw new Error("accepted");
    expect(errorText("zh", r)).toContain(
      "请假从 2026-11-30 08:30 开始，现在（2026-11-30 15:00）已过开始时间，属于补办",
    );
    expect(errorText("en", r)).toContain("The leave starts 2026-11-30 08:30 and it is now 2026-11-30 15:00");
    // Inspection's consent at 07:50 for this morning came before the absence; at 08:45 it did not.
    const after = await submitRequest(ctx, {
      ...morning,
      priorConsentBy: U.ins1,
      priorConsentAt: shanghaiInstant("2026-11-30", 8, 45),
    });
    expect(after.ok ? "ok" : [after.code, after.detail]).toEqual([
      "LEAVE.CONSENT_AFTER_START",
      { start: "2026-11-30", time: "08:30" },
    ]);
    const consented = await submitRequest(ctx, {
      ...morning,
      priorConsentBy: U.ins1,
      priorConsentAt: shanghaiInstant("2026-11-30", 7, 50),
    });
    expect(code(consented)).toBe("ok");
  });

  it("summer hours: the afternoon starts at 14:30 from May to September (setting)", async () => {
    const july = leave({
      requesterId: U.staff2,
      start: { date: "2026-07-15", half: "pm" },
      end: { date: "2026-07-15", half: "pm" },
    });
    ctx.clock.set(shanghaiInstant("2026-07-15", 14, 15));
    const p = await previewRequest(ctx, july);
    expect(p.ok && p.value.late).toBe(false);
    ctx.clock.set(shanghaiInstant("2026-07-15", 14, 31));
    const q = await previewRequest(ctx, july);
    expect(q.ok && q.value.late).toBe(true);
  });

  it("a window without a leader cannot route a staff request", async () => {
    expect(code(await submitRequest(ctx, leave({ requesterId: U.orphan })))).toBe("REQUEST.NO_WINDOW_LEADER");
  });

  it("no deputy director or no inspection member set up", async () => {
    await t.db.center.deleteMany();
    const four = leave({ requesterId: U.lead1, end: { date: "2026-12-04", half: "pm" } });
    expect(code(await submitRequest(ctx, four))).toBe("REQUEST.NO_DEPUTY_DIRECTOR");
    await t.db.centerRole.deleteMany({ where: { role: "inspection" } });
    expect(code(await submitRequest(ctx, leave({ requesterId: U.staff2 })))).toBe("REQUEST.NO_INSPECTION");
  });

  it("covering for oneself; text too long", async () => {
    expect(code(await submitRequest(ctx, leave({ requesterId: U.staff2, coverId: U.staff2 })))).toBe(
      "REQUEST.COVER_SELF",
    );
    const r = await submitRequest(ctx, leave({ requesterId: U.staff2, reason: "事".repeat(301) }));
    expect(r.ok ? "ok" : [r.code, r.detail]).toEqual([
      "REQUEST.TEXT_TOO_LONG",
      { field: "reason", max: 300 },
    ]);
  });

  it("refusals write nothing", async () => {
    await submitRequest(ctx, leave({ requesterId: U.staff2, reason: "" }));
    await submitRequest(ctx, leave({ requesterId: U.stranger }));
    expect(await t.db.request.count()).toBe(0);
    expect(await t.db.auditLog.count()).toBe(0);
  });
});
