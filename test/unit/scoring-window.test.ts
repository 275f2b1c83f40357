// Window monthly scoring, RULES.md §6. Points in hundredths; expected values worked out by hand.
import { describe, expect, it } from "vitest";
import {
  contractStaffDeduction,
  DEFAULT_SCORING_SETTINGS,
  type MonthInput,
  type MonthResult,
  type ScoringPerson,
  type ScoringWindow,
  scoreMonth,
  type WindowMonthResult,
  type WindowProfile,
} from "../../src/domain/scoring/index.ts";
import { CLEAN, rec, wrec } from "../helpers/scoring.ts";

const S = DEFAULT_SCORING_SETTINGS;

const person = (id: string, window: string, extra: Partial<ScoringPerson> = {}): ScoringPerson => ({
  id,
  window,
  role: "staff",
  ...extra,
});
const win = (id: string, profile: Partial<WindowProfile> = {}): ScoringWindow => ({
  id,
  profile: { ...CLEAN, ...profile },
});
function month(m: string, people: ScoringPerson[], windows: ScoringWindow[], more: Partial<MonthInput> = {}) {
  return scoreMonth({
    month: m,
    people,
    windows,
    records: [],
    personalLeave: [],
    ratings: [],
    secondments: [],
    ...more,
  });
}
const w = (r: MonthResult, id: string): WindowMonthResult => {
  const x = r.windows.find((y) => y.id === id);
  if (!x) throw new Error(`no window ${id}`);
  return x;
};
/** Two people at w1, both 100 unless records say otherwise. */
const pair = [person("a", "w1"), person("b", "w1")];
const codes = (x: WindowMonthResult) => x.lines.map((l) => [l.code, l.totalHundredths]);

describe("mean of the window's people", () => {
  it("rounds half-up to hundredths: (90.01 + 90.00) / 2 = 90.005 → 90.01", () => {
    const r = month("2026-07", pair, [win("w1")], {
      records: [rec("2026-07", "a", "S-DIS-SITE", 999), rec("2026-07", "b", "S-DIS-SITE", 1000)],
    });
    expect(w(r, "w1").peopleMeanHundredths).toBe(9001);
    expect(w(r, "w1").scoreHundredths).toBe(9001);
  });

  it("(90.5 + 95 + 99.99) / 3 = 95.163… → 95.16", () => {
    const r = month("2026-07", [...pair, person("c", "w1")], [win("w1")], {
      records: [
        rec("2026-07", "a", "S-DIS-SITE", 950),
        rec("2026-07", "b", "S-DIS-SITE", 500),
        rec("2026-07", "c", "S-DIS-SITE", 101),
        rec("2026-07", "c", "S-BON-ARTICLE", 100), // c: 100 − 1.01 + 1 = 99.99
      ],
    });
    expect(w(r, "w1").peopleMeanHundredths).toBe(9516);
  });

  it("only the window's own people in evaluation count", () => {
    const r = month(
      "2026-07",
      [...pair, person("x", "w2"), person("late", "w1", { joined: "2026-08-03" })],
      [win("w1"), win("w2")],
      { records: [rec("2026-07", "x", "S-DIS-SITE", 1000)] },
    );
    expect(w(r, "w1").peopleIds).toEqual(["a", "b"]);
    expect(w(r, "w1").peopleMeanHundredths).toBe(10000);
  });

  it("a window with nobody in evaluation is not scored that month", () => {
    const r = month("2026-07", pair, [win("w1"), win("empty")]);
    expect(r.windows.map((x) => x.id)).toEqual(["w1"]);
  });
});

describe("profile and roster items", () => {
  it("NOTMID 0.3 + NOTHEAD 0.2 + 3 missing × 0.1 + 3 unauthorised × 0.05 = 0.95", () => {
    const r = month("2026-07", pair, [
      win("w1", { leaderNotMiddle: true, leaderNotHead: true, missingItems: 3, unauthorisedItems: 3 }),
    ]);
    expect(codes(w(r, "w1"))).toEqual([
      ["W-STAFF-NOTMID", 30],
      ["W-STAFF-NOTHEAD", 20],
      ["W-ITEM-MISSING", 30],
      ["W-ITEM-AUTH", 15],
    ]);
    expect(w(r, "w1").scoreHundredths).toBe(10000 - 95);
  });

  it("W-STAFF-SINGLE 0.2 when one person is posted, none for two", () => {
    const one = month("2026-07", [person("a", "w1")], [win("w1")]);
    expect(codes(w(one, "w1"))).toEqual([["W-STAFF-SINGLE", 20]]);
    expect(w(one, "w1").scoreHundredths).toBe(9980);
    expect(codes(w(month("2026-07", pair, [win("w1")]), "w1"))).toEqual([]);
  });

  // 0.1 per started 20 percentage points above 20 %, at most 0.4.
  it.each([
    [0, 5, 0], // 0 %
    [1, 5, 0], // 20 %: not above 20 %
    [1, 4, 10], // 25 %: 5 points above → 1 started step → 0.1
    [2, 5, 10], // 40 %: 20 points above → exactly 1 step → 0.1
    [7, 17, 20], // 41.18 %: 21.18 above → 2 started steps → 0.2
    [3, 5, 20], // 60 %: 40 above → 2 steps → 0.2
    [3, 4, 30], // 75 %: 55 above → 3 → 0.3
    [4, 5, 30], // 80 %: 60 above → 3 → 0.3
    [7, 8, 40], // 87.5 %: 67.5 above → 4 → 0.4
    [2, 2, 40], // 100 %: 80 above → 4 → 0.4 (the cap)
  ])("W-STAFF-CONTRACT: %i of %i non-establishment → %i", (nonEst, total, pts) => {
    expect(contractStaffDeduction(nonEst, total, S)).toBe(pts);
    const people = Array.from({ length: total }, (_, i) =>
      person(`p${i}`, "w1", i < nonEst ? { establishment: false } : {}),
    );
    const r = month("2026-07", people, [win("w1")]);
    const line = w(r, "w1").lines.find((l) => l.code === "W-STAFF-CONTRACT");
    expect(line?.totalHundredths ?? 0).toBe(pts);
  });

  it("the contract rule is a setting: 0.2 per started 10 points", () => {
    const s = {
      ...S,
      contractStaff: { ...S.contractStaff, stepPercent: 10, pointsPerStepHundredths: 20, maxHundredths: 40 },
    };
    // 1 of 4 = 25 %: 5 above → 1 step of 10 → 0.2; 2 of 4 = 50 %: 30 above → 3 steps → 0.6 → cap 0.4.
    expect(contractStaffDeduction(1, 4, s)).toBe(20);
    expect(contractStaffDeduction(2, 4, s)).toBe(40);
  });
});

describe("satisfaction items (pooled counts of the window's people)", () => {
  const rated = (a: [number, number, number], b: [number, number, number]) =>
    month("2026-07", pair, [win("w1")], {
      ratings: [
        { person: "a", satisfied: a[0], basic: a[1], unsatisfied: a[2] },
        { person: "b", satisfied: b[0], basic: b[1], unsatisfied: b[2] },
      ],
    });

  it("97 % pooled → nothing", () => {
    // a 50/0/0, b 40/7/3: (50 + 47) / 100 = 97 %.
    expect(codes(w(rated([50, 0, 0], [40, 7, 3]), "w1"))).toEqual([]);
  });

  it("96 % pooled → W-EVAL-RATE97 (1), though b alone (92 %) gets S-EVAL-RATE", () => {
    // a 50/0/0, b 46/0/4: 96/100. b: 46/50 = 92 % < 95 → b scores 94, window mean (100 + 94)/2 = 97.
    const r = rated([50, 0, 0], [46, 0, 4]);
    expect(codes(w(r, "w1"))).toEqual([["W-EVAL-RATE97", 100]]);
    expect(w(r, "w1").scoreHundredths).toBe(9700 - 100);
  });

  it("exactly 95 % pooled → RATE97 only", () => {
    expect(codes(w(rated([50, 0, 0], [45, 0, 5]), "w1"))).toEqual([["W-EVAL-RATE97", 100]]);
  });

  it("94.9 % pooled → W-EVAL-RATE95 (3) replaces RATE97", () => {
    // a 500/0/0, b 449/0/51: 949/1000.
    expect(codes(w(rated([500, 0, 0], [449, 0, 51]), "w1"))).toEqual([["W-EVAL-RATE95", 300]]);
  });

  it("基本满意 counts as satisfied", () => {
    expect(codes(w(rated([0, 50, 0], [0, 48, 2]), "w1"))).toEqual([]); // 98 %
  });

  it("no ratings → no rate, no item", () => {
    expect(codes(w(month("2026-07", pair, [win("w1")]), "w1"))).toEqual([]);
  });
});

describe("filed window records and the bonus cap", () => {
  it("score = mean − deductions + bonus: 100 − 5 (W-AB) − 0.4 (2 × W-REPORT-LATE) + 0.5 (speed) = 95.1", () => {
    const r = month("2026-07", pair, [win("w1")], {
      records: [
        wrec("2026-07", "w1", "W-AB", 500),
        wrec("2026-07", "w1", "W-REPORT-LATE", 20, 2),
        wrec("2026-07", "w1", "W-BON-SPEED", 50),
        wrec("2026-08", "w1", "W-AB", 500), // another month
      ],
    });
    expect(w(r, "w1")).toMatchObject({
      deductionsHundredths: 540,
      bonusHundredths: 50,
      scoreHundredths: 9510,
    });
  });

  it("bonus is capped at 10: 2 × national 5 + county 1 = 11 → 10", () => {
    const r = month("2026-07", pair, [win("w1")], {
      records: [wrec("2026-07", "w1", "W-BON-NATIONAL", 500, 2), wrec("2026-07", "w1", "W-BON-COUNTY", 100)],
    });
    expect(w(r, "w1")).toMatchObject({
      bonusRawHundredths: 1100,
      bonusHundredths: 1000,
      scoreHundredths: 11000,
    });
  });

  it("per-month items (§8): W-BON-SERVICE 2 × 2, W-BON-SPEED 0.5 × 3 → 2 + 0.5 = 2.5, not 5.5", () => {
    // Issue #12 finding 1: all five filings were summed (4 + 1.5 = 5.5). Each item's range is the most a
    // window gets in a month: W-BON-SERVICE 0.1–2 → 2, W-BON-SPEED 0.1–0.5 → 0.5. Mean 100 + 2.5 = 102.5.
    const r = month("2026-07", pair, [win("w1")], {
      records: [
        wrec("2026-07", "w1", "W-BON-SERVICE", 200),
        wrec("2026-07", "w1", "W-BON-SERVICE", 200),
        wrec("2026-07", "w1", "W-BON-SPEED", 50),
        wrec("2026-07", "w1", "W-BON-SPEED", 50),
        wrec("2026-07", "w1", "W-BON-SPEED", 50),
      ],
    });
    expect(w(r, "w1")).toMatchObject({
      bonusRawHundredths: 250,
      bonusHundredths: 250,
      scoreHundredths: 10250,
    });
    expect(
      w(r, "w1")
        .lines.filter((l) => !l.counted)
        .map((l) => [l.code, l.notCountedReason]),
    ).toEqual([
      ["W-BON-SERVICE", "month_cap"],
      ["W-BON-SPEED", "month_cap"],
      ["W-BON-SPEED", "month_cap"],
    ]);
  });

  it("provincial commendation: 4 per person commended, 3 people → 12 → capped 10", () => {
    const r = month("2026-07", pair, [win("w1")], {
      records: [wrec("2026-07", "w1", "W-BON-PROVINCE", 400, 3)],
    });
    expect(w(r, "w1").bonusHundredths).toBe(1000);
  });

  it("records are taken as filed: a staff item does not add its linked window item here", () => {
    const r = month("2026-07", pair, [win("w1")], { records: [rec("2026-07", "a", "S-SVC-FIRSTASK", 600)] });
    expect(codes(w(r, "w1"))).toEqual([]);
    expect(w(r, "w1").scoreHundredths).toBe(9700); // (94 + 100) / 2
  });
});

describe("W-INFO-QUOTA is charged in the quarter's last month (config)", () => {
  const quota = [
    wrec("2026-07", "w1", "W-INFO-QUOTA", 50),
    wrec("2026-09", "w1", "W-INFO-QUOTA", 50),
    wrec("2026-06", "w1", "W-INFO-QUOTA", 50), // Q2's: charged in June, not in Q3
  ];
  const score = (m: string, s = S) =>
    w(
      scoreMonth(
        {
          month: m,
          people: pair,
          windows: [win("w1")],
          records: quota,
          personalLeave: [],
          ratings: [],
          secondments: [],
        },
        s,
      ),
      "w1",
    ).scoreHundredths;

  it("July and August carry none, September carries both of Q3's (2 × 0.5)", () => {
    expect(score("2026-07")).toBe(10000);
    expect(score("2026-08")).toBe(10000);
    expect(score("2026-09")).toBe(9900);
    expect(score("2026-06")).toBe(9950);
  });

  it("setting 'filed_month' charges each in its own month", () => {
    const s = { ...S, infoQuotaMonth: "filed_month" as const };
    expect(score("2026-07", s)).toBe(9950);
    expect(score("2026-08", s)).toBe(10000);
    expect(score("2026-09", s)).toBe(9950);
  });
});

describe("window ranks", () => {
  it("competition ranking of window scores", () => {
    const people = [person("a", "w1"), person("b", "w2"), person("c", "w3"), person("d", "w4")];
    const r = month("2026-07", people, [win("w1"), win("w2"), win("w3"), win("w4")], {
      records: [rec("2026-07", "a", "S-ATT-LATE", 100), rec("2026-07", "d", "S-ATT-NOPUNCH", 200)],
    });
    // Each is single (−0.2): w2 = w3 = 99.8, w1 = 98.8, w4 = 97.8.
    expect(r.windows.map((x) => [x.id, x.scoreHundredths, x.rank])).toEqual([
      ["w2", 9980, 1],
      ["w3", 9980, 1],
      ["w1", 9880, 3],
      ["w4", 9780, 4],
    ]);
  });
});
