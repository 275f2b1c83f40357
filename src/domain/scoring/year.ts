// Staff year (优秀窗口工作人员, RULES.md §5) and window year (prizes, §7).
import { type Hundredths, meanHundredths } from "../points.ts";
import { bestFirst } from "./common.ts";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "./settings.ts";
import type { PersonYearResult, WindowYearResult, YearInput, YearResult } from "./types.ts";

/** §5/§7: each 竞跑之星 or 领跑窗口 of the year adds 3 points. */
export const AWARD_POINTS: Hundredths = 300;

/**
 * year score = mean of the year's monthly scores (people) or quarterly scores (windows)
 * + 3 × awards + center evaluation; pending (scores null) until every evaluation is entered.
 */
export function scoreYear(
  input: YearInput,
  _settings: ScoringSettings = DEFAULT_SCORING_SETTINGS,
): YearResult {
  const monthly = new Map<string, Hundredths[]>();
  for (const m of [...input.months].sort((a, b) => a.month.localeCompare(b.month)))
    for (const p of m.people) monthly.set(p.id, [...(monthly.get(p.id) ?? []), p.scoreHundredths]);
  const quarterly = new Map<string, Hundredths[]>();
  for (const q of [...input.quarters].sort((a, b) => a.quarter.localeCompare(b.quarter)))
    for (const w of q.windows) quarterly.set(w.id, [...(quarterly.get(w.id) ?? []), w.scoreHundredths]);

  const missingPeople = [...monthly.keys()].filter((id) => !input.personEvaluations.has(id));
  const missingWindows = [...quarterly.keys()].filter((id) => !input.windowEvaluations.has(id));
  const pending = missingPeople.length + missingWindows.length > 0;

  const people: PersonYearResult[] = [...monthly].map(([id, scores]) => {
    const mean = meanHundredths(scores);
    const stars = input.stars.get(id) ?? 0;
    const evaluation = input.personEvaluations.get(id) ?? null;
    return {
      id,
      meanHundredths: mean,
      stars,
      evaluationHundredths: evaluation,
      scoreHundredths: pending || evaluation === null ? null : mean + AWARD_POINTS * stars + evaluation,
    };
  });
  const windows: WindowYearResult[] = [...quarterly].map(([id, scores]) => {
    const mean = meanHundredths(scores);
    const leading = input.leading.get(id) ?? 0;
    const evaluation = input.windowEvaluations.get(id) ?? null;
    return {
      id,
      meanHundredths: mean,
      leading,
      evaluationHundredths: evaluation,
      scoreHundredths: pending || evaluation === null ? null : mean + AWARD_POINTS * leading + evaluation,
    };
  });
  return {
    year: input.year,
    pending,
    missingEvaluations: { people: missingPeople, windows: missingWindows },
    people: bestFirst(people),
    windows: bestFirst(windows),
  };
}
