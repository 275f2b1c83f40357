import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_OPERATIONS_SETTINGS } from "../../src/services/closeSettings.ts";
import { confirmAttendance, importAttendance, judgeDay } from "../../src/services/imports/attendance.ts";
import { importEvaluations } from "../../src/services/imports/evaluations.ts";
import { importRatings } from "../../src/services/imports/ratings.ts";
import { importSecondments } from "../../src/services/imports/secondments.ts";
import { scoreMonthFromDb } from "../../src/services/monthScores.ts";
import { closeContext, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG } from "../helpers/org.ts";

const NOW = "2026-08-03T01:00:00.000Z"; // Monday 2026-08-03 09:00 Shanghai

describe("imports", () => {
  let t: TestDb;
  let ctx: TestContext;
  beforeEach(async () => {
    ({ t, ctx } = await closeContext(NOW));
  });
  afterEach(async () => {
    await t.close();
  });

  describe("ratings", () => {
    it("takes Chinese headers, sums day rows into the month, and names people by Slack id or name", async () => {
      const csv = [
        "人员,日期,满意,基本满意,不满意",
        `${ORG.taxStaff1},2026-07-01,10,2,0`,
        "林一,2026/7/2,5,0,1",
        `陈税,2026-07-15,40,0,0`,
      ].join("\n");
      const r = await importRatings(ctx, `\uFEFF${csv}`, { actor: ORG.inspector1 });
      expect(r.refused).toEqual([]);
      expect(r.written).toBe(true);
      const rows = await t.db.rating.findMany({ orderBy: { personId: "asc" } });
      expect(rows.map((x) => [x.personId, x.month, x.satisfied, x.basic, x.unsatisfied])).toEqual(
        [
          [ORG.taxLeader, "2026-07", 40, 0, 0],
          [ORG.taxStaff1, "2026-07", 15, 2, 1],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
    });

    it("English headers with a month column; a second import replaces the month's counts", async () => {
      const first = `person,month,satisfied,basic,unsatisfied\n${ORG.taxStaff2},2026-07,90,5,5\n`;
      expect((await importRatings(ctx, first, { actor: ORG.inspector1 })).written).toBe(true);
      const second = `person,month,satisfied,basic,unsatisfied\n${ORG.taxStaff2},2026-07,80,0,20\n`;
      expect((await importRatings(ctx, second, { actor: ORG.inspector1 })).written).toBe(true);
      const row = await t.db.rating.findUniqueOrThrow({
        where: { month_personId: { month: "2026-07", personId: ORG.taxStaff2 } },
      });
      expect([row.satisfied, row.basic, row.unsatisfied]).toEqual([80, 0, 20]);
      // 80/100 < 95 %: S-EVAL-RATE appears in the live score.
      const live = await scoreMonthFromDb(ctx, "2026-07");
      expect(live.people.find((p) => p.id === ORG.taxStaff2)!.lines.map((l) => l.code)).toContain(
        "S-EVAL-RATE",
      );
    });

    it("refuses the whole file when any row is bad, listing every problem", async () => {
      const csv = [
        "人员,月份,满意,基本满意,不满意",
        `${ORG.taxStaff1},2026-07,10,0,0`,
        "无名氏,2026-07,1,0,0",
        `${ORG.taxStaff2},2026-07,abc,0,0`,
        `${ORG.taxLeader},2026-13,1,0,0`,
        `${ORG.taxStaff1},2026-07,3,0,0`,
        `${ORG.hrssLeader},2026-09,3,0,0`,
      ].join("\n");
      const r = await importRatings(ctx, csv, { actor: ORG.inspector1 });
      expect(r.written).toBe(false);
      expect(r.refused.map((p) => [p.line, p.code])).toEqual([
        [3, "IMPORT.UNKNOWN_PERSON"],
        [4, "IMPORT.BAD_COUNT"],
        [5, "IMPORT.BAD_MONTH"],
        [6, "IMPORT.DUPLICATE_ROW"],
        [7, "IMPORT.FUTURE_MONTH"],
      ]);
      expect(await t.db.rating.count()).toBe(0);
      expect(await t.db.auditLog.count({ where: { action: "ratings.import" } })).toBe(0);
    });

    it("a missing column or a closed month is refused before anything is written", async () => {
      const noCounts = await importRatings(ctx, "人员,月份,满意\nx,2026-07,1\n", { actor: ORG.inspector1 });
      expect(noCounts.refused[0]).toMatchObject({ line: 1, code: "IMPORT.MISSING_COLUMN" });
      await t.db.period.create({ data: { period: "2026-06", state: "closed", closings: 1 } });
      const closed = await importRatings(
        ctx,
        `person,month,满意,基本满意,不满意\n${ORG.taxLeader},2026-06,1,0,0\n`,
        {
          actor: ORG.inspector1,
        },
      );
      expect(closed.refused).toEqual([
        { line: 2, code: "IMPORT.MONTH_CLOSED", detail: { month: "2026-06" } },
      ]);
      expect(await t.db.rating.count()).toBe(0);
    });

    it("a dry run reports without writing", async () => {
      const r = await importRatings(
        ctx,
        `person,month,满意,基本满意,不满意\n${ORG.taxLeader},2026-07,1,0,0\n`,
        {
          actor: ORG.inspector1,
          dryRun: true,
        },
      );
      expect([r.refused.length, r.taken.length, r.written]).toEqual([0, 1, false]);
      expect(await t.db.rating.count()).toBe(0);
    });
  });

  describe("attendance", () => {
    // July is in the default summer schedule: 08:30–12:00, 14:30–17:30.
    const csv = () =>
      [
        "姓名,日期,打卡记录",
        "陈税,2026-07-06,08:20 12:01 14:25 17:35",
        "林一,2026-07-06,08:37 12:00 14:29 17:31", // 7 min late in the morning
        "王二,2026-07-06,08:10 12:05 14:20 17:40",
        "吴房,2026-07-06,08:29 11:50 14:31 17:30", // left 10 min early; 1 min late after lunch
        "陈税,2026-07-07,08:20 12:01 14:25 17:35",
        "林一,2026-07-07,08:25 12:02 14:20", // no sign-out in the afternoon
        // 王二: nothing on 07-07 → absent both halves; 吴房: approved leave on 07-07
        "陈税,2026-07-08,08:20 12:01 14:25 17:35",
        "林一,2026-07-08,08:50 12:00 14:30 17:30", // 20 min late: off post
        "王二,2026-07-08,08:10 12:05 14:20 17:40",
        "吴房,2026-07-08,08:10 12:05 14:20 17:40",
        "陈税,2026-07-04,09:00", // a Saturday: not judged
      ].join("\n");

    beforeEach(async () => {
      await t.db.request.create({
        data: {
          requesterId: ORG.estateLeader,
          kind: "annual",
          startDate: "2026-07-07",
          startHalf: "am",
          endDate: "2026-07-07",
          endHalf: "pm",
          halfDays: 2,
          reason: "年休",
          state: "approved",
        },
      });
    });

    it("proposes records from the punches, skipping leave, weekends and people not in the export", async () => {
      const r = await importAttendance(ctx, csv(), { actor: ORG.inspector1 });
      expect(r.refused).toEqual([]);
      expect(r.month).toBe("2026-07");
      const rows = await t.db.record.findMany({
        where: { source: "attendance" },
        orderBy: [{ personId: "asc" }, { date: "asc" }, { id: "asc" }],
      });
      expect(rows.every((x) => x.state === "proposed")).toBe(true);
      expect(rows.map((x) => [x.personId, x.date, x.code, x.count, x.totalHundredths])).toEqual(
        [
          [ORG.taxStaff1, "2026-07-06", "S-ATT-LATE", 1, 100],
          [ORG.taxStaff1, "2026-07-07", "S-ATT-NOPUNCH", 1, 200],
          [ORG.taxStaff1, "2026-07-08", "S-ATT-OFFPOST", 1, 300],
          [ORG.taxStaff2, "2026-07-07", "S-ATT-ABSENT", 1, 500],
          [ORG.taxStaff2, "2026-07-07", "S-ATT-ABSENT", 1, 500],
          [ORG.estateLeader, "2026-07-06", "S-ATT-LATE", 1, 100],
          [ORG.estateLeader, "2026-07-06", "S-ATT-LATE", 1, 100],
        ].sort(
          (a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])),
        ),
      );
      expect(rows.find((x) => x.code === "S-ATT-LATE" && x.personId === ORG.taxStaff1)!.note).toContain(
        "08:37",
      );
      expect(r.totals).toMatchObject({ days: 3, notInExport: 2 }); // 周社 and 郑三 have no punches at all
      // Proposals do not count until confirmed.
      const before = await scoreMonthFromDb(ctx, "2026-07");
      expect(before.people.find((p) => p.id === ORG.taxStaff1)!.scoreHundredths).toBe(10000);

      expect(await confirmAttendance(ctx, { month: "2026-07", actor: ORG.taxLeader })).toMatchObject({
        ok: false,
        code: "IMPORT.NOT_INSPECTION",
      });
      const offpost = rows.find((x) => x.code === "S-ATT-OFFPOST")!;
      const c = await confirmAttendance(ctx, {
        month: "2026-07",
        actor: ORG.inspector2,
        dismiss: [offpost.id],
      });
      expect(c).toEqual({ ok: true, value: { confirmed: 6, dismissed: 1 } });
      const after = await scoreMonthFromDb(ctx, "2026-07");
      expect(after.people.find((p) => p.id === ORG.taxStaff1)!.scoreHundredths).toBe(10000 - 100 - 200);
      expect(after.people.find((p) => p.id === ORG.taxStaff2)!.scoreHundredths).toBe(10000 - 1000);

      // Importing the same export again proposes nothing already confirmed or dismissed.
      const again = await importAttendance(ctx, csv(), { actor: ORG.inspector1 });
      expect(again.written).toBe(true);
      expect(await t.db.record.count({ where: { source: "attendance", state: "proposed" } })).toBe(0);
    });

    it("refuses the file (nothing written) for an unknown person or a bad time; one month per file", async () => {
      const bad = `${csv()}\n无名氏,2026-07-06,08:00\n林一,2026-07-09,25:61`;
      const r = await importAttendance(ctx, bad, { actor: ORG.inspector1 });
      expect(r.refused.map((p) => [p.line, p.code])).toEqual([
        [13, "IMPORT.UNKNOWN_PERSON"],
        [14, "IMPORT.BAD_TIME"],
      ]);
      expect(r.written).toBe(false);
      const mixed = await importAttendance(
        ctx,
        `person,datetime\n${ORG.taxLeader},2026-06-30 08:20\n${ORG.taxLeader},2026-07-01 08:20\n`,
        {
          actor: ORG.inspector1,
        },
      );
      expect(mixed.refused).toEqual([
        { line: 0, code: "IMPORT.MIXED_MONTHS", detail: { months: ["2026-06", "2026-07"] } },
      ]);
      expect(await t.db.record.count()).toBe(0);
    });

    it("judges a day with the configured hours and lateness rules", () => {
      const hours = { ...DEFAULT_OPERATIONS_SETTINGS.attendance, summer: null };
      const late = { lateMaxMinutes: 10, gapCountsAsLate: false, offPostMinMinutes: 15 };
      // 12 minutes late falls in the gap; with gapCountsAsLate off nothing is proposed.
      expect(judgeDay("2026-11-02", ["08:42", "12:00", "14:00", "17:30"], new Set(), hours, late)).toEqual(
        [],
      );
      // Two punches a day: in at 08:30, out at 17:30; the morning on leave moves the start to 14:00.
      const two = { ...hours, punchesPerDay: 2 as const };
      expect(
        judgeDay("2026-11-02", ["14:05", "17:30"], new Set(["am"]), two, late).map((f) => f.code),
      ).toEqual(["S-ATT-LATE"]);
      expect(judgeDay("2026-11-02", [], new Set(), two, late)).toMatchObject([
        { code: "S-ATT-ABSENT", count: 2 },
      ]);
    });
  });

  it("evaluations: all or nothing, 0–10, people per quarter, windows per year", async () => {
    const bad = [
      "期间,类型,对象,评价分",
      `2026-Q3,人员,${ORG.taxStaff1},9.5`,
      "2026-Q3,窗口,tax,8",
      `2026-Q3,person,${ORG.taxStaff2},11`,
    ].join("\n");
    const r = await importEvaluations(ctx, bad, { actor: ORG.director });
    expect(r.refused.map((p) => [p.line, p.code])).toEqual([
      [3, "EVAL.QUARTER_WINDOW"],
      [4, "EVAL.BAD_POINTS"],
    ]);
    expect(await t.db.centerEvaluation.count()).toBe(0);
    const good = [
      "period,type,target,points",
      `2026-Q3,person,${ORG.taxStaff1},9.5`,
      "2026,window,税务窗口,8",
    ].join("\n");
    expect((await importEvaluations(ctx, good, { actor: ORG.director })).written).toBe(true);
    const rows = await t.db.centerEvaluation.findMany({ orderBy: { period: "asc" } });
    expect(rows.map((x) => [x.period, x.targetType, x.targetId, x.pointsHundredths])).toEqual([
      ["2026", "window", "tax", 800],
      ["2026-Q3", "person", ORG.taxStaff1, 950],
    ]);
  });

  it("secondments: half-day steps, no more than the month's working days", async () => {
    const bad = `人员,月份,抽调天数\n${ORG.taxStaff1},2026-07,2.5\n${ORG.taxStaff2},2026-07,40\n${ORG.taxLeader},2026-07,1.25\n`;
    const r = await importSecondments(ctx, bad, { actor: ORG.inspector1 });
    expect(r.refused.map((p) => [p.line, p.code])).toEqual([
      [3, "IMPORT.DAYS_OVER_MONTH"],
      [4, "IMPORT.BAD_DAYS"],
    ]);
    expect(await t.db.secondment.count()).toBe(0);
    const ok = await importSecondments(ctx, `人员,月份,抽调天数\n${ORG.taxStaff1},2026-07,2.5\n`, {
      actor: ORG.inspector1,
    });
    expect(ok.written).toBe(true);
    const row = await t.db.secondment.findFirstOrThrow();
    // July 2026 has 23 working days.
    expect([row.halfDays, row.workingDaysHalfDays]).toEqual([5, 46]);
    const live = await scoreMonthFromDb(ctx, "2026-07");
    const lin = live.people.find((p) => p.id === ORG.taxStaff1)!;
    // Band 1 full 500 yuan × (1 − 2.5/23) = 445.65 (half-up to the fen).
    expect(lin.amountFen).toBe(44565);
  });
});
