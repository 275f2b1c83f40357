import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatHundredths } from "../../src/domain/points.ts";
import { runMonthClose, runQuarterClose } from "../../src/jobs/closeFlow.ts";
import { closeMonth, reopenPeriod } from "../../src/services/closeMonth.ts";
import { exportPeriod } from "../../src/services/exports/index.ts";
import { setEvaluation } from "../../src/services/imports/evaluations.ts";
import { monthResult } from "../../src/services/monthScores.ts";
import { fileRecord } from "../../src/services/records.ts";
import { closeContext, file, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG, PEOPLE } from "../helpers/org.ts";

const NOW = "2026-10-12T02:00:00.000Z"; // Monday 2026-10-12 10:00 Shanghai

describe("exports", () => {
  let t: TestDb;
  let ctx: TestContext;
  let dir: string;
  beforeEach(async () => {
    ({ t, ctx } = await closeContext(NOW));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-export-"));
    await file(ctx, { person: ORG.taxStaff2 }, "S-DIS-PHONE", "2026-07-08", { note: "办件时长时间看手机" });
    await file(ctx, { person: ORG.taxStaff1 }, "S-BON-ARTICLE", "2026-07-10", { points: "1.5" });
    await file(ctx, { person: ORG.estateLeader }, "S-ATT-LATE", "2026-07-13", { count: 3 });
    await file(ctx, { window: "tax" }, "W-REPORT-LATE", "2026-07-14");
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const load = async (f: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    return wb;
  };
  const cells = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);
  /** The month's people table: its column headers, the same in the workbook and the CSV. */
  const PEOPLE_HEADERS = [
    "排名",
    "姓名",
    "窗口",
    "扣分",
    "加分",
    "考评分",
    "档次",
    "考评奖(元)",
    "发放说明",
    "调离建议",
  ];

  it("month workbook: title, Chinese headers, A4 portrait print setup, frozen header, and the computed results", async () => {
    const closed = await runMonthClose(ctx, "2026-07", { actor: "test", exportDir: dir });
    expect(closed.ok).toBe(true);
    const r = await exportPeriod(ctx, "2026-07", { format: "xlsx", outDir: dir });
    if (!r.ok) throw new Error(r.code);
    const wb = await load(r.value[0]!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["人员考评", "窗口考评", "扣分加分明细"]);
    const people = wb.getWorksheet("人员考评")!;
    expect(String(people.getCell(1, 1).value)).toBe("苍南县政务服务中心 2026年7月窗口工作人员考评结果");
    expect(cells(people, 2)).toEqual(PEOPLE_HEADERS);
    expect(people.pageSetup.orientation).toBe("portrait");
    expect(people.pageSetup.paperSize).toBe(9);
    expect(people.pageSetup.printTitlesRow).toBe("1:2");
    expect(people.pageSetup.fitToWidth).toBe(1);
    expect(people.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(people.getColumn(2).width).toBeGreaterThan(8);

    // Every row equals the frozen result (names from the roster, numbers to two decimals).
    const result = await monthResult(ctx, "2026-07");
    const names = new Map((await t.db.person.findMany()).map((p) => [p.id, p.name]));
    const rows: unknown[][] = [];
    for (let i = 3; i < 3 + result.people.length; i++) rows.push(cells(people, i));
    expect(cells(people, 3 + result.people.length)[0]).toBe("合计");
    result.people.forEach((p, i) => {
      const row = rows[i]!;
      expect(row[0]).toBe(p.rank);
      expect(row[1]).toBe(names.get(p.id));
      expect(row[5]).toBe(Number(formatHundredths(p.scoreHundredths)));
      expect(row[7]).toBe(p.amountFen / 100);
    });
    // Hand-checked: 林一 101.5 first; 陈税, 周社, 郑三 100 share rank 2; 吴房 97 fifth; 王二 100 − 5 = 95 sixth:
    // b2 = round(5.4) = 5, so band 3, 400 yuan in full (95 is not below 95).
    expect(rows[0]!.slice(0, 3)).toEqual([1, "林一", "税务窗口"]);
    const wang = rows.find((row) => row[1] === "王二")!;
    expect(wang.slice(5, 8)).toEqual([95, "三档", 400]);

    const records = wb.getWorksheet("扣分加分明细")!;
    const recs: unknown[][] = [];
    for (let i = 3; i <= records.rowCount; i++) recs.push(cells(records, i));
    const phone = recs.find((x) => x[3] === "S-DIS-PHONE")!;
    expect(phone.slice(0, 3)).toEqual(["2026-07-08", "王二", "税务窗口"]);
    expect(phone[7]).toBe(-5);
    expect(phone[8]).toBe("孙督查"); // the filer is not a Person: their name from the org file's center.names
    expect(phone[10]).toBe("办件时长时间看手机");
    const late = recs.find((x) => x[3] === "S-ATT-LATE")!;
    expect([late[5], late[6], late[7]]).toEqual([-1, 3, -3]);
    expect(recs.find((x) => x[3] === "W-REPORT-LATE")![1]).toBe("税务窗口");
  });

  it("CSV: UTF-8 with BOM, one file per table, same numbers", async () => {
    const r = await exportPeriod(ctx, "2026-07", { format: "csv", outDir: dir });
    if (!r.ok) throw new Error(r.code);
    expect(r.value.map((f) => path.basename(f))).toEqual([
      "2026年7月考评结果-人员考评.csv",
      "2026年7月考评结果-窗口考评.csv",
      "2026年7月考评结果-扣分加分明细.csv",
    ]);
    const bytes = fs.readFileSync(r.value[0]!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0]).toEqual(PEOPLE_HEADERS);
    // Hand values (issue #12: compared with the code's own result before). 林一 +1.5 (article) = 101.5;
    // 陈税, 周社, 郑三 100 share rank 2; 吴房 3 × late = −3 → 97; 王二 phone −5 → 95. Six people:
    // b1 = round(4.2) = 4, b2 = round(5.4) = 5 → ranks 1–4 band 1 (500), 5 band 2 (450), 6 band 3 (400);
    // 95 is not below 95: full money.
    expect(rows.slice(1)).toEqual([
      ["1", "林一", "税务窗口", "0", "1.5", "101.5", "一档", "500", "全额", ""],
      ["2", "陈税", "税务窗口", "0", "0", "100", "一档", "500", "全额", ""],
      ["2", "周社", "人社窗口", "0", "0", "100", "一档", "500", "全额", ""],
      ["2", "郑三", "不动产窗口", "0", "0", "100", "一档", "500", "全额", ""],
      ["5", "吴房", "不动产窗口", "3", "0", "97", "二档", "450", "全额", ""],
      ["6", "王二", "税务窗口", "5", "0", "95", "三档", "400", "全额", ""],
    ]);
  });

  it("quarter workbook: scores, eligibility and reasons per person and window, award state", async () => {
    for (const m of ["2026-07", "2026-08", "2026-09"])
      expect((await runMonthClose(ctx, m, { actor: "t", exportDir: dir })).ok).toBe(true);
    for (const id of PEOPLE)
      await setEvaluation(ctx, {
        period: "2026-Q3",
        targetType: "person",
        target: id,
        points: "8",
        actor: ORG.director,
      });
    expect((await runQuarterClose(ctx, "2026-Q3", { actor: "t" })).ok).toBe(true);
    const r = await exportPeriod(ctx, "2026-Q3", { format: "xlsx", outDir: dir });
    if (!r.ok) throw new Error(r.code);
    const wb = await load(r.value[0]!);
    const ws = wb.getWorksheet("人员季度评比")!;
    expect(String(ws.getCell(1, 1).value)).toContain("2026年第三季度");
    const rows: unknown[][] = [];
    for (let i = 3; i <= ws.rowCount; i++) rows.push(cells(ws, i));
    const byName = new Map(rows.map((x) => [x[1], x]));
    // 王二: party relation not transferred (fixture) and 3 months of 95/100/100 → mean 98.33 + 8.
    const wang = byName.get("王二")!;
    expect(wang[4]).toBe(98.33);
    expect(wang[6]).toBe(106.33);
    expect(wang[7]).toBe("不符合");
    expect(String(wang[8])).toContain("党组织关系未迁入");
    // 郑三 joined 2026-07-13: under three months by the quarter's end.
    expect(String(byName.get("郑三")![8])).toContain("不满三个月");
    const lin = byName.get("林一")!;
    expect(lin[7]).toBe("符合");
    expect(String(lin[9])).toContain("竞跑之星");
    expect(wb.getWorksheet("窗口季度评比")).toBeDefined();
    // Filed on paper too: the signature lines under each sheet, the quarter closed (no 未结算).
    for (const sheet of wb.worksheets) {
      expect(String(sheet.getCell(1, 1).value)).not.toContain("未结算");
      expect(cells(sheet, sheet.rowCount)[0]).toBe("制表人：");
    }
  });

  describe("the close's workbooks can be printed and filed as they are", () => {
    /** Points or yuan as integer hundredths (cells hold 2-decimal numbers). */
    const h = (v: unknown) => Math.round(Number(v) * 100);
    const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    /** The data rows of a sheet: from the header (row 2) down to the 合计 row or the first empty row. */
    const dataRows = (ws: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      for (let i = 3; i <= ws.rowCount; i++) {
        const row = cells(ws, i);
        if (row.length === 0 || row[0] === "合计") break;
        out.push(row);
      }
      return out;
    };
    const rowAfter = (ws: ExcelJS.Worksheet, n: number) => cells(ws, 3 + n);

    beforeEach(async () => {
      // Every kind of line a score can have, beside the records of the suite's beforeEach:
      // a leader's charge (S-ATT-FALSETRIP on 王二 also costs 陈税 2), a bonus over the cap (林一:
      // 1.5 + 5 = 6.5 → 5), a line shown but not counted (S-BON-HONOUR with no activity, stored
      // directly: filing refuses it), S-EVAL-RATE from the devices, S-ATT-PERSONAL from approved 事假,
      // a secondment, and a record filed by an inspector the org file gives no name.
      await file(ctx, { person: ORG.taxStaff2 }, "S-ATT-FALSETRIP", "2026-07-15");
      await file(ctx, { person: ORG.taxStaff1 }, "S-BON-INNOVATION", "2026-07-16", { points: "5" });
      await t.db.record.create({
        data: {
          month: "2026-07",
          date: "2026-07-17",
          code: "S-BON-HONOUR",
          personId: ORG.hrssLeader,
          pointsHundredths: 100,
          totalHundredths: 100,
          filedBy: ORG.inspector1,
        },
      });
      const byInspector2 = await fileRecord(ctx, {
        filer: ORG.inspector2,
        target: { person: ORG.estateStaff1 },
        code: "S-DIS-UNIFORM",
        date: "2026-07-20",
        note: "未佩戴工作牌",
      });
      expect(byInspector2.ok).toBe(true);
      await t.db.rating.create({
        data: { month: "2026-07", personId: ORG.taxStaff2, satisfied: 80, basic: 5, unsatisfied: 15 },
      });
      // Four working days of 事假 (Mon 20 – Thu 23 July): 5 + 0.5 × 2 = 6 points (§4 ⑦).
      await t.db.request.create({
        data: {
          requesterId: ORG.estateLeader,
          kind: "personal",
          startDate: "2026-07-20",
          startHalf: "am",
          endDate: "2026-07-23",
          endHalf: "pm",
          halfDays: 8,
          reason: "家中有事",
          state: "approved",
        },
      });
      await t.db.secondment.create({
        data: { month: "2026-07", personId: ORG.taxLeader, halfDays: 4, workingDaysHalfDays: 46 },
      });
    });

    it("rows add up to every score, totals match, names not ids, no 未结算, print setup", async () => {
      const closed = await runMonthClose(ctx, "2026-07", { actor: "test", exportDir: dir });
      if (!closed.ok || closed.value.kind !== "closed") throw new Error(JSON.stringify(closed));
      const full = await load(closed.value.closed.fullWorkbookPath);
      const pub = await load(closed.value.closed.workbookPath);
      expect(full.worksheets.map((w) => w.name)).toEqual(["人员考评", "窗口考评", "扣分加分明细"]);

      // Closed: no cell of either file says 未结算 (the close wrote them as the frozen result's).
      for (const wb of [full, pub])
        wb.eachSheet((ws) =>
          ws.eachRow((row) => row.eachCell((c) => expect(text(c.value)).not.toContain("未结算"))),
        );

      const people = full.getWorksheet("人员考评")!;
      const ranking = dataRows(people);
      const result = closed.value.closed.result;
      expect(ranking).toHaveLength(result.headCount);
      const detail = dataRows(full.getWorksheet("扣分加分明细")!);
      const header = cells(full.getWorksheet("扣分加分明细")!, 2);
      const col = (name: string) => header.indexOf(name);
      const [TARGET, WINDOW, CODE, TOTAL, FILER] = ["对象", "窗口", "代码", "合计", "登记人"].map(col);

      // Every person's rows add up: 100 − deductions + bonuses = the score on the ranking sheet.
      const sumOf = (name: unknown, window: unknown) =>
        detail
          .filter((r) => r[TARGET!] === name && r[WINDOW!] === window)
          .reduce((a, r) => a + h(r[TOTAL!]), 0);
      for (const row of ranking) expect(10000 + sumOf(row[1], row[2]), String(row[1])).toBe(h(row[5]));
      // Every window's too: people's mean − deductions + bonuses = the window's score.
      for (const row of dataRows(full.getWorksheet("窗口考评")!))
        expect(h(row[3]) + sumOf(row[1], row[1]), String(row[1])).toBe(h(row[6]));

      // The lines that are not records have rows of their own.
      const codes = (name: string) =>
        detail.filter((r) => r[TARGET!] === name).map((r) => [r[CODE!], h(r[TOTAL!])]);
      expect(codes("王二")).toEqual(
        expect.arrayContaining([
          ["S-ATT-FALSETRIP", -500],
          ["S-EVAL-RATE", -600],
        ]),
      );
      expect(codes("陈税")).toEqual(expect.arrayContaining([["S-ATT-FALSETRIP", -200]]));
      expect(codes("吴房")).toEqual(expect.arrayContaining([["S-ATT-PERSONAL", -600]]));
      expect(codes("周社")).toEqual(expect.arrayContaining([["S-BON-HONOUR", 0]]));
      const honour = detail.find((r) => r[CODE!] === "S-BON-HONOUR")!;
      expect(text(honour[10])).toContain("不计分");
      expect(codes("林一")).toEqual(expect.arrayContaining([["", -150]])); // 6.5 bonus, 5 counted
      const secondment = detail.find((r) => r[TARGET!] === "陈税" && r[CODE!] === "")!;
      expect(text(secondment[10])).toContain("抽调 2 天");

      // 登记人: names (or the role, for an inspector the org file does not name), never a Slack id.
      const filers = detail.map((r) => text(r[FILER!]));
      for (const f of filers) expect(f).not.toMatch(/^[UW][A-Z0-9]+$/);
      expect(new Set(filers)).toEqual(new Set(["孙督查", "督查科", "—"]));

      // The 合计 row: head count, band counts and the money column's sum.
      const totals = rowAfter(people, ranking.length);
      expect(totals[0]).toBe("合计");
      expect(totals[1]).toBe(`${ranking.length}人`);
      const bands = ["一档", "二档", "三档"].map(
        (b) => `${b} ${ranking.filter((r) => r[6] === b).length} 人`,
      );
      expect(totals[2]).toBe(bands.join("、"));
      expect(h(totals[7])).toBe(ranking.reduce((a, r) => a + h(r[7]), 0));
      expect(h(totals[7])).toBe(result.people.reduce((a, p) => a + p.amountFen, 0));

      // Print: A4, narrow sheets portrait, the wide detail landscape, fitted to the width, header
      // rows repeated; the signature lines under every sheet of the filed copy, not the channel's.
      const setup = (ws: ExcelJS.Worksheet) => [
        ws.pageSetup.paperSize,
        ws.pageSetup.orientation,
        ws.pageSetup.fitToWidth,
        ws.pageSetup.printTitlesRow,
      ];
      expect(setup(people)).toEqual([9, "portrait", 1, "1:2"]);
      expect(setup(full.getWorksheet("窗口考评")!)).toEqual([9, "portrait", 1, "1:2"]);
      expect(setup(full.getWorksheet("扣分加分明细")!)).toEqual([9, "landscape", 1, "1:2"]);
      expect(setup(pub.getWorksheet("人员考评")!)).toEqual([9, "portrait", 1, "1:2"]);
      const signature = (ws: ExcelJS.Worksheet) =>
        [...new Set(cells(ws, ws.rowCount).map(text))].filter(Boolean);
      for (const ws of full.worksheets)
        expect(signature(ws), ws.name).toEqual([
          "制表人：",
          "审核：",
          "主任签字：",
          "日期：　　　年　　月　　日",
        ]);
      for (const ws of pub.worksheets) expect(signature(ws).join()).not.toContain("制表人");

      // The channel's copy: rank, name, window, band and the band counts; no money, no records.
      const pubPeople = pub.getWorksheet("人员考评")!;
      expect(cells(pubPeople, 2)).toEqual(["排名", "姓名", "窗口", "档次"]);
      expect(rowAfter(pubPeople, ranking.length)).toEqual(["合计", `${ranking.length}人`, bands.join("、")]);
    });

    it("a re-close after a reopen is titled as the correction its file name says", async () => {
      expect((await runMonthClose(ctx, "2026-07", { actor: "test", exportDir: dir })).ok).toBe(true);
      const reason = "王二外出记录有误";
      expect((await reopenPeriod(ctx, { period: "2026-07", actor: ORG.director, reason })).ok).toBe(true);
      const again = await runMonthClose(ctx, "2026-07", { actor: "test", exportDir: dir });
      if (!again.ok || again.value.kind !== "closed") throw new Error(JSON.stringify(again));
      expect(again.value.closed.fullWorkbookName).toContain("（更正1）");
      const wb = await load(again.value.closed.fullWorkbookPath);
      for (const ws of wb.worksheets) expect(String(ws.getCell(1, 1).value)).toMatch(/（更正1）$/);
    });

    it("a close that rolls back leaves no workbook behind", async () => {
      const boom = new Error("publish failed");
      await expect(
        closeMonth(ctx, "2026-07", {
          actor: "test",
          exportDir: dir,
          publish: async () => {
            throw boom;
          },
        }),
      ).rejects.toBe(boom);
      expect(fs.readdirSync(path.join(dir, "2026-07"))).toEqual([]);
      expect(await t.db.period.findUnique({ where: { period: "2026-07" } })).toBeNull();
    });

    it("CSV: the same data rows as the sheet, with BOM and CRLF, no totals or signature lines", async () => {
      expect((await runMonthClose(ctx, "2026-07", { actor: "test", exportDir: dir })).ok).toBe(true);
      const xlsx = await exportPeriod(ctx, "2026-07", { format: "xlsx", outDir: dir });
      const csv = await exportPeriod(ctx, "2026-07", { format: "csv", outDir: dir });
      if (!xlsx.ok || !csv.ok) throw new Error("export failed");
      const wb = await load(xlsx.value[0]!);
      for (const [i, ws] of wb.worksheets.entries()) {
        const bytes = fs.readFileSync(csv.value[i]!);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(bytes.toString("utf8")).toMatch(/\r\n$/);
        const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
        expect(rows[0]).toEqual(cells(ws, 2));
        const sheet = dataRows(ws).map((r) => cells(ws, 2).map((_, j) => text(r[j])));
        expect(rows.slice(1)).toEqual(sheet);
        expect(rows.flat().join()).not.toContain("制表人");
      }
    });
  });

  it("refuses a malformed period", async () => {
    expect(await exportPeriod(ctx, "2026-7", { format: "xlsx", outDir: dir })).toMatchObject({
      ok: false,
      code: "EXPORT.BAD_PERIOD",
    });
  });
});
