// Quarter and year results as tables (RULES.md §5, §7, §9), with the award decisions.

import { hundredthsToNumber } from "../../domain/points.ts";
import { err, ok, type Result } from "../../domain/result.ts";
import { AWARD_POINTS, competitionRanks } from "../../domain/scoring/index.ts";
import { awardsOf, quarterResultFromDb } from "../closeQuarter.ts";
import { yearResultFromDb } from "../closeYear.ts";
import type { ServiceContext } from "../context.ts";
import { centerName, nameBook, statusNote } from "./month.ts";
import type { Table } from "./sheets.ts";

const QUARTER_ZH = ["一", "二", "三", "四"];

export function quarterLabel(quarter: string): string {
  return `${quarter.slice(0, 4)}年第${QUARTER_ZH[Number(quarter.slice(6)) - 1]}季度`;
}

export function yearLabel(year: string): string {
  return `${year}年度`;
}

/** §5 star reasons, in the words of the rules. */
export const STAR_REASON_ZH: Record<string, string> = {
  tenure: "在中心工作不满三个月",
  party: "党组织关系未迁入",
  discipline: "组织纪律（季度内有严重违纪扣分）",
  score: "季度分低于98.5分",
};

/** §7 disqualifiers 1–9. */
export const LEADING_REASON_ZH: Record<number, string> = {
  1: "(1)党组织关系未迁入或负责人非中层/未满三个月",
  2: "(2)负责人或人员未列入考评",
  3: "(3)违反禁令被曝光或通报",
  4: "(4)明显违规造成恶劣影响",
  5: "(5)人员连续两月排名后三且92分以下",
  6: "(6)仅派驻一名工作人员",
  7: "(7)季度满意率低于97%",
  8: "(8)回访差评或不满意两件以上",
  9: "(9)人员受纪委、监委处理",
};

const AWARD_STATE_ZH: Record<string, string> = {
  proposed: "拟评（待主任确认）",
  confirmed: "已确认",
  removed: "",
};

const AWARD_NAME_ZH: Record<string, string> = {
  star: "竞跑之星",
  leading_window: "领跑窗口",
  excellent_staff: "优秀窗口工作人员",
  window_prize_1: "一等奖",
  window_prize_2: "二等奖",
  window_prize_3: "三等奖",
};

const num = (h: number | null) => (h === null ? null : hundredthsToNumber(h));

function ranksOf(scores: readonly (number | null)[]): (number | null)[] {
  if (scores.some((s) => s === null)) return scores.map(() => null);
  return competitionRanks(scores as number[]);
}

export async function periodTables(ctx: ServiceContext, period: string): Promise<Result<Table[]>> {
  const [center, names, awards, row] = await Promise.all([
    centerName(ctx),
    nameBook(ctx),
    awardsOf(ctx, period),
    ctx.db.period.findUnique({ where: { period }, select: { state: true, closings: true } }),
  ]);
  const awardText = (targetId: string, kinds: string[]) =>
    awards
      .filter((a) => a.targetId === targetId && kinds.includes(a.kind) && a.state !== "removed")
      .map((a) => `${AWARD_NAME_ZH[a.kind]}${AWARD_STATE_ZH[a.state]}`)
      .join("；");
  const status = statusNote(row?.state === "closed", row?.closings ?? 0);

  if (period.includes("Q")) {
    const { result } = await quarterResultFromDb(ctx, period);
    if (result.people.length === 0) return err("EXPORT.NO_RESULTS", { period });
    const label = quarterLabel(period);
    const pRanks = ranksOf(result.people.map((p) => p.scoreHundredths));
    const wRanks = ranksOf(result.windows.map((w) => w.scoreHundredths));
    return ok([
      {
        name: "人员季度评比",
        signature: true,
        title: `${center} ${label}窗口工作人员季度评比${result.pending ? "（中心评价分未录齐）" : ""}${status}`,
        columns: [
          { header: "排名", key: "rank", width: 6 },
          { header: "姓名", key: "name", width: 12 },
          { header: "窗口", key: "window", width: 18 },
          { header: "计入月数", key: "months", width: 8 },
          { header: "月平均分", key: "mean", width: 9, numFmt: "0.00" },
          { header: "中心评价分", key: "evaluation", width: 10, numFmt: "0.00" },
          { header: "季度分", key: "score", width: 9, numFmt: "0.00" },
          { header: "竞跑之星资格", key: "eligible", width: 10 },
          { header: "不符合条件", key: "reasons", width: 34 },
          { header: "评定", key: "award", width: 20 },
        ],
        rows: result.people.map((p, i) => ({
          rank: pRanks[i] ?? null,
          name: names.person(p.id),
          window: names.window(p.window),
          months: p.monthsScored,
          mean: num(p.meanHundredths),
          evaluation: num(p.evaluationHundredths),
          score: num(p.scoreHundredths),
          eligible: p.starEligible ? "符合" : result.pending ? "待定" : "不符合",
          reasons: p.reasons.map((r) => STAR_REASON_ZH[r] ?? r).join("；"),
          award: awardText(p.id, ["star"]),
        })),
      },
      {
        name: "窗口季度评比",
        signature: true,
        title: `${center} ${label}部门窗口季度评比${status}`,
        columns: [
          { header: "排名", key: "rank", width: 6 },
          { header: "窗口", key: "window", width: 20 },
          { header: "计入月数", key: "months", width: 8 },
          { header: "季度分", key: "score", width: 9, numFmt: "0.00" },
          { header: "领跑窗口资格", key: "eligible", width: 10 },
          { header: "取消资格情形", key: "reasons", width: 48 },
          { header: "评定", key: "award", width: 20 },
        ],
        rows: result.windows.map((w, i) => ({
          rank: wRanks[i] ?? null,
          window: names.window(w.id),
          months: w.monthsScored,
          score: num(w.scoreHundredths),
          eligible: w.leadingEligible ? "符合" : "不符合",
          reasons: w.reasons.map((r) => LEADING_REASON_ZH[r] ?? String(r)).join("；"),
          award: awardText(w.id, ["leading_window"]),
        })),
      },
    ]);
  }

  const { result } = await yearResultFromDb(ctx, period);
  if (result.people.length === 0) return err("EXPORT.NO_RESULTS", { period });
  const label = yearLabel(period);
  const roster = new Map(
    (await ctx.db.person.findMany({ select: { id: true, windowId: true } })).map((p) => [p.id, p.windowId]),
  );
  const pRanks = ranksOf(result.people.map((p) => p.scoreHundredths));
  const wRanks = ranksOf(result.windows.map((w) => w.scoreHundredths));
  return ok([
    {
      name: "人员年度评比",
      orientation: "portrait",
      signature: true,
      title: `${center} ${label}窗口工作人员年度评比${result.pending ? "（中心评价分未录齐）" : ""}${status}`,
      columns: [
        { header: "排名", key: "rank", width: 6 },
        { header: "姓名", key: "name", width: 12 },
        { header: "窗口", key: "window", width: 18 },
        { header: "月平均分", key: "mean", width: 9, numFmt: "0.00" },
        { header: "竞跑之星(次)", key: "stars", width: 10 },
        { header: "竞跑之星加分", key: "starPoints", width: 10, numFmt: "0.00" },
        { header: "中心评价分", key: "evaluation", width: 10, numFmt: "0.00" },
        { header: "年度分", key: "score", width: 9, numFmt: "0.00" },
        { header: "评定", key: "award", width: 24 },
      ],
      rows: result.people.map((p, i) => ({
        rank: pRanks[i] ?? null,
        name: names.person(p.id),
        window: names.window(roster.get(p.id) ?? ""),
        mean: num(p.meanHundredths),
        stars: p.stars,
        starPoints: num(p.stars * AWARD_POINTS),
        evaluation: num(p.evaluationHundredths),
        score: num(p.scoreHundredths),
        award: awardText(p.id, ["excellent_staff"]),
      })),
    },
    {
      name: "窗口年度评比",
      orientation: "portrait",
      signature: true,
      title: `${center} ${label}部门窗口年度评比${status}`,
      columns: [
        { header: "排名", key: "rank", width: 6 },
        { header: "窗口", key: "window", width: 20 },
        { header: "季度平均分", key: "mean", width: 10, numFmt: "0.00" },
        { header: "领跑窗口(次)", key: "leading", width: 10 },
        { header: "领跑加分", key: "leadingPoints", width: 9, numFmt: "0.00" },
        { header: "中心评价分", key: "evaluation", width: 10, numFmt: "0.00" },
        { header: "年度分", key: "score", width: 9, numFmt: "0.00" },
        { header: "评定", key: "award", width: 24 },
      ],
      rows: result.windows.map((w, i) => ({
        rank: wRanks[i] ?? null,
        window: names.window(w.id),
        mean: num(w.meanHundredths),
        leading: w.leading,
        leadingPoints: num(w.leading * AWARD_POINTS),
        evaluation: num(w.evaluationHundredths),
        score: num(w.scoreHundredths),
        award: awardText(w.id, ["window_prize_1", "window_prize_2", "window_prize_3"]),
      })),
    },
  ]);
}
