// Plain data in and out of scoring (RULES.md §4–§7, result shapes §9). Points are hundredths,
// money fen, days half days. Inputs mirror the ledger of the CLI's `simulate`.
import type { Hundredths } from "../points.ts";

import type { Role } from "../routing.ts";

/** Scoring uses routing's roles (RULES.md §1). */
export type ScoringRole = Role;

export interface ScoringPerson {
  id: string;
  window: string;
  role: ScoringRole;
  /** Date posted to the center and to the window; absent = long before. */
  joined?: string;
  /** Date the person left the center; absent = still there. */
  left?: string;
  /** Party relation moved to the center; absent = yes. */
  partyTransferred?: boolean;
  /** Exempted from the party-relation condition for a special reason. */
  exempt?: boolean;
  /** In the establishment (在编); absent = yes. */
  establishment?: boolean;
}

export interface WindowProfile {
  leaderNotMiddle: boolean;
  leaderNotHead: boolean;
  missingItems: number;
  unauthorisedItems: number;
}

export interface ScoringWindow {
  id: string;
  profile: WindowProfile;
  /** §7 disqualifiers only the center can mark (1, 2, 4). */
  flags?: readonly number[];
}

/** A filed deduction or bonus: per-unit points × count. */
export interface ScoredRecord {
  /** The stored record's id, carried to its line so a notice can show its date, note and filer. */
  id?: number;
  month: string;
  person?: string;
  window?: string;
  code: string;
  count: number;
  pointsHundredths: Hundredths;
}

export interface RatingCounts {
  satisfied: number;
  basic: number;
  unsatisfied: number;
}

export interface MonthInput {
  month: string;
  /** The roster; who is in evaluation this month follows from joined/left (§4(4)). */
  people: readonly ScoringPerson[];
  windows: readonly ScoringWindow[];
  /** Records of this month; records of other months are ignored, except W-INFO-QUOTA of the quarter (§6). */
  records: readonly ScoredRecord[];
  /** 事假 this month (the part not covered by annual leave), per person. */
  personalLeave: readonly { person: string; halfDays: number }[];
  ratings: readonly ({ person: string } & RatingCounts)[];
  /** §4 ⑧ secondment by the parent unit: seconded half days of the month's working days. */
  secondments: readonly { person: string; halfDays: number; workingDays: number }[];
}

export interface ScoreLine {
  code: string;
  sign: "deduction" | "bonus";
  /** filed: a record; automatic: computed (S-ATT-PERSONAL …); leader_charge: a leader's share of another's record. */
  source: "filed" | "automatic" | "leader_charge";
  count: number;
  pointsHundredths: Hundredths;
  totalHundredths: Hundredths;
  /**
   * False when shown but not counted: S-BON-HONOUR without S-BON-ACTIVITY, S-BON-LEADER for non-leaders,
   * a per-month item already at its range for the month (§8 month_cap).
   */
  counted: boolean;
  notCountedReason?: "requires" | "leader_only" | "month_cap";
  /**
   * §8 per-month item: this line took the month's total past the item's range, so only part of it counts;
   * totalHundredths is the part that counts, this the total as filed.
   */
  cappedFromHundredths?: Hundredths;
  /** leader_charge: the person whose record caused it. */
  fromPerson?: string;
  /** Automatic items: the figures they were computed from. */
  basis?: Record<string, number>;
  /** filed and leader_charge lines: the record they come from (ScoredRecord.id), when it has one. */
  recordId?: number;
}

export type MoneyReason = "full" | "half" | "none";

export interface PersonMonthResult {
  id: string;
  window: string;
  role: ScoringRole;
  lines: ScoreLine[];
  deductionsHundredths: Hundredths;
  baseHundredths: Hundredths;
  /** Σ counted bonus before the cap. */
  bonusRawHundredths: Hundredths;
  bonusHundredths: Hundredths;
  scoreHundredths: Hundredths;
  rank: number;
  band: 1 | 2 | 3;
  /** The band's money before the half/none and secondment rules. */
  bandAmountFen: number;
  amountFen: number;
  moneyReason: MoneyReason;
  secondment?: { halfDays: number; workingDays: number };
  ratings?: RatingCounts;
  transfer: boolean;
}

export interface WindowMonthResult {
  id: string;
  peopleIds: string[];
  peopleMeanHundredths: Hundredths;
  lines: ScoreLine[];
  deductionsHundredths: Hundredths;
  bonusRawHundredths: Hundredths;
  bonusHundredths: Hundredths;
  scoreHundredths: Hundredths;
  rank: number;
  /** Pooled ratings of its people (§4). */
  ratings: RatingCounts;
  flags: number[];
}

export interface MonthResult {
  month: string;
  headCount: number;
  bandEdges: { b1: number; b2: number };
  /** Ranked high → low (ties in input order). */
  people: PersonMonthResult[];
  /** Windows with at least one person in evaluation, ranked high → low. */
  windows: WindowMonthResult[];
}

export type StarReason = "tenure" | "party" | "discipline" | "score";

export interface PersonQuarterResult {
  id: string;
  window: string;
  monthsScored: number;
  meanHundredths: Hundredths;
  evaluationHundredths: Hundredths | null;
  /** null while the quarter is pending. */
  scoreHundredths: Hundredths | null;
  starEligible: boolean;
  reasons: StarReason[];
}

export interface WindowQuarterResult {
  id: string;
  monthsScored: number;
  scoreHundredths: Hundredths;
  leadingEligible: boolean;
  /** §7 disqualifiers 1–9, ascending. */
  reasons: number[];
}

export interface QuarterInput {
  quarter: string;
  /** The quarter's scored months (normally all three), any order. */
  months: readonly MonthResult[];
  people: readonly ScoringPerson[];
  windows: readonly ScoringWindow[];
  /** Person → center evaluation (0–10) for the quarter. */
  evaluations: ReadonlyMap<string, Hundredths>;
}

export interface QuarterResult {
  quarter: string;
  /** True while a person's center evaluation is missing (§5): person scores are null. */
  pending: boolean;
  missingEvaluations: string[];
  /** By quarter score high → low (input order while pending). */
  people: PersonQuarterResult[];
  /** By quarter score high → low. */
  windows: WindowQuarterResult[];
}

export interface YearInput {
  year: string;
  months: readonly MonthResult[];
  quarters: readonly QuarterResult[];
  /** Person → 竞跑之星 confirmed that year. */
  stars: ReadonlyMap<string, number>;
  /** Window → 领跑窗口 confirmed that year. */
  leading: ReadonlyMap<string, number>;
  personEvaluations: ReadonlyMap<string, Hundredths>;
  windowEvaluations: ReadonlyMap<string, Hundredths>;
}

export interface PersonYearResult {
  id: string;
  meanHundredths: Hundredths;
  stars: number;
  evaluationHundredths: Hundredths | null;
  scoreHundredths: Hundredths | null;
}

export interface WindowYearResult {
  id: string;
  meanHundredths: Hundredths;
  leading: number;
  evaluationHundredths: Hundredths | null;
  scoreHundredths: Hundredths | null;
}

export interface YearResult {
  year: string;
  /** True while a person's or window's year evaluation is missing; scores are then null. */
  pending: boolean;
  missingEvaluations: { people: string[]; windows: string[] };
  people: PersonYearResult[];
  windows: WindowYearResult[];
}
