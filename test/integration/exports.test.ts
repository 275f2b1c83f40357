import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatHundredths } from "../../src/domain/points.ts";
import { runMonthClose, runQuarterClose } from "../../src/jobs/closeFlow.ts";
import { exportPeriod } from "../../src/services/exports/index.ts";
import { setEvaluation } from "../../src/services/imports/evaluations.ts";
import { monthResult } from "../../src/services/monthScores.ts";
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
    "基础分",
    "附加分",
    "考评分",
    "档次",
    "考评奖(元)",
    "发放说明",
    "调离建议",
  ];

  it("month workbook: title, Chinese headers, A4 landscape print setup, frozen header, and the computed results", async () => {
    const closed = await runMonthClose(ctx, "2026-07", { actor: "test", exportDir: dir });
    expect(closed.ok).toBe(true);
    const r = await exportPeriod(ctx, "2026-07", { format: "xlsx", outDir: dir });
    if (!r.ok) throw new Error(r.code);
    const wb = await load(r.value[0]!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["人员考评", "窗口考评", "扣分加分明细"]);
    const people = wb.getWorksheet("人员考评")!;
    expect(String(people.getCell(1, 1).value)).toBe("苍南县政务服务中心 2026年7月窗口工作人员考评结果");
    expect(cells(people, 2)).toEqual(PEOPLE_HEADERS);
    expect(people.pageSetup.orientation).toBe("landscape");
    expect(people.pageSetup.paperSize).toBe(9);
    expect(people.pageSetup.printTitlesRow).toBe("1:2");
    expect(people.pageSetup.fitToWidth).toBe(1);
    expect(people.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(people.getColumn(2).width).toBeGreaterThan(8);

    // Every row equals the frozen result (names from the roster, numbers to two decimals).
    const result = await monthResult(ctx, "2026-07");
    const names = new Map((await t.db.person.findMany()).map((p) => [p.id, p.name]));
    const rows: unknown[][] = [];
    for (let i = 3; i <= people.rowCount; i++) rows.push(cells(people, i));
    expect(rows).toHaveLength(result.people.length);
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
    expect(phone[8]).toBe(ORG.inspector1); // the filer is not on the roster: their Slack id
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
    const live = await monthResult(ctx, "2026-07");
    expect(rows.slice(1).map((x) => Number(x[5]))).toEqual(
      live.people.map((p) => Number(formatHundredths(p.scoreHundredths))),
    );
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
  });

  it("refuses a malformed period", async () => {
    expect(await exportPeriod(ctx, "2026-7", { format: "xlsx", outDir: dir })).toMatchObject({
      ok: false,
      code: "EXPORT.BAD_PERIOD",
    });
  });
});
