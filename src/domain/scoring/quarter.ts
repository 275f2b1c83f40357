// Staff quarter (竞跑之星, RULES.md §5) and window quarter (领跑窗口, §7).
import { addMonths, monthsOfQuarter } from "../dates.ts";
import { meanHundredths } from "../points.ts";
import { addRatings, bestFirst, NO_RATINGS, rateBelow } from "./common.ts";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "./settings.ts";
import type {
  MonthResult,
  PersonMonthResult,
  PersonQuarterResult,
  QuarterInput,
  QuarterResult,
  ScoringPerson,
  StarReason,
  WindowQuarterResult,
} from "./types.ts";

/**
 * Latest joining date that gives `months` at the center by the quarter's end: the quarter ends the
 * day before the next quarter's first day, so "≥ 3 months" means joined on or before that day − 3 months.
 */
export function tenureCutoff(quarter: string, months: number): string {
  const nextQuarterFirstMonth = addMonths(monthsOfQuarter(quarter)[2], 1);
  return `${addMonths(nextQuarterFirstMonth, -months)}-01`;
}

const partyMissing = (p: ScoringPerson | undefined) => p?.partyTransferred === false && !p.exempt;

function orderedIds(fromInput: readonly { id: string }[], seen: Iterable<string>): string[] {
  const set = new Set(seen);
  const ids = fromInput.map((x) => x.id).filter((id) => set.has(id));
  for (const id of set) if (!ids.includes(id)) ids.push(id);
  return ids;
}

export function scoreQuarter(
  input: QuarterInput,
  settings: ScoringSettings = DEFAULT_SCORING_SETTINGS,
): QuarterResult {
  const s = settings;
  const months = [...input.months].sort((a, b) => a.month.localeCompare(b.month));
  const roster = new Map(input.people.map((p) => [p.id, p]));

  // ---- people (§5)
  const personMonths = new Map<string, PersonMonthResult[]>();
  for (const m of months)
    for (const p of m.people) personMonths.set(p.id, [...(personMonths.get(p.id) ?? []), p]);
  const personIds = orderedIds(input.people, personMonths.keys());
  const missing = personIds.filter((id) => !input.evaluations.has(id));
  const pending = missing.length > 0;
  const starCutoff = tenureCutoff(input.quarter, s.starMinTenureMonths);

  const people: PersonQuarterResult[] = personIds.map((id) => {
    const ms = personMonths.get(id)!;
    const mean = meanHundredths(ms.map((p) => p.scoreHundredths));
    const evaluation = input.evaluations.get(id) ?? null;
    const score = evaluation === null || pending ? null : mean + evaluation;
    const person = roster.get(id);
    const reasons: StarReason[] = [];
    if (person?.joined !== undefined && person.joined > starCutoff) reasons.push("tenure");
    if (partyMissing(person)) reasons.push("party");
    if (ms.some((p) => p.lines.some((l) => l.source === "filed" && s.starDisciplineCodes.includes(l.code))))
      reasons.push("discipline");
    // While pending the score cannot be judged: no "score" reason, and nobody is eligible yet.
    if (score !== null && score < s.starMinScoreHundredths) reasons.push("score");
    return {
      id,
      window: ms[ms.length - 1]!.window,
      monthsScored: ms.length,
      meanHundredths: mean,
      evaluationHundredths: evaluation,
      scoreHundredths: score,
      starEligible: !pending && reasons.length === 0,
      reasons,
    };
  });

  // ---- windows (§7)
  const windowIds = orderedIds(
    input.windows,
    months.flatMap((m) => m.windows.map((w) => w.id)),
  );
  const leaderCutoff = tenureCutoff(input.quarter, s.leadingLeaderMinTenureMonths);
  const windows: WindowQuarterResult[] = windowIds.map((id) => {
    const wms = months.flatMap((m) => {
      const w = m.windows.find((x) => x.id === id);
      return w ? [{ m, w, members: m.people.filter((p) => p.window === id) }] : [];
    });
    const score = meanHundredths(wms.map((x) => x.w.scoreHundredths));
    const reasons = new Set<number>();
    const flags = new Set<number>([
      ...(input.windows.find((w) => w.id === id)?.flags ?? []),
      ...wms.flatMap((x) => x.w.flags),
    ]);
    for (const f of flags) reasons.add(f);
    const hasWindowLine = (code: string) => wms.some((x) => x.w.lines.some((l) => l.code === code));
    const hasPersonLine = (code: string) =>
      wms.some((x) => x.members.some((p) => p.lines.some((l) => l.code === code && l.source === "filed")));
    const members = wms.flatMap((x) => x.members);
    const leaders = members.filter((p) => p.role === "window_leader");

    // (1) party relations, leader not a middle-level cadre, or the cadre leader here under 3 months.
    if (
      members.some((p) => partyMissing(roster.get(p.id))) ||
      hasWindowLine("W-STAFF-NOTMID") ||
      leaders.some((p) => {
        const joined = roster.get(p.id)?.joined;
        return joined !== undefined && joined > leaderCutoff;
      })
    )
      reasons.add(1);
    // (2) a month without the window leader in evaluation (people left out: flag 2 from the center).
    if (wms.some((x) => !x.members.some((p) => p.role === "window_leader"))) reasons.add(2);
    // (3) a ban breach that quarter.
    if (hasWindowLine("W-BAN") || hasPersonLine("S-DIS-BAN")) reasons.add(3);
    // (5) a person in the center's last three (ties included) with ≤ 92 in two consecutive months.
    if (lastThreeTwice(months, id, s)) reasons.add(5);
    // (6) only one person posted.
    if (hasWindowLine("W-STAFF-SINGLE")) reasons.add(6);
    // (7) the quarter's pooled satisfaction below 97 %.
    const pooled = wms.reduce((acc, x) => addRatings(acc, x.w.ratings), NO_RATINGS);
    if (rateBelow(pooled, s.leadingRateMinPercent)) reasons.add(7);
    // (8) two or more bad follow-ups: W-CALLBACK counts, or the staff items when the window item
    // was not filed (linking off) — the larger, so a linked pair is not counted twice.
    const windowCallbacks = wms.reduce(
      (a, x) => a + x.w.lines.filter((l) => l.code === "W-CALLBACK").reduce((b, l) => b + l.count, 0),
      0,
    );
    const staffCallbacks = members.reduce(
      (a, p) => a + p.lines.filter((l) => l.code === "S-EVAL-CALLBACK").reduce((b, l) => b + l.count, 0),
      0,
    );
    if (Math.max(windowCallbacks, staffCallbacks) >= s.leadingCallbackMax) reasons.add(8);
    // (9) punished by 纪委/监委 that quarter.
    if (hasWindowLine("W-GRAFT") || hasPersonLine("S-DIS-GRAFT")) reasons.add(9);

    const sorted = [...reasons].sort((a, b) => a - b);
    return {
      id,
      monthsScored: wms.length,
      scoreHundredths: score,
      leadingEligible: sorted.length === 0,
      reasons: sorted,
    };
  });

  return {
    quarter: input.quarter,
    pending,
    missingEvaluations: missing,
    people: bestFirst(people),
    windows: bestFirst(windows),
  };
}

/** §7(5): fewer than `leadingLastPlaces` people strictly lower, and score ≤ 92, in two adjacent months. */
function lastThreeTwice(months: readonly MonthResult[], windowId: string, s: ScoringSettings): boolean {
  const bottom = (m: MonthResult, id: string): boolean => {
    const p = m.people.find((x) => x.id === id);
    if (!p || p.scoreHundredths > s.leadingMaxScoreHundredths) return false;
    return m.people.filter((x) => x.scoreHundredths < p.scoreHundredths).length < s.leadingLastPlaces;
  };
  for (let i = 1; i < months.length; i++) {
    const a = months[i - 1]!;
    const b = months[i]!;
    if (addMonths(a.month, 1) !== b.month) continue;
    for (const p of b.people) if (p.window === windowId && bottom(a, p.id) && bottom(b, p.id)) return true;
  }
  return false;
}
