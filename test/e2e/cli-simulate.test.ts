// `simulate <ledger.json>` as an admin runs it: a real process on ledgers written to a temp dir,
// JSON on stdout (RULES.md §9), exit codes and messages naming the entry. No database.
// Every expected number is worked out by hand from RULES.md §4–§7 in the comments.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-simulate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let n = 0;
function simulate(ledger: unknown, ...args: string[]): Promise<Run> {
  const file = path.join(dir, `ledger-${++n}.json`);
  fs.writeFileSync(file, typeof ledger === "string" ? ledger : JSON.stringify(ledger));
  return run(file, ...args);
}
function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", "src/cli/main.ts", "simulate", ...args],
      { cwd: root },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const LEDGER = {
  months: ["2026-07", "2026-08", "2026-09"],
  people: [
    { id: "a", window: "w1", role: "window_leader" },
    { id: "b", window: "w1", role: "staff", establishment: false },
    { id: "c", window: "w2", role: "window_leader" },
    { id: "d", window: "w2", role: "staff", joined: "2026-08-10" },
  ],
  windows: [
    {
      id: "w1",
      profile: { leaderNotMiddle: false, leaderNotHead: true, missingItems: 1, unauthorisedItems: 0 },
    },
    {
      id: "w2",
      profile: { leaderNotMiddle: false, leaderNotHead: false, missingItems: 0, unauthorisedItems: 0 },
      flags: [4],
    },
  ],
  records: [
    { month: "2026-07", person: "b", code: "S-ATT-FALSETRIP" },
    { month: "2026-07", person: "a", code: "S-DIS-IT", points: 1.5 },
    { month: "2026-07", person: "c", code: "S-BON-ARTICLE", points: 2.5, count: 3 },
    { month: "2026-08", window: "w1", code: "W-AB" },
    { month: "2026-07", window: "w2", code: "W-INFO-QUOTA" },
    { month: "2026-09", person: "d", code: "S-DIS-LEISURE" },
  ],
  personalLeaveDays: [{ month: "2026-08", person: "b", days: 3.5 }],
  ratings: [{ month: "2026-07", person: "a", satisfied: 90, basic: 4, unsatisfied: 6 }],
  seconded: [{ month: "2026-07", person: "c", days: 3, workingDays: 23 }],
  centerEvaluation: [
    { quarter: "2026-Q3", person: "a", points: 9 },
    { quarter: "2026-Q3", person: "b", points: 8 },
    { quarter: "2026-Q3", person: "c", points: 10 },
    { quarter: "2026-Q3", person: "d", points: 7 },
  ],
};

describe("cli simulate", () => {
  it("scores a quarter exactly as worked out by hand", async () => {
    const r = await simulate(LEDGER);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      months: [
        {
          month: "2026-07",
          // d joins 2026-08-10: not in July. N = 3 → b1 = round(2.1) = 2, b2 = round(2.7) = 3.
          people: [
            // c: bonus 2.5 × 3 = 7.5 → cap 5 → 105; band 1, seconded 3 of 23 days: 500 × 40/46 = 434.78.
            { id: "c", base: 100, bonus: 5, score: 105, rank: 1, band: 1, amount: 434.78, transfer: false },
            // b: FALSETRIP 5 → 95, band 1, exactly 95 → full 500.
            { id: "b", base: 95, bonus: 0, score: 95, rank: 2, band: 1, amount: 500, transfer: false },
            // a: leader charge 2 + S-DIS-IT 1.5 + S-EVAL-RATE 6 (94/100 = 94 %) = 9.5 → 90.5; band 2 half: 225.
            { id: "a", base: 90.5, bonus: 0, score: 90.5, rank: 3, band: 2, amount: 225, transfer: false },
          ],
          windows: [
            // w2: c alone → 105 − SINGLE 0.2 = 104.8 (the July W-INFO-QUOTA waits for September).
            { id: "w2", score: 104.8, rank: 1 },
            // w1: (90.5 + 95)/2 = 92.75 − NOTHEAD 0.2 − CONTRACT 0.2 (1 of 2 = 50 %: 30 above 20 % → 2 steps)
            //     − MISSING 0.1 − RATE95 3 (pooled 94 %) = 89.25.
            { id: "w1", score: 89.25, rank: 2 },
          ],
        },
        {
          month: "2026-08",
          // N = 4 → b1 = round(2.8) = 3, b2 = round(3.6) = 4. a, c, d 100 tie at rank 1.
          people: [
            { id: "a", base: 100, bonus: 0, score: 100, rank: 1, band: 1, amount: 500, transfer: false },
            { id: "c", base: 100, bonus: 0, score: 100, rank: 1, band: 1, amount: 500, transfer: false },
            { id: "d", base: 100, bonus: 0, score: 100, rank: 1, band: 1, amount: 500, transfer: false },
            // b: 事假 3.5 days = 7 half days → 5 + 0.5 = 5.5 → 94.5: band 2, half of 450 = 225.
            { id: "b", base: 94.5, bonus: 0, score: 94.5, rank: 4, band: 2, amount: 225, transfer: false },
          ],
          windows: [
            { id: "w2", score: 100, rank: 1 }, // (100 + 100)/2, nothing else
            // w1: (100 + 94.5)/2 = 97.25 − 0.2 − 0.2 − 0.1 − W-AB 5 = 91.75.
            { id: "w1", score: 91.75, rank: 2 },
          ],
        },
        {
          month: "2026-09",
          people: [
            { id: "a", base: 100, bonus: 0, score: 100, rank: 1, band: 1, amount: 500, transfer: false },
            { id: "b", base: 100, bonus: 0, score: 100, rank: 1, band: 1, amount: 500, transfer: false },
            { id: "c", base: 100, bonus: 0, score: 100, rank: 1, band: 1, amount: 500, transfer: false },
            // d: LEISURE 20 → 80 < 90 → no money; last now, but not last in August → no transfer.
            { id: "d", base: 80, bonus: 0, score: 80, rank: 4, band: 2, amount: 0, transfer: false },
          ],
          windows: [
            { id: "w1", score: 99.5, rank: 1 }, // 100 − 0.2 − 0.2 − 0.1
            { id: "w2", score: 89.5, rank: 2 }, // (100 + 80)/2 = 90 − W-INFO-QUOTA 0.5 (Q3's last month)
          ],
        },
      ],
      quarters: [
        {
          quarter: "2026-Q3",
          pending: false,
          people: [
            { id: "c", score: 111.67, starEligible: true, reasons: [] }, // 305/3 = 101.67 + 10
            { id: "a", score: 105.83, starEligible: true, reasons: [] }, // 290.5/3 = 96.83 + 9
            { id: "b", score: 104.5, starEligible: true, reasons: [] }, // 289.5/3 = 96.5 + 8
            // d: (100 + 80)/2 = 90 + 7 = 97; joined after 2026-07-01; LEISURE.
            { id: "d", score: 97, starEligible: false, reasons: ["tenure", "discipline", "score"] },
          ],
          windows: [
            // w2: (104.8 + 100 + 89.5)/3 = 98.1; flag 4; single in July (6).
            { id: "w2", score: 98.1, leadingEligible: false, reasons: [4, 6] },
            // w1: (89.25 + 91.75 + 99.5)/3 = 93.5; pooled satisfaction 94 % < 97 % (7).
            { id: "w1", score: 93.5, leadingEligible: false, reasons: [7] },
          ],
        },
      ],
    });
  });

  it("transfer flag across months, quarter pending, no quarter for an incomplete one", async () => {
    const r = await simulate({
      months: ["2026-09", "2026-10", "2026-11"],
      people: [
        { id: "x", window: "w", role: "window_leader" },
        { id: "y", window: "w", role: "staff" },
      ],
      windows: [{ id: "w" }],
      records: [
        { month: "2026-09", person: "y", code: "S-DIS-ONEVISIT", points: 8 },
        { month: "2026-10", person: "y", code: "S-DIS-DISOBEY" },
        { month: "2026-11", person: "y", code: "S-SVC-FIRSTASK" },
      ],
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // y: Sep 92 (last, ≤ 92, first month → no flag), Oct 90 (last again → flag), Nov 94 (> 92 → none).
    expect(
      out.months.map((m: { people: { id: string; score: number; transfer: boolean }[] }) => m.people[1]),
    ).toEqual([
      expect.objectContaining({ id: "y", score: 92, transfer: false }),
      expect.objectContaining({ id: "y", score: 90, transfer: true }),
      expect.objectContaining({ id: "y", score: 94, transfer: false }),
    ]);
    expect(out.quarters).toEqual([]); // Q3 and Q4 are each incomplete
    expect(out.years).toBeUndefined();
  });

  it("a full year: quarters pending without evaluations, years with stars and 领跑", async () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
    const r = await simulate({
      months,
      people: [
        { id: "a", window: "w1", role: "window_leader" },
        { id: "b", window: "w1", role: "staff" },
      ],
      windows: [
        {
          id: "w1",
          profile: { leaderNotMiddle: false, leaderNotHead: false, missingItems: 0, unauthorisedItems: 0 },
        },
      ],
      records: [
        { month: "2026-06", person: "a", code: "S-DIS-RUDE" },
        { month: "2026-03", person: "b", code: "S-ATT-LATE" },
      ],
      centerEvaluation: [
        { quarter: "2026", person: "a", points: 8.25 },
        { quarter: "2026", person: "b", points: 10 },
        { quarter: "2026", window: "w1", points: 9.5 },
      ],
      stars: [
        { quarter: "2026-Q1", person: "a" },
        { quarter: "2026-Q2", person: "a" },
      ],
      leading: [{ quarter: "2026-Q3", window: "w1" }],
    });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.quarters.map((q: { quarter: string; pending: boolean }) => [q.quarter, q.pending])).toEqual([
      ["2026-Q1", true],
      ["2026-Q2", true],
      ["2026-Q3", true],
      ["2026-Q4", true],
    ]);
    expect(out.quarters[0].people[0].score).toBeNull();
    // w1 monthly: Mar (100 + 99)/2 = 99.5; Jun (94 + 100)/2 = 97. Q1 299.5/3 = 99.83, Q2 99.
    expect(out.quarters.map((q: { windows: { score: number }[] }) => q.windows[0]!.score)).toEqual([
      99.83, 99, 100, 100,
    ]);
    expect(out.years).toEqual([
      {
        year: "2026",
        pending: false,
        people: [
          { id: "a", score: 113.75, stars: 2 }, // (1100 + 94)/12 = 99.5 + 3 × 2 + 8.25
          { id: "b", score: 109.92, stars: 0 }, // (1100 + 99)/12 = 99.92 + 10
        ],
        windows: [{ id: "w1", score: 112.21, leading: 1 }], // (99.83 + 99 + 100 + 100)/4 = 99.71 + 3 + 9.5
      },
    ]);
  });

  it("names every offending entry and exits 1", async () => {
    const bad = {
      ...LEDGER,
      people: [
        ...LEDGER.people,
        { id: "a", window: "w1", role: "staff" },
        { id: "e", window: "w9", role: "staff" },
      ],
      windows: [...LEDGER.windows, { id: "w2" }],
      records: [
        { month: "2026-07", person: "a", code: "S-DIS-IT", points: 9 },
        { month: "2026-07", person: "zz", code: "S-ATT-LATE" },
        { month: "2026-07", person: "a", code: "S-ATT-LATE", points: 2 },
        { month: "2026-07", person: "a", code: "S-XYZ" },
        { month: "2026-07", person: "b", code: "S-EVAL-RATE" },
        { month: "2026-07", person: "b", code: "S-BON-LEADER", points: 2 },
        { month: "2026-07", window: "w1", code: "S-ATT-LATE" },
        { month: "2026-07", person: "d", code: "S-ATT-LATE" },
        { month: "2026-12", person: "a", code: "S-ATT-LATE" },
        { month: "2026-07", person: "a", code: "S-DIS-SITE" },
        { month: "2026-07", person: "a", code: "S-ATT-LATE", count: 0 },
        // §8 per-month items (issue #12): W-BON-SERVICE 2 twice in one month for one window.
        { month: "2026-07", window: "w1", code: "W-BON-SERVICE", points: 2 },
        { month: "2026-07", window: "w1", code: "W-BON-SERVICE", points: 2 },
        { month: "2026-08", window: "w1", code: "W-BON-SERVICE", points: 2 },
      ],
    };
    const r = await simulate(bad, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").map((l) => l.trim());
    for (const want of [
      'windows[2]: duplicate window id "w2"',
      'people[4]: duplicate person id "a"',
      'people[5]: unknown window "w9"',
      'records[0]: points 9 outside the range of "S-DIS-IT" (1–8)',
      'records[1]: unknown person "zz"',
      'records[2]: "S-ATT-LATE" is fixed at 1; points 2 refused',
      'records[3]: unknown code "S-XYZ"',
      'records[4]: "S-EVAL-RATE" is computed automatically and cannot be filed',
      'records[5]: "S-BON-LEADER" is for window leaders only',
      'records[6]: "S-ATT-LATE" is a staff item; file it on a person',
      'records[7]: person "d" is not in evaluation in 2026-07',
      'records[8]: month "2026-12" is not in months',
      'records[9]: "S-DIS-SITE" needs points (1–10)',
      "records[10]: count must be a whole number ≥ 1 (got 0)",
      'records[12]: "W-BON-SERVICE" gives at most 2 a month; 2 already in that month, 0 left',
    ])
      expect(lines).toContain(want);
    // The first July filing and August's are fine.
    expect(lines.some((l) => l.startsWith("records[11]:") || l.startsWith("records[13]:"))).toBe(false);
  });

  it("messages are Chinese by default", async () => {
    const r = await simulate({
      ...LEDGER,
      records: [...LEDGER.records, { month: "2026-07", person: "a", code: "S-XYZ" }],
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('records[6]: 未知的代码 "S-XYZ"');
  });

  it("malformed JSON, schema errors and usage", { timeout: 120_000 }, async () => {
    const [json, noWindow, badMonth, usage, missing] = await Promise.all([
      simulate('{"months": ["2026-07"], "people": [', "--lang", "en"),
      simulate({ months: ["2026-07"], people: [{ id: "a", role: "staff" }], windows: [] }, "--lang", "en"),
      simulate(
        {
          months: ["2026-13"],
          people: [],
          windows: [],
          ratings: [{ month: "2026-07", person: "a", satisfied: -1, basic: 0, unsatisfied: 0 }],
        },
        "--lang",
        "en",
      ),
      run(),
      run(path.join(dir, "no-such-ledger.json"), "--lang", "en"),
    ]);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain("the ledger is not valid JSON");
    expect(noWindow.code).toBe(1);
    expect(noWindow.stderr).toContain("people[0].window:");
    expect(badMonth.code).toBe(1);
    expect(badMonth.stderr).toContain("months[0]: expected a month YYYY-MM");
    expect(badMonth.stderr).toContain("ratings[0].satisfied:");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("simulate <ledger.json>");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });

  it("months must ascend; a window's quarter evaluation is refused", async () => {
    const r = await simulate(
      {
        ...LEDGER,
        months: ["2026-08", "2026-07", "2026-09"],
        centerEvaluation: [
          ...LEDGER.centerEvaluation,
          { quarter: "2026-Q3", window: "w1", points: 5 },
          { quarter: "2026-Q3", person: "a", points: 11 },
        ],
      },
      "--lang",
      "en",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('months[1]: "2026-07" is not after "2026-08" (months must ascend)');
    expect(r.stderr).toContain(
      "centerEvaluation[4]: a window's quarter score has no center evaluation; only its year does",
    );
    expect(r.stderr).toContain("centerEvaluation[5]: points 11 must be 0–10 with at most two decimals");
    expect(r.stderr).toContain("centerEvaluation[5]: duplicate evaluation for 2026-Q3 a");
  });
});
