// Helpers shared by the month, quarter and year scoring.
import { catalogItem, monthCapOf } from "../catalog.ts";
import { firstDayOfMonth, lastDayOfMonth } from "../dates.ts";
import type { Hundredths } from "../points.ts";
import type { RatingCounts, ScoredRecord, ScoreLine, ScoringPerson } from "./types.ts";

/** §4(4): in evaluation when posted on or before the month's last day and not gone before it began. */
export function inEvaluation(p: ScoringPerson, month: string): boolean {
  if (p.joined !== undefined && p.joined > lastDayOfMonth(month)) return false;
  if (p.left !== undefined && p.left < firstDayOfMonth(month)) return false;
  return true;
}

/** Competition ranking high → low (1, 2, 2, 4): rank = 1 + how many score strictly higher (§4(4)). */
export function competitionRanks(scores: readonly number[]): number[] {
  const sorted = [...scores].sort((a, b) => b - a);
  // Each score's first place in the sorted list, found once (indexOf per score was n² at 50,000 people).
  const first = new Map<number, number>();
  sorted.forEach((s, i) => {
    if (!first.has(s)) first.set(s, i);
  });
  return scores.map((s) => 1 + first.get(s)!);
}

/** Orders items by rank, keeping input order among equals. */
export function byRank<T extends { rank: number }>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.rank - b.item.rank || a.i - b.i)
    .map((x) => x.item);
}

export function addRatings(a: RatingCounts, b: RatingCounts): RatingCounts {
  return {
    satisfied: a.satisfied + b.satisfied,
    basic: a.basic + b.basic,
    unsatisfied: a.unsatisfied + b.unsatisfied,
  };
}

export const NO_RATINGS: RatingCounts = Object.freeze({ satisfied: 0, basic: 0, unsatisfied: 0 });

/** (满意 + 基本满意) / all < percent, exactly; no ratings → no rate, never below (§4 decision). */
export function rateBelow(r: RatingCounts, percent: number): boolean {
  const all = r.satisfied + r.basic + r.unsatisfied;
  return all > 0 && (r.satisfied + r.basic) * 100 < percent * all;
}

/** A filed record as a line; throws on a code the catalog does not know (filing validates codes). */
export function recordLine(r: ScoredRecord): ScoreLine {
  const item = catalogItem(r.code);
  if (!item) throw new RangeError(`unknown catalog code ${r.code}`);
  return {
    code: r.code,
    sign: item.sign,
    source: "filed",
    count: r.count,
    pointsHundredths: r.pointsHundredths,
    totalHundredths: r.pointsHundredths * r.count,
    counted: true,
    ...(r.id !== undefined ? { recordId: r.id } : {}),
  };
}

/**
 * RULES.md §8: a per-month item's range is the most one target gets in a month, however many times it
 * is filed. Filing refuses past it; this caps what got on file anyway (records from before that check,
 * or from an import), in filing order: the line that crosses the range counts the part left
 * (cappedFromHundredths keeps the filed total), later lines are shown but not counted (month_cap).
 * `lines` are one target's lines of one month.
 */
export function capPerMonthItems(lines: ScoreLine[]): void {
  const used = new Map<string, Hundredths>();
  for (const l of lines) {
    if (l.source !== "filed" || !l.counted) continue;
    const item = catalogItem(l.code);
    const cap = item ? monthCapOf(item) : undefined;
    if (cap === undefined) continue;
    const before = used.get(l.code) ?? 0;
    const left = Math.max(0, cap - before);
    if (left === 0) {
      l.counted = false;
      l.notCountedReason = "month_cap";
      continue;
    }
    if (l.totalHundredths > left) {
      l.cappedFromHundredths = l.totalHundredths;
      l.totalHundredths = left;
    }
    used.set(l.code, before + l.totalHundredths);
  }
}

/** Scores in input order, or high → low when every score is known; ties keep input order. */
export function bestFirst<T extends { scoreHundredths: Hundredths | null }>(items: T[]): T[] {
  if (items.some((x) => x.scoreHundredths === null)) return items;
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (b.item.scoreHundredths ?? 0) - (a.item.scoreHundredths ?? 0) || a.i - b.i)
    .map((x) => x.item);
}
