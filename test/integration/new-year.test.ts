// A request across New Year (RULES.md §2; issue #12 finding 3): it counts in each year only the days that
// fall in it — the year-to-date 事假 and sick days, the annual-leave balance, the 30/60/20-day rules — of
// the request itself and of the requests already booked. Real migrated SQLite file; a calendar with 2026
// and 2027 (元旦 2027-01-01 off). Dates: 2026-12-30 Wed, 12-31 Thu, 2027-01-04 Mon.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar.ts";
import { requestFacts } from "../../src/services/requestFacts.ts";
import { previewRequest, submitRequest } from "../../src/services/requests.ts";
import { errorText } from "../../src/slack/i18n/index.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { leave, pastRequest, seedCenter, testContext, U } from "../helpers/requestsFixture.ts";

let t: TestDb;
let ctx: ReturnType<typeof testContext>;

beforeEach(async () => {
  t = await createTestDb();
  await seedCenter(t.db);
  ctx = {
    ...testContext(t.db),
    calendar: createWorkCalendar({
      years: [2026, 2027],
      holidays: new Map([["2027-01-01", "元旦"]]),
      makeUpWorkdays: new Map(),
    }),
  };
});
afterEach(async () => {
  await t.close();
});

/** 事假 Wed 2026-12-30 → Tue 2027-01-05: 2 working days in 2026, 2 in 2027 (01-01 off, a weekend). */
const acrossNewYear = (requesterId: string, kind: "personal" | "annual" = "personal") =>
  leave({
    requesterId,
    kind,
    start: { date: "2026-12-30", half: "am" },
    end: { date: "2027-01-05", half: "pm" },
  });

describe("a request across New Year counts in each year only its days there", () => {
  it("the 30-day 事假 rule: 27 days in 2026 + this request's 2 days there = 29, not 27 + 4 = 31", async () => {
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-06-01",
      end: "2026-07-08",
      halfDays: 54,
    });
    const p = await previewRequest(ctx, acrossNewYear(U.staff2));
    if (!p.ok) throw new Error(p.code);
    expect(p.value.halfDays).toBe(8);
    expect(p.value.flags).not.toContain("outside_steps"); // counted wholly in 2026 it reached 31 days
    expect(p.value.ytd.years?.map((y) => [y.year, y.halfDays, y.personalHalfDays])).toEqual([
      [2026, 4, 54],
      [2027, 4, 0],
    ]);
    // One more day in 2026 and the 2026 part reaches 30: the outside steps come back.
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-07-09",
      end: "2026-07-09",
      halfDays: 2,
    });
    const q = await previewRequest(ctx, acrossNewYear(U.staff2));
    expect(q.ok && q.value.flags).toContain("outside_steps");
  });

  it("a booked request across New Year counts its January days in 2027's year-to-date", async () => {
    const id = await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "personal",
      start: "2026-12-30",
      end: "2027-01-05",
      halfDays: 8,
    });
    const february = leave({
      requesterId: U.staff2,
      start: { date: "2027-02-01", half: "am" },
      end: { date: "2027-02-01", half: "pm" },
    });
    const p = await previewRequest(ctx, february);
    // Before the fix the booked request counted wholly in 2026 (its start year): 0 here.
    expect(p.ok && [p.value.ytd.year, p.value.ytd.personalHalfDays]).toEqual([2027, 4]);
    const s = await submitRequest(ctx, february);
    if (!s.ok) throw new Error(s.code);
    expect(await requestFacts(t.db, ctx, s.value.request)).toMatchObject({ year: 2027, ytdHalfDays: 4 });
    // And 2026's facts count only its December days.
    const booked = await t.db.request.findUniqueOrThrow({ where: { id } });
    const dec = await submitRequest(
      ctx,
      leave({
        requesterId: U.staff2,
        start: { date: "2026-12-01", half: "am" },
        end: { date: "2026-12-01", half: "pm" },
      }),
    );
    if (!dec.ok) throw new Error(dec.code);
    expect(booked.halfDays).toBe(8);
    expect(await requestFacts(t.db, ctx, dec.value.request)).toMatchObject({ year: 2026, ytdHalfDays: 4 });
  });

  it("年休假 draws on each year's balance for that year's days", async () => {
    // 张三: 5 days a year. 4 days taken in 2026: 1 day (2 half days) left there, a fresh 5 in 2027.
    await pastRequest(t.db, {
      requesterId: U.staff1,
      kind: "annual",
      start: "2026-08-03",
      end: "2026-08-06",
      halfDays: 8,
    });
    const annual = leave({
      requesterId: U.staff1,
      kind: "annual",
      start: { date: "2026-12-31", half: "am" },
      end: { date: "2027-01-04", half: "pm" },
    });
    const p = await previewRequest(ctx, annual);
    // Counted wholly in 2026 it asked for 2 days against 1: refused. Now 1 day in each year: fits both.
    expect(p.ok ? p.value.halfDays : p.code).toBe(4);
    // Three days from 12-30: 2 in 2026 against the 1 left there → refused with 2026's balance and part.
    const more = await previewRequest(ctx, { ...annual, start: { date: "2026-12-30", half: "am" } });
    expect(more.ok ? "ok" : [more.code, more.detail]).toEqual([
      "ROUTE.ANNUAL_BALANCE",
      { remainingHalfDays: 2, requestedHalfDays: 4, year: 2026 },
    ]);
    if (more.ok) throw new Error("accepted");
    expect(errorText("zh", more)).toBe(
      "年休假余额不足：2026 年剩余 1 天，本次申请在 2026 年的部分为 2 天（跨年的申请按各年的天数分别计算）。",
    );
    expect(errorText("en", more)).toContain(
      "Not enough annual leave in 2026: 1 day left, 2 days of this request",
    );
  });

  it("the 60-day sick rule: 58 days in 2026 + 1 day there is not long sick leave", async () => {
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "sick",
      start: "2026-03-02",
      end: "2026-04-28",
      halfDays: 116,
    });
    const sick = leave({
      requesterId: U.staff2,
      kind: "sick",
      certificate: "confirmed",
      start: { date: "2026-12-31", half: "am" },
      end: { date: "2027-01-03", half: "pm" },
    });
    const p = await previewRequest(ctx, sick);
    if (!p.ok) throw new Error(p.code);
    expect(p.value.halfDays).toBe(8); // calendar days (§2)
    // Counted wholly in 2026: 58 + 4 = 62 days ≥ 60 → long sick leave. Its 2026 part is 1 day: 59.
    expect(p.value.flags).not.toContain("long_sick");
    await pastRequest(t.db, {
      requesterId: U.staff2,
      kind: "sick",
      start: "2026-05-04",
      end: "2026-05-04",
      halfDays: 2,
    });
    const q = await previewRequest(ctx, sick);
    expect(q.ok && q.value.flags).toContain("long_sick"); // 59 + 1 = 60 in 2026
  });
});
