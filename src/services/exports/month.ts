// The month's results as tables (RULES.md §4, §6, §9): people, windows, and every line of every score
// with its filer, laid out so the office can print, check by hand and file them: each person's rows
// add up to their score (100 − 扣分 + 加分), each window's to its score (人员平均分 − 扣分 + 加分).

import { catalogItem } from "../../domain/catalog.ts";
import {
  divRoundHalfUp,
  fenToYuan,
  formatHundredths,
  type Hundredths,
  hundredthsToNumber,
} from "../../domain/points.ts";
import type { ScoringSettings } from "../../domain/scoring/settings.ts";
import type {
  MonthResult,
  PersonMonthResult,
  RatingCounts,
  ScoreLine,
  WindowMonthResult,
} from "../../domain/scoring/types.ts";
import { appealStats } from "../appeals.ts";
import type { ServiceContext } from "../context.ts";
import { type MonthRecord, monthRecords } from "../monthRecords.ts";
import { monthResult } from "../monthScores.ts";
import { forMonth } from "../monthSettings.ts";
import { orgUserNames } from "../org.ts";
import type { Cell, Table } from "./sheets.ts";

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Said in a table's title while its period is still open: the figures may still change. */
export function notClosedNote(closed: boolean): string {
  return closed ? "" : "（未结算，截至导出时）";
}

/**
 * The title's status: open ("未结算"), or closed after a reopen, as the workbook's file name says it
 * (closeMonth.ts: "（更正1）"), so two printed versions of a month are told apart.
 */
export function statusNote(closed: boolean, closings: number): string {
  if (!closed) return notClosedNote(false);
  return closings > 1 ? `（更正${closings - 1}）` : "";
}

const MONEY_REASON: Record<string, string> = {
  full: "全额",
  half: "减半（90分以上不满95分）",
  none: "取消（90分以下）",
};

const MONEY_REASON_SHORT: Record<string, string> = { full: "全额", half: "减半", none: "取消" };

const SOURCE: Record<string, string> = {
  manual: "登记",
  attendance: "考勤导入",
  meeting: "例会考勤",
  linked: "关联",
  import: "导入",
};

const BANDS = ["一档", "二档", "三档"] as const;

/** The center's roles in words: who filed a record, when the org file gives no name (§1). */
const ROLE_ZH: Record<string, string> = {
  director: "中心主任",
  deputy_director: "中心副主任",
  inspection: "督查科",
};

/** The date cell of a row computed for the whole month (automatic items, secondment, bonus cap). */
export const WHOLE_MONTH = "全月";

export async function centerName(ctx: ServiceContext): Promise<string> {
  return (
    (await ctx.db.center.findUnique({ where: { id: 1 }, select: { name: true } }))?.name ?? "政务服务中心"
  );
}

export interface NameBook {
  person(id: string): string;
  window(id: string): string;
  /**
   * Anyone who acts (a record's filer): a person's name, a center role holder's name from the org
   * file, else their role in words (督查科); the Slack id only for a user the organisation no longer names.
   */
  user(id: string): string;
}

/** Slack id → display name for people, windows and the center's roles (ids stay when nothing is known). */
export async function nameBook(ctx: ServiceContext): Promise<NameBook> {
  const [users, windows, roles] = await Promise.all([
    orgUserNames(ctx.db),
    ctx.db.window.findMany({ select: { id: true, name: true } }),
    ctx.db.centerRole.findMany({ select: { slackId: true, role: true }, orderBy: { role: "asc" } }),
  ]);
  const w = new Map(windows.map((x) => [x.id, x.name]));
  const roleOf = new Map<string, string>();
  for (const r of roles)
    if (!roleOf.has(r.slackId) && ROLE_ZH[r.role]) roleOf.set(r.slackId, ROLE_ZH[r.role]!);
  return {
    person: (id) => users.get(id) ?? id,
    window: (id) => w.get(id) ?? id,
    user: (id) => users.get(id) ?? roleOf.get(id) ?? id,
  };
}

export interface MonthTables {
  result: MonthResult;
  frozen: boolean;
  tables: Table[];
  publicTables: Table[];
}

export interface MonthTablesOptions {
  /**
   * The close writing the workbooks of the result it is freezing (closeMonth.ts): they are titled
   * as closed, `closings` being the closing this one will be (2+ is a correction).
   */
  closing?: { closings: number };
  /** What the close has read already (issue #11: the month's records are read once). */
  read?: { result: MonthResult; records: readonly MonthRecord[] };
}

const pts = (h: number) => hundredthsToNumber(h);

/**
 * `tables`: scores, money and every line (the center's own copy: CLI export, director, inspection),
 * with 合计 rows and the signature lines. `publicTables`: what the center's channel may see (§8):
 * rank, name, window, band with the band counts, and the windows.
 */
export async function monthTables(
  ctx: ServiceContext,
  month: string,
  opts: MonthTablesOptions = {},
): Promise<MonthTables> {
  // The month's workbook explains the month under the settings in force in it (RULES.md §8a).
  ctx = await forMonth(ctx, month);
  const [result, period, center, names, read] = await Promise.all([
    opts.read?.result ?? monthResult(ctx, month),
    ctx.db.period.findUnique({ where: { period: month }, select: { state: true, closings: true } }),
    centerName(ctx),
    nameBook(ctx),
    // The month's records, and the quarter's W-INFO-QUOTA a window is charged in its last month (§6),
    // as scoring reads them (monthScores.ts loadMonthInput), in filing order.
    opts.read?.records ?? monthRecords(ctx.db, month),
  ]);
  // An earlier month's W-INFO-QUOTA only as a window's.
  const records = read.filter((r) => r.month === month || r.windowId !== null);
  const frozen = opts.closing !== undefined || period?.state === "closed";
  const closings = opts.closing?.closings ?? period?.closings ?? 0;
  const label = monthLabel(month);
  const status = statusNote(frozen, closings);
  const scoring = ctx.settings.scoring;

  const people: Table = {
    name: "人员考评",
    title: `${center} ${label}窗口工作人员考评结果${status}`,
    orientation: "portrait",
    signature: true,
    columns: [
      { header: "排名", key: "rank", width: 6 },
      { header: "姓名", key: "name", width: 12 },
      { header: "窗口", key: "window", width: 16 },
      { header: "扣分", key: "deductions", width: 7, numFmt: "0.00" },
      { header: "加分", key: "bonus", width: 7, numFmt: "0.00" },
      { header: "考评分", key: "score", width: 8, numFmt: "0.00" },
      { header: "档次", key: "band", width: 6 },
      { header: "考评奖(元)", key: "amount", width: 10, numFmt: "0.00" },
      { header: "发放说明", key: "money", width: 20 },
      { header: "调离建议", key: "transfer", width: 9 },
    ],
    rows: result.people.map((p) => ({
      rank: p.rank,
      name: names.person(p.id),
      window: names.window(p.window),
      deductions: pts(p.deductionsHundredths),
      bonus: pts(p.bonusHundredths),
      score: pts(p.scoreHundredths),
      band: BANDS[p.band - 1]!,
      amount: fenToYuan(p.amountFen),
      money:
        MONEY_REASON[p.moneyReason]! +
        (p.secondment && p.secondment.halfDays > 0
          ? `；抽调${p.secondment.halfDays / 2}/${p.secondment.workingDays}个工作日相应扣发`
          : ""),
      transfer: p.transfer ? "建议调离" : "",
    })),
    totals: {
      rank: "合计",
      name: `${result.headCount}人`,
      window: bandCounts(result),
      amount: fenToYuan(result.people.reduce((a, p) => a + p.amountFen, 0)),
      money: countsText(result.people.map((p) => MONEY_REASON_SHORT[p.moneyReason]!)),
      transfer: countsText(result.people.filter((p) => p.transfer).map(() => "建议调离")),
    },
  };

  const windows: Table = {
    name: "窗口考评",
    title: `${center} ${label}部门窗口考评结果${status}`,
    orientation: "portrait",
    signature: true,
    columns: [
      { header: "排名", key: "rank", width: 6 },
      { header: "窗口", key: "window", width: 22 },
      { header: "人数", key: "count", width: 6 },
      { header: "人员平均分", key: "mean", width: 11, numFmt: "0.00" },
      { header: "扣分", key: "deductions", width: 8, numFmt: "0.00" },
      { header: "加分", key: "bonus", width: 8, numFmt: "0.00" },
      { header: "窗口考评分", key: "score", width: 11, numFmt: "0.00" },
    ],
    rows: result.windows.map((w) => ({
      rank: w.rank,
      window: names.window(w.id),
      count: w.peopleIds.length,
      mean: pts(w.peopleMeanHundredths),
      deductions: pts(w.deductionsHundredths),
      bonus: pts(w.bonusHundredths),
      score: pts(w.scoreHundredths),
    })),
    totals: {
      rank: "合计",
      window: `${result.windows.length}个窗口`,
      count: result.windows.reduce((a, w) => a + w.peopleIds.length, 0),
    },
  };

  const lineRows: Table = {
    name: "扣分加分明细",
    title: `${center} ${label}考评扣分、加分明细${status}`,
    signature: true,
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
      { header: "备注", key: "note", width: 34 },
    ],
    // Generated as the sheet is written, never held whole (100,000 rows at a large center, issue #11);
    // each pass over the table generates them again.
    rows: { [Symbol.iterator]: () => detailRows({ month, result, records, names, scoring }) },
  };

  const keep = new Set(["rank", "name", "window", "band"]);
  const publicPeople: Table = {
    name: people.name,
    title: `${center} ${label}窗口工作人员考评排名${status}`,
    orientation: "portrait",
    columns: people.columns.filter((c) => keep.has(c.key)),
    rows: Array.from(people.rows, (r) => Object.fromEntries([...keep].map((k) => [k, r[k] ?? null]))),
    totals: { rank: "合计", name: `${result.headCount}人`, window: bandCounts(result) },
  };
  // The channel's copy is an announcement, not the filed original: no signature lines (§8).
  const publicWindows: Table = { ...windows, signature: false };
  // Appeals of the month (申诉, RULES.md §8a): a sheet of their counts in the center's own copy, when
  // there were any (a month without appeals keeps the workbook it always had).
  const appeals = await appealStats(ctx.db, month);
  const appealSheet: Table[] =
    appeals.filed === 0
      ? []
      : [
          {
            name: "申诉统计",
            title: `${center} ${label}考评申诉统计${status}`,
            columns: [
              { header: "提出申诉", key: "filed", width: 10 },
              { header: "维持", key: "upheld", width: 8 },
              { header: "撤销", key: "revoked", width: 8 },
              { header: "未复核", key: "open", width: 8 },
            ],
            rows: [appeals],
          },
        ];
  return {
    result,
    frozen,
    tables: [people, windows, lineRows, ...appealSheet],
    publicTables: [publicPeople, publicWindows],
  };
}

/** "一档 35 人、二档 3 人、三档 4 人" (every band, a band nobody is in too). */
export function bandCounts(result: MonthResult): string {
  return BANDS.map((b, i) => `${b} ${result.people.filter((p) => p.band === i + 1).length} 人`).join("、");
}

/** "全额 37 人、减半 2 人" in first-seen order; "" for none. */
function countsText(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v} ${n} 人`).join("、");
}

type RecordRow = MonthRecord;

/** A rate in percent to two decimals, cut (not rounded) so a rate below a bar never prints as the bar. */
function ratePercent(r: RatingCounts): string {
  const all = r.satisfied + r.basic + r.unsatisfied;
  return all === 0 ? "—" : formatHundredths(Math.floor(((r.satisfied + r.basic) * 10000) / all));
}

function ratingsText(r: RatingCounts): string {
  return `满意 ${r.satisfied}、基本满意 ${r.basic}、不满意 ${r.unsatisfied}，满意率 ${ratePercent(r)}%`;
}

const counts = (b: Record<string, number> | undefined): RatingCounts => ({
  satisfied: b?.satisfied ?? 0,
  basic: b?.basic ?? 0,
  unsatisfied: b?.unsatisfied ?? 0,
});

/** What an automatic line was computed from, in the rules' words (§4 ⑦, §4 S-EVAL-RATE, §6). */
function basisNote(l: ScoreLine, s: ScoringSettings): string {
  const f = formatHundredths;
  switch (l.code) {
    case "S-ATT-PERSONAL": {
      const p = s.personalLeave;
      return `本月事假 ${(l.basis?.halfDays ?? 0) / 2} 天（年休假冲抵后）；满 ${p.thresholdHalfDays / 2} 天扣 ${f(p.baseHundredths)} 分，每多半天加扣 ${f(p.perHalfDayHundredths)} 分`;
    }
    case "S-EVAL-RATE":
      return `${ratingsText(counts(l.basis))}，低于 ${s.staffRateMinPercent}%`;
    case "W-EVAL-RATE95":
      return `窗口人员合计${ratingsText(counts(l.basis))}，低于 ${s.windowRate95Percent}%`;
    case "W-EVAL-RATE97":
      return `窗口人员合计${ratingsText(counts(l.basis))}，低于 ${s.windowRate97Percent}%`;
    case "W-STAFF-CONTRACT":
      return `非在编人员 ${l.basis?.nonEstablishment ?? 0} 人，共 ${l.basis?.people ?? 0} 人`;
    case "W-STAFF-SINGLE":
      return "按本月参评人员名单";
    case "W-ITEM-MISSING":
    case "W-ITEM-AUTH":
      return `按组织架构文件中的窗口档案：${l.count} 项`;
    default:
      return "按组织架构文件中的窗口档案";
  }
}

/**
 * Every line of every score as a row, people in ranking order then windows, each target's rows by
 * date with the month's computed rows (automatic items, secondment, bonus cap) after them. The rows
 * are the frozen lines themselves, so they add up: a line not counted shows 0, a bonus over the cap
 * has a row taking the excess off. Filed lines take their record's date, filer, source and note,
 * matched in filing order (scoring reads the records in id order too). One row at a time: the close
 * streams them into the workbook.
 */
export function* detailRows(input: {
  month: string;
  result: MonthResult;
  records: readonly RecordRow[];
  names: NameBook;
  scoring: ScoringSettings;
}): Generator<Record<string, Cell>> {
  const { month, result, records, names, scoring } = input;
  const byKey = new Map<string, RecordRow[]>();
  const keyOf = (r: RecordRow) => (r.personId ? `p:${r.personId}:${r.code}` : `w:${r.windowId}:${r.code}`);
  for (const r of records) {
    const list = byKey.get(keyOf(r));
    if (list) list.push(r);
    else byKey.set(keyOf(r), [r]);
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  const cursors = new Map<string, number>();
  const used = new Set<number>();
  /**
   * A line's record: by its recordId, or (a result frozen before lines carried one) the next record
   * under `key` in filing order, with its own cursor under `cursor` (a leader's charges walk their own).
   */
  const recordOf = (l: ScoreLine, key: string, cursor: string = key): RecordRow | undefined => {
    if (l.recordId !== undefined) return byId.get(l.recordId);
    const i = cursors.get(cursor) ?? 0;
    cursors.set(cursor, i + 1);
    return byKey.get(key)?.[i];
  };
  const signed = (sign: ScoreLine["sign"], h: Hundredths) => pts(sign === "bonus" ? h : -h);
  const itemName = (code: string) => catalogItem(code)?.zh ?? code;

  const lineRow = (
    target: { name: string; window: string },
    l: ScoreLine,
    rec: RecordRow | undefined,
  ): Record<string, Cell> => {
    const notes: string[] = [];
    if (l.source === "leader_charge" && l.fromPerson)
      notes.push(`因窗口人员 ${names.person(l.fromPerson)} 的记录，窗口负责人连带扣分`);
    const from = rec?.linkedFromId != null ? byId.get(rec.linkedFromId) : undefined;
    if (from?.personId)
      notes.push(`因 ${names.person(from.personId)} 的“${itemName(from.code)}”记录关联扣分`);
    if (rec?.note) notes.push(rec.note);
    if (l.source === "automatic") notes.push(basisNote(l, scoring));
    if (rec && rec.month !== month) notes.push(`${monthLabel(rec.month)}记录，按季度于季度末月计入`);
    // Shown, not counted (§4): 再加 only on top of its item the same month; leader-only items.
    const requires = catalogItem(l.code)?.requires;
    if (!l.counted && l.notCountedReason === "requires" && requires)
      notes.push(`不计分：须同月先有“${itemName(requires)}”加分才可再加`);
    if (!l.counted && l.notCountedReason === "leader_only") notes.push("不计分：仅窗口负责人可得此项");
    // §8 per-month items: at most their range a month.
    const cap = catalogItem(l.code)?.max;
    if (!l.counted && l.notCountedReason === "month_cap")
      notes.push(`不计分：本月已达该项每月上限 ${formatHundredths(cap ?? 0)} 分`);
    if (l.cappedFromHundredths !== undefined)
      notes.push(
        `登记 ${formatHundredths(l.cappedFromHundredths)} 分，按每月上限 ${formatHundredths(cap ?? 0)} 分只计 ${formatHundredths(l.totalHundredths)} 分`,
      );
    return {
      date: rec?.date ?? WHOLE_MONTH,
      target: target.name,
      window: target.window,
      code: l.code,
      item: l.source === "leader_charge" ? `${itemName(l.code)}（负责人连带）` : itemName(l.code),
      points: signed(l.sign, l.pointsHundredths),
      count: l.count,
      total: l.counted ? signed(l.sign, l.totalHundredths) : 0,
      filer: rec ? names.user(rec.filedBy) : "—",
      source: rec ? (l.source === "leader_charge" ? "连带" : (SOURCE[rec.source] ?? rec.source)) : "自动计算",
      note: notes.join("；"),
    };
  };
  const capRow = (
    target: { name: string; window: string },
    raw: Hundredths,
    counted: Hundredths,
    cap: Hundredths,
  ): Record<string, Cell> => ({
    date: WHOLE_MONTH,
    target: target.name,
    window: target.window,
    code: "",
    item: "加分超过每月上限的部分",
    points: null,
    count: null,
    total: pts(counted - raw),
    filer: "—",
    source: "封顶",
    note: `加分合计 ${formatHundredths(raw)} 分，每月最多计 ${formatHundredths(cap)} 分`,
  });
  // Dated rows by date (filing order among equals), then the month's computed rows in line order.
  const byDate = (rows: Record<string, Cell>[]) =>
    rows
      .map((r, i) => ({ r, i, k: r.date === WHOLE_MONTH ? "9999" : String(r.date) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
      .map((x) => x.r);

  for (const p of result.people) {
    const target = { name: names.person(p.id), window: names.window(p.window) };
    const rows = p.lines.map((l) => {
      let rec: RecordRow | undefined;
      if (l.source === "filed") rec = recordOf(l, `p:${p.id}:${l.code}`);
      else if (l.source === "leader_charge" && l.fromPerson)
        rec = recordOf(l, `p:${l.fromPerson}:${l.code}`, `charge:${p.id}:${l.fromPerson}:${l.code}`);
      if (rec && l.source === "filed") used.add(rec.id);
      return lineRow(target, l, rec);
    });
    if (p.secondment && p.secondment.halfDays > 0) rows.push(secondmentRow(target, p, scoring));
    if (p.bonusRawHundredths > p.bonusHundredths)
      rows.push(capRow(target, p.bonusRawHundredths, p.bonusHundredths, scoring.staffBonusCapHundredths));
    yield* byDate(rows);
  }
  for (const w of result.windows) yield* windowRows(w);

  function windowRows(w: WindowMonthResult): Record<string, Cell>[] {
    const name = names.window(w.id);
    const target = { name, window: name };
    const rows = w.lines.map((l) => {
      const rec = l.source === "filed" ? recordOf(l, `w:${w.id}:${l.code}`) : undefined;
      if (rec) used.add(rec.id);
      return lineRow(target, l, rec);
    });
    if (w.bonusRawHundredths > w.bonusHundredths)
      rows.push(capRow(target, w.bonusRawHundredths, w.bonusHundredths, scoring.windowBonusCapHundredths));
    return byDate(rows);
  }

  // Records no score read this month: people or windows not scored this month, and a W-INFO-QUOTA
  // that waits for the quarter's last month (shown at 0 so the window's rows still add up).
  const scoredWindows = new Set(result.windows.map((w) => w.id));
  const windowOf = new Map(result.people.map((p) => [p.id, p.window]));
  for (const r of records) {
    if (used.has(r.id) || r.month !== month) continue;
    const item = catalogItem(r.code);
    const sign = item?.sign ?? "deduction";
    const waits = r.code === "W-INFO-QUOTA" && r.windowId !== null && scoredWindows.has(r.windowId);
    const personWindow = r.personId ? windowOf.get(r.personId) : undefined;
    yield {
      date: r.date,
      target: r.personId ? names.person(r.personId) : names.window(r.windowId ?? ""),
      window: r.windowId ? names.window(r.windowId) : personWindow ? names.window(personWindow) : "",
      code: r.code,
      item: item?.zh ?? r.code,
      points: signed(sign, r.pointsHundredths),
      count: r.count,
      total: waits ? 0 : signed(sign, r.totalHundredths),
      filer: names.user(r.filedBy),
      source: SOURCE[r.source] ?? r.source,
      note: [r.note, waits ? "按季度计，于季度末月计入" : "本月不在考评范围"].filter(Boolean).join("；"),
    };
  }
}

/** §4 ⑧: no points, the month's money reduced by the seconded share; the row says how much. */
function secondmentRow(
  target: { name: string; window: string },
  p: PersonMonthResult,
  s: ScoringSettings,
): Record<string, Cell> {
  const sec = p.secondment!;
  const days = sec.halfDays / 2;
  const before =
    p.moneyReason === "full"
      ? p.bandAmountFen
      : p.moneyReason === "half"
        ? divRoundHalfUp(p.bandAmountFen, 2)
        : 0;
  const money =
    s.secondmentReduction === "whole"
      ? "当月考评奖不发"
      : `考评奖 ${fenToYuan(before)} 元 ×（1 − ${days}/${sec.workingDays}）= ${fenToYuan(p.amountFen)} 元`;
  return {
    date: WHOLE_MONTH,
    target: target.name,
    window: target.window,
    code: "",
    item: "经中心同意被单位抽调",
    points: null,
    count: null,
    total: 0,
    filer: "—",
    source: "抽调",
    note: `抽调 ${days} 天，本月 ${sec.workingDays} 个工作日；不扣分，${money}`,
  };
}
