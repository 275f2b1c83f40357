// Wording fixed after the QA walk-through: rules read in words, one-day periods read as that day, English
// day and point counts agree in number, months are named, outside opinions are the outside approver's.
import { describe, expect, test } from "vitest";
import { CATALOG } from "../../src/domain/catalog.ts";
import { REQUEST_KINDS, routeRequest } from "../../src/domain/routing.ts";
import type { MonthResult } from "../../src/domain/scoring/types.ts";
import { periodName, rankingMessage } from "../../src/slack/blocks/close.ts";
import { F, requestFormView, ruleSentence } from "../../src/slack/blocks/requests.ts";
import { clauseText } from "../../src/slack/i18n/clause.ts";
import { type Lang, messageTables, type Params, t } from "../../src/slack/i18n/index.ts";
import { wordingProblems } from "../helpers/wording.ts";

const rule = (input: Parameters<typeof routeRequest>[0]) => {
  const r = routeRequest(input);
  if (!r.ok) throw new Error(r.code);
  return r.value.rule;
};

describe("wording", () => {
  test("a route's rule is cited as the regulation words it, never as its code", () => {
    const outside = rule({ kind: "personal", role: "window_leader", halfDays: 16 });
    expect(outside).toBe("§3(一) window_leader d≥7 +outside(d>7)"); // the stored code is unchanged
    expect(ruleSentence("zh", outside, "personal")).toBe(
      "请销假制度第一条（一）：窗口负责人请事假 7 天以上（含 7 天），由主管单位分管领导同意、督查科审核、分管副主任审批；超过 7 天的，还须报主管部门主要负责人审核、县委组织部或县人力社保部门审批，并附详尽的书面说明。",
    );
    expect(ruleSentence("en", outside, "personal")).toBe(
      "Leave rules art. 1(1): a window leader's personal leave 7 days or more — parent-unit leader agrees, inspection reviews, deputy director approves; over 7 days also needs the parent department head's review and the personnel authority's approval, with a detailed written explanation.",
    );
    const long = rule({
      kind: "sick",
      role: "staff",
      halfDays: 10,
      ytdSickHalfDays: 116,
      ytdPersonalHalfDays: 40,
    });
    expect(ruleSentence("zh", long, "sick")).toBe(
      "请销假制度第二条（二）：请病假 5 天以内，由督查科审核、分管副主任审批；属长病假（全年病假满 60 天、全年事假满 20 天，第二条（三）），须有指定医院的病假证明表，还须报主管部门主要负责人审核、县委组织部或县人力社保部门审批。",
    );
    expect(ruleSentence("en", long, "sick")).toContain(
      "Leave rules art. 2(2): sick leave up to 5 days — inspection reviews, deputy director approves; long sick leave (60 days of sick leave this year, 20 days",
    );
    // Every row of every table, both roles, both languages: words only, no code, no § or d≤.
    const kinds = ["personal", "sick", "trip", "annual", "breastfeeding"] as const;
    for (const kind of kinds)
      for (const role of ["staff", "window_leader"] as const)
        for (let halfDays = 1; halfDays <= 70; halfDays++)
          for (const lang of ["zh", "en"] as const) {
            const text = ruleSentence(
              lang,
              rule({ kind, role, halfDays, annualRemainingHalfDays: 80 }),
              kind,
            );
            expect(text).not.toMatch(/§|[<>≤≥]|\bd\b|staff|window_leader|outside\(|long sick\(/);
          }
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
    expect(t("en", "req.step.ask", { id: 1, what: "s", total: 1, seq: 1 })).toContain("(step 1 of 1)");
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

// ---------------------------------------------------------------------------------------------
// Issue #10 "Words": every message in both languages, rendered with sample params (and each branch's
// deciding values), is free of CLI commands, code-style rule references, catalog codes outside the
// brackets after an item's name, doubled words, optional-markers Slack adds itself, Chinese inside
// English, 你 for 您, and the old terms (test/helpers/wording.ts has the rules).

/** A param's sample value: strings in brackets (never CJK), numbers distinct by name, real codes. */
function sampleParams(lang: Lang, overrides: Params): Params {
  const strings: Record<string, unknown> = {
    code: "S-ATT-LATE",
    requires: "S-BON-ACTIVITY",
    kind: "personal",
    month: "2026-11",
    period: lang === "zh" ? "2026年11月" : "November 2026",
    date: "2026-11-04",
    endDate: "2026-11-05",
    today: "2026-11-03",
    at: "2026-11-03 09:30",
    // A half-day point where a period is wanted, its date where a date is.
    start: { date: "2026-11-04", half: "am", toString: () => "2026-11-04" },
    end: { date: "2026-11-05", half: "pm", toString: () => "2026-11-05" },
    section: lang === "zh" ? "考评办法 三(一)2(1)①" : "Evaluation rules III(1)2(1)①",
    state: "withdrawn",
    basis: "working",
    sign: "deduction",
    unit: "each",
    approver: lang === "zh" ? "窗口负责人" : "Window leader",
    assigneeId: "U0LEADER",
    leaderId: "U0LEADER",
    coverId: "U0COVER",
    by: "U0INSPECT",
    person: "U0STAFF",
    filer: "U0INSPECT",
    command: "/deduct",
    target: "person",
    expected: "person",
    requestState: "withdrawn",
    form: "county",
    halves: true,
    corrected: false,
    shares: [70, 90],
    bands: [
      { band: 1, count: 35, pct: 83 },
      { band: 2, count: 3, pct: 7 },
      { band: 3, count: 4, pct: 10 },
    ],
    paid: [
      { band: 1, amount: "500.00" },
      { band: 2, amount: "450.00" },
    ],
    ids: [12, 13],
    filers: ["U0INSPECT", "U0OTHER"],
    months: ["2026-10", "2026-11"],
    quarters: ["2026-Q3", "2026-Q4"],
    years: [2026, 2027],
    reasons: ["tenure", "score"],
    messages: ["‹message 1›", "‹message 2›"],
    steps: ["‹step 1›", "‹step 2›"],
  };
  const numeric = (key: string) => 2 + ([...key].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) % 90);
  return new Proxy(
    {},
    {
      get: (_, key) => {
        if (typeof key !== "string") return undefined;
        if (key in overrides) return overrides[key];
        if (key in strings) return strings[key];
        return /^(name|who|requester|window|windowName|reason|note|step|leader|cover|center|text|subject|what|title|label|problem|question|value|word|token|entry|field|message|error|rule|purpose|place|phone|action|prev|from|to|via|since|container|quarter|key|file|job|column|accepted|range|paragraph|issue|item|names|people|windows|decision|detail|user|role|trip|deputy|parent|chain|earlier|dm|extra|tie|record|line|leave|refused|recorded|before|other|others|approve|reject|full|min|max)$/.test(
          key,
        ) && !/^(min|max|full)$/.test(key)
          ? `‹${key}›`
          : numeric(key);
      },
      has: () => true,
    },
  );
}

/** The values that decide a message's branches, each tried on its own. */
const VARIANTS = (lang: Lang): Params[] => [
  {},
  { state: "filed" },
  { state: "approved" },
  { state: "rejected" },
  { state: "pending" },
  { state: t(lang, "req.state.withdrawn") },
  { state: t(lang, "req.state.approved") },
  { state: t(lang, "req.state.rejected") },
  { basis: "calendar" },
  { form: "designated" },
  { halves: false },
  { unit: "month" },
  { unit: "half_day" },
  { unit: "person" },
  { unit: "article" },
  { sign: "bonus" },
  { corrected: true },
  { approver: "inspection" },
  { assigneeId: undefined, leaderId: undefined, by: undefined, person: undefined },
  { requestState: "pending" },
  { expected: "window", target: "window" },
  { quota: null },
  { min: 100, max: 100 },
  { min: 50, max: 800 },
  { count: 1, total: 1, halfDays: 1, offset: 1, personal: 1, days: 1, remaining: 1 },
  { count: 3, total: 3, halfDays: 2, offset: 0, personal: 0, days: 0.5, remaining: 0 },
  { filed: 0, left: 0 },
  { score: undefined },
  { paid: [] },
  { b1: 29, b2: 29 },
  { b1: 29, b2: 38 },
];

function renderAll(): Array<{ key: string; lang: Lang; text: string }> {
  const out: Array<{ key: string; lang: Lang; text: string }> = [];
  const keys = new Set(messageTables().flatMap((table) => Object.keys(table.zh)));
  for (const lang of ["zh", "en"] as const)
    for (const key of keys) {
      const seen = new Set<string>();
      for (const v of VARIANTS(lang)) {
        let text: string;
        try {
          text = t(lang, key, sampleParams(lang, v));
        } catch (e) {
          text = `throws: ${String(e)}`;
        }
        if (!seen.has(text)) out.push({ key, lang, text });
        seen.add(text);
      }
    }
  return out;
}

/**
 * Messages only the operators' CLI prints (src/cli): settings and backups, and the organisation file's
 * own field names (role, window_leader) in its import report. They may name commands and fields.
 */
const OPERATOR_ONLY = /^error\.(SETTINGS|BACKUP)\.|^error\.ORG\.|^org\./;

describe("wording: every message in both languages", () => {
  test("the checks catch what they are for", () => {
    const problems = (text: string, lang: Lang) => wordingProblems(text, lang).map((p) => p.split(":")[0]);
    expect(problems("此申请已已撤回，无需处理。", "zh")).toEqual(["doubled-word"]);
    expect(problems("Check the the dates.", "en")).toEqual(["doubled-word"]);
    expect(problems("请用 `npm run --silent cli -- evaluate` 录入", "zh")).toContain("cli-command");
    expect(problems("依据：§3(一) staff 0.5<d≤3", "zh")).toEqual(["code-style-rule", "code-style-rule"]);
    expect(problems("Use training or home_unit.", "en")).toEqual(["identifier"]);
    expect(problems("*S-ATT-LATE* 迟到早退", "zh")).toEqual(["catalog-code-outside-brackets"]);
    expect(problems("S-ATT-LATE 的分值", "zh")).toEqual(["catalog-code-outside-brackets"]);
    expect(problems("迟到早退（S-ATT-LATE，考评办法 三(一)2(1)①）", "zh")).toEqual([]);
    expect(problems("Late (S-ATT-LATE, 3 times)", "en")).toEqual([]);
    expect(problems("没有代码为“S-NOPE”的考评项目；用法：`/deduct @人员 S-ATT-LATE`", "zh")).toEqual([]);
    expect(problems("意见（可不填）", "zh")).toEqual(["optional-in-label"]);
    expect(problems("Note (optional)", "en")).toEqual(["optional-in-label"]);
    expect(problems("rules 三(一)4", "en")).toContain("chinese-in-english");
    expect(problems("你的考评记录", "zh")).toEqual(["register"]);
    expect(problems("在考评人数 42 人", "zh")).toEqual(["old-term"]);
    expect(problems("人人有责，常常如此；也可以以后再指定", "zh")).toEqual([]);
  });

  test("no message breaks a wording rule", () => {
    const rendered = renderAll();
    expect(rendered.length).toBeGreaterThan(1000);
    const broken = rendered
      .filter((r) => !OPERATOR_ONLY.test(r.key))
      .flatMap((r) => wordingProblems(r.text, r.lang).map((p) => `${r.lang} ${r.key} — ${p}`));
    expect([...new Set(broken)].sort()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The block builders' own wording: the channel ranking and the request form.

/** Every piece of text of a message's or a view's blocks, one string a piece. */
function blockTexts(blocks: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (k === "text" && typeof x === "string") out.push(x);
        else walk(x);
      }
  };
  walk(blocks);
  return out;
}

/**
 * The demo month's shape (issue #10): 42 people, two at 102, one at 101, 32 tied at 100 (rank 4), then
 * 99, 97, 95, 94, 94, 84, 82. Band 1 (rank ≤ 29) holds 35 people; nobody in band 3 gets its full 400 元
 * (94 is halved, 84 and 82 get nothing).
 */
function demoShapedMonth(): MonthResult {
  const scores = [102, 102, 101, ...Array<number>(32).fill(100), 99, 97, 95, 94, 94, 84, 82];
  const n = scores.length;
  const edges = { b1: Math.round(0.7 * n), b2: Math.round(0.9 * n) };
  const amounts = [50000, 45000, 40000];
  const people = scores.map((score, i) => {
    const rank = scores.indexOf(score) + 1;
    const band = rank <= edges.b1 ? 1 : rank <= edges.b2 ? 2 : 3;
    const full = amounts[band - 1]!;
    return {
      id: `U${String(i).padStart(2, "0")}`,
      window: ["tax", "police", "estate"][i % 3]!,
      rank,
      band,
      scoreHundredths: score * 100,
      bandAmountFen: full,
      amountFen: score >= 95 ? full : score >= 90 ? full / 2 : 0,
      moneyReason: score >= 95 ? "full" : score >= 90 ? "half" : "none",
      lines: [],
    };
  });
  return { month: "2026-11", headCount: n, bandEdges: edges, people, windows: [] } as unknown as MonthResult;
}

const asciiNames = {
  person: (id: string) => `Person ${id}`,
  window: (id: string) => `Window ${id}`,
};

describe("wording: clauses cited in English", () => {
  test("the seed texts' clauses read in English, numbering kept; Chinese stays as it is", () => {
    expect(clauseText("en", "考评办法 三(一)2(4)②")).toBe("Evaluation rules III(1)2(4)②");
    expect(clauseText("en", "考评办法 四(一)2(16)")).toBe("Evaluation rules IV(1)2(16)");
    expect(clauseText("en", "请销假制度第三条（一）")).toBe("Leave rules art. 3(1)");
    expect(clauseText("en", "考评办法 十二(十一)")).toBe("Evaluation rules XII(11)");
    expect(clauseText("zh", "考评办法 三(一)2(4)②")).toBe("考评办法 三(一)2(4)②");
    // Every catalog item's clause comes out free of Chinese.
    for (const item of CATALOG)
      expect(wordingProblems(clauseText("en", item.section), "en"), item.code).toEqual([]);
  });
});

describe("wording: the channel ranking", () => {
  const ranking = (lang: Lang, result = demoShapedMonth()) =>
    rankingMessage(lang, {
      center: "Cangnan",
      result,
      names: asciiNames,
      corrected: false,
      bandAmountsFen: [50000, 45000, 40000],
    });

  test("ties grouped, the real shares, and only amounts someone received", () => {
    const zh = blockTexts(ranking("zh").blocks).join("\n");
    expect(zh).toContain("参评人数 42 人：一档 35 人（83%），二档 3 人（7%），三档 4 人（10%）。");
    expect(zh).toContain(
      "分档：参评人数的前 70%（第 1–29 名）为一档，前 90%（至第 38 名）为二档，其余为三档",
    );
    expect(zh).toContain("本月并列第 4 名的 32 人同在一档，一档因此共 35 人，占 83%。");
    expect(zh).toContain(
      "月考评奖：一档 500.00 元，二档 450.00 元；考评分不满 95 分的减半，不满 90 分的不发。",
    );
    expect(zh).not.toContain("400.00");
    expect(zh).toContain("并列第 1 名：Person U00（Window tax）、Person U01（Window police）");
    expect(zh).toContain("并列第 4 名：32 人\n　　Window tax：Person U03、Person U06");
    expect(zh).not.toMatch(/^4\. /m);
    expect(zh).toContain("3. Person U02（Window estate）");
    expect(zh).toContain("并列第 39 名：Person U38（Window estate）、Person U39（Window tax）");

    const en = blockTexts(ranking("en").blocks).join("\n");
    expect(en).toContain("42 people evaluated: band 1 35 (83%), band 2 3 (7%), band 3 4 (10%).");
    expect(en).toContain("This month 32 people share rank 4, all in band 1, so band 1 has 35 people, 83%.");
    expect(en).toContain("Monthly award: band 1 500.00 yuan, band 2 450.00 yuan; half for a score under 95");
    expect(en).toContain("Tied at rank 4: 32 people");
    for (const lang of ["zh", "en"] as const)
      expect(blockTexts(ranking(lang).blocks).flatMap((x) => wordingProblems(x, lang))).toEqual([]);
  });

  test("without a tie across an edge the shares need no explaining", () => {
    const result = demoShapedMonth();
    result.people.forEach((p, i) => {
      const rank = i + 1;
      Object.assign(p, { rank, band: rank <= 29 ? 1 : rank <= 38 ? 2 : 3 });
    });
    const zh = blockTexts(ranking("zh", result).blocks).join("\n");
    expect(zh).toContain("参评人数 42 人：一档 29 人（69%），二档 9 人（21%），三档 4 人（10%）。");
    expect(zh).not.toContain("本月并列");
    expect(zh).not.toContain("并列第");
  });

  test("when all tie, band 1 holds everyone: said so, and empty bands carry no money", () => {
    const result = demoShapedMonth();
    for (const p of result.people) Object.assign(p, { rank: 1, band: 1, amountFen: 50000 });
    const zh = blockTexts(ranking("zh", result).blocks).join("\n");
    expect(zh).toContain("参评人数 42 人：一档 42 人（100%），二档 0 人，三档 0 人。");
    expect(zh).toContain("本月并列第 1 名的 42 人同在一档，一档因此共 42 人，占 100%。");
    expect(zh).toContain("月考评奖：一档 500.00 元；");
    expect(zh).not.toMatch(/450\.00|400\.00|\*二档\*|\*三档\*/);
  });
});

describe("wording: the request form", () => {
  test("事由 is required where the route asks for a reason; no label says optional itself", () => {
    for (const lang of ["zh", "en"] as const)
      for (const { kind } of REQUEST_KINDS) {
        const view = requestFormView(lang, { kind, startDate: "2026-11-03" }, "2026-11-04");
        const blocks = view.blocks as Array<{
          block_id?: string;
          optional?: boolean;
          label?: { text: string };
        }>;
        const reason = blocks.find((b) => b.block_id === F.reason)!;
        expect(`${kind} ${reason.optional}`).toBe(
          `${kind} ${!(kind === "personal" || kind === "breastfeeding")}`,
        );
        for (const b of blocks.filter((x) => x.label))
          expect(wordingProblems(b.label!.text, lang), `${lang} ${kind} ${b.block_id}`).toEqual([]);
        expect(blockTexts(view.blocks).flatMap((x) => wordingProblems(x, lang))).toEqual([]);
      }
  });
});
