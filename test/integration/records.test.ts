// Inspectors' records (RULES.md §4, §6) against a real migrated SQLite file.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadWorkCalendar } from "../../src/services/calendar.ts";
import { fixedClock } from "../../src/services/clock.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { scoreMonthFromDb } from "../../src/services/monthScores.ts";
import { type FileRecordInput, fileRecord, revokeRecord } from "../../src/services/records.ts";
import { DEFAULT_SETTINGS, loadSettings } from "../../src/services/settings.ts";
import { errorText } from "../../src/slack/i18n/index.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { ORG, seedOrg } from "../helpers/org.ts";

let t: TestDb;
let ctx: ServiceContext;

beforeEach(async () => {
  t = await createTestDb();
  await seedOrg(t.db);
  ctx = {
    db: t.db,
    clock: fixedClock("2026-07-15T02:00:00.000Z"), // 2026-07-15 10:00 Shanghai
    calendar: await loadWorkCalendar(t.db),
    settings: await loadSettings(t.db),
  };
});
afterEach(async () => {
  await t.close();
});

const file = (i: Partial<FileRecordInput> & Pick<FileRecordInput, "code" | "target">) =>
  fileRecord(ctx, { filer: ORG.inspector1, date: "2026-07-14", ...i });

const rows = () =>
  t.db.record.findMany({ orderBy: { id: "asc" } }).then((rs) =>
    rs.map((r) => ({
      code: r.code,
      who: r.personId ?? r.windowId,
      points: r.pointsHundredths,
      count: r.count,
      total: r.totalHundredths,
      source: r.source,
      linked: r.linkedFromId,
      state: r.state,
    })),
  );

describe("fileRecord", () => {
  test("a staff item files its linked window item in the same transaction, with count", async () => {
    const r = await file({
      code: "S-SVC-DEADLINE",
      target: { person: ORG.taxStaff1 },
      count: 2,
      note: "超期两件",
    });
    expect(r.ok).toBe(true);
    const main = r.ok ? r.value.rows[0]!.id : 0;
    expect(await rows()).toEqual([
      {
        code: "S-SVC-DEADLINE",
        who: ORG.taxStaff1,
        points: 600,
        count: 2,
        total: 1200,
        source: "manual",
        linked: null,
        state: "active",
      },
      {
        code: "W-DEADLINE",
        who: "tax",
        points: 200,
        count: 2,
        total: 400,
        source: "linked",
        linked: main,
        state: "active",
      },
    ]);
    const stored = await t.db.record.findFirstOrThrow({ where: { id: main } });
    expect([stored.month, stored.date, stored.note, stored.filedBy]).toEqual([
      "2026-07",
      "2026-07-14",
      "超期两件",
      ORG.inspector1,
    ]);
    expect(stored.filedAt.toISOString()).toBe("2026-07-15T02:00:00.000Z");
    const audit = await t.db.auditLog.findMany({ where: { action: "record.file" } });
    expect(audit.map((a) => a.entityId)).toEqual([String(main), String(main + 1)]);
  });

  test("the linked window item takes the bottom of its range unless the filer picks another value", async () => {
    await file({ code: "S-SVC-FIRSTASK", target: { person: ORG.taxStaff1 } });
    await file({ code: "S-SVC-FIRSTASK", target: { person: ORG.taxStaff2 }, linkedPoints: 250 });
    const out = await file({ code: "S-SVC-FIRSTASK", target: { person: ORG.taxStaff2 }, linkedPoints: 400 });
    expect(out.ok ? "" : [out.code, out.detail?.code]).toEqual(["CATALOG.POINTS_OUT_OF_RANGE", "W-FIRSTASK"]);
    const noLink = await file({ code: "S-DIS-SNACK", target: { person: ORG.taxStaff2 }, linkedPoints: 100 });
    expect(noLink.ok ? "" : noLink.code).toBe("RECORDS.NO_LINKED_ITEM");
    expect((await rows()).filter((r) => r.code === "W-FIRSTASK").map((r) => r.points)).toEqual([100, 250]);
  });

  test("linked window items can be switched off (setting scoring.linkWindowItems)", async () => {
    ctx = {
      ...ctx,
      settings: { ...DEFAULT_SETTINGS, scoring: { ...DEFAULT_SETTINGS.scoring, linkWindowItems: false } },
    };
    const r = await file({ code: "S-SVC-FIRSTASK", target: { person: ORG.taxStaff1 } });
    expect(r.ok && r.value.skipped).toEqual([
      { code: "W-FIRSTASK", role: "linked_window", reason: "setting_off" },
    ]);
    expect((await rows()).map((x) => x.code)).toEqual(["S-SVC-FIRSTASK"]);
  });

  test("leader charges: a falsified trip also charges the window leader, a missing delegate too", async () => {
    const trip = await file({ code: "S-ATT-FALSETRIP", target: { person: ORG.taxStaff1 }, count: 2 });
    expect(trip.ok && trip.value.leaderCharge).toEqual({
      leaderId: ORG.taxLeader,
      pointsHundredths: 200,
      count: 2,
      totalHundredths: 400,
    });
    const delegate = await file({ code: "S-ATT-DELEGATE", target: { person: ORG.estateStaff1 } });
    expect(delegate.ok && delegate.value.leaderCharge).toEqual({
      leaderId: ORG.estateLeader,
      pointsHundredths: 100,
      count: 1,
      totalHundredths: 100,
    });
    const own = await file({ code: "S-ATT-FALSETRIP", target: { person: ORG.hrssLeader } });
    expect(own.ok && own.value.skipped).toEqual([
      { code: "S-ATT-FALSETRIP", role: "leader_charge", reason: "leader_is_target" },
    ]);
    expect(own.ok && own.value.leaderCharge).toBeUndefined();
    // Only the people's own records are stored: scoring derives the leader's share from them (§4).
    const all = await rows();
    expect(all.map((r) => [r.code, r.who, r.points, r.total, r.source])).toEqual([
      ["S-ATT-FALSETRIP", ORG.taxStaff1, 500, 1000, "manual"],
      ["S-ATT-DELEGATE", ORG.estateStaff1, 200, 200, "manual"],
      ["S-ATT-FALSETRIP", ORG.hrssLeader, 500, 500, "manual"],
    ]);

    // Each leader is charged exactly once, from the person's record.
    const month = await scoreMonthFromDb(ctx, "2026-07");
    const linesOf = (id: string) =>
      month.people
        .find((p) => p.id === id)!
        .lines.map((l) => [l.code, l.source, l.fromPerson ?? null, l.totalHundredths]);
    expect(linesOf(ORG.taxLeader)).toEqual([["S-ATT-FALSETRIP", "leader_charge", ORG.taxStaff1, 400]]);
    expect(linesOf(ORG.estateLeader)).toEqual([["S-ATT-DELEGATE", "leader_charge", ORG.estateStaff1, 100]]);
    expect(linesOf(ORG.hrssLeader)).toEqual([["S-ATT-FALSETRIP", "filed", null, 500]]);
    expect(month.people.find((p) => p.id === ORG.taxLeader)!.scoreHundredths).toBe(10000 - 400);
  });

  test("window items, range points", async () => {
    expect((await file({ code: "W-SITE", target: { window: "hrss" }, points: 150 })).ok).toBe(true);
    const low = await file({ code: "W-SITE", target: { window: "hrss" }, points: 10 });
    expect(low.ok ? "" : low.code).toBe("CATALOG.POINTS_OUT_OF_RANGE");
    const wrong = await file({ code: "W-SITE", target: { person: ORG.taxStaff1 }, points: 100 });
    expect(wrong.ok ? "" : wrong.code).toBe("CATALOG.WRONG_TARGET");
    expect((await rows()).map((r) => [r.code, r.who, r.total])).toEqual([["W-SITE", "hrss", 150]]);
  });

  test("S-BON-HONOUR only on top of an S-BON-ACTIVITY that month; S-BON-LEADER only for leaders", async () => {
    const early = await file({
      code: "S-BON-HONOUR",
      target: { person: ORG.taxStaff1 },
      points: 200,
      sign: "bonus",
    });
    expect(early.ok ? "" : early.code).toBe("RECORDS.REQUIRES");
    expect(
      (await file({ code: "S-BON-ACTIVITY", target: { person: ORG.taxStaff1 }, sign: "bonus" })).ok,
    ).toBe(true);
    expect(
      (await file({ code: "S-BON-HONOUR", target: { person: ORG.taxStaff1 }, points: 200, sign: "bonus" }))
        .ok,
    ).toBe(true);
    const staff = await file({ code: "S-BON-LEADER", target: { person: ORG.taxStaff1 }, points: 100 });
    expect(staff.ok ? "" : staff.code).toBe("CATALOG.LEADER_ONLY");
    expect((await file({ code: "S-BON-LEADER", target: { person: ORG.taxLeader }, points: 100 })).ok).toBe(
      true,
    );
  });

  test("S-ATT-LEADERMEET only on a window leader (RULES.md §4; issue #12 finding 5), in both languages", async () => {
    const staff = await file({ code: "S-ATT-LEADERMEET", target: { person: ORG.taxStaff1 } });
    expect(staff.ok ? null : [staff.code, staff.detail]).toEqual([
      "CATALOG.LEADER_ONLY",
      { code: "S-ATT-LEADERMEET" },
    ]);
    if (staff.ok) throw new Error("accepted");
    expect(errorText("zh", staff)).toBe(
      "窗口负责人会议缺席且未指定他人（S-ATT-LEADERMEET）只能记给窗口负责人。",
    );
    expect(errorText("en", staff)).toBe(
      "Leader missed the leaders' meeting and named nobody (S-ATT-LEADERMEET) can only be given to a window leader.",
    );
    expect((await file({ code: "S-ATT-LEADERMEET", target: { person: ORG.taxLeader } })).ok).toBe(true);
    expect((await rows()).map((r) => [r.code, r.who])).toEqual([["S-ATT-LEADERMEET", ORG.taxLeader]]);
  });

  test.each<[string, Partial<FileRecordInput> & Pick<FileRecordInput, "code" | "target">, string]>([
    [
      "not inspection",
      { code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, filer: ORG.taxLeader },
      "RECORDS.NOT_INSPECTION",
    ],
    [
      "director is not inspection",
      { code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, filer: ORG.director },
      "RECORDS.NOT_INSPECTION",
    ],
    ["unknown code", { code: "S-NOPE", target: { person: ORG.taxStaff1 } }, "CATALOG.UNKNOWN_CODE"],
    ["automatic item", { code: "W-STAFF-SINGLE", target: { window: "hrss" } }, "CATALOG.AUTOMATIC"],
    ["unknown person", { code: "S-ATT-LATE", target: { person: ORG.outsider } }, "RECORDS.UNKNOWN_PERSON"],
    ["unknown window", { code: "W-AB", target: { window: "nowhere" } }, "RECORDS.UNKNOWN_WINDOW"],
    [
      "future date",
      { code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, date: "2026-07-16" },
      "RECORDS.FUTURE_DATE",
    ],
    [
      "bad date",
      { code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, date: "2026-02-30" },
      "RECORDS.BAD_DATE",
    ],
    [
      "bonus on /deduct",
      { code: "S-BON-ACTIVITY", target: { person: ORG.taxStaff1 }, sign: "deduction" },
      "RECORDS.WRONG_SIGN",
    ],
    [
      "deduction on /bonus",
      { code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, sign: "bonus" },
      "RECORDS.WRONG_SIGN",
    ],
    ["zero count", { code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, count: 0 }, "CATALOG.BAD_COUNT"],
    [
      "long note",
      { code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, note: "很".repeat(501) },
      "RECORDS.NOTE_TOO_LONG",
    ],
  ])("refuses: %s", async (_n, input, code) => {
    const r = await file(input);
    expect(r.ok ? "" : r.code).toBe(code);
    expect(await t.db.record.count()).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "record.file" } })).toBe(0);
  });

  test("an inactive person cannot be filed on", async () => {
    await t.db.person.update({ where: { id: ORG.taxStaff2 }, data: { active: false } });
    const r = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff2 } });
    expect(r.ok ? "" : r.code).toBe("RECORDS.PERSON_INACTIVE");
  });

  test("a closed month refuses; a reopened one accepts", async () => {
    await t.db.period.create({ data: { period: "2026-06", state: "closed", closedBy: ORG.director } });
    const r = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, date: "2026-06-30" });
    expect(r.ok ? "" : [r.code, r.detail?.month]).toEqual(["RECORDS.MONTH_CLOSED", "2026-06"]);
    expect(
      (await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, date: "2026-07-01" })).ok,
    ).toBe(true);
    await t.db.period.update({ where: { period: "2026-06" }, data: { state: "reopened" } });
    expect(
      (await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, date: "2026-06-30" })).ok,
    ).toBe(true);
  });

  test("an idempotency key files once", async () => {
    const input = {
      code: "S-SVC-VETO",
      target: { person: ORG.taxStaff1 },
      idempotencyKey: "draft:abc12345",
    } as const;
    expect((await file(input)).ok).toBe(true);
    const again = await file(input);
    expect(again.ok ? "" : again.code).toBe("RECORDS.ALREADY_FILED");
    expect(await t.db.record.count()).toBe(2); // S-SVC-VETO and its W-VETO, once
    // A refused filing does not use up its key.
    const refused = await file({
      code: "S-NOPE",
      target: { person: ORG.taxStaff1 },
      idempotencyKey: "draft:def67890",
    });
    expect(refused.ok ? "" : refused.code).toBe("CATALOG.UNKNOWN_CODE");
    expect(
      (
        await file({
          code: "S-ATT-LATE",
          target: { person: ORG.taxStaff1 },
          idempotencyKey: "draft:def67890",
        })
      ).ok,
    ).toBe(true);
  });
});

// Issue #12 finding 1, as reproduced: W-BON-SERVICE 2 twice, W-BON-SPEED 0.5 × 3 and S-BON-WORKLOAD 2 × 2
// in one month were all accepted and summed (the window got 5.5 instead of at most 2.5). §8: a per-month
// item's range is the most one target gets in a month; filing past it is refused with what is left.
describe("per-month items (RULES.md §8)", () => {
  test("filing past the month's range is refused with what is left, in both languages", async () => {
    const w = { window: "hrss" };
    expect((await file({ code: "W-BON-SERVICE", target: w, points: 200 })).ok).toBe(true);
    const service = await file({ code: "W-BON-SERVICE", target: w, points: 200, date: "2026-07-15" });
    expect(service.ok ? null : [service.code, service.detail]).toEqual([
      "CATALOG.MONTH_CAP",
      { code: "W-BON-SERVICE", max: 200, min: 10, filed: 200, left: 0 },
    ]);
    expect((await file({ code: "W-BON-SPEED", target: w, points: 50 })).ok).toBe(true);
    const speed = await file({ code: "W-BON-SPEED", target: w, points: 50, date: "2026-07-15" });
    expect(speed.ok ? null : speed.code).toBe("CATALOG.MONTH_CAP");
    expect((await file({ code: "S-BON-WORKLOAD", target: { person: ORG.taxStaff1 }, points: 150 })).ok).toBe(
      true,
    );
    const workload = await file({ code: "S-BON-WORKLOAD", target: { person: ORG.taxStaff1 }, points: 200 });
    expect(workload.ok ? null : [workload.code, workload.detail]).toEqual([
      "CATALOG.MONTH_CAP",
      { code: "S-BON-WORKLOAD", max: 200, min: 100, filed: 150, left: 50 },
    ]);
    if (workload.ok || service.ok) throw new Error("accepted");
    // 0.5 is left, below the item's least filing (1): nothing more can be filed this month.
    expect(errorText("zh", workload)).toBe(
      "当月工作量特别大（S-BON-WORKLOAD）每月合计最多 2 分，本月已记 1.5 分，还剩 0.5 分，低于每次最少 1 分，本月不能再记。",
    );
    expect(errorText("en", workload)).toBe(
      "Exceptional workload this month (S-BON-WORKLOAD) gives at most 2 points a month in all; 1.5 already filed this month, 0.5 left, under the least one filing gives (1): no more this month.",
    );
    // What is left can still be filed (W-BON-SPEED 0.3, then 0.2 of 0.5); the next month starts again.
    const tax = { window: "tax" };
    expect((await file({ code: "W-BON-SPEED", target: tax, points: 30 })).ok).toBe(true);
    const over = await file({ code: "W-BON-SPEED", target: tax, points: 30, date: "2026-07-13" });
    expect(over.ok ? null : over.detail).toEqual({
      code: "W-BON-SPEED",
      max: 50,
      min: 10,
      filed: 30,
      left: 20,
    });
    if (over.ok) throw new Error("accepted");
    expect(errorText("zh", over)).toBe(
      "承诺件提速提效（W-BON-SPEED）每月合计最多 0.5 分，本月已记 0.3 分，最多还可记 0.2 分。",
    );
    expect(errorText("en", over)).toBe(
      "Faster processing of committed items (W-BON-SPEED) gives at most 0.5 points a month in all; 0.3 already filed this month, at most 0.2 left.",
    );
    expect(errorText("en", service)).toContain("none left");
    expect((await file({ code: "W-BON-SPEED", target: tax, points: 20, date: "2026-07-13" })).ok).toBe(true);
    expect(
      (await file({ code: "W-BON-SERVICE", target: w, points: 200, date: "2026-06-30" })).ok ? "" : "refused",
    ).toBe(""); // June is another month (open in this fixture)
    expect((await rows()).filter((r) => r.who === "hrss").map((r) => [r.code, r.total])).toEqual([
      ["W-BON-SERVICE", 200],
      ["W-BON-SPEED", 50],
      ["W-BON-SERVICE", 200],
    ]);
    expect((await rows()).filter((r) => r.who === "tax").map((r) => r.total)).toEqual([30, 20]);
  });

  test("scoring caps a month's total at the range for records already on file (before the check, imports)", async () => {
    // Written straight to the table, as a record filed before the refusal existed would be.
    const base = { month: "2026-07", date: "2026-07-10", count: 1, note: "", filedBy: ORG.inspector1 };
    const at = ctx.clock.now();
    for (const [code, pts] of [
      ["W-BON-SERVICE", 200],
      ["W-BON-SERVICE", 200],
      ["W-BON-SPEED", 50],
      ["W-BON-SPEED", 50],
      ["W-BON-SPEED", 50],
    ] as const)
      await t.db.record.create({
        data: { ...base, code, windowId: "hrss", pointsHundredths: pts, totalHundredths: pts, filedAt: at },
      });
    for (let i = 0; i < 2; i++)
      await t.db.record.create({
        data: {
          ...base,
          code: "S-BON-WORKLOAD",
          personId: ORG.hrssLeader,
          pointsHundredths: 200,
          totalHundredths: 200,
          filedAt: at,
        },
      });
    const month = await scoreMonthFromDb(ctx, "2026-07");
    // hrss: its only person scores 100 + 2 (workload, capped from 4) = 102; the window 102 + 2.5 = 104.5.
    expect(month.people.find((p) => p.id === ORG.hrssLeader)!.scoreHundredths).toBe(10200);
    const hrss = month.windows.find((x) => x.id === "hrss")!;
    expect(hrss.peopleMeanHundredths).toBe(10200);
    expect(hrss.bonusHundredths).toBe(250); // not 550
  });
});

describe("revokeRecord", () => {
  async function filedId(input: Partial<FileRecordInput> & Pick<FileRecordInput, "code" | "target">) {
    const r = await file(input);
    if (!r.ok) throw new Error(r.code);
    return r.value.rows[0]!.id;
  }

  test("the filer revokes with a reason; the records filed with it go too; once only", async () => {
    const id = await filedId({ code: "S-SVC-DEADLINE", target: { person: ORG.taxStaff1 } });
    const other = await filedId({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 } });
    const noReason = await revokeRecord(ctx, { actor: ORG.inspector1, id, reason: "  " });
    expect(noReason.ok ? "" : noReason.code).toBe("RECORDS.REASON_REQUIRED");
    const notFiler = await revokeRecord(ctx, { actor: ORG.inspector2, id, reason: "错" });
    expect(notFiler.ok ? "" : notFiler.code).toBe("RECORDS.NOT_ALLOWED");

    const r = await revokeRecord(ctx, { actor: ORG.inspector1, id, reason: "记录有误" });
    expect(r.ok && r.value.rows.map((x) => [x.id, x.code, x.state, x.revokeReason])).toEqual([
      [id, "S-SVC-DEADLINE", "revoked", "记录有误"],
      [id + 1, "W-DEADLINE", "revoked", "记录有误"],
    ]);
    expect((await rows()).map((x) => x.state)).toEqual(["revoked", "revoked", "active"]);
    expect((await t.db.record.findUniqueOrThrow({ where: { id: other } })).state).toBe("active");
    const again = await revokeRecord(ctx, { actor: ORG.inspector1, id, reason: "再撤" });
    expect(again.ok ? "" : again.code).toBe("RECORDS.ALREADY_REVOKED");
    expect(await t.db.auditLog.count({ where: { action: "record.revoke" } })).toBe(2);
  });

  test("revoking the person's record takes the window leader's charge away with it", async () => {
    const id = await filedId({ code: "S-ATT-FALSETRIP", target: { person: ORG.taxStaff1 } });
    const leaderLines = async () =>
      (await scoreMonthFromDb(ctx, "2026-07")).people
        .find((p) => p.id === ORG.taxLeader)!
        .lines.map((l) => [l.code, l.source, l.totalHundredths]);
    expect(await leaderLines()).toEqual([["S-ATT-FALSETRIP", "leader_charge", 200]]);

    const r = await revokeRecord(ctx, { actor: ORG.inspector1, id, reason: "外出登记属实" });
    expect(r.ok && r.value.rows.map((x) => [x.id, x.state])).toEqual([[id, "revoked"]]);
    expect(r.ok && r.value.leaderCharge).toEqual({
      leaderId: ORG.taxLeader,
      pointsHundredths: 200,
      count: 1,
      totalHundredths: 200,
    });
    expect(await leaderLines()).toEqual([]);
    const leader = (await scoreMonthFromDb(ctx, "2026-07")).people.find((p) => p.id === ORG.taxLeader)!;
    expect(leader.scoreHundredths).toBe(10000);
  });

  test("the director may revoke; a linked record alone can be revoked; closed months and unknown ids refuse", async () => {
    const id = await filedId({ code: "S-EVAL-FAKE", target: { person: ORG.estateStaff1 } });
    const linked = await revokeRecord(ctx, { actor: ORG.inspector1, id: id + 1, reason: "窗口不扣" });
    expect(linked.ok && linked.value.rows.map((x) => x.code)).toEqual(["W-EVAL-FAKE"]);
    expect((await revokeRecord(ctx, { actor: ORG.director, id, reason: "复核" })).ok).toBe(true);

    const june = await filedId({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, date: "2026-06-30" });
    await t.db.period.create({ data: { period: "2026-06", state: "closed" } });
    const closed = await revokeRecord(ctx, { actor: ORG.inspector1, id: june, reason: "错" });
    expect(closed.ok ? "" : closed.code).toBe("RECORDS.MONTH_CLOSED");
    const missing = await revokeRecord(ctx, { actor: ORG.inspector1, id: 9999, reason: "错" });
    expect(missing.ok ? "" : missing.code).toBe("RECORDS.NOT_FOUND");
    expect((await t.db.record.findUniqueOrThrow({ where: { id: june } })).state).toBe("active");
  });
});
