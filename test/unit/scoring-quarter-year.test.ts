// Quarter and year scoring, RULES.md §5 and §7. Points in hundredths; expected values by hand.
import { describe, expect, it } from "vitest";
import { monthsOfQuarter } from "../../src/domain/dates.ts";
import {
  type MonthResult,
  type QuarterResult,
  type ScoredRecord,
  type ScoringPerson,
  type ScoringWindow,
  scoreMonth,
  scoreQuarter,
  scoreYear,
  tenureCutoff,
  type WindowProfile,
} from "../../src/domain/scoring/index.ts";
import { CLEAN, rec, recordsForScore, wrec } from "../helpers/scoring.ts";

interface Scenario {
  people?: ScoringPerson[];
  windows?: ScoringWindow[];
  records?: ScoredRecord[];
  ratings?: { month: string; person: string; satisfied: number; basic: number; unsatisfied: number }[];
  evaluations?: Record<string, number>;
  quarter?: string;
}
// Three windows, each a leader and one staff member; everyone 100 unless records say otherwise.
const PEOPLE: ScoringPerson[] = [
  { id: "l1", window: "w1", role: "window_leader" },
  { id: "s1", window: "w1", role: "staff" },
  { id: "l2", window: "w2", role: "window_leader" },
  { id: "s2", window: "w2", role: "staff" },
  { id: "l3", window: "w3", role: "window_leader" },
  { id: "s3", window: "w3", role: "staff" },
];
const WINDOWS: ScoringWindow[] = ["w1", "w2", "w3"].map((id) => ({ id, profile: { ...CLEAN } }));

function months(sc: Scenario): MonthResult[] {
  const q = sc.quarter ?? "2026-Q3";
  const people = sc.people ?? PEOPLE;
  const out: MonthResult[] = [];
  for (const m of monthsOfQuarter(q)) {
    out.push(
      scoreMonth(
        {
          month: m,
          people,
          windows: sc.windows ?? WINDOWS,
          records: sc.records ?? [],
          personalLeave: [],
          ratings: (sc.ratings ?? []).filter((r) => r.month === m),
          secondments: [],
        },
        undefined,
        out[out.length - 1],
      ),
    );
  }
  return out;
}
function quarter(sc: Scenario = {}): QuarterResult {
  const people = sc.people ?? PEOPLE;
  // Everyone 5 unless the scenario says otherwise; a negative value means "not entered".
  const evaluations = new Map<string, number>();
  for (const p of people) {
    const v = sc.evaluations?.[p.id] ?? 500;
    if (v >= 0) evaluations.set(p.id, v);
  }
  return scoreQuarter({
    quarter: sc.quarter ?? "2026-Q3",
    months: months(sc),
    people,
    windows: sc.windows ?? WINDOWS,
    evaluations,
  });
}
const person = (q: QuarterResult, id: string) => q.people.find((p) => p.id === id)!;
const reasonsOf = (q: QuarterResult) => Object.fromEntries(q.windows.map((w) => [w.id, w.reasons]));
const NONE = { w1: [], w2: [], w3: [] };

describe("tenure cutoff", () => {
  it("≥ 3 months by the quarter's end = joined on or before the quarter's first day", () => {
    expect(tenureCutoff("2026-Q3", 3)).toBe("2026-07-01");
    expect(tenureCutoff("2026-Q1", 3)).toBe("2026-01-01");
    expect(tenureCutoff("2026-Q4", 3)).toBe("2026-10-01");
    expect(tenureCutoff("2026-Q2", 6)).toBe("2026-01-01");
  });
});

describe("staff quarter (§5)", () => {
  it("score = mean of the 3 monthly scores + center evaluation", () => {
    const q = quarter({
      records: [
        // s1: 100, 95.5, 97 → 292.5 / 3 = 97.5; + 1.5 = 99 → eligible
        ...recordsForScore("2026-08", "s1", 9550),
        ...recordsForScore("2026-09", "s1", 9700),
        // s2: 100, 100, 99.99 → 299.99 / 3 = 99.9967 → 100.00; + 0 = 100
        ...recordsForScore("2026-09", "s2", 9999),
        // s3: 98, 97, 97 → 292 / 3 = 97.333 → 97.33; + 1.16 = 98.49 → below 98.5
        ...recordsForScore("2026-07", "s3", 9800),
        ...recordsForScore("2026-08", "s3", 9700),
        ...recordsForScore("2026-09", "s3", 9700),
        // l3: 97.5 × 3 → 97.5; + 1 = 98.5 exactly (以上 includes it) → eligible
        ...["2026-07", "2026-08", "2026-09"].flatMap((m) => recordsForScore(m, "l3", 9750)),
      ],
      evaluations: { s1: 150, s2: 0, s3: 116, l3: 100, l1: 1000, l2: 1000 },
    });
    expect(q.pending).toBe(false);
    expect(person(q, "s1")).toMatchObject({
      meanHundredths: 9750,
      scoreHundredths: 9900,
      starEligible: true,
      reasons: [],
    });
    expect(person(q, "s2")).toMatchObject({
      meanHundredths: 10000,
      scoreHundredths: 10000,
      starEligible: true,
    });
    expect(person(q, "s3")).toMatchObject({ scoreHundredths: 9849, starEligible: false, reasons: ["score"] });
    expect(person(q, "l3")).toMatchObject({ scoreHundredths: 9850, starEligible: true, reasons: [] });
    // Best first: l1 = l2 = 110, s2 100, s1 99, l3 98.5, s3 98.49.
    expect(q.people.map((p) => p.id)).toEqual(["l1", "l2", "s2", "s1", "l3", "s3"]);
  });

  it("pending while any evaluation is missing: scores null, nobody eligible yet", () => {
    const q = quarter({
      evaluations: { s3: -1 },
      people: PEOPLE.map((p) => (p.id === "s1" ? { ...p, partyTransferred: false } : p)),
    });
    expect(q.pending).toBe(true);
    expect(q.missingEvaluations).toEqual(["s3"]);
    for (const p of q.people) {
      expect(p.scoreHundredths).toBeNull();
      expect(p.starEligible).toBe(false);
    }
    expect(person(q, "s1").reasons).toEqual(["party"]); // judged reasons still shown
    expect(person(q, "l1").reasons).toEqual([]);
    expect(person(q, "l1").evaluationHundredths).toBe(500);
  });

  it("a window's quarter score needs no evaluation: windows are scored while people are pending", () => {
    const q = quarter({ evaluations: { s3: -1 } });
    expect(q.windows.map((w) => w.scoreHundredths)).toEqual([10000, 10000, 10000]);
  });

  const withPeople = (patch: Record<string, Partial<ScoringPerson>>, records: ScoredRecord[] = []) =>
    quarter({ people: PEOPLE.map((p) => ({ ...p, ...(patch[p.id] ?? {}) })), records, evaluations: {} });

  it("tenure: joined 2026-07-02 is under 3 months by 2026-09-30; 2026-07-01 is exactly 3", () => {
    const q = withPeople({
      s1: { joined: "2026-07-02" },
      s2: { joined: "2026-07-01" },
      s3: { joined: "2025-11-20" },
    });
    expect(person(q, "s1").reasons).toEqual(["tenure"]);
    expect(person(q, "s2").reasons).toEqual([]);
    expect(person(q, "s3").reasons).toEqual([]);
  });

  it("party: not transferred → party; exempted for a special reason → fine", () => {
    const q = withPeople({ s1: { partyTransferred: false }, s2: { partyTransferred: false, exempt: true } });
    expect(person(q, "s1").reasons).toEqual(["party"]);
    expect(person(q, "s2").reasons).toEqual([]);
  });

  it.each(["S-DIS-LEISURE", "S-DIS-DISOBEY", "S-DIS-BAN", "S-DIS-GRAFT", "S-ATT-ABSENT"])(
    "discipline: %s in the quarter",
    (code) => {
      const q = withPeople({}, [rec("2026-08", "s1", code, 100)]);
      expect(person(q, "s1").reasons).toEqual(["discipline"]);
      // Points as given (1): 100 − 1 in August → (100 + 99 + 100) / 3 = 99.67 + 5 = 104.67: only discipline fails.
      expect(person(q, "s1").scoreHundredths).toBe(10467);
    },
  );

  it("other deductions are not discipline; a record outside the quarter does not count", () => {
    const q = withPeople({}, [
      rec("2026-08", "s1", "S-DIS-PHONE", 500),
      rec("2026-06", "s2", "S-DIS-LEISURE", 2000),
    ]);
    expect(person(q, "s1").reasons).toEqual([]);
    expect(person(q, "s2").reasons).toEqual([]);
  });

  it("all four reasons at once, in order", () => {
    const q = quarter({
      people: PEOPLE.map((p) =>
        p.id === "s1" ? { ...p, joined: "2026-08-10", partyTransferred: false } : p,
      ),
      records: [rec("2026-08", "s1", "S-DIS-LEISURE", 2000)],
      evaluations: { s1: 0 },
    });
    // s1 in evaluation from August: (80 + 100) / 2 = 90 + 0 = 90.
    expect(person(q, "s1")).toMatchObject({
      monthsScored: 2,
      scoreHundredths: 9000,
      reasons: ["tenure", "party", "discipline", "score"],
    });
  });
});

describe("window quarter (§7)", () => {
  it("score = mean of the 3 monthly window scores as rounded each month", () => {
    // w1: Jul (90.01 + 90.00)/2 = 90.005 → 90.01; Aug the same → 90.01; Sep 90.00.
    // (90.01 + 90.01 + 90.00) / 3 = 90.0067 → 90.01 (unrounded months would give 270.01 / 3 → 90.00).
    const q = quarter({
      records: [
        ...recordsForScore("2026-07", "l1", 9001),
        ...recordsForScore("2026-07", "s1", 9000),
        ...recordsForScore("2026-08", "l1", 9001),
        ...recordsForScore("2026-08", "s1", 9000),
        ...recordsForScore("2026-09", "l1", 9000),
        ...recordsForScore("2026-09", "s1", 9000),
      ],
    });
    expect(q.windows.find((w) => w.id === "w1")!.scoreHundredths).toBe(9001);
    expect(q.windows.map((w) => w.id)).toEqual(["w2", "w3", "w1"]);
  });

  it("a clean center: every window eligible", () => {
    const q = quarter();
    expect(reasonsOf(q)).toEqual(NONE);
    expect(q.windows.every((w) => w.leadingEligible)).toBe(true);
  });

  const withPeople = (patch: Record<string, Partial<ScoringPerson>>) =>
    quarter({ people: PEOPLE.map((p) => ({ ...p, ...(patch[p.id] ?? {}) })) });
  const withWindow = (
    patch: Partial<Omit<ScoringWindow, "profile">> & { profile?: Partial<WindowProfile> },
  ) =>
    quarter({
      windows: WINDOWS.map((w) =>
        w.id === "w1" ? { ...w, ...patch, profile: { ...CLEAN, ...(patch.profile ?? {}) } } : w,
      ),
    });

  it("(1) a staff member's party relation not moved in; exempted → fine", () => {
    expect(reasonsOf(withPeople({ s1: { partyTransferred: false } }))).toEqual({ ...NONE, w1: [1] });
    expect(reasonsOf(withPeople({ s1: { partyTransferred: false, exempt: true } }))).toEqual(NONE);
    expect(reasonsOf(withPeople({ l2: { partyTransferred: false } }))).toEqual({ ...NONE, w2: [1] });
  });

  it("(1) the leader is not a middle-level cadre", () => {
    expect(reasonsOf(withWindow({ profile: { leaderNotMiddle: true } }))).toEqual({ ...NONE, w1: [1] });
    // Not the approval section's head is a monthly deduction, not a disqualifier.
    expect(reasonsOf(withWindow({ profile: { leaderNotHead: true } }))).toEqual(NONE);
  });

  it("(1) the cadre leader posted under 3 months; a new staff member is not a disqualifier", () => {
    expect(reasonsOf(withPeople({ l1: { joined: "2026-07-10" } }))).toEqual({ ...NONE, w1: [1] });
    expect(reasonsOf(withPeople({ l1: { joined: "2026-07-01" } }))).toEqual(NONE);
    expect(reasonsOf(withPeople({ s1: { joined: "2026-07-10" } }))).toEqual(NONE);
  });

  it("(2) the window's leader is not in evaluation", () => {
    expect(reasonsOf(withPeople({ l1: { role: "staff" } }))).toEqual({ ...NONE, w1: [2] });
    // Gone before September: no leader that month, and s1 alone (6).
    expect(reasonsOf(withPeople({ l1: { left: "2026-08-20" } }))).toEqual({ ...NONE, w1: [2, 6] });
  });

  it("(1), (2), (4) marked by the center", () => {
    expect(reasonsOf(withWindow({ flags: [4] }))).toEqual({ ...NONE, w1: [4] });
    expect(reasonsOf(withWindow({ flags: [2, 1] }))).toEqual({ ...NONE, w1: [1, 2] });
  });

  it("(3) a ban breach that quarter, filed on the window or on a person", () => {
    expect(reasonsOf(quarter({ records: [wrec("2026-08", "w1", "W-BAN", 1000)] }))).toEqual({
      ...NONE,
      w1: [3],
    });
    expect(reasonsOf(quarter({ records: [rec("2026-09", "s2", "S-DIS-BAN", 2000)] }))).toEqual({
      ...NONE,
      w2: [3],
    });
    expect(reasonsOf(quarter({ records: [rec("2026-06", "s2", "S-DIS-BAN", 2000)] }))).toEqual(NONE); // Q2
  });

  it("(5) a person in the center's last three with ≤ 92 in two consecutive months", () => {
    const r = (records: ScoredRecord[]) => reasonsOf(quarter({ records }));
    expect(r([...recordsForScore("2026-07", "s1", 9200), ...recordsForScore("2026-08", "s1", 9200)])).toEqual(
      { ...NONE, w1: [5] },
    );
    expect(r([...recordsForScore("2026-08", "s1", 9200), ...recordsForScore("2026-09", "s1", 9100)])).toEqual(
      { ...NONE, w1: [5] },
    );
    // 92.01 in one month → no
    expect(r([...recordsForScore("2026-07", "s1", 9201), ...recordsForScore("2026-08", "s1", 9000)])).toEqual(
      NONE,
    );
    // July and September are not consecutive
    expect(r([...recordsForScore("2026-07", "s1", 9000), ...recordsForScore("2026-09", "s1", 9000)])).toEqual(
      NONE,
    );
  });

  it("(5) three people strictly lower → not in the last three; ties are included", () => {
    const both = (id: string, s: number) => [
      ...recordsForScore("2026-07", id, s),
      ...recordsForScore("2026-08", id, s),
    ];
    // s1 92, s2/s3/l3 90: s1 has 3 lower → fine; the others are last three → w2, w3.
    expect(
      reasonsOf(
        quarter({
          records: [...both("s1", 9200), ...both("s2", 9000), ...both("s3", 9000), ...both("l3", 9000)],
        }),
      ),
    ).toEqual({
      w1: [],
      w2: [5],
      w3: [5],
    });
    // s1, s2, s3, l3 all tied at 91: nobody is strictly lower → all four in the last three.
    expect(
      reasonsOf(
        quarter({
          records: [...both("s1", 9100), ...both("s2", 9100), ...both("s3", 9100), ...both("l3", 9100)],
        }),
      ),
    ).toEqual({
      w1: [5],
      w2: [5],
      w3: [5],
    });
  });

  it("(6) only one person posted", () => {
    const q = quarter({ people: PEOPLE.filter((p) => p.id !== "s3") });
    expect(reasonsOf(q)).toEqual({ ...NONE, w3: [6] });
    // 100 − 0.2 (W-STAFF-SINGLE) each month → 99.8
    expect(q.windows.find((w) => w.id === "w3")!.scoreHundredths).toBe(9980);
  });

  it("(7) pooled quarter satisfaction below 97 %; exactly 97 % is fine", () => {
    const rate = (aug: [number, number, number]) =>
      reasonsOf(
        quarter({
          ratings: [
            { month: "2026-07", person: "s1", satisfied: 100, basic: 0, unsatisfied: 0 },
            { month: "2026-08", person: "l1", satisfied: aug[0], basic: aug[1], unsatisfied: aug[2] },
          ],
        }),
      );
    expect(rate([90, 0, 10])).toEqual({ ...NONE, w1: [7] }); // 190 / 200 = 95 %
    expect(rate([94, 0, 6])).toEqual(NONE); // 194 / 200 = 97 %
    expect(rate([90, 4, 6])).toEqual(NONE); // 基本满意 counts: 97 %
  });

  it("(8) two or more dissatisfied follow-ups; a linked staff/window pair counts once", () => {
    const r = (records: ScoredRecord[]) => reasonsOf(quarter({ records }));
    expect(r([wrec("2026-07", "w1", "W-CALLBACK", 100, 2)])).toEqual({ ...NONE, w1: [8] });
    expect(r([wrec("2026-07", "w1", "W-CALLBACK", 100), wrec("2026-09", "w1", "W-CALLBACK", 100)])).toEqual({
      ...NONE,
      w1: [8],
    });
    expect(r([wrec("2026-07", "w1", "W-CALLBACK", 100)])).toEqual(NONE);
    expect(
      r([rec("2026-07", "s1", "S-EVAL-CALLBACK", 500), wrec("2026-07", "w1", "W-CALLBACK", 100)]),
    ).toEqual(NONE);
    expect(
      r([rec("2026-07", "s1", "S-EVAL-CALLBACK", 500), rec("2026-08", "l1", "S-EVAL-CALLBACK", 500)]),
    ).toEqual({
      ...NONE,
      w1: [8],
    });
  });

  it("(9) punished by 纪委/监委, on the window or on a person", () => {
    expect(reasonsOf(quarter({ records: [wrec("2026-09", "w2", "W-GRAFT", 1000)] }))).toEqual({
      ...NONE,
      w2: [9],
    });
    expect(reasonsOf(quarter({ records: [rec("2026-07", "l1", "S-DIS-GRAFT", 2000)] }))).toEqual({
      ...NONE,
      w1: [9],
    });
  });

  it("several reasons are listed ascending", () => {
    const q = quarter({
      windows: WINDOWS.map((w) => (w.id === "w1" ? { ...w, flags: [4] } : w)),
      records: [rec("2026-07", "l1", "S-DIS-GRAFT", 2000), wrec("2026-08", "w1", "W-BAN", 1000)],
    });
    expect(q.windows.find((w) => w.id === "w1")).toMatchObject({
      leadingEligible: false,
      reasons: [3, 4, 9],
    });
  });
});

describe("year (§5, §7)", () => {
  // a (leader) and b at w1 for all of 2026. a: 100 except June 94 (S-DIS-RUDE 6); b: 100 except March 99.
  const people: ScoringPerson[] = [
    { id: "a", window: "w1", role: "window_leader" },
    { id: "b", window: "w1", role: "staff" },
  ];
  const windows: ScoringWindow[] = [{ id: "w1", profile: { ...CLEAN } }];
  const records = [rec("2026-06", "a", "S-DIS-RUDE", 600), rec("2026-03", "b", "S-ATT-LATE", 100)];
  const ms: MonthResult[] = [];
  for (let i = 1; i <= 12; i++) {
    const m = `2026-${String(i).padStart(2, "0")}`;
    ms.push(
      scoreMonth(
        { month: m, people, windows, records, personalLeave: [], ratings: [], secondments: [] },
        undefined,
        ms[ms.length - 1],
      ),
    );
  }
  const qs = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map((quarter) =>
    scoreQuarter({
      quarter,
      months: ms.filter((m) => monthsOfQuarter(quarter).includes(m.month)),
      people,
      windows,
      evaluations: new Map([
        ["a", 500],
        ["b", 500],
      ]),
    }),
  );

  it("window quarters from the rounded monthly scores", () => {
    // w1 monthly: Mar (100 + 99)/2 = 99.5, Jun (94 + 100)/2 = 97, others 100.
    // Q1 299.5/3 = 99.833 → 99.83; Q2 297/3 = 99; Q3, Q4 100.
    expect(qs.map((q) => q.windows[0]!.scoreHundredths)).toEqual([9983, 9900, 10000, 10000]);
  });

  it("score = mean + 3 × awards + evaluation", () => {
    const y = scoreYear({
      year: "2026",
      months: ms,
      quarters: qs,
      stars: new Map([["a", 2]]),
      leading: new Map([["w1", 1]]),
      personEvaluations: new Map([
        ["a", 825],
        ["b", 1000],
      ]),
      windowEvaluations: new Map([["w1", 950]]),
    });
    expect(y.pending).toBe(false);
    // a: (11 × 100 + 94) / 12 = 99.5; + 3 × 2 + 8.25 = 113.75
    // b: (11 × 100 + 99) / 12 = 99.9167 → 99.92; + 0 + 10 = 109.92
    expect(y.people.map((p) => [p.id, p.meanHundredths, p.stars, p.scoreHundredths])).toEqual([
      ["a", 9950, 2, 11375],
      ["b", 9992, 0, 10992],
    ]);
    // w1: (99.83 + 99 + 100 + 100) / 4 = 99.7075 → 99.71; + 3 × 1 + 9.5 = 112.21
    expect(y.windows).toEqual([
      { id: "w1", meanHundredths: 9971, leading: 1, evaluationHundredths: 950, scoreHundredths: 11221 },
    ]);
  });

  it("pending until every year evaluation is entered", () => {
    const y = scoreYear({
      year: "2026",
      months: ms,
      quarters: qs,
      stars: new Map(),
      leading: new Map(),
      personEvaluations: new Map([["a", 825]]),
      windowEvaluations: new Map(),
    });
    expect(y.pending).toBe(true);
    expect(y.missingEvaluations).toEqual({ people: ["b"], windows: ["w1"] });
    expect(y.people.every((p) => p.scoreHundredths === null)).toBe(true);
    expect(y.windows.every((w) => w.scoreHundredths === null)).toBe(true);
  });
});
