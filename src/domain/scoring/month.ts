// Staff monthly score, ranking, bands, money and transfer flag (RULES.md §4); windows in window.ts.
import { catalogItem } from "../catalog.ts";
import { previousMonth } from "../dates.ts";
import { divRoundHalfUp, type Hundredths } from "../points.ts";
import {
  byRank,
  capPerMonthItems,
  competitionRanks,
  inEvaluation,
  NO_RATINGS,
  rateBelow,
  recordLine,
} from "./common.ts";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "./settings.ts";
import type {
  MoneyReason,
  MonthInput,
  MonthResult,
  PersonMonthResult,
  RatingCounts,
  ScoreLine,
  ScoringPerson,
} from "./types.ts";
import { scoreWindows } from "./window.ts";

/** §4 ⑦: 事假 ≥ 3 working days → 5 + 0.5 per half day above 3. */
export function personalLeaveDeduction(halfDays: number, s: ScoringSettings): Hundredths {
  const p = s.personalLeave;
  if (halfDays < p.thresholdHalfDays) return 0;
  return p.baseHundredths + p.perHalfDayHundredths * (halfDays - p.thresholdHalfDays);
}

/**
 * What a 事假 request would cost in one month (§4 S-ATT-PERSONAL), told before it is approved: the
 * month's 事假 with the other requests already booked, then with this one's part in the month (the
 * part not offset by annual leave, §3(一)).
 */
export interface PersonalLeaveCost {
  month: string;
  /** The month's 事假 half days with this request. */
  totalHalfDays: number;
  /** The month's S-ATT-PERSONAL deduction without this request, and with it. */
  beforeHundredths: Hundredths;
  afterHundredths: Hundredths;
}

export function personalLeaveCost(
  month: string,
  otherHalfDays: number,
  thisHalfDays: number,
  s: ScoringSettings = DEFAULT_SCORING_SETTINGS,
): PersonalLeaveCost {
  const totalHalfDays = otherHalfDays + thisHalfDays;
  return {
    month,
    totalHalfDays,
    beforeHundredths: personalLeaveDeduction(otherHalfDays, s),
    afterHundredths: personalLeaveDeduction(totalHalfDays, s),
  };
}

/** §4(4) band edges: b1 = round(0.7·N), b2 = round(0.9·N), 四舍五入 or down (config). */
export function bandEdges(n: number, s: ScoringSettings): { b1: number; b2: number } {
  const edge = (pct: number) =>
    s.bandRounding === "half_up" ? divRoundHalfUp(pct * n, 100) : Math.floor((pct * n) / 100);
  return { b1: edge(s.bandSharesPercent[0]), b2: edge(s.bandSharesPercent[1]) };
}

export function bandOf(rank: number, edges: { b1: number; b2: number }): 1 | 2 | 3 {
  return rank <= edges.b1 ? 1 : rank <= edges.b2 ? 2 : 3;
}

/**
 * §4(4) money: full at ≥ 95, half at 90 ≤ s < 95 (94.5 included), none below 90; then the
 * secondment reduction × (1 − seconded/working days), rounded half-up to the fen.
 */
export function monthMoney(
  score: Hundredths,
  bandAmountFen: number,
  secondment: { halfDays: number; workingDays: number } | undefined,
  s: ScoringSettings,
): { amountFen: number; moneyReason: MoneyReason } {
  let moneyReason: MoneyReason;
  let amount: number;
  if (score >= s.fullMoneyMinHundredths) {
    moneyReason = "full";
    amount = bandAmountFen;
  } else if (score >= s.moneyMinHundredths) {
    moneyReason = "half";
    amount = divRoundHalfUp(bandAmountFen, 2);
  } else {
    moneyReason = "none";
    amount = 0;
  }
  if (secondment && secondment.halfDays > 0 && amount > 0) {
    if (s.secondmentReduction === "whole") amount = 0;
    else {
      const whole = 2 * secondment.workingDays;
      const kept = Math.max(0, whole - secondment.halfDays);
      amount = whole > 0 ? divRoundHalfUp(amount * kept, whole) : 0;
    }
  }
  return { amountFen: amount, moneyReason };
}

function sumBy<T>(rows: readonly T[], key: (t: T) => string, value: (t: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + value(r));
  return m;
}

/** Scores everyone in evaluation in the month, and every window with someone in it (§4, §6). */
export function scoreMonth(
  input: MonthInput,
  settings: ScoringSettings = DEFAULT_SCORING_SETTINGS,
  previous?: MonthResult,
): MonthResult {
  const s = settings;
  const month = input.month;
  const people = input.people.filter((p) => inEvaluation(p, month));
  const ids = new Set(people.map((p) => p.id));
  const monthRecords = input.records.filter((r) => r.month === month);

  const lines = new Map<string, ScoreLine[]>(people.map((p) => [p.id, []]));
  const push = (id: string, l: ScoreLine) => lines.get(id)?.push(l);

  // Each window's leaders, found once (not a pass over everyone per leader-charged record, issue #11).
  const leaders = new Map<string, ScoringPerson[]>();
  for (const p of people)
    if (p.role === "window_leader") leaders.set(p.window, [...(leaders.get(p.window) ?? []), p]);
  const leadersOf = (window: string): readonly ScoringPerson[] => leaders.get(window) ?? [];
  const byId = new Map(people.map((p) => [p.id, p]));

  for (const r of monthRecords) {
    if (r.person === undefined || !ids.has(r.person)) continue;
    const person = byId.get(r.person)!;
    const line = recordLine(r);
    const item = catalogItem(r.code)!;
    if (item.leaderOnly && person.role !== "window_leader") {
      line.counted = false;
      line.notCountedReason = "leader_only";
    }
    push(person.id, line);
    // S-ATT-FALSETRIP / S-ATT-DELEGATE: the window leader's share; a leader is not charged twice
    // for their own record (§4).
    if (item.leaderCharge !== undefined) {
      for (const leader of leadersOf(person.window)) {
        if (leader.id === person.id) continue;
        push(leader.id, {
          code: r.code,
          sign: "deduction",
          source: "leader_charge",
          count: r.count,
          pointsHundredths: item.leaderCharge,
          totalHundredths: item.leaderCharge * r.count,
          counted: true,
          fromPerson: person.id,
          ...(r.id !== undefined ? { recordId: r.id } : {}),
        });
      }
    }
  }

  for (const [, ls] of lines) {
    capPerMonthItems(ls); // §8 per-month items: at most their range a month
    // S-BON-HONOUR counts only on top of an S-BON-ACTIVITY the same month (再加, §4).
    for (const l of ls) {
      const req = catalogItem(l.code)?.requires;
      if (req && l.counted && !ls.some((o) => o.code === req && o.source === "filed")) {
        l.counted = false;
        l.notCountedReason = "requires";
      }
    }
  }

  const leave = sumBy(
    input.personalLeave,
    (x) => x.person,
    (x) => x.halfDays,
  );
  const ratings = new Map<string, RatingCounts>();
  for (const r of input.ratings) {
    const prev = ratings.get(r.person) ?? NO_RATINGS;
    ratings.set(r.person, {
      satisfied: prev.satisfied + r.satisfied,
      basic: prev.basic + r.basic,
      unsatisfied: prev.unsatisfied + r.unsatisfied,
    });
  }
  const seconded = new Map<string, { halfDays: number; workingDays: number }>();
  for (const x of input.secondments) {
    const prev = seconded.get(x.person);
    seconded.set(x.person, { halfDays: (prev?.halfDays ?? 0) + x.halfDays, workingDays: x.workingDays });
  }

  for (const p of people) {
    const halfDays = leave.get(p.id) ?? 0;
    const personal = personalLeaveDeduction(halfDays, s);
    if (personal > 0)
      push(p.id, {
        code: "S-ATT-PERSONAL",
        sign: "deduction",
        source: "automatic",
        count: 1,
        pointsHundredths: personal,
        totalHundredths: personal,
        counted: true,
        basis: { halfDays },
      });
    const r = ratings.get(p.id);
    if (r && rateBelow(r, s.staffRateMinPercent)) {
      const pts = catalogItem("S-EVAL-RATE")!.min;
      push(p.id, {
        code: "S-EVAL-RATE",
        sign: "deduction",
        source: "automatic",
        count: 1,
        pointsHundredths: pts,
        totalHundredths: pts,
        counted: true,
        basis: { ...r },
      });
    }
  }

  const partial = people.map((p) => {
    const ls = lines.get(p.id)!;
    const counted = ls.filter((l) => l.counted);
    const deductions = counted
      .filter((l) => l.sign === "deduction")
      .reduce((a, l) => a + l.totalHundredths, 0);
    const bonusRaw = counted.filter((l) => l.sign === "bonus").reduce((a, l) => a + l.totalHundredths, 0);
    const base = 10000 - deductions; // no floor (§4)
    const bonus = Math.min(s.staffBonusCapHundredths, bonusRaw);
    return { p, ls, deductions, bonusRaw, base, bonus, score: base + bonus };
  });

  const ranks = competitionRanks(partial.map((x) => x.score));
  const edges = bandEdges(people.length, s);
  const lastRank = Math.max(0, ...ranks);
  const prevLast = previous && previous.month === previousMonth(month) ? lastPlaced(previous) : undefined;

  const results: PersonMonthResult[] = partial.map((x, i) => {
    const rank = ranks[i]!;
    const band = bandOf(rank, edges);
    const bandAmountFen = s.bandAmountsFen[band - 1]!;
    const sec = seconded.get(x.p.id);
    const money = monthMoney(x.score, bandAmountFen, sec, s);
    const r = ratings.get(x.p.id);
    // §4(4) transfer: last (ties included) with ≤ 92 this month and the previous one.
    const transfer =
      rank === lastRank &&
      x.score <= s.transferMaxScoreHundredths &&
      (prevLast?.get(x.p.id) ?? Number.POSITIVE_INFINITY) <= s.transferMaxScoreHundredths;
    return {
      id: x.p.id,
      window: x.p.window,
      role: x.p.role,
      lines: x.ls,
      deductionsHundredths: x.deductions,
      baseHundredths: x.base,
      bonusRawHundredths: x.bonusRaw,
      bonusHundredths: x.bonus,
      scoreHundredths: x.score,
      rank,
      band,
      bandAmountFen,
      amountFen: money.amountFen,
      moneyReason: money.moneyReason,
      ...(sec ? { secondment: sec } : {}),
      ...(r ? { ratings: r } : {}),
      transfer,
    };
  });

  return {
    month,
    headCount: people.length,
    bandEdges: edges,
    people: byRank(results),
    windows: scoreWindows(input, results, s),
  };
}

/** Person → score for everyone placed last (ties included) in a month. */
function lastPlaced(m: MonthResult): Map<string, Hundredths> {
  const last = Math.max(0, ...m.people.map((p) => p.rank));
  return new Map(m.people.filter((p) => p.rank === last).map((p) => [p.id, p.scoreHundredths]));
}
