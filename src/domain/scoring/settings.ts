// Every decision RULES.md §4–§7 marks (config), with its stated default. Points are hundredths,
// money fen, days half days, shares percent.
import type { Hundredths } from "../points.ts";

export interface ScoringSettings {
  /** §4(4) bands: 四舍五入 of 0.7·N and 0.9·N, or round down. */
  bandRounding: "half_up" | "down";
  /** §4(4) cumulative band shares in percent: band 1 up to 70 %, band 2 up to 90 %. */
  bandSharesPercent: readonly [number, number];
  /** §4(4) money per band 1–3, fen (500 元, 450 元, 400 元). */
  bandAmountsFen: readonly [number, number, number];
  /** §4(4) score ≥ this gets money at all (90 inclusive). */
  moneyMinHundredths: Hundredths;
  /** §4(4) score ≥ this gets the full amount; between moneyMin and this, half ("94—90"; 94.5 is half). */
  fullMoneyMinHundredths: Hundredths;
  /** §4 ⑧ secondment: money × (1 − seconded/working days), or the whole month's money withheld. */
  secondmentReduction: "proportional" | "whole";
  /** §4 staff bonus cap (5). */
  staffBonusCapHundredths: Hundredths;
  /** §6 window bonus cap (10). */
  windowBonusCapHundredths: Hundredths;
  /** §4 S-ATT-PERSONAL: 事假 ≥ 3 working days (6 half days) → 5, + 0.5 per half day above. */
  personalLeave: { thresholdHalfDays: number; baseHundredths: Hundredths; perHalfDayHundredths: Hundredths };
  /** §4 S-EVAL-RATE: person's monthly satisfaction below this percent. */
  staffRateMinPercent: number;
  /** §6 W-EVAL-RATE97 / W-EVAL-RATE95 thresholds (percent). */
  windowRate97Percent: number;
  windowRate95Percent: number;
  /** §6 W-STAFF-CONTRACT: above thresholdPercent non-establishment, pointsPerStep per started stepPercent, capped. */
  contractStaff: {
    thresholdPercent: number;
    stepPercent: number;
    pointsPerStepHundredths: Hundredths;
    maxHundredths: Hundredths;
  };
  /** §6 W-INFO-QUOTA charged in the quarter's last month, or in the month it was filed. */
  infoQuotaMonth: "quarter_last_month" | "filed_month";
  /** §5 good discipline: none of these codes in the quarter. */
  starDisciplineCodes: readonly string[];
  /** §5 quarter score ≥ 98.5 (以上 includes it). */
  starMinScoreHundredths: Hundredths;
  /** §5 at the center ≥ 3 months by the quarter's end. */
  starMinTenureMonths: number;
  /** §4(4) transfer: last in the center two consecutive months with score ≤ 92 in both. */
  transferMaxScoreHundredths: Hundredths;
  /** §7(1) the middle-level cadre leader posted ≥ 3 months by the quarter's end. */
  leadingLeaderMinTenureMonths: number;
  /** §7(5) "last three" and ≤ 92. */
  leadingLastPlaces: number;
  leadingMaxScoreHundredths: Hundredths;
  /** §7(7) pooled quarter satisfaction below this percent. */
  leadingRateMinPercent: number;
  /** §7(8) this many or more W-CALLBACK follow-ups (含两件). */
  leadingCallbackMax: number;
  /** §6 filing a linked staff item also files its window item (used by services when filing). */
  linkWindowItems: boolean;
  /** §4 ①③ attendance minutes: late ≤ 10 is S-ATT-LATE; 10 < m < 15 also S-ATT-LATE (config); ≥ 15 S-ATT-OFFPOST. */
  lateMinutes: { lateMaxMinutes: number; gapCountsAsLate: boolean; offPostMinMinutes: number };
}

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = Object.freeze({
  bandRounding: "half_up",
  bandSharesPercent: [70, 90],
  bandAmountsFen: [50000, 45000, 40000],
  moneyMinHundredths: 9000,
  fullMoneyMinHundredths: 9500,
  secondmentReduction: "proportional",
  staffBonusCapHundredths: 500,
  windowBonusCapHundredths: 1000,
  personalLeave: { thresholdHalfDays: 6, baseHundredths: 500, perHalfDayHundredths: 50 },
  staffRateMinPercent: 95,
  windowRate97Percent: 97,
  windowRate95Percent: 95,
  contractStaff: { thresholdPercent: 20, stepPercent: 20, pointsPerStepHundredths: 10, maxHundredths: 40 },
  infoQuotaMonth: "quarter_last_month",
  starDisciplineCodes: ["S-DIS-LEISURE", "S-DIS-DISOBEY", "S-DIS-BAN", "S-DIS-GRAFT", "S-ATT-ABSENT"],
  starMinScoreHundredths: 9850,
  starMinTenureMonths: 3,
  transferMaxScoreHundredths: 9200,
  leadingLeaderMinTenureMonths: 3,
  leadingLastPlaces: 3,
  leadingMaxScoreHundredths: 9200,
  leadingRateMinPercent: 97,
  leadingCallbackMax: 2,
  linkWindowItems: true,
  lateMinutes: { lateMaxMinutes: 10, gapCountsAsLate: true, offPostMinMinutes: 15 },
} satisfies ScoringSettings);
