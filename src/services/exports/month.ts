// The month's results as tables (RULES.md §4, §6, §9): people, windows, and every record with its filer.
import { catalogItem } from "../../domain/catalog.ts";
import { fenToYuan, hundredthsToNumber } from "../../domain/points.ts";
import type { MonthResult } from "../../domain/scoring/types.ts";
import type { ServiceContext } from "../context.ts";
import { isClosed, monthResult } from "../monthScores.ts";
import type { Table } from "./sheets.ts";

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Said in a table's title while its period is still open: the figures may still change. */
export function notClosedNote(closed: boolean): string {
  return closed ? "" : "（未结算，截至导出时）";
}

const MONEY_REASON: Record<string, string> = {
  full: "全额",
  half: "减半（90分以上不满95分）",
  none: "取消（90分以下）",
};

const SOURCE: Record<string, string> = {
  manual: "登记",
  attendance: "考勤导入",
  linked: "关联",
  import: "导入",
};

export async function centerName(ctx: ServiceContext): Promise<string> {
  return (
    (await ctx.db.center.findUnique({ where: { id: 1 }, select: { name: true } }))?.name ?? "政务服务中心"
  );
}

/** Slack id → display name for people and windows (ids stay when no name is known). */
export async function nameBook(
  ctx: ServiceContext,
): Promise<{ person(id: string): string; window(id: string): string }> {
  const [people, windows] = await Promise.all([
    ctx.db.person.findMany({ select: { id: true, name: true } }),
    ctx.db.window.findMany({ select: { id: true, name: true } }),
  ]);
  const p = new Map(people.map((x) => [x.id, x.name]));
  const w = new Map(windows.map((x) => [x.id, x.name]));
  return { person: (id) => p.get(id) ?? id, window: (id) => w.get(id) ?? id };
}

export interface MonthTables {
  result: MonthResult;
  frozen: boolean;
  tables: Table[];
  publicTables: Table[];
}

/**
 * `tables`: scores, money and every record (the center's own copy: CLI export, director, inspection).
 * `publicTables`: what the center's channel may see (§8): rank, name, window, band, and the windows.
 */
export async function monthTables(ctx: ServiceContext, month: string): Promise<MonthTables> {
  const [result, frozen, center, names, records] = await Promise.all([
    monthResult(ctx, month),
    isClosed(ctx.db, month),
    centerName(ctx),
    nameBook(ctx),
    ctx.db.record.findMany({ where: { month, state: "active" }, orderBy: [{ date: "asc" }, { id: "asc" }] }),
  ]);
  const label = monthLabel(month);
  const status = notClosedNote(frozen);
  const pts = (h: number) => hundredthsToNumber(h);

  const people: Table = {
    name: "人员考评",
    title: `${center} ${label}窗口工作人员考评结果${status}`,
    columns: [
      { header: "排名", key: "rank", width: 6 },
      { header: "姓名", key: "name", width: 12 },
      { header: "窗口", key: "window", width: 18 },
      { header: "基础分", key: "base", width: 9, numFmt: "0.00" },
      { header: "附加分", key: "bonus", width: 9, numFmt: "0.00" },
      { header: "考评分", key: "score", width: 9, numFmt: "0.00" },
      { header: "档次", key: "band", width: 7 },
      { header: "考评奖(元)", key: "amount", width: 11, numFmt: "0.00" },
      { header: "发放说明", key: "money", width: 22 },
      { header: "调离建议", key: "transfer", width: 10 },
    ],
    rows: result.people.map((p) => ({
      rank: p.rank,
      name: names.person(p.id),
      window: names.window(p.window),
      base: pts(p.baseHundredths),
      bonus: pts(p.bonusHundredths),
      score: pts(p.scoreHundredths),
      band: ["一档", "二档", "三档"][p.band - 1]!,
      amount: fenToYuan(p.amountFen),
      money:
        MONEY_REASON[p.moneyReason]! +
        (p.secondment && p.secondment.halfDays > 0
          ? `；抽调${p.secondment.halfDays / 2}/${p.secondment.workingDays}个工作日相应扣发`
          : ""),
      transfer: p.transfer ? "建议调离" : "",
    })),
  };

  const windows: Table = {
    name: "窗口考评",
    title: `${center} ${label}部门窗口考评结果${status}`,
    columns: [
      { header: "排名", key: "rank", width: 6 },
      { header: "窗口", key: "window", width: 22 },
      { header: "人数", key: "count", width: 6 },
      { header: "人员平均分", key: "mean", width: 11, numFmt: "0.00" },
      { header: "负面扣分", key: "deductions", width: 10, numFmt: "0.00" },
      { header: "附加分", key: "bonus", width: 9, numFmt: "0.00" },
      { header: "窗口考评分", key: "score", width: 11, numFmt: "0.00" },
    ],
    rows: result.windows.map((w) => ({
      rank: w.rank,
      window: names.window(w.id),
      count: w.peopleIds.length,
      mean: pts(w.peopleMeanHundredths),
      deductions: pts(-w.deductionsHundredths),
      bonus: pts(w.bonusHundredths),
      score: pts(w.scoreHundredths),
    })),
  };

  const recordRows: Table = {
    name: "扣分加分明细",
    title: `${center} ${label}考评扣分、加分明细`,
    columns: [
      { header: "日期", key: "date", width: 11 },
      { header: "对象", key: "target", width: 16 },
      { header: "窗口", key: "window", width: 16 },
      { header: "代码", key: "code", width: 16 },
      { header: "项目", key: "item", width: 24 },
      { header: "每次分值", key: "points", width: 9, numFmt: "0.00" },
      { header: "次数", key: "count", width: 6 },
      { header: "合计", key: "total", width: 9, numFmt: "0.00" },
      { header: "登记人", key: "filer", width: 12 },
      { header: "来源", key: "source", width: 9 },
      { header: "备注", key: "note", width: 30 },
    ],
    rows: records.map((r) => {
      const item = catalogItem(r.code);
      const sign = item?.sign === "bonus" ? 1 : -1;
      const personWindow = r.personId ? result.people.find((p) => p.id === r.personId)?.window : undefined;
      return {
        date: r.date,
        target: r.personId ? names.person(r.personId) : names.window(r.windowId ?? ""),
        window: r.windowId ? names.window(r.windowId) : personWindow ? names.window(personWindow) : "",
        code: r.code,
        item: item?.zh ?? r.code,
        points: pts(sign * r.pointsHundredths),
        count: r.count,
        total: pts(sign * r.totalHundredths),
        filer: names.person(r.filedBy),
        source: SOURCE[r.source] ?? r.source,
        note: r.note,
      };
    }),
  };
  const keep = new Set(["rank", "name", "window", "band"]);
  const publicPeople: Table = {
    ...people,
    title: `${center} ${label}窗口工作人员考评排名${status}`,
    columns: people.columns.filter((c) => keep.has(c.key)),
    rows: people.rows.map((r) => Object.fromEntries([...keep].map((k) => [k, r[k] ?? null]))),
  };
  return { result, frozen, tables: [people, windows, recordRows], publicTables: [publicPeople, windows] };
}
