// Approval routing for leave and official trips (RULES.md §3, 请销假制度).
// Durations are integer half days; the tables are written with the text's own bounds (≤ / <) in days
// and compared exactly on half days. Between two rows the lower row's bound decides (§2): "3天以内" /
// "3天以上" puts 3 in the lower row; a gap such as 1.5 between "1天" and "2天以上" falls to the next row up.
import type { DayBasis } from "./calendar.ts";
import { err, ok, type Result } from "./result.ts";

export type RequestKind =
  | "personal"
  | "sick"
  | "annual"
  | "marriage"
  | "maternity"
  | "nursing"
  | "family"
  | "breastfeeding"
  | "trip";
export type Role = "staff" | "window_leader";
export type Approver =
  | "window_leader"
  | "inspection"
  | "deputy_director"
  | "parent_unit_leader"
  | "parent_unit_head"
  | "personnel_authority";
export type StepAction = "opinion" | "agree" | "review" | "approve" | "file";
export interface RouteStep {
  approver: Approver;
  action: StepAction;
  /**
   * The step is taken outside the workspace; inspection records it on the approver's behalf (§1).
   * Always true for parent_unit_head and personnel_authority. For parent_unit_leader routing says false:
   * whether that leader is in the workspace depends on the window (Window.parentUnitLeaderId), which
   * routing cannot see — the request service marks the step outside when the window has none.
   */
  outside: boolean;
}
export type RouteFlag =
  | "hospital_certificate"
  | "long_sick"
  | "designated_hospital_form"
  | "over_7_days"
  | "outside_steps"
  | "written_explanation"
  | "reason_required"
  | "trip_details_required";

export interface RouteInput {
  kind: RequestKind;
  role: Role;
  halfDays: number;
  ytdPersonalHalfDays?: number; // 事假 already taken this year, before this request
  ytdSickHalfDays?: number; // sick days already taken this year, before this request
  precedingSickHalfDays?: number; // approved sick leave ending the day before this one starts
  annualRemainingHalfDays?: number; // annual leave balance (offset for 事假; limit for 年休假)
  /**
   * A request that crosses New Year (§2: "counts in each year only the days that fall in it"): its half
   * days in each year with that year's figures before it, oldest first. The year rules (annual-leave offset
   * and balance, the 30-day 事假 rule, the 60/20-day long-sick rules) then apply year by year; the chain is
   * still chosen by the whole d, and continuity (precedingSickHalfDays) is not cut at New Year. Absent or a
   * single entry: the scalar figures above are the year's.
   */
  years?: readonly YearFigures[];
}

/** One calendar year's part of a request and that year's figures before it (RouteInput.years). */
export interface YearFigures {
  year: number;
  halfDays: number;
  ytdPersonalHalfDays?: number;
  ytdSickHalfDays?: number;
  annualRemainingHalfDays?: number;
}

export interface Route {
  steps: RouteStep[];
  filingOnly: boolean;
  flags: RouteFlag[];
  rule: string; // the table row that chose the chain, e.g. "§3(一) staff 0.5<d≤3"
  annualOffsetHalfDays: number; // part of 事假 covered by annual leave
  personalHalfDays: number; // part that counts as 事假 for scoring
}

export interface RoutingSettings {
  /** How a request's days are counted, per kind (§2). */
  dayBasis: Record<RequestKind, DayBasis>;
  /** "一年内" for the year-to-date figures (§2): the calendar year. */
  year: "calendar";
  /** The window leader's disagreeing opinion ends the request as rejected (§3). */
  rejectOnOpinionDisagree: boolean;
  /**
   * 产假/护理假/年休假/婚假/探亲假 routed with the 事假 table by days (§3 三). When false they only need
   * the center to file them: staff window_leader:opinion → inspection:file, leaders inspection:file.
   */
  otherLeaveUsesPersonalTable: boolean;
  /** 年休假 past the remaining balance is refused (ROUTE.ANNUAL_BALANCE) rather than allowed (§3 三). */
  refuseAnnualPastBalance: boolean;
}

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  dayBasis: {
    personal: "working",
    annual: "working",
    breastfeeding: "working",
    trip: "working",
    sick: "calendar",
    maternity: "calendar",
    nursing: "calendar",
    marriage: "calendar",
    family: "calendar",
  },
  year: "calendar",
  rejectOnOpinionDisagree: true,
  otherLeaveUsesPersonalTable: true,
  refuseAnnualPastBalance: true,
};

// ---------------------------------------------------------------------------------------------
// Names the Slack quick forms and the CLI accept.

export interface RequestKindInfo {
  kind: RequestKind;
  zh: string;
  en: string;
  aliases: readonly string[];
}

export const REQUEST_KINDS: readonly RequestKindInfo[] = [
  { kind: "personal", zh: "事假", en: "personal leave", aliases: ["事", "personal", "personal leave"] },
  { kind: "sick", zh: "病假", en: "sick leave", aliases: ["病", "sick", "sick leave"] },
  {
    kind: "annual",
    zh: "年休假",
    en: "annual leave",
    aliases: ["年假", "年休", "annual", "annual leave", "vacation"],
  },
  { kind: "marriage", zh: "婚假", en: "marriage leave", aliases: ["marriage", "marriage leave", "wedding"] },
  { kind: "maternity", zh: "产假", en: "maternity leave", aliases: ["maternity", "maternity leave"] },
  {
    kind: "nursing",
    zh: "护理假",
    // 护理假 is the father's leave at a birth (浙江省人口与计划生育条例): paternity leave in English.
    en: "paternity leave",
    aliases: ["陪产假", "nursing", "nursing leave", "paternity", "paternity leave"],
  },
  {
    kind: "family",
    zh: "探亲假",
    en: "family visit leave",
    aliases: ["探亲", "family", "family leave", "family visit", "home leave"],
  },
  {
    kind: "breastfeeding",
    zh: "哺乳假",
    en: "breastfeeding leave",
    aliases: ["哺乳", "breastfeeding", "breastfeeding leave", "lactation"],
  },
  {
    kind: "trip",
    zh: "因公外出",
    en: "official trip",
    aliases: ["公出", "外出", "出差", "trip", "official trip", "business trip"],
  },
];

export type TripPurpose = "training" | "meeting" | "rural" | "survey" | "home_unit";

export interface TripPurposeInfo {
  purpose: TripPurpose;
  zh: string;
  en: string;
  aliases: readonly string[];
}

export const TRIP_PURPOSES: readonly TripPurposeInfo[] = [
  { purpose: "training", zh: "培训", en: "training", aliases: ["training", "course"] },
  { purpose: "meeting", zh: "会议", en: "meeting", aliases: ["开会", "meeting", "conference"] },
  { purpose: "rural", zh: "下乡", en: "rural visit", aliases: ["rural", "rural visit", "village"] },
  {
    purpose: "survey",
    zh: "踏勘",
    en: "site survey",
    aliases: ["survey", "site survey", "inspection visit"],
  },
  {
    purpose: "home_unit",
    zh: "原单位业务",
    en: "home-unit business",
    aliases: [
      "回原单位办事",
      "原单位",
      "回原单位",
      "home_unit",
      "home unit",
      "home-unit",
      "home-unit business",
      "home unit business",
    ],
  },
];

const norm = (w: string) => w.trim().toLowerCase().replace(/\s+/g, " ");

function lookup<T>(word: string, entries: readonly T[], names: (e: T) => readonly string[]): T | undefined {
  const w = norm(word);
  if (!w) return undefined;
  return entries.find((e) => names(e).some((n) => norm(n) === w));
}

/** "事假", "personal", "年假" … → the kind; undefined for anything else. */
export function parseRequestKind(word: string): RequestKind | undefined {
  return lookup(word, REQUEST_KINDS, (e) => [e.kind, e.zh, e.en, ...e.aliases])?.kind;
}

/** "培训", "meeting", "下乡" … → the trip purpose; undefined for anything else. */
export function parseTripPurpose(word: string): TripPurpose | undefined {
  return lookup(word, TRIP_PURPOSES, (e) => [e.purpose, e.zh, e.en, ...e.aliases])?.purpose;
}

// ---------------------------------------------------------------------------------------------
// The tables (§3). `upTo` is the row's upper bound in days as the text writes it; null = no bound.

type Bound = readonly ["≤" | "<", number] | null;
interface Row {
  upTo: Bound;
  chain: readonly string[]; // "approver:action"
}
interface Table {
  section: string;
  rows: Record<Role, readonly Row[]>;
}

const PERSONAL_TABLE: Table = {
  section: "§3(一)",
  rows: {
    window_leader: [
      { upTo: ["≤", 1], chain: ["inspection:approve"] },
      { upTo: ["<", 7], chain: ["inspection:review", "deputy_director:approve"] },
      { upTo: null, chain: ["parent_unit_leader:agree", "inspection:review", "deputy_director:approve"] },
    ],
    staff: [
      { upTo: ["≤", 0.5], chain: ["window_leader:opinion", "inspection:file"] },
      { upTo: ["≤", 3], chain: ["window_leader:opinion", "inspection:approve"] },
      { upTo: ["<", 7], chain: ["window_leader:opinion", "inspection:review", "deputy_director:approve"] },
      {
        upTo: null,
        chain: [
          "window_leader:opinion",
          "parent_unit_leader:agree",
          "inspection:review",
          "deputy_director:approve",
        ],
      },
    ],
  },
};

// The sick table ends at 30 days; longer sick leave is always long sick leave (continuous > 30) and
// uses the top row (§3 二, 三).
const SICK_TABLE: Table = {
  section: "§3(二)",
  rows: {
    window_leader: [
      { upTo: ["≤", 1], chain: ["inspection:approve"] },
      { upTo: ["<", 15], chain: ["inspection:review", "deputy_director:approve"] },
      { upTo: null, chain: ["parent_unit_leader:agree", "inspection:review", "deputy_director:approve"] },
    ],
    staff: [
      { upTo: ["≤", 5], chain: ["inspection:approve"] },
      { upTo: ["<", 20], chain: ["inspection:review", "deputy_director:approve"] },
      { upTo: null, chain: ["parent_unit_leader:agree", "inspection:review", "deputy_director:approve"] },
    ],
  },
};

const TRIP_TABLE: Table = {
  section: "§3(四)",
  rows: {
    window_leader: [
      { upTo: ["≤", 2], chain: ["inspection:approve"] },
      { upTo: ["≤", 7], chain: ["inspection:review", "deputy_director:approve"] },
      { upTo: null, chain: ["parent_unit_leader:agree", "inspection:review", "deputy_director:approve"] },
    ],
    staff: [
      { upTo: ["≤", 0.5], chain: ["window_leader:opinion", "inspection:file"] },
      { upTo: ["≤", 3], chain: ["window_leader:opinion", "inspection:approve"] },
      { upTo: ["≤", 15], chain: ["window_leader:opinion", "inspection:review", "deputy_director:approve"] },
      {
        upTo: null,
        chain: [
          "window_leader:opinion",
          "parent_unit_leader:agree",
          "inspection:review",
          "deputy_director:approve",
        ],
      },
    ],
  },
};

// 按照有关规定执行 with otherLeaveUsesPersonalTable off: the center only files the leave.
const FILING_TABLE: Table = {
  section: "§3(三)",
  rows: {
    window_leader: [{ upTo: null, chain: ["inspection:file"] }],
    staff: [{ upTo: null, chain: ["window_leader:opinion", "inspection:file"] }],
  },
};

// Leave of §3(三) routed with the 事假 table: "§3(三)→(一) staff 3<d<7".
const viaPersonal = (rule: string) => rule.replace("§3(一)", "§3(三)→(一)");

const OUTSIDE_STEPS: readonly RouteStep[] = [
  { approver: "parent_unit_head", action: "review", outside: true },
  { approver: "personnel_authority", action: "approve", outside: true },
];

const within = (halfDays: number, b: Bound) =>
  b === null || (b[0] === "≤" ? halfDays <= b[1] * 2 : halfDays < b[1] * 2);

function boundText(b: readonly ["≤" | "<", number], upper: boolean): string {
  // The row above a "≤N" row starts at ">N"; above a "<N" row at "≥N".
  return upper ? `${b[0]}${b[1]}` : `${b[1]}${b[0] === "≤" ? "<" : "≤"}`;
}

/** The rule code of row `i` of a table for a role: "§3(一) staff 0.5<d≤3". */
function rowRule(table: Table, role: Role, i: number): string {
  const rows = table.rows[role];
  const row = rows[i]!;
  const prev = i > 0 ? rows[i - 1]!.upTo : null;
  let range: string;
  if (prev && row.upTo) range = `${boundText(prev, false)}d${boundText(row.upTo, true)}`;
  else if (row.upTo) range = `d${boundText(row.upTo, true)}`;
  else if (prev) range = `d${prev[0] === "≤" ? ">" : "≥"}${prev[1]}`;
  else range = "any d";
  return `${table.section} ${role} ${range}`;
}

function pickRow(table: Table, role: Role, halfDays: number): { row: Row; rule: string } {
  const i = table.rows[role].findIndex((r) => within(halfDays, r.upTo));
  // The last row of every table is unbounded.
  return { row: table.rows[role][i]!, rule: rowRule(table, role, i) };
}

function toSteps(chain: readonly string[]): RouteStep[] {
  return chain.map((s) => {
    const [approver, action] = s.split(":") as [Approver, StepAction];
    return {
      approver,
      action,
      outside: approver === "parent_unit_head" || approver === "personnel_authority",
    };
  });
}

export function stepKey(s: RouteStep): string {
  return `${s.approver}:${s.action}`;
}

function isFilingOnly(steps: readonly RouteStep[]): boolean {
  // Filing-only (§3): the center's only step is `file`; it is in force once the opinion before it passes.
  return steps.at(-1)?.action === "file" && steps.every((s) => s.action === "file" || s.action === "opinion");
}

function finish(
  steps: RouteStep[],
  flags: RouteFlag[],
  rule: string,
  annualOffsetHalfDays = 0,
  personalHalfDays = 0,
): Result<Route> {
  return ok({ steps, filingOnly: isFilingOnly(steps), flags, rule, annualOffsetHalfDays, personalHalfDays });
}

/** The request's year parts: RouteInput.years when it crosses New Year, else one part with the scalars. */
function yearParts(input: RouteInput): readonly YearFigures[] {
  if (input.years && input.years.length > 1) return input.years;
  return [
    {
      year: 0,
      halfDays: input.halfDays,
      ytdPersonalHalfDays: input.ytdPersonalHalfDays,
      ytdSickHalfDays: input.ytdSickHalfDays,
      annualRemainingHalfDays: input.annualRemainingHalfDays,
    },
  ];
}

/**
 * 事假先用年休假冲抵 (§3(一)), year by year: each year's days draw on that year's balance. The offset covers
 * the request's first days (as within one year), so it stops at the first year whose balance runs out
 * before its days do (decision: the stored offset is then the request's first days, which is how the
 * month and year splits read it back; a person with a fresh balance next year files the parts apart).
 */
function annualOffsets(parts: readonly YearFigures[]): number[] {
  let open = true;
  return parts.map((p) => {
    if (!open) return 0;
    const o = Math.min(p.annualRemainingHalfDays ?? 0, p.halfDays);
    if (o < p.halfDays) open = false;
    return o;
  });
}

const DAYS_30 = 60; // half days
const DAYS_7 = 14;

function badHalfDays(v: number | undefined, positive: boolean): boolean {
  if (v === undefined) return false;
  return !Number.isSafeInteger(v) || v < 0 || (positive && v === 0);
}

/**
 * The approval chain for a request (RULES.md §3). Codes: ROUTE.ZERO_DAYS, ROUTE.BAD_HALF_DAYS {field},
 * ROUTE.ANNUAL_BALANCE {remainingHalfDays, requestedHalfDays}.
 */
export function routeRequest(
  input: RouteInput,
  settings: RoutingSettings = DEFAULT_ROUTING_SETTINGS,
): Result<Route> {
  const h = input.halfDays;
  if (h === 0) return err("ROUTE.ZERO_DAYS");
  for (const [field, v] of [
    ["halfDays", h],
    ["ytdPersonalHalfDays", input.ytdPersonalHalfDays],
    ["ytdSickHalfDays", input.ytdSickHalfDays],
    ["precedingSickHalfDays", input.precedingSickHalfDays],
    ["annualRemainingHalfDays", input.annualRemainingHalfDays],
  ] as const) {
    if (badHalfDays(v, field === "halfDays")) return err("ROUTE.BAD_HALF_DAYS", { field, value: v });
  }
  for (const y of input.years ?? [])
    for (const [field, v] of [
      ["years.halfDays", y.halfDays],
      ["years.ytdPersonalHalfDays", y.ytdPersonalHalfDays],
      ["years.ytdSickHalfDays", y.ytdSickHalfDays],
      ["years.annualRemainingHalfDays", y.annualRemainingHalfDays],
    ] as const)
      if (badHalfDays(v, false)) return err("ROUTE.BAD_HALF_DAYS", { field, value: v });
  const { kind, role } = input;

  switch (kind) {
    case "trip": {
      const { row, rule } = pickRow(TRIP_TABLE, role, h);
      // Time, exact place and a contact phone (考评办法 三(一)2(1)⑤).
      return finish(toSteps(row.chain), ["trip_details_required"], rule);
    }

    case "sick":
      return routeSick(input);

    case "personal":
    case "breastfeeding": {
      // 哺乳假: "审批程序按照事假程序执行" — same chain, outside steps and flags as 事假. The annual-leave
      // offset is not applied: it decides which part of an absence is 事假 for scoring, and 哺乳假 never is.
      const parts = yearParts(input);
      const offsets = kind === "personal" ? annualOffsets(parts) : parts.map(() => 0);
      const offset = offsets.reduce((a, o) => a + o, 0);
      const personal = h - offset;
      const { row, rule } = pickRow(PERSONAL_TABLE, role, h); // chosen by the whole absence d
      const steps = toSteps(row.chain);
      const flags: RouteFlag[] = ["reason_required"];
      const over7 = h > DAYS_7; // 超过7天 (不含7天)
      // "一年内累计达30天以上且继续请事假": only when this request itself adds 事假 to that year. Days it
      // adds: the uncovered part for 事假 (only it counts as 事假, §3); the whole part for 哺乳假, whose
      // procedure is 事假's.
      const reaches30 = parts.some((p, i) => {
        const adds = p.halfDays - offsets[i]!;
        return adds > 0 && (p.ytdPersonalHalfDays ?? 0) + adds >= DAYS_30;
      });
      let fullRule = kind === "personal" ? rule : viaPersonal(rule);
      if (over7 || reaches30) {
        steps.push(...OUTSIDE_STEPS.map((s) => ({ ...s })));
        if (over7) flags.push("over_7_days");
        flags.push("outside_steps", "written_explanation");
        fullRule += over7 ? " +outside(d>7)" : " +outside(year≥30)";
      }
      return finish(steps, flags, fullRule, offset, kind === "personal" ? personal : 0);
    }

    case "annual":
    case "marriage":
    case "maternity":
    case "nursing":
    case "family": {
      // 年休假 draws on the balance: past it the request is refused with the balance shown (config).
      // Across New Year each year's days draw on that year's balance (§2).
      const over =
        kind === "annual" && settings.refuseAnnualPastBalance
          ? yearParts(input).find(
              (p) => p.annualRemainingHalfDays !== undefined && p.halfDays > p.annualRemainingHalfDays,
            )
          : undefined;
      if (over) {
        return err("ROUTE.ANNUAL_BALANCE", {
          remainingHalfDays: over.annualRemainingHalfDays,
          requestedHalfDays: over.halfDays,
          ...(input.years && input.years.length > 1 ? { year: over.year } : {}),
        });
      }
      // 按照有关规定执行: the 事假 table by days (config), no outside steps, no over-7 flag, no offset.
      const table = settings.otherLeaveUsesPersonalTable ? PERSONAL_TABLE : FILING_TABLE;
      const { row, rule } = pickRow(table, role, h);
      return finish(toSteps(row.chain), [], table === PERSONAL_TABLE ? viaPersonal(rule) : rule);
    }
  }
}

/**
 * Long sick leave's chain before the outside steps: the normal chain, with a stop at inspection:approve
 * replaced by inspection:review → deputy_director:approve (the deputy director fixes the period within
 * the doctor's, §3 二(三)).
 */
function longSickChain(chain: readonly string[]): string[] {
  return chain.flatMap((s) =>
    s === "inspection:approve" ? ["inspection:review", "deputy_director:approve"] : [s],
  );
}

function routeSick(input: RouteInput): Result<Route> {
  const h = input.halfDays;
  const { row, rule } = pickRow(SICK_TABLE, input.role, h);
  const flags: RouteFlag[] = [];
  // 30天以内病假必须由县级及以上医院出具证明.
  if (h <= DAYS_30) flags.push("hospital_certificate");
  // Long sick leave (§3 二(三)): continuous > 30 days (超过 excludes 30), the year's sick days incl.
  // this ≥ 60 (满60天), or the year's 事假 before this ≥ 20 (满20天).
  const longReasons: string[] = [];
  if ((input.precedingSickHalfDays ?? 0) + h > DAYS_30) longReasons.push("continuous>30");
  // The year rules year by year across New Year (§2): only the days in that year count there.
  const parts = yearParts(input);
  if (parts.some((p) => (p.ytdSickHalfDays ?? 0) + p.halfDays >= 120)) longReasons.push("year sick≥60");
  if (parts.some((p) => p.halfDays > 0 && (p.ytdPersonalHalfDays ?? 0) >= 40))
    longReasons.push("year personal≥20");
  if (longReasons.length === 0) return finish(toSteps(row.chain), flags, rule);

  const steps = [...toSteps(longSickChain(row.chain)), ...OUTSIDE_STEPS.map((s) => ({ ...s }))];
  flags.push("long_sick", "designated_hospital_form", "outside_steps");
  return finish(steps, flags, `${rule} +long sick(${longReasons.join(", ")})`);
}

// ---------------------------------------------------------------------------------------------
// A route's rule as the regulation words it. The rule code ("§3(一) staff 0.5<d≤3 +outside(d>7)") is
// stored with the request and stays the interface (CLI, logs); people read the clause it stands for.

/** 请销假制度's parts: 一 事假, 二 病假, 三 产假/护理假/年休假/婚假/探亲假/哺乳假, 四 因公外出. */
export type RulePart = 1 | 2 | 3 | 4;
export type LongSickReason = "continuous" | "year_sick" | "year_personal";

export interface RuleClause {
  part: RulePart;
  /**
   * The numbered paragraph of the part that holds the row: (一) window leaders, (二) staff; null for
   * part 三, which has none. (Long sick leave adds part 二's paragraph (三), see longSick.)
   */
  paragraph: 1 | 2 | null;
  role: Role;
  /** Part 三 leave routed with part 一's table (审批程序按照事假程序执行). */
  viaPersonal: boolean;
  /** The row's bounds in days as the tables compare them; null = unbounded on that side. */
  from: { days: number; inclusive: boolean } | null;
  to: { days: number; inclusive: boolean } | null;
  /** The row's chain (without the outside steps an addition brings). */
  steps: RouteStep[];
  /** 超过7天 or 一年内累计达30天: the two outside steps and a written explanation (part 一). */
  outside: "over_7_days" | "year_30_days" | null;
  /** Long sick leave (part 二 (三)) and why; empty otherwise. */
  longSick: LongSickReason[];
}

const TABLES: readonly Table[] = [PERSONAL_TABLE, SICK_TABLE, FILING_TABLE, TRIP_TABLE];
const PART: Record<string, RulePart> = { "§3(一)": 1, "§3(二)": 2, "§3(三)": 3, "§3(四)": 4 };
const LONG_SICK: Record<string, LongSickReason> = {
  "continuous>30": "continuous",
  "year sick≥60": "year_sick",
  "year personal≥20": "year_personal",
};

/** The clause a stored rule code stands for; null for a code no table row gives (kept as written). */
export function ruleClause(rule: string): RuleClause | null {
  const plus = rule.indexOf(" +");
  const base = plus < 0 ? rule : rule.slice(0, plus);
  const extra = plus < 0 ? "" : rule.slice(plus);
  for (const table of TABLES) {
    for (const role of ["staff", "window_leader"] as const) {
      const rows = table.rows[role];
      for (let i = 0; i < rows.length; i++) {
        const code = rowRule(table, role, i);
        const via = table === PERSONAL_TABLE && base === viaPersonal(code);
        if (base !== code && !via) continue;
        const prev = i > 0 ? rows[i - 1]!.upTo : null;
        const upTo = rows[i]!.upTo;
        const longList = /\+long sick\(([^)]*)\)/.exec(extra)?.[1];
        return {
          part: via ? 3 : PART[table.section]!,
          paragraph: table === FILING_TABLE ? null : role === "window_leader" ? 1 : 2,
          role,
          viaPersonal: via,
          // Above a "≤N" row the next starts past N; above a "<N" row it starts at N.
          from: prev ? { days: prev[1], inclusive: prev[0] === "<" } : null,
          to: upTo ? { days: upTo[1], inclusive: upTo[0] === "≤" } : null,
          steps: toSteps(longList ? longSickChain(rows[i]!.chain) : rows[i]!.chain),
          outside: extra.includes("+outside(d>7)")
            ? "over_7_days"
            : extra.includes("+outside(year≥30)")
              ? "year_30_days"
              : null,
          longSick: (longList ?? "").split(", ").flatMap((r) => (LONG_SICK[r] ? [LONG_SICK[r]] : [])),
        };
      }
    }
  }
  return null;
}
