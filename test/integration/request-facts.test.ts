// What an approver reads besides the request (issue #10), from a real migrated SQLite file: the year's
// days of the kind, the annual balance, and what a 事假 costs in each month it touches (RULES.md §3, §4).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requestFacts } from "../../src/services/requestFacts.ts";
import { previewRequest, submitRequest } from "../../src/services/requests.ts";
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

describe("the cost of a 事假, month by month, before it is approved", () => {
  it("crossing into a month that already holds 2 days of 事假: that month reaches 3 and costs 5 points", async () => {
    // 王五 has no annual leave. December already holds 2 days (approved) and 1 withdrawn day (not counted).
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-12-14",
      end: "2026-12-15",
      halfDays: 4,
    });
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-12-16",
      end: "2026-12-16",
      halfDays: 2,
      state: "withdrawn",
    });
    // Monday 11-30 and Tuesday 12-01: one day in each month, asked at 08:00 on the Monday (before the
    // absence starts at 08:30, so not 补办, RULES.md §3 五).
    ctx.clock.set("2026-11-30T00:00:00.000Z");
    const input = leave({
      requesterId: U.staff2,
      start: { date: "2026-11-30", half: "am" },
      end: { date: "2026-12-01", half: "pm" },
    });
    const p = await previewRequest(ctx, input);
    expect(p.ok && p.value.cost).toEqual([
      { month: "2026-12", totalHalfDays: 6, beforeHundredths: 0, afterHundredths: 500 },
    ]);

    const s = await submitRequest(ctx, input);
    if (!s.ok) throw new Error(s.code);
    const facts = await requestFacts(t.db, ctx, s.value.request);
    // The stored request is left out of "the others": the same cost, and 2 days already this year.
    expect(facts).toEqual({ year: 2026, ytdHalfDays: 4, annual: null, cost: p.ok ? p.value.cost : [] });
  });

  it("the part offset by annual leave costs nothing: only the rest counts (§3(一))", async () => {
    // 张三 has 5 days of annual leave: a 5-day 事假 is wholly offset, however much 事假 the month holds.
    await pastRequest(t.db, {
      requesterId: U.staff1,
      kind: "personal",
      start: "2026-12-14",
      end: "2026-12-15",
      halfDays: 4,
    });
    const p = await previewRequest(
      ctx,
      leave({
        requesterId: U.staff1,
        start: { date: "2026-12-07", half: "am" },
        end: { date: "2026-12-11", half: "pm" },
      }),
    );
    expect(p.ok && [p.value.annualOffsetHalfDays, p.value.cost]).toEqual([10, []]);
  });

  it("年休假: the balance besides this request, and what it leaves", async () => {
    await pastRequest(t.db, {
      requesterId: U.staff1,
      kind: "personal",
      start: "2026-11-02",
      end: "2026-11-03",
      halfDays: 4,
      annualOffsetHalfDays: 4,
    });
    const s = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff1,
        kind: "annual",
        start: { date: "2026-12-07", half: "am" },
        end: { date: "2026-12-08", half: "pm" },
      }),
    );
    if (!s.ok) throw new Error(s.code);
    expect(await requestFacts(t.db, ctx, s.value.request)).toEqual({
      year: 2026,
      ytdHalfDays: 0,
      annual: { remainingHalfDays: 6, afterHalfDays: 2 },
      cost: [],
    });
  });
});
