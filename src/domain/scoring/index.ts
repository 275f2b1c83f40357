// Scoring (RULES.md §4–§7): pure functions over plain data; see types.ts for the shapes.

export { bestFirst, competitionRanks, inEvaluation, rateBelow } from "./common.ts";
export {
  bandEdges,
  bandOf,
  monthMoney,
  type PersonalLeaveCost,
  personalLeaveCost,
  personalLeaveDeduction,
  scoreMonth,
} from "./month.ts";
export { scoreQuarter, tenureCutoff } from "./quarter.ts";
export { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "./settings.ts";
export type * from "./types.ts";
export { contractStaffDeduction, scoreWindows, windowRecordCountsIn } from "./window.ts";
export { AWARD_POINTS, scoreYear } from "./year.ts";
