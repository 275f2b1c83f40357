// `route` as an admin runs it: a real process, JSON on stdout, exit codes (RULES.md §3). No database.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function route(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "src/cli/main.ts", "route", ...args], { cwd: root }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// Each case spawns a process; generous per-test time for a busy machine (nothing here is timed).
describe("cli route", { timeout: 90_000 }, () => {
  it("prints the chain as JSON, starting with steps, filingOnly, flags", async () => {
    const r = await route("--kind", "personal", "--role", "staff", "--days", "3");
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith(
        '{"steps":["window_leader:opinion","inspection:approve"],"filingOnly":false,"flags":["reason_required"]',
      ),
    ).toBe(true);
    const out = JSON.parse(r.stdout);
    expect(out.rule).toBe("§3(一) staff 0.5<d≤3");
    expect(out.personalDays).toBe(3);
    expect(out.annualOffsetDays).toBe(0);
  });

  const cases: [string, string[], Record<string, unknown>][] = [
    [
      "staff half a day is filing-only",
      ["--kind", "personal", "--role", "staff", "--days", "0.5"],
      { steps: ["window_leader:opinion", "inspection:file"], filingOnly: true },
    ],
    [
      "leader 事假 over 7 days gets the outside steps",
      ["--kind", "personal", "--role", "window_leader", "--days", "7.5"],
      {
        steps: [
          "parent_unit_leader:agree",
          "inspection:review",
          "deputy_director:approve",
          "parent_unit_head:review",
          "personnel_authority:approve",
        ],
        flags: ["reason_required", "over_7_days", "outside_steps", "written_explanation"],
      },
    ],
    [
      "leader trip of exactly 7 days stays in the lower tier",
      ["--kind", "trip", "--role", "window_leader", "--days", "7"],
      { steps: ["inspection:review", "deputy_director:approve"], flags: ["trip_details_required"] },
    ],
    [
      "sick leave reaching 60 days in the year is long sick leave",
      ["--kind", "sick", "--role", "staff", "--days", "2", "--ytd-sick", "58"],
      {
        steps: [
          "inspection:review",
          "deputy_director:approve",
          "parent_unit_head:review",
          "personnel_authority:approve",
        ],
        flags: ["hospital_certificate", "long_sick", "designated_hospital_form", "outside_steps"],
      },
    ],
    [
      "staff trip over 15 days needs the parent unit",
      ["--kind", "trip", "--role", "staff", "--days", "15.5"],
      {
        steps: [
          "window_leader:opinion",
          "parent_unit_leader:agree",
          "inspection:review",
          "deputy_director:approve",
        ],
      },
    ],
  ];
  it.each(cases)("%s", async (_label, args, want) => {
    const r = await route(...args);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject(want);
  });

  it("the 30-day 事假 rule through --ytd-personal", async () => {
    const r = await route("--kind", "personal", "--role", "staff", "--days", "1", "--ytd-personal", "29");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).steps.slice(-2)).toEqual([
      "parent_unit_head:review",
      "personnel_authority:approve",
    ]);
  });

  const bad: [string, string[]][] = [
    ["--kind", ["--kind", "holiday", "--role", "staff", "--days", "1"]],
    ["--role", ["--kind", "personal", "--role", "boss", "--days", "1"]],
    ["--days", ["--kind", "personal", "--role", "staff", "--days", "1.3"]],
    ["--days", ["--kind", "personal", "--role", "staff", "--days", "0"]],
    ["--days", ["--kind", "personal", "--role", "staff", "--days", "-1"]],
    ["--days", ["--kind", "personal", "--role", "staff"]],
    ["--ytd-personal", ["--kind", "personal", "--role", "staff", "--days", "2", "--ytd-personal", "x"]],
    ["--frobnicate", ["--kind", "personal", "--role", "staff", "--days", "2", "--frobnicate", "1"]],
  ];
  it.each(bad)("bad input: exits non-zero naming %s, nothing on stdout (%j)", async (named, args) => {
    const r = await route(...args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(named);
  });

  it("English on request", async () => {
    const r = await route("--kind", "personal", "--role", "staff", "--days", "1.3", "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--days is invalid");
  });
});
