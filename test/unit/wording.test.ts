// Wording fixed after the QA walk-through: rules read in words, one-day periods read as that day, English
// day and point counts agree in number, months are named, outside opinions are the outside approver's.
import { describe, expect, test } from "vitest";
import { routeRequest } from "../../src/domain/routing.ts";
import { periodName } from "../../src/slack/blocks/close.ts";
import { ruleText } from "../../src/slack/blocks/requests.ts";
import { t } from "../../src/slack/i18n/index.ts";

const rule = (input: Parameters<typeof routeRequest>[0]) => {
  const r = routeRequest(input);
  if (!r.ok) throw new Error(r.code);
  return r.value.rule;
};

describe("wording", () => {
  test("a route's rule names the role and the additions in words, never the raw codes", () => {
    const outside = rule({ kind: "personal", role: "window_leader", halfDays: 16 });
    expect(outside).toBe("§3(一) window_leader d≥7 +outside(d>7)"); // the stored code is unchanged
    expect(ruleText("zh", outside)).toBe("§3(一) 窗口负责人 d≥7，超过7天另需线下审批");
    expect(ruleText("en", outside)).toBe("§3(一) window leader d≥7 + outside steps (over 7 days)");
    const long = rule({
      kind: "sick",
      role: "staff",
      halfDays: 10,
      ytdSickHalfDays: 116,
      ytdPersonalHalfDays: 40,
    });
    expect(ruleText("zh", long)).toBe("§3(二) 窗口工作人员 d≤5，长病假（全年病假满60天、全年事假满20天）");
    expect(ruleText("en", long)).toContain(
      "window staff d≤5 + long sick leave (60 days of sick leave this year, 20 days",
    );
    for (const text of [ruleText("zh", outside), ruleText("zh", long)])
      expect(text).not.toMatch(/staff|window_leader|outside|long sick/);
  });

  test("a half day or a whole day reads as that day", () => {
    const p = (sh: string, ed: string, eh: string) => [
      t("zh", "req.period", { start: { date: "2026-07-29", half: sh }, end: { date: ed, half: eh } }),
      t("en", "req.period", { start: { date: "2026-07-29", half: sh }, end: { date: ed, half: eh } }),
    ];
    expect(p("am", "2026-07-29", "am")).toEqual(["2026-07-29 上午", "2026-07-29 morning"]);
    expect(p("pm", "2026-07-29", "pm")).toEqual(["2026-07-29 下午", "2026-07-29 afternoon"]);
    expect(p("am", "2026-07-29", "pm")).toEqual(["2026-07-29 全天", "2026-07-29, all day"]);
    expect(p("pm", "2026-07-30", "am")).toEqual([
      "2026-07-29 下午 至 2026-07-30 上午",
      "2026-07-29 afternoon to 2026-07-30 morning",
    ]);
  });

  test("English day counts: half a day, 1 day, 1.5 days; Chinese keeps 0.5 天", () => {
    expect([1, 2, 3].map((h) => t("en", "req.preview.days", { halfDays: h, basis: "working" }))).toEqual([
      "*half a day* in total (working days)",
      "*1 day* in total (working days)",
      "*1.5 days* in total (working days)",
    ]);
    expect(t("en", "req.days", { days: "0.5" })).toBe("half a day");
    expect(t("zh", "req.preview.days", { halfDays: 1, basis: "working" })).toBe("共 *0.5 天*（按工作日计）");
    expect(t("en", "error.ROUTE.ANNUAL_BALANCE", { remainingHalfDays: 1, requestedHalfDays: 10 })).toBe(
      "Not enough annual leave: half a day left, 5 days requested.",
    );
    expect(t("en", "req.step.why", { rule: "r", total: 1, seq: 1, step: "s" })).toContain("has 1 step;");
  });

  test("points in English agree in number and never show raw hundredths", () => {
    expect(t("en", "records.points.deduction", { points: 100, count: 1, total: 100 })).toBe("−1 point");
    expect(t("en", "records.points.bonus", { points: 9295, count: 1, total: 9295 })).toBe("+92.95 points");
    expect(t("en", "records.points.deduction", { points: 50, count: 3, total: 150 })).toBe(
      "−0.5 points × 3 = −1.5 points",
    );
    expect(t("zh", "records.points.deduction", { points: 50, count: 3, total: 150 })).toBe(
      "扣 0.5 分 × 3 = 1.5 分",
    );
  });

  test("months are named: 2026年7月 / July 2026", () => {
    expect([periodName("zh", "2026-07"), periodName("en", "2026-07"), periodName("en", "2026-12")]).toEqual([
      "2026年7月",
      "July 2026",
      "December 2026",
    ]);
  });
});
