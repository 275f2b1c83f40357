// Window monthly score (RULES.md §6): mean of its people's scores − window deductions + min(10, bonus).
import { catalogItem } from "../catalog.ts";
import { isLastMonthOfQuarter, quarterOf } from "../dates.ts";
import { type Hundredths, meanHundredths } from "../points.ts";
import {
  addRatings,
  byRank,
  capPerMonthItems,
  competitionRanks,
  NO_RATINGS,
  rateBelow,
  recordLine,
} from "./common.ts";
import type { ScoringSettings } from "./settings.ts";
import type {
  MonthInput,
  PersonMonthResult,
  ScoredRecord,
  ScoreLine,
  ScoringPerson,
  WindowMonthResult,
} from "./types.ts";

/** W-STAFF-CONTRACT: pointsPerStep per started stepPercent above thresholdPercent, capped (§6 config). */
export function contractStaffDeduction(
  nonEstablishment: number,
  total: number,
  s: ScoringSettings,
): Hundredths {
  const c = s.contractStaff;
  if (total === 0) return 0;
  // Share in percent, scaled by total to stay in integers: excess = (nonEst/total − threshold%) · 100 · total.
  const excess = nonEstablishment * 100 - c.thresholdPercent * total;
  if (excess <= 0) return 0;
  const steps = Math.ceil(excess / (c.stepPercent * total));
  return Math.min(c.maxHundredths, steps * c.pointsPerStepHundredths);
}

/** Whether a window record counts in `month` (W-INFO-QUOTA waits for the quarter's last month, §6 config). */
export function windowRecordCountsIn(r: ScoredRecord, month: string, s: ScoringSettings): boolean {
  if (r.code === "W-INFO-QUOTA" && s.infoQuotaMonth === "quarter_last_month")
    return isLastMonthOfQuarter(month) && quarterOf(r.month) === quarterOf(month);
  return r.month === month;
}

function auto(
  code: string,
  count: number,
  pointsHundredths: Hundredths,
  basis?: Record<string, number>,
): ScoreLine {
  const item = catalogItem(code)!;
  return {
    code,
    sign: item.sign,
    source: "automatic",
    count,
    pointsHundredths,
    totalHundredths: pointsHundredths * count,
    counted: true,
    ...(basis ? { basis } : {}),
  };
}

function groupBy<T>(items: readonly T[], key: (x: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

export function scoreWindows(
  input: MonthInput,
  people: readonly PersonMonthResult[],
  s: ScoringSettings,
): WindowMonthResult[] {
  const roster = new Map<string, ScoringPerson>(input.people.map((p) => [p.id, p]));
  // Each window's people and records, grouped once in their order (not a pass over all of them per
  // window: 1,000 windows × 1,000,000 records at the largest size the bench closes, issue #11).
  const membersOf = groupBy(people, (p) => p.window);
  const recordsOf = groupBy(input.records, (r) => r.window);
  const partial = input.windows.flatMap((w) => {
    const members = membersOf.get(w.id) ?? [];
    if (members.length === 0) return []; // no mean without people; the window is not scored this month
    const mean = meanHundredths(members.map((p) => p.scoreHundredths));
    const ls: ScoreLine[] = [];
    const pts = (code: string) => catalogItem(code)!.min;

    if (w.profile.leaderNotMiddle) ls.push(auto("W-STAFF-NOTMID", 1, pts("W-STAFF-NOTMID")));
    if (w.profile.leaderNotHead) ls.push(auto("W-STAFF-NOTHEAD", 1, pts("W-STAFF-NOTHEAD")));
    if (members.length === 1) ls.push(auto("W-STAFF-SINGLE", 1, pts("W-STAFF-SINGLE")));
    const nonEst = members.filter((p) => roster.get(p.id)?.establishment === false).length;
    const contract = contractStaffDeduction(nonEst, members.length, s);
    if (contract > 0)
      ls.push(auto("W-STAFF-CONTRACT", 1, contract, { nonEstablishment: nonEst, people: members.length }));
    if (w.profile.missingItems > 0)
      ls.push(auto("W-ITEM-MISSING", w.profile.missingItems, pts("W-ITEM-MISSING")));
    if (w.profile.unauthorisedItems > 0)
      ls.push(auto("W-ITEM-AUTH", w.profile.unauthorisedItems, pts("W-ITEM-AUTH")));

    // A window's rate pools its people's counts; below 95 % replaces below 97 % (§6).
    const ratings = members.reduce((acc, p) => addRatings(acc, p.ratings ?? NO_RATINGS), NO_RATINGS);
    if (rateBelow(ratings, s.windowRate95Percent))
      ls.push(auto("W-EVAL-RATE95", 1, pts("W-EVAL-RATE95"), { ...ratings }));
    else if (rateBelow(ratings, s.windowRate97Percent))
      ls.push(auto("W-EVAL-RATE97", 1, pts("W-EVAL-RATE97"), { ...ratings }));

    for (const r of recordsOf.get(w.id) ?? [])
      if (windowRecordCountsIn(r, input.month, s)) ls.push(recordLine(r));
    capPerMonthItems(ls); // §8: W-BON-SPEED, W-BON-SERVICE at most their range a month

    const counted = ls.filter((l) => l.counted);
    const deductions = counted
      .filter((l) => l.sign === "deduction")
      .reduce((a, l) => a + l.totalHundredths, 0);
    const bonusRaw = counted.filter((l) => l.sign === "bonus").reduce((a, l) => a + l.totalHundredths, 0);
    const bonus = Math.min(s.windowBonusCapHundredths, bonusRaw);
    return [
      {
        id: w.id,
        peopleIds: members.map((p) => p.id),
        peopleMeanHundredths: mean,
        lines: ls,
        deductionsHundredths: deductions,
        bonusRawHundredths: bonusRaw,
        bonusHundredths: bonus,
        scoreHundredths: mean - deductions + bonus,
        ratings,
        flags: [...(w.flags ?? [])],
      },
    ];
  });
  const ranks = competitionRanks(partial.map((w) => w.scoreHundredths));
  return byRank(partial.map((w, i) => ({ ...w, rank: ranks[i]! })));
}
