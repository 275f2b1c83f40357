// Staff monthly scoring, RULES.md §4. Points in hundredths (9295 = 92.95), money in fen.
// Every expected value is worked out by hand from the rules in the comment next to it.
import { describe, expect, it } from "vitest";
import {
  bandEdges,
  DEFAULT_SCORING_SETTINGS,
  type MonthInput,
  type MonthResult,
  monthMoney,
  type PersonMonthResult,
  type ScoringPerson,
  type ScoringSettings,
  scoreMonth,
} from "../../src/domain/scoring/index.ts";
import { rec, recordsForScore } from "../helpers/scoring.ts";

const S = DEFAULT_SCORING_SETTINGS;

function staff(id: string, window = "w1", extra: Partial<ScoringPerson> = {}): ScoringPerson {
  return { id, window, role: "staff", ...extra };
}
function leader(id: string, window = "w1", extra: Partial<ScoringPerson> = {}): ScoringPerson {
  return { id, window, role: "window_leader", ...extra };
}
function input(month: string, people: ScoringPerson[], more: Partial<MonthInput> = {}): MonthInput {
  return {
    month,
    people,
    windows: [],
    records: [],
    personalLeave: [],
    ratings: [],
    secondments: [],
    ...more,
  };
}
/** A month where person i scores scores[i]. */
function monthWithScores(month: string, scores: number[], settings?: ScoringSettings, prev?: MonthResult) {
  const people = scores.map((_, i) => staff(`p${i + 1}`));
  const records = scores.flatMap((s, i) => recordsForScore(month, `p${i + 1}`, s));
  return scoreMonth(input(month, people, { records }), settings, prev);
}
const get = (m: MonthResult, id: string): PersonMonthResult => {
  const p = m.people.find((x) => x.id === id);
  if (!p) throw new Error(`no ${id}`);
  return p;
};

describe("the scoredAt helper (guards the other tests)", () => {
  it.each([10000, 9999, 9499, 9450, 8999, 9201, 9200, 7000, 10300])("scores %i", (s) => {
    expect(get(monthWithScores("2026-07", [s]), "p1").scoreHundredths).toBe(s);
  });
});

describe("base and bonus", () => {
  it("base = 100 − Σ deductions with no floor", () => {
    // 6 × S-DIS-LEISURE 20 = 120 → base 100 − 120 = −20; score −20.
    const m = scoreMonth(
      input("2026-07", [staff("a")], { records: [rec("2026-07", "a", "S-DIS-LEISURE", 2000, 6)] }),
    );
    expect(get(m, "a")).toMatchObject({
      deductionsHundredths: 12000,
      baseHundredths: -2000,
      scoreHundredths: -2000,
    });
  });

  it("0.05-step exact: 100 − 1.55 (S-DIS-IT) − 1.4 = 97.05", () => {
    const m = scoreMonth(
      input("2026-07", [staff("a")], {
        records: [rec("2026-07", "a", "S-DIS-IT", 155), rec("2026-07", "a", "S-DIS-SITE", 140)],
      }),
    );
    expect(get(m, "a").scoreHundredths).toBe(9705);
  });

  it("bonus is capped at 5: 3 (overtime) + 2.5 (article) = 5.5 → 5", () => {
    const m = scoreMonth(
      input("2026-07", [staff("a"), staff("b")], {
        records: [
          rec("2026-07", "a", "S-BON-OVERTIME", 300),
          rec("2026-07", "a", "S-BON-ARTICLE", 250),
          rec("2026-07", "b", "S-BON-ARTICLE", 50, 9), // 0.5 × 9 = 4.5, under the cap
        ],
      }),
    );
    expect(get(m, "a")).toMatchObject({
      bonusRawHundredths: 550,
      bonusHundredths: 500,
      scoreHundredths: 10500,
    });
    expect(get(m, "b")).toMatchObject({ bonusHundredths: 450, scoreHundredths: 10450 });
  });

  it("the bonus does not offset deductions beyond the cap: 100 − 6 + min(5, 8) = 99", () => {
    const m = scoreMonth(
      input("2026-07", [staff("a")], {
        records: [
          rec("2026-07", "a", "S-SVC-FIRSTASK", 600),
          rec("2026-07", "a", "S-BON-INNOVATION", 500),
          rec("2026-07", "a", "S-BON-OVERTIME", 300),
        ],
      }),
    );
    expect(get(m, "a")).toMatchObject({ baseHundredths: 9400, bonusHundredths: 500, scoreHundredths: 9900 });
  });

  it("S-BON-HONOUR counts only on top of an S-BON-ACTIVITY the same month", () => {
    const m = scoreMonth(
      input("2026-07", [staff("a"), staff("b")], {
        records: [
          rec("2026-07", "a", "S-BON-HONOUR", 300), // no activity → kept, not counted
          rec("2026-07", "b", "S-BON-ACTIVITY", 200),
          rec("2026-07", "b", "S-BON-HONOUR", 200), // 2 + 2 = 4
          rec("2026-06", "a", "S-BON-ACTIVITY", 200), // another month: does not help a
        ],
      }),
    );
    expect(get(m, "a").bonusHundredths).toBe(0);
    expect(get(m, "a").lines).toContainEqual(
      expect.objectContaining({ code: "S-BON-HONOUR", counted: false, notCountedReason: "requires" }),
    );
    expect(get(m, "b").bonusHundredths).toBe(400);
  });

  it("S-BON-LEADER counts for a window leader only", () => {
    const m = scoreMonth(
      input("2026-07", [leader("l"), staff("s")], {
        records: [rec("2026-07", "l", "S-BON-LEADER", 300), rec("2026-07", "s", "S-BON-LEADER", 300)],
      }),
    );
    expect(get(m, "l").scoreHundredths).toBe(10300);
    expect(get(m, "s").scoreHundredths).toBe(10000);
    expect(get(m, "s").lines[0]).toMatchObject({ counted: false, notCountedReason: "leader_only" });
  });

  it("ignores records of other months", () => {
    const m = scoreMonth(
      input("2026-07", [staff("a")], { records: [rec("2026-08", "a", "S-ATT-LATE", 100)] }),
    );
    expect(get(m, "a").scoreHundredths).toBe(10000);
  });
});

describe("automatic items", () => {
  const leave = (halfDays: number[]) =>
    get(
      scoreMonth(
        input("2026-07", [staff("a")], {
          personalLeave: halfDays.map((h) => ({ person: "a", halfDays: h })),
        }),
      ),
      "a",
    );

  it.each([
    [[5], 0], // 2.5 days < 3 → nothing
    [[6], 500], // exactly 3 working days (包括3个工作日) → 5
    [[7], 550], // 3.5 days → 5 + 0.5
    [[9], 650], // 4.5 days → 5 + 3 × 0.5
    [[20], 1200], // 10 days → 5 + 14 × 0.5
    [[2, 4], 500], // two requests, 1 + 2 days = 3 → 5
  ])("S-ATT-PERSONAL for %j half days = %i", (h, points) => {
    const p = leave(h);
    expect(p.deductionsHundredths).toBe(points);
    if (points > 0)
      expect(p.lines).toContainEqual(
        expect.objectContaining({ code: "S-ATT-PERSONAL", source: "automatic", totalHundredths: points }),
      );
  });

  const rated = (satisfied: number, basic: number, unsatisfied: number) =>
    get(
      scoreMonth(
        input("2026-07", [staff("a")], { ratings: [{ person: "a", satisfied, basic, unsatisfied }] }),
      ),
      "a",
    );

  it.each([
    [95, 0, 5, 0], // 95 % is not below 95 %
    [90, 5, 5, 0], // 基本满意 counts as satisfied: 95 %
    [18, 1, 1, 0], // 19/20 = 95 %
    [94, 0, 6, 600], // 94 % → 6
    [949, 0, 51, 600], // 94.9 %
    [0, 0, 1, 600], // 0 %
    [0, 0, 0, 0], // no ratings → no rate, no deduction
  ])("S-EVAL-RATE for %i/%i/%i → %i", (s, b, u, points) => {
    expect(rated(s, b, u).deductionsHundredths).toBe(points);
  });

  it("no ratings entry at all → no deduction", () => {
    expect(get(scoreMonth(input("2026-07", [staff("a")])), "a").deductionsHundredths).toBe(0);
  });
});

describe("leader charges", () => {
  it("S-ATT-FALSETRIP: 5 to the person, 2 per count to their window leader", () => {
    const m = scoreMonth(
      input("2026-07", [leader("l"), staff("s"), leader("other", "w2")], {
        records: [rec("2026-07", "s", "S-ATT-FALSETRIP", 500, 2)],
      }),
    );
    expect(get(m, "s").scoreHundredths).toBe(9000); // 100 − 2 × 5
    expect(get(m, "l").scoreHundredths).toBe(9600); // 100 − 2 × 2
    expect(get(m, "other").scoreHundredths).toBe(10000); // another window's leader is not charged
    expect(get(m, "l").lines).toEqual([
      expect.objectContaining({
        code: "S-ATT-FALSETRIP",
        source: "leader_charge",
        fromPerson: "s",
        totalHundredths: 400,
      }),
    ]);
  });

  it("S-ATT-FALSETRIP by the leader: only the 5 as the person concerned", () => {
    const m = scoreMonth(
      input("2026-07", [leader("l"), staff("s")], { records: [rec("2026-07", "l", "S-ATT-FALSETRIP", 500)] }),
    );
    expect(get(m, "l").scoreHundredths).toBe(9500);
  });

  it("S-ATT-DELEGATE: filed on the delegate (2), their window's leader charged 1", () => {
    const m = scoreMonth(
      input("2026-07", [leader("l"), staff("d")], { records: [rec("2026-07", "d", "S-ATT-DELEGATE", 200)] }),
    );
    expect(get(m, "d").scoreHundredths).toBe(9800);
    expect(get(m, "l").scoreHundredths).toBe(9900);
  });
});

describe("who is in evaluation", () => {
  it("a mid-month or last-day arrival counts; the next day's does not; a person gone before the month does not", () => {
    const m = scoreMonth(
      input("2026-07", [
        staff("a", "w1", { joined: "2026-07-31" }),
        staff("b", "w1", { joined: "2026-08-01" }),
        staff("c", "w1", { left: "2026-06-30" }),
        staff("d", "w1", { left: "2026-07-01" }),
        staff("e", "w1", { joined: "2026-07-15" }),
      ]),
    );
    expect(m.people.map((p) => p.id).sort()).toEqual(["a", "d", "e"]);
    expect(m.headCount).toBe(3);
  });
});

describe("ranking and bands", () => {
  it("competition ranking 1, 2, 2, 4", () => {
    const m = monthWithScores("2026-07", [10000, 9900, 9900, 9800]);
    expect(m.people.map((p) => [p.id, p.rank])).toEqual([
      ["p1", 1],
      ["p2", 2],
      ["p3", 2],
      ["p4", 4],
    ]);
  });

  it.each([
    // N, b1 = round(0.7N), b2 = round(0.9N) (四舍五入)
    [1, 1, 1], // 0.7 → 1, 0.9 → 1
    [2, 1, 2], // 1.4 → 1, 1.8 → 2
    [3, 2, 3], // 2.1 → 2, 2.7 → 3
    [5, 4, 5], // 3.5 → 4, 4.5 → 5 (half up)
    [10, 7, 9],
    [15, 11, 14], // 10.5 → 11, 13.5 → 14
    [25, 18, 23], // 17.5 → 18, 22.5 → 23
  ])("N = %i: b1 = %i, b2 = %i", (n, b1, b2) => {
    expect(bandEdges(n, S)).toEqual({ b1, b2 });
  });

  it.each([
    [5, 3, 4], // down: 3.5 → 3, 4.5 → 4
    [15, 10, 13],
    [1, 0, 0],
  ])("rounding down (config), N = %i: b1 = %i, b2 = %i", (n, b1, b2) => {
    expect(bandEdges(n, { ...S, bandRounding: "down" })).toEqual({ b1, b2 });
  });

  it("10 distinct scores: 7 in band 1, 2 in band 2, 1 in band 3", () => {
    const m = monthWithScores("2026-07", [10000, 9990, 9980, 9970, 9960, 9950, 9940, 9930, 9920, 9910]);
    expect(m.people.map((p) => p.band)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 3]);
    expect(m.people.map((p) => p.amountFen)).toEqual([
      50000, 50000, 50000, 50000, 50000, 50000, 50000, 45000, 45000, 40000,
    ]);
  });

  it("people tied across the band-1 edge all get band 1", () => {
    // N = 10, b1 = 7: 7th and 8th tie at 99.4 → both rank 7 → band 1; 9th rank 9 → band 2; 10th band 3.
    const m = monthWithScores("2026-07", [10000, 9990, 9980, 9970, 9960, 9950, 9940, 9940, 9920, 9910]);
    expect(m.people.map((p) => [p.rank, p.band])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 1],
      [7, 1],
      [7, 1],
      [9, 2],
      [10, 3],
    ]);
  });

  it("people tied across the band-2 edge all get band 2", () => {
    // N = 10, b2 = 9: 9th and 10th tie → both rank 9 → band 2, nobody in band 3.
    const m = monthWithScores("2026-07", [10000, 9990, 9980, 9970, 9960, 9950, 9940, 9930, 9920, 9920]);
    expect(m.people.map((p) => p.band)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
  });

  it("everyone tied: all rank 1, band 1", () => {
    const m = monthWithScores("2026-07", [9700, 9700, 9700]);
    expect(m.people.map((p) => [p.rank, p.band])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  it("N = 5 with rounding down: b1 = 3, b2 = 4, so the 4th is band 2 and the 5th band 3", () => {
    const scores = [10000, 9900, 9800, 9700, 9600];
    const half = monthWithScores("2026-07", scores);
    expect(half.people.map((p) => p.band)).toEqual([1, 1, 1, 1, 2]); // half up: b1 = 4, b2 = 5
    const down = monthWithScores("2026-07", scores, { ...S, bandRounding: "down" });
    expect(down.people.map((p) => p.band)).toEqual([1, 1, 1, 2, 3]);
  });
});

describe("money", () => {
  // One person alone: N = 1, b1 = round(0.7) = 1 → band 1, 500 元 = 50000 fen.
  it.each([
    [10000, 50000, "full"],
    [9500, 50000, "full"], // exactly 95 → full
    [9499, 25000, "half"], // 94.99 → half
    [9450, 25000, "half"], // 94.5 (between "94" and "95") → half
    [9400, 25000, "half"],
    [9000, 25000, "half"], // exactly 90 (含90分) → half
    [8999, 0, "none"], // 89.99 → none
    [7000, 0, "none"],
  ])("score %i → %i fen (%s)", (score, fen, reason) => {
    const p = get(monthWithScores("2026-07", [score]), "p1");
    expect(p.band).toBe(1);
    expect(p.amountFen).toBe(fen);
    expect(p.moneyReason).toBe(reason);
  });

  it("half of bands 2 and 3: 225 and 200 元", () => {
    // N = 10 → b1 = 7, b2 = 9; 8th at 94 (band 2, half of 450), 10th at 90 (band 3, half of 400).
    const m = monthWithScores("2026-07", [10000, 9990, 9980, 9970, 9960, 9950, 9940, 9400, 9300, 9000]);
    expect(get(m, "p8")).toMatchObject({ band: 2, amountFen: 22500, moneyReason: "half" });
    expect(get(m, "p9")).toMatchObject({ band: 2, amountFen: 22500 });
    expect(get(m, "p10")).toMatchObject({ band: 3, amountFen: 20000 });
  });

  it("half-money range is a setting: fullMoneyMin 94.01 makes 94.5 full", () => {
    const p = get(monthWithScores("2026-07", [9450], { ...S, fullMoneyMinHundredths: 9401 }), "p1");
    expect(p.amountFen).toBe(50000);
  });

  it("amounts are a setting", () => {
    const p = get(monthWithScores("2026-07", [10000], { ...S, bandAmountsFen: [60000, 50000, 40000] }), "p1");
    expect(p.amountFen).toBe(60000);
  });

  const seconded = (score: number, halfDays: number, workingDays: number, settings = S) =>
    get(
      scoreMonth(
        input("2026-07", [staff("p1")], {
          records: recordsForScore("2026-07", "p1", score),
          secondments: [{ person: "p1", halfDays, workingDays }],
        }),
        settings,
      ),
      "p1",
    );

  it("secondment: 3 of 23 working days → 500 × 20/23 = 434.7826… → 434.78 元", () => {
    const p = seconded(10000, 6, 23);
    expect(p.amountFen).toBe(43478);
    expect(p.moneyReason).toBe("full");
    expect(p.scoreHundredths).toBe(10000); // no deduction for the secondment itself
  });

  it("secondment: 1.5 of 22 days → 500 × 41/44 = 465.909… → 465.91 元", () => {
    expect(seconded(10000, 3, 22).amountFen).toBe(46591);
  });

  it("secondment rounds half-up to the fen: 0.5 of 16 days → 50000 × 31/32 = 48437.5 → 48438 fen", () => {
    expect(seconded(10000, 1, 16).amountFen).toBe(48438);
  });

  it("secondment after halving: 250 × 40/46 = 217.391… → 217.39 元", () => {
    expect(seconded(9400, 6, 23).amountFen).toBe(21739);
  });

  it("secondment of the whole month → 0; below 90 stays 0", () => {
    expect(seconded(10000, 46, 23).amountFen).toBe(0);
    expect(seconded(8000, 6, 23).amountFen).toBe(0);
  });

  it("secondment reduction 'whole' (config) withholds the month's money", () => {
    expect(seconded(10000, 1, 23, { ...S, secondmentReduction: "whole" }).amountFen).toBe(0);
  });

  it("monthMoney on its own", () => {
    expect(monthMoney(9500, 45000, undefined, S)).toEqual({ amountFen: 45000, moneyReason: "full" });
    expect(monthMoney(9499, 45000, { halfDays: 0, workingDays: 20 }, S)).toEqual({
      amountFen: 22500,
      moneyReason: "half",
    });
  });
});

describe("per-month items (§8: their range is the most a target gets in a month)", () => {
  it("S-BON-WORKLOAD 2 + 2 in one month counts 2; the second line is shown, not counted", () => {
    // Issue #12 finding 1: two filings of 2 summed to 4. Range 1–2 → at most 2 a month: 100 + 2 = 102.
    const m = scoreMonth(
      input("2026-07", [staff("a")], {
        records: [rec("2026-07", "a", "S-BON-WORKLOAD", 200), rec("2026-07", "a", "S-BON-WORKLOAD", 200)],
      }),
    );
    const a = get(m, "a");
    expect(a.bonusRawHundredths).toBe(200);
    expect(a.scoreHundredths).toBe(10200);
    expect(a.lines.map((l) => [l.counted, l.notCountedReason ?? null, l.totalHundredths])).toEqual([
      [true, null, 200],
      [false, "month_cap", 200],
    ]);
  });

  it("1.5 then 1: the second counts the 0.5 left; another month and another person are apart", () => {
    const m = scoreMonth(
      input("2026-07", [staff("a"), staff("b")], {
        records: [
          rec("2026-07", "a", "S-BON-WORKLOAD", 150),
          rec("2026-07", "a", "S-BON-WORKLOAD", 100),
          rec("2026-06", "a", "S-BON-WORKLOAD", 200), // June: not this month
          rec("2026-07", "b", "S-BON-WORKLOAD", 200), // b's own 2
        ],
      }),
    );
    expect(get(m, "a").bonusRawHundredths).toBe(200); // 1.5 + 0.5
    expect(get(m, "a").lines[1]).toMatchObject({
      counted: true,
      totalHundredths: 50,
      cappedFromHundredths: 100,
    });
    expect(get(m, "b").bonusRawHundredths).toBe(200);
  });
});

describe("transfer recommendation (last in the center twice, ≤ 92 both times)", () => {
  it("no previous month (first month of use) → no flag", () => {
    const m = monthWithScores("2026-07", [10000, 9000]);
    expect(get(m, "p2").transfer).toBe(false);
  });

  it("last with ≤ 92 in two consecutive months → flag", () => {
    const jul = monthWithScores("2026-07", [10000, 9100]);
    const aug = monthWithScores("2026-08", [10000, 9200], S, jul); // exactly 92 (以下 includes it)
    expect(get(aug, "p2").transfer).toBe(true);
    expect(get(aug, "p1").transfer).toBe(false);
  });

  it("exactly 92 in the previous month (the edge of 以下 there too) → flag", () => {
    // Issue #12: only this month's edge was pinned; `<` for the previous month passed every test.
    const jul = monthWithScores("2026-07", [10000, 9200]);
    expect(get(monthWithScores("2026-08", [10000, 9000], S, jul), "p2").transfer).toBe(true);
  });

  it("92.01 in either month → no flag", () => {
    const jul = monthWithScores("2026-07", [10000, 9201]);
    expect(get(monthWithScores("2026-08", [10000, 9000], S, jul), "p2").transfer).toBe(false);
    const jul2 = monthWithScores("2026-07", [10000, 9000]);
    expect(get(monthWithScores("2026-08", [10000, 9201], S, jul2), "p2").transfer).toBe(false);
  });

  it("ties for last are all last", () => {
    const jul = monthWithScores("2026-07", [10000, 9000, 9000]);
    const aug = monthWithScores("2026-08", [10000, 8500, 8500], S, jul);
    expect(get(aug, "p2").transfer).toBe(true);
    expect(get(aug, "p3").transfer).toBe(true);
  });

  it("last only one of the two months → no flag", () => {
    const jul = monthWithScores("2026-07", [10000, 9000, 8900]); // p3 last
    const aug = monthWithScores("2026-08", [10000, 8800, 8900], S, jul); // p2 last
    expect(get(aug, "p2").transfer).toBe(false);
    expect(get(aug, "p3").transfer).toBe(false);
  });

  it("across a quarter end (Sep → Oct) and a year end (Dec → Jan)", () => {
    const sep = monthWithScores("2026-09", [10000, 9000]);
    expect(get(monthWithScores("2026-10", [10000, 9000], S, sep), "p2").transfer).toBe(true);
    const dec = monthWithScores("2026-12", [10000, 9000]);
    expect(get(monthWithScores("2027-01", [10000, 9000], S, dec), "p2").transfer).toBe(true);
  });

  it("a previous result that is not the month before is ignored", () => {
    const jun = monthWithScores("2026-06", [10000, 9000]);
    expect(get(monthWithScores("2026-08", [10000, 9000], S, jun), "p2").transfer).toBe(false);
  });

  it("the whole center counts, not the window", () => {
    // p2 is last of window w1 but p3 (w2) is below: p2 never last in the center.
    const people = [staff("p1"), staff("p2"), staff("p3", "w2")];
    const mk = (m: string, prev?: MonthResult) =>
      scoreMonth(
        input(m, people, { records: [...recordsForScore(m, "p2", 9000), ...recordsForScore(m, "p3", 8000)] }),
        S,
        prev,
      );
    const aug = mk("2026-08", mk("2026-07"));
    expect(get(aug, "p2").transfer).toBe(false);
    expect(get(aug, "p3").transfer).toBe(true);
  });
});

describe("line items for notices", () => {
  it("keeps filed, automatic and leader-charge lines with their totals", () => {
    const m = scoreMonth(
      input("2026-07", [leader("l"), staff("s")], {
        records: [rec("2026-07", "s", "S-ATT-LATE", 100, 2), rec("2026-07", "s", "S-ATT-FALSETRIP", 500)],
        personalLeave: [{ person: "l", halfDays: 6 }],
      }),
    );
    expect(get(m, "s").lines.map((l) => [l.code, l.source, l.totalHundredths])).toEqual([
      ["S-ATT-LATE", "filed", 200],
      ["S-ATT-FALSETRIP", "filed", 500],
    ]);
    expect(get(m, "l").lines.map((l) => [l.code, l.source, l.totalHundredths])).toEqual([
      ["S-ATT-FALSETRIP", "leader_charge", 200],
      ["S-ATT-PERSONAL", "automatic", 500],
    ]);
    expect(get(m, "l").scoreHundredths).toBe(9300); // 100 − 2 − 5
    expect(get(m, "s").scoreHundredths).toBe(9300); // 100 − 2 − 5
  });
});
