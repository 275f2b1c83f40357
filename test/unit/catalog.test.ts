import { describe, expect, it } from "vitest";
import {
  CATALOG,
  catalogItem,
  checkMonthlyLimit,
  monthlyCountLimit,
  searchCatalog,
  validateRecordInput,
} from "../../src/domain/catalog.ts";

// RULES.md §4 and §6 transcribed by hand: code, target, sign, min and max in points.
type Row = [code: string, target: "person" | "window", sign: "deduction" | "bonus", min: number, max: number];
const D = "deduction";
const B = "bonus";
const P = "person";
const W = "window";
const EXPECTED: Row[] = [
  ["S-ATT-LATE", P, D, 1, 1],
  ["S-ATT-NOPUNCH", P, D, 2, 2],
  ["S-ATT-ABSENT", P, D, 5, 5],
  ["S-ATT-OFFPOST", P, D, 3, 3],
  ["S-ATT-HOMEUNIT", P, D, 2, 2],
  ["S-ATT-FALSETRIP", P, D, 5, 5],
  ["S-ATT-MEETABSENT", P, D, 2, 2],
  ["S-ATT-MEETLATE", P, D, 1, 1],
  ["S-ATT-LEADERMEET", P, D, 2, 2],
  ["S-ATT-DELEGATE", P, D, 2, 2],
  ["S-SVC-FIRSTASK", P, D, 6, 6],
  ["S-SVC-DEADLINE", P, D, 6, 6],
  ["S-SVC-OVERDUE", P, D, 5, 5],
  ["S-SVC-VETO", P, D, 6, 6],
  ["S-SVC-ONETIME", P, D, 6, 6],
  ["S-SVC-TOLERANCE", P, D, 6, 6],
  ["S-SVC-PARALLEL", P, D, 6, 6],
  ["S-SVC-AGENCY", P, D, 6, 6],
  ["S-EVAL-NOASK", P, D, 5, 5],
  ["S-EVAL-RATE", P, D, 6, 6],
  ["S-EVAL-FAKE", P, D, 9, 9],
  ["S-EVAL-CALLBACK", P, D, 5, 5],
  ["S-EVAL-FRAUD", P, D, 9, 9],
  ["S-DIS-IT", P, D, 1, 8],
  ["S-DIS-DROWSY", P, D, 5, 5],
  ["S-DIS-SNACK", P, D, 5, 5],
  ["S-DIS-PHONE", P, D, 5, 5],
  ["S-DIS-LEISURE", P, D, 20, 20],
  ["S-DIS-UNIFORM", P, D, 3, 3],
  ["S-DIS-RUDE", P, D, 6, 6],
  ["S-DIS-DISOBEY", P, D, 10, 10],
  ["S-DIS-ONEVISIT", P, D, 1, 10],
  ["S-DIS-BAN", P, D, 20, 20],
  ["S-DIS-GRAFT", P, D, 20, 20],
  ["S-DIS-SITE", P, D, 1, 10],
  ["S-BON-WORKLOAD", P, B, 1, 2],
  ["S-BON-OVERTIME", P, B, 1, 3],
  ["S-BON-ACTIVITY", P, B, 2, 2],
  ["S-BON-HONOUR", P, B, 1, 3],
  ["S-BON-LEADER", P, B, 1, 3],
  ["S-BON-ARTICLE", P, B, 0.5, 5],
  ["S-BON-INNOVATION", P, B, 1, 5],
  ["S-BON-WRONGED", P, B, 1, 3],
  ["W-STAFF-NOTMID", W, D, 0.3, 0.3],
  ["W-STAFF-NOTHEAD", W, D, 0.2, 0.2],
  ["W-STAFF-SINGLE", W, D, 0.2, 0.2],
  ["W-STAFF-CONTRACT", W, D, 0.1, 0.4],
  ["W-ITEM-MISSING", W, D, 0.1, 0.1],
  ["W-ITEM-AUTH", W, D, 0.05, 0.05],
  ["W-OPEN", W, D, 1, 5],
  ["W-ONEWINDOW", W, D, 2, 5],
  ["W-FIRSTASK", W, D, 1, 3],
  ["W-AB", W, D, 5, 5],
  ["W-DEADLINE", W, D, 2, 2],
  ["W-OVERDUE", W, D, 1, 1],
  ["W-VETO", W, D, 2, 2],
  ["W-ONETIME", W, D, 3, 3],
  ["W-TOLERANCE", W, D, 2, 2],
  ["W-PARALLEL", W, D, 2, 2],
  ["W-AGENCY", W, D, 1, 1],
  ["W-REPORT-LATE", W, D, 0.2, 0.2],
  ["W-REPORT-MISSING", W, D, 1, 1],
  ["W-IT-INCIDENT", W, D, 5, 5],
  ["W-LEADERMEET", W, D, 1, 1],
  ["W-SITE", W, D, 0.2, 3],
  ["W-EVAL-NOASK", W, D, 0.5, 0.5],
  ["W-EVAL-FAKE", W, D, 2, 2],
  ["W-EVAL-RATE97", W, D, 1, 1],
  ["W-EVAL-RATE95", W, D, 3, 3],
  ["W-INFO-QUOTA", W, D, 0.5, 0.5],
  ["W-LEFT-EARLY", W, D, 2, 2],
  ["W-LEFT-NOCONSENT", W, D, 5, 5],
  ["W-ARCHIVE", W, D, 1, 1],
  ["W-FEE", W, D, 5, 5],
  ["W-CALLBACK", W, D, 1, 1],
  ["W-BAN", W, D, 10, 10],
  ["W-GRAFT", W, D, 10, 10],
  ["W-DISOBEY", W, D, 5, 10],
  ["W-ONEVISIT", W, D, 1, 10],
  ["W-BON-SPEED", W, B, 0.1, 0.5],
  ["W-BON-SERVICE", W, B, 0.1, 2],
  ["W-BON-PRAISE", W, B, 0.1, 3],
  ["W-BON-COUNTY", W, B, 1, 1],
  ["W-BON-CITY", W, B, 3, 3],
  ["W-BON-PROVINCE", W, B, 4, 4],
  ["W-BON-NATIONAL", W, B, 5, 5],
];

const AUTOMATIC = [
  "S-ATT-PERSONAL",
  "S-EVAL-RATE",
  "W-STAFF-NOTMID",
  "W-STAFF-NOTHEAD",
  "W-STAFF-SINGLE",
  "W-STAFF-CONTRACT",
  "W-ITEM-MISSING",
  "W-ITEM-AUTH",
  "W-EVAL-RATE97",
  "W-EVAL-RATE95",
];

// §6 linked items, all 13.
const LINKS: [string, string][] = [
  ["S-SVC-FIRSTASK", "W-FIRSTASK"],
  ["S-SVC-DEADLINE", "W-DEADLINE"],
  ["S-SVC-OVERDUE", "W-OVERDUE"],
  ["S-SVC-VETO", "W-VETO"],
  ["S-SVC-ONETIME", "W-ONETIME"],
  ["S-SVC-TOLERANCE", "W-TOLERANCE"],
  ["S-SVC-PARALLEL", "W-PARALLEL"],
  ["S-SVC-AGENCY", "W-AGENCY"],
  ["S-EVAL-NOASK", "W-EVAL-NOASK"],
  ["S-EVAL-FAKE", "W-EVAL-FAKE"],
  ["S-EVAL-CALLBACK", "W-CALLBACK"],
  ["S-DIS-BAN", "W-BAN"],
  ["S-DIS-GRAFT", "W-GRAFT"],
];

describe("catalog contents (RULES.md §4, §6)", () => {
  it.each(EXPECTED)("%s: %s %s %s–%s", (code, target, sign, min, max) => {
    const item = catalogItem(code);
    expect(item).toBeDefined();
    expect(item).toMatchObject({ target, sign, min: Math.round(min * 100), max: Math.round(max * 100) });
    expect(item!.zh.length).toBeGreaterThan(0);
    expect(item!.en.length).toBeGreaterThan(0);
    expect(item!.section).toMatch(/^考评办法 [三四]\(一\)[23]/);
  });

  it("holds exactly the listed codes plus S-ATT-PERSONAL, once each", () => {
    const codes = CATALOG.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...EXPECTED.map((r) => r[0]), "S-ATT-PERSONAL"].sort());
  });

  it("S-ATT-PERSONAL starts at 5 points a month", () => {
    expect(catalogItem("S-ATT-PERSONAL")).toMatchObject({
      target: "person",
      sign: "deduction",
      min: 500,
      unit: "month",
    });
  });

  it("marks exactly the computed items automatic", () => {
    expect(
      CATALOG.filter((i) => i.automatic)
        .map((i) => i.code)
        .sort(),
    ).toEqual([...AUTOMATIC].sort());
  });

  it("links exactly the 13 staff items to their window items", () => {
    expect(
      CATALOG.filter((i) => i.linkedWindowCode)
        .map((i) => [i.code, i.linkedWindowCode])
        .sort(),
    ).toEqual([...LINKS].sort());
    for (const [, w] of LINKS) expect(catalogItem(w)?.target).toBe("window");
  });

  it("charges the window leader for FALSETRIP (2) and DELEGATE (1) only", () => {
    expect(CATALOG.filter((i) => i.leaderCharge !== undefined).map((i) => [i.code, i.leaderCharge])).toEqual([
      ["S-ATT-FALSETRIP", 200],
      ["S-ATT-DELEGATE", 100],
    ]);
  });

  it("S-BON-LEADER is leader-only; S-BON-HONOUR requires S-BON-ACTIVITY", () => {
    expect(CATALOG.filter((i) => i.leaderOnly).map((i) => i.code)).toEqual([
      "S-ATT-LEADERMEET",
      "S-BON-LEADER",
    ]);
    expect(CATALOG.filter((i) => i.requires).map((i) => [i.code, i.requires])).toEqual([
      ["S-BON-HONOUR", "S-BON-ACTIVITY"],
    ]);
  });

  it("units: ABSENT per half day, ARTICLE per article, PROVINCE and LEFT-* per person", () => {
    expect(catalogItem("S-ATT-ABSENT")?.unit).toBe("half_day");
    expect(catalogItem("S-BON-ARTICLE")?.unit).toBe("article");
    expect(catalogItem("W-BON-PROVINCE")?.unit).toBe("person");
    expect(catalogItem("W-LEFT-EARLY")?.unit).toBe("person");
    expect(catalogItem("W-STAFF-NOTMID")?.unit).toBe("month");
    expect(catalogItem("S-ATT-LATE")?.unit).toBe("each");
  });
});

describe("searchCatalog", () => {
  const codes = (q: string, t?: "person" | "window", o?: { includeAutomatic?: boolean }) =>
    searchCatalog(q, t, o).map((i) => i.code);

  it("matches the code case-insensitively as a substring", () => {
    expect(codes("firstask")).toEqual(["S-SVC-FIRSTASK", "W-FIRSTASK"]);
    expect(codes("s-att-l")).toEqual(["S-ATT-LATE", "S-ATT-LEADERMEET"]);
  });

  it("matches the Chinese name", () => {
    expect(codes("首问")).toEqual(["S-SVC-FIRSTASK", "W-FIRSTASK"]);
    expect(codes("旷工")).toEqual(["S-ATT-ABSENT"]);
  });

  it("matches the English name case-insensitively", () => {
    expect(codes("UNIFORM")).toEqual(["S-DIS-UNIFORM"]);
    expect(codes("commendation")).toEqual(["W-BON-COUNTY", "W-BON-CITY", "W-BON-PROVINCE", "W-BON-NATIONAL"]);
  });

  it("filters by target", () => {
    expect(codes("firstask", "window")).toEqual(["W-FIRSTASK"]);
    expect(codes("firstask", "person")).toEqual(["S-SVC-FIRSTASK"]);
  });

  it("leaves automatic items out unless asked (the filing form refuses them)", () => {
    expect(codes("EVAL-RATE")).toEqual([]);
    expect(codes("eval-rate", undefined, { includeAutomatic: true })).toEqual([
      "S-EVAL-RATE",
      "W-EVAL-RATE97",
      "W-EVAL-RATE95",
    ]);
  });

  it("an empty query lists every fileable item of the target", () => {
    expect(searchCatalog("", "window").length).toBe(EXPECTED.filter((r) => r[1] === "window").length - 8);
    expect(codes("no-such-thing")).toEqual([]);
  });
});

describe("validateRecordInput", () => {
  it("a fixed item takes its value; total = points × count", () => {
    const r = validateRecordInput({ code: "S-ATT-LATE", target: "person", count: 3 });
    expect(r).toEqual({
      ok: true,
      value: { item: catalogItem("S-ATT-LATE"), pointsHundredths: 100, count: 3, totalHundredths: 300 },
    });
  });

  it("a fixed item accepts its own value and refuses any other", () => {
    expect(validateRecordInput({ code: "S-ATT-LATE", target: "person", points: 100 }).ok).toBe(true);
    expect(validateRecordInput({ code: "S-ATT-LATE", target: "person", points: 200 })).toMatchObject({
      ok: false,
      code: "CATALOG.POINTS_OUT_OF_RANGE",
    });
  });

  it("a range item needs points within its range, bounds included", () => {
    expect(validateRecordInput({ code: "S-DIS-IT", target: "person" })).toMatchObject({
      ok: false,
      code: "CATALOG.POINTS_REQUIRED",
      detail: { min: 100, max: 800 },
    });
    for (const points of [100, 450, 800])
      expect(validateRecordInput({ code: "S-DIS-IT", target: "person", points })).toMatchObject({
        ok: true,
        value: { pointsHundredths: points, totalHundredths: points },
      });
    for (const points of [99, 801, 0, -100])
      expect(validateRecordInput({ code: "S-DIS-IT", target: "person", points })).toMatchObject({
        ok: false,
        code: "CATALOG.POINTS_OUT_OF_RANGE",
      });
    // Not an integer number of hundredths.
    expect(validateRecordInput({ code: "S-DIS-IT", target: "person", points: 150.5 })).toMatchObject({
      ok: false,
      code: "CATALOG.POINTS_OUT_OF_RANGE",
    });
  });

  it("articles: 2.5 points × 3 articles = 7.5", () => {
    expect(
      validateRecordInput({ code: "S-BON-ARTICLE", target: "person", points: 250, count: 3 }),
    ).toMatchObject({
      ok: true,
      value: { totalHundredths: 750 },
    });
  });

  it("refuses an unknown code", () => {
    expect(validateRecordInput({ code: "S-XYZ", target: "person" })).toEqual({
      ok: false,
      code: "CATALOG.UNKNOWN_CODE",
      detail: { code: "S-XYZ" },
    });
  });

  it("refuses a window item filed on a person and vice versa", () => {
    expect(validateRecordInput({ code: "W-AB", target: "person" })).toMatchObject({
      code: "CATALOG.WRONG_TARGET",
    });
    expect(validateRecordInput({ code: "S-ATT-LATE", target: "window" })).toMatchObject({
      code: "CATALOG.WRONG_TARGET",
    });
  });

  it.each(AUTOMATIC)("refuses the automatic item %s", (code) => {
    expect(
      validateRecordInput({ code, target: code.startsWith("S-") ? "person" : "window", points: 1 }),
    ).toMatchObject({ ok: false, code: "CATALOG.AUTOMATIC" });
  });

  it("count must be an integer ≥ 1", () => {
    for (const count of [0, -1, 1.5, Number.NaN])
      expect(validateRecordInput({ code: "S-ATT-ABSENT", target: "person", count })).toMatchObject({
        code: "CATALOG.BAD_COUNT",
      });
    expect(validateRecordInput({ code: "S-ATT-ABSENT", target: "person", count: 4 })).toMatchObject({
      ok: true,
      value: { totalHundredths: 2000 }, // 5 per half day × 4 half days
    });
  });

  it("S-BON-LEADER only for a window leader", () => {
    expect(
      validateRecordInput({ code: "S-BON-LEADER", target: "person", points: 200, role: "staff" }),
    ).toMatchObject({
      code: "CATALOG.LEADER_ONLY",
    });
    expect(validateRecordInput({ code: "S-BON-LEADER", target: "person", points: 200 })).toMatchObject({
      code: "CATALOG.LEADER_ONLY",
    });
    expect(
      validateRecordInput({ code: "S-BON-LEADER", target: "person", points: 200, role: "window_leader" }).ok,
    ).toBe(true);
  });
});

// Issue #9 finding 1: `/deduct @x S-ATT-LATE x999999999` was filed. RULES.md §8 "Counts are plausible".
describe("plausible counts a month", () => {
  // July 2026: 31 days, 23 working days.
  const july = { all: 62, working: 46 };
  const item = (code: string) => catalogItem(code)!;

  it("half-day items: the month's working half days; others: all its half days; month items: 1", () => {
    expect(monthlyCountLimit(item("S-ATT-ABSENT"), july)).toBe(46);
    expect(monthlyCountLimit(item("S-ATT-LATE"), july)).toBe(62);
    expect(monthlyCountLimit(item("S-BON-OVERTIME"), july)).toBe(62); // non-working days count too
    expect(monthlyCountLimit(item("W-BON-PROVINCE"), july)).toBe(62);
    expect(monthlyCountLimit(item("S-BON-WORKLOAD"), july)).toBe(1);
  });

  it("refuses x999999999 whatever the month, and the month's bound + 1", () => {
    expect(validateRecordInput({ code: "S-ATT-LATE", target: "person", count: 999_999_999 })).toEqual({
      ok: false,
      code: "CATALOG.COUNT_TOO_HIGH",
      detail: { code: "S-ATT-LATE", unit: "each", count: 999_999_999, max: 62, filed: 0, left: 62 },
    });
    expect(validateRecordInput({ code: "S-ATT-LATE", target: "person", count: 1e21 })).toMatchObject({
      code: "CATALOG.COUNT_TOO_HIGH",
    });
    expect(validateRecordInput({ code: "S-ATT-ABSENT", target: "person", count: 46, month: july }).ok).toBe(
      true,
    );
    expect(
      validateRecordInput({ code: "S-ATT-ABSENT", target: "person", count: 47, month: july }),
    ).toMatchObject({ code: "CATALOG.COUNT_TOO_HIGH", detail: { max: 46, unit: "half_day" } });
    expect(
      validateRecordInput({ code: "S-BON-WORKLOAD", target: "person", points: 100, count: 2 }),
    ).toMatchObject({ code: "CATALOG.COUNT_TOO_HIGH", detail: { max: 1, unit: "month" } });
  });

  it("counts what the target already has that month", () => {
    const v = validateRecordInput({ code: "S-ATT-LATE", target: "person", count: 3, month: july });
    if (!v.ok) throw new Error(v.code);
    expect(checkMonthlyLimit(v.value, { count: 59, totalHundredths: 5900 }, july).ok).toBe(true);
    expect(checkMonthlyLimit(v.value, { count: 60, totalHundredths: 6000 }, july)).toEqual({
      ok: false,
      code: "CATALOG.COUNT_TOO_HIGH",
      detail: { code: "S-ATT-LATE", unit: "each", count: 3, max: 62, filed: 60, left: 2 },
    });
  });

  it("a month item's range is the most a target gets that month, refused with what is left (§8)", () => {
    const v = validateRecordInput({ code: "S-BON-WORKLOAD", target: "person", points: 150 });
    if (!v.ok) throw new Error(v.code);
    expect(checkMonthlyLimit(v.value, { count: 1, totalHundredths: 50 }, july).ok).toBe(true);
    expect(checkMonthlyLimit(v.value, { count: 1, totalHundredths: 100 }, july)).toEqual({
      ok: false,
      code: "CATALOG.MONTH_CAP",
      detail: { code: "S-BON-WORKLOAD", max: 200, min: 100, filed: 100, left: 100 },
    });
  });

  it("property: no accepted filing can overflow a 32-bit column", () => {
    for (const i of CATALOG.filter((x) => !x.automatic)) {
      const max = monthlyCountLimit(i);
      expect(i.max * max * 2).toBeLessThan(2 ** 31);
    }
  });
});
