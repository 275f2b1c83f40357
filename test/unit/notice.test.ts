// The monthly private notice (src/slack/blocks/notice.ts, RULES.md §4(4), §8): a person can check their
// money from it. A ten-person month scored by the real scoring, every expected text worked out by hand
// in the comment next to it: the sum, the lines with date, note and filer, a tie in band 1, half money,
// no money, the secondment, the window's lines for its leader with the linked item's person.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCORING_SETTINGS,
  type MonthInput,
  type MonthResult,
  type ScoredRecord,
  type ScoringPerson,
  scoreMonth,
} from "../../src/domain/scoring/index.ts";
import type { NoticeRecord } from "../../src/services/noticeQuestions.ts";
import { noticeMessage, questionMessage, questionModal } from "../../src/slack/blocks/notice.ts";
import type { Lang } from "../../src/slack/i18n/index.ts";
import { checkMessage, checkView } from "../../src/slack/standin/blockKit.ts";
import { CLEAN } from "../helpers/scoring.ts";

const S = DEFAULT_SCORING_SETTINGS;
const M = "2026-11";
const INS1 = "U0INS1"; // 孙立新 is on the roster here: shown by name
const INS2 = "U0INS2"; // not on the roster: shown as a mention, which Slack renders as the name

const NAMES: Record<string, string> = {
  p01: "蔡雅琴",
  p02: "叶春燕",
  p09: "张伟",
  p10: "郑海波",
  w1: "民政窗口",
  w2: "税务窗口",
};
const names = { person: (id: string) => NAMES[id] ?? id, window: (id: string) => NAMES[id] ?? id };

type Rec = ScoredRecord & { date: string; note?: string; filedBy: string; linkedFrom?: number };
// p09's first-contact breach also files W-FIRSTASK on the window (linked, §6).
const RECORDS: Rec[] = [
  {
    id: 1,
    month: M,
    person: "p09",
    code: "S-SVC-FIRSTASK",
    count: 1,
    pointsHundredths: 600,
    date: "2026-11-12",
    note: "群众咨询时推诿",
    filedBy: INS2,
  },
  {
    id: 2,
    month: M,
    window: "w1",
    code: "W-FIRSTASK",
    count: 1,
    pointsHundredths: 100,
    date: "2026-11-12",
    note: "群众咨询时推诿",
    filedBy: INS2,
    linkedFrom: 1,
  },
  {
    id: 3,
    month: M,
    person: "p10",
    code: "S-DIS-PHONE",
    count: 1,
    pointsHundredths: 500,
    date: "2026-11-13",
    note: "接待群众时长时间使用手机",
    filedBy: INS1,
  },
  {
    id: 4,
    month: M,
    person: "p10",
    code: "S-ATT-LATE",
    count: 3,
    pointsHundredths: 100,
    date: "2026-11-05",
    filedBy: INS2,
  },
  {
    id: 5,
    month: M,
    person: "p10",
    code: "S-BON-OVERTIME",
    count: 1,
    pointsHundredths: 300,
    date: "2026-11-21",
    note: "周六加班办理不动产登记36件",
    filedBy: INS1,
  },
  {
    id: 6,
    month: M,
    person: "p10",
    code: "S-BON-ARTICLE",
    count: 1,
    pointsHundredths: 300,
    date: "2026-11-26",
    filedBy: INS1,
  },
  {
    id: 7,
    month: M,
    person: "p01",
    code: "S-BON-OVERTIME",
    count: 1,
    pointsHundredths: 200,
    date: "2026-11-21",
    filedBy: INS1,
  },
];

function noticeRecords(recs: readonly Rec[]): Map<number, NoticeRecord> {
  const out = new Map<number, NoticeRecord>();
  for (const r of recs) {
    const from = recs.find((x) => x.id === r.linkedFrom);
    out.set(r.id!, {
      id: r.id!,
      date: r.date,
      note: r.note ?? "",
      filedBy: r.filedBy,
      filerName: r.filedBy === INS1 ? "孙立新" : null,
      personId: r.person ?? null,
      windowId: r.window ?? null,
      linkedFrom: from ? { id: from.id!, code: from.code, personId: from.person ?? null } : null,
      linked: recs
        .filter((x) => x.linkedFrom === r.id)
        .map((x) => ({ code: x.code, totalHundredths: x.pointsHundredths * x.count })),
    });
  }
  return out;
}

function month(extra: Rec[] = [], more: Partial<MonthInput> = {}): MonthResult {
  const people: ScoringPerson[] = [
    { id: "p01", window: "w2", role: "staff" },
    { id: "p02", window: "w1", role: "window_leader" },
    ...["p03", "p04", "p05", "p06", "p07", "p08"].map((id) => ({ id, window: "w2", role: "staff" as const })),
    { id: "p09", window: "w1", role: "staff" },
    { id: "p10", window: "w1", role: "staff" },
  ];
  return scoreMonth(
    {
      month: M,
      people,
      windows: [
        { id: "w1", profile: CLEAN },
        { id: "w2", profile: CLEAN },
      ],
      records: [...RECORDS, ...extra],
      personalLeave: [],
      // p10: (96 + 10) / 115 = 92.17 % < 95 % → S-EVAL-RATE 6; pooled in w1 → W-EVAL-RATE95 3.
      ratings: [{ person: "p10", satisfied: 96, basic: 10, unsatisfied: 9 }],
      secondments: [],
      ...more,
    },
    S,
  );
}

function textOf(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, w] of Object.entries(v)) {
        if (k === "text" && typeof w === "string") out.push(w);
        else walk(w);
      }
  };
  walk(blocks);
  return out.join("\n");
}

function notice(lang: Lang, result: MonthResult, id: string, recs: readonly Rec[] = RECORDS) {
  const person = result.people.find((p) => p.id === id)!;
  const m = noticeMessage(lang, {
    result,
    person,
    names,
    corrected: false,
    records: noticeRecords(recs),
    scoring: S,
    deadline: "2026-12-04",
  });
  expect(checkMessage(m)).toBeUndefined();
  return { ...m, all: textOf(m.blocks) };
}

describe("the monthly private notice", () => {
  // N = 10: b1 = round(7) = 7, b2 = round(9) = 9. p01 102 (rank 1); p02–p08 100 (rank 2, seven tied,
  // all ≤ 7: band 1 has 8); p09 94 (rank 9, band 2); p10 100 − 14 + min(5, 6) = 91 (rank 10, band 3).
  const result = month();

  it("a person with deductions and bonuses: the sum, every line with date, note and filer, half money", () => {
    const n = notice("zh", result, "p10");
    expect(n.text).toBe("您的2026年11月考评结果 91");
    // Deductions 5 + 3 × 1 + 6 = 14; bonuses 3 + 3 = 6, capped at 5.
    expect(n.all).toContain("*考评分*：100 − 扣分 14 + 加分 5 = *91 分*（加分合计 6 分，每月最多计 5 分）");
    expect(n.all).toContain("*名次*：参评 10 人，您排第 10 名，三档共 1 人");
    // 91: 90 ≤ s < 95 → half of band 3's 400.
    expect(n.all).toContain("*考评奖*：三档 400 元 × 减半 = *200 元*");
    expect(n.all).toContain("考评分 90 分以上、不满 95 分，考评奖减半发放（考评办法 三(一)4）。");
    expect(n.all).toContain(
      "分档：参评人数的前 70%（第 1–7 名）为一档，前 90%（至第 9 名）为二档，其余为三档；同分同名次，并列者同档。本月一档 8 人、二档 1 人、三档 1 人。",
    );
    // By date, the automatic item last.
    const items = n.all.slice(n.all.indexOf("*扣分与加分明细*（5 项）"));
    expect(items.split("\n").filter((l) => l.startsWith("• "))).toEqual([
      `• 11月5日 迟到早退 −3（3 × 1，S-ATT-LATE，考评办法 三(一)2(1)①，<@${INS2}>）`,
      "• 11月13日 长时间看手机 −5（S-DIS-PHONE，考评办法 三(一)2(4)②，孙立新）",
      "• 11月21日 非工作日加班 +3（S-BON-OVERTIME，考评办法 三(一)3(2)，孙立新）",
      "• 11月26日 报送信息被录用 +3（S-BON-ARTICLE，考评办法 三(一)3(5)，孙立新）",
      "• 月评价满意率低于95% −6（S-EVAL-RATE，考评办法 三(一)2(3)①，本月自动计算）",
    ]);
    expect(items).toContain(
      "• 11月13日 长时间看手机 −5（S-DIS-PHONE，考评办法 三(一)2(4)②，孙立新）\n      说明：接待群众时长时间使用手机",
    );
    // 106 / 115 = 92.17 %.
    expect(items).toContain("\n      本月满意率 92.17%（满意 96、基本满意 10、不满意 9），低于 95%");
    // Not a window leader: no window section.
    expect(n.all).not.toContain("本窗口");
    // The deadline and the button (value: the month; the clicker is the person).
    expect(n.all).toContain("*如有疑问*：请在 *12月4日（星期五）* 前点「对此有疑问」");
    const last = n.blocks.at(-1) as { accessory?: { action_id: string; value: string } };
    expect(last.accessory).toMatchObject({ action_id: "notice_question", value: "2026-11" });
  });

  it("a tie in band 1: the rank shared and the band's real size", () => {
    const n = notice("zh", result, "p03");
    expect(n.all).toContain("*考评分*：100 − 扣分 0 + 加分 0 = *100 分*");
    expect(n.all).toContain("*名次*：参评 10 人，您并列第 2 名 7 人，一档共 8 人");
    expect(n.all).toContain("*考评奖*：一档 500 元 × 全额 = *500 元*");
    expect(n.all).toContain("考评分 95 分以上，按档全额发放。");
    expect(n.all).toContain("本月没有扣分或加分记录。");
    const en = notice("en", result, "p03");
    expect(en.all).toContain(
      "*Rank*: 10 people evaluated; you share rank 2 with 6 others; band 1 has 8 people",
    );
    expect(en.all).toContain("*Monthly award*: band 1 500 yuan × full = *500 yuan*");
  });

  it("a linked window item: the person's line says what it cost the window, the leader's names the person", () => {
    const p09 = notice("zh", result, "p09");
    // 100 − 6 = 94: band 2 (rank 9 ≤ 9), half of 450.
    expect(p09.all).toContain("*考评奖*：二档 450 元 × 减半 = *225 元*");
    expect(p09.all).toContain(
      `• 11月12日 违反首问负责制度 −6（S-SVC-FIRSTASK，考评办法 三(一)2(2)①，<@${INS2}>）\n      说明：群众咨询时推诿\n      同一行为同时计入窗口：违反首问负责制度 −1（W-FIRSTASK）`,
    );
    // The leader of w1: mean (100 + 94 + 91) / 3 = 95; − W-EVAL-RATE95 3 − W-FIRSTASK 1 = 91; w2's
    // (102 + 6 × 100) / 7 = 100.29 ranks first.
    const p02 = notice("zh", result, "p02");
    expect(p02.all).toContain(
      "*本窗口：民政窗口*（窗口负责人可见）\n窗口得分：人员平均分 95 − 扣分 4 + 加分 0 = *91 分*，2 个窗口中排第 2 名",
    );
    expect(p02.all).toContain(
      `• 11月12日 违反首问负责制度 −1（W-FIRSTASK，考评办法 四(一)2(6)，<@${INS2}>）\n      说明：群众咨询时推诿\n      因 张伟 的“违反首问负责制度”记录同时计入窗口`,
    );
    expect(p02.all).toContain(
      "• 月评价满意率低于95% −3（W-EVAL-RATE95，考评办法 四(一)2(17)，本月自动计算）\n      本月窗口满意率 92.17%（满意 96、基本满意 10、不满意 9）",
    );
    // Other staff never see the window's lines.
    expect(notice("zh", result, "p03").all).not.toContain("W-FIRSTASK");
  });

  it("no money under 90, with the reason; English without Chinese clause numbers", () => {
    // p09 also 20 off: 74, last (rank 10, band 3) → none; p10 91 moves to rank 9, band 2: 450 / 2.
    const leisure: Rec = {
      id: 8,
      month: M,
      person: "p09",
      code: "S-DIS-LEISURE",
      count: 1,
      pointsHundredths: 2000,
      date: "2026-11-20",
      filedBy: INS1,
    };
    const worse = month([leisure]);
    const n = notice("zh", worse, "p09", [...RECORDS, leisure]);
    expect(n.all).toContain("*考评分*：100 − 扣分 26 + 加分 0 = *74 分*");
    expect(n.all).toContain("*考评奖*：三档 400 元 × 0 = *0 元*");
    expect(n.all).toContain("考评分低于 90 分，取消当月考评奖（考评办法 三(一)4）。");
    expect(notice("zh", worse, "p10", [...RECORDS, leisure]).all).toContain(
      "*考评奖*：二档 450 元 × 减半 = *225 元*",
    );
    const en = notice("en", result, "p10");
    expect(en.text).toBe("Your result for November 2026 91");
    expect(en.all).toContain(
      "*Score*: 100 − deductions 14 + bonus 5 = *91* (bonuses add up to 6; at most 5 count a month)",
    );
    expect(en.all).toContain("*Monthly award*: band 3 400 yuan × half = *200 yuan*");
    expect(en.all).toContain(
      "• 13 Nov Long phone use while serving −5 (S-DIS-PHONE, evaluation rules, part 3(1), item 2(4)②, 孙立新)\n      Note: 接待群众时长时间使用手机",
    );
    expect(en.all).toContain("Press “Question this” by *Friday 4 Dec*");
    expect(en.all).not.toMatch(/考评办法|一档|减半/);
  });

  it("the secondment reduction worked out", () => {
    // p01: 102, band 1 full 500; seconded 1.5 of 21 working days: 500 × (42 − 3) / 42 = 464.29.
    const seconded = month([], { secondments: [{ person: "p01", halfDays: 3, workingDays: 21 }] });
    const n = notice("zh", seconded, "p01");
    expect(n.all).toContain("*考评奖*：一档 500 元 × 全额 × (1 − 抽调 1.5 天 ÷ 21 个工作日) = *464.29 元*");
    expect(n.all).toContain("本月经中心同意被抽调 1.5 个工作日（本月 21 个工作日），考评奖相应扣发");
  });

  it("40 records with long notes fit Slack's limits, and the button stays", () => {
    const many: Rec[] = Array.from({ length: 40 }, (_, i) => ({
      id: 100 + i,
      month: M,
      person: "p10",
      code: "S-DIS-SITE",
      count: 1,
      pointsHundredths: 100,
      date: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}`,
      note: "现场管理：&<b>".repeat(60).slice(0, 500),
      filedBy: INS1,
    }));
    const r = month(many);
    const n = notice("zh", r, "p10", [...RECORDS, ...many]);
    expect(n.blocks.length).toBeLessThanOrEqual(50);
    for (const b of n.blocks) expect(textOf(b).length).toBeLessThanOrEqual(3000);
    // Escaped once: the note's < and & arrive as entities, never doubled.
    expect(n.all).toContain("现场管理：&amp;&lt;b&gt;");
    expect(n.all).not.toContain("&amp;amp;");
    expect(n.all).toContain("*扣分与加分明细*（45 项）");
    expect((n.blocks.at(-1) as { accessory?: { action_id: string } }).accessory?.action_id).toBe(
      "notice_question",
    );
  });

  it("the question modal lists the records; inspection's message carries the question and the records", () => {
    const p10 = result.people.find((p) => p.id === "p10")!;
    const view = { month: M, person: p10, records: noticeRecords(RECORDS), deadline: "2026-12-04" };
    const modal = questionModal("zh", view);
    expect(checkView(modal)).toBeUndefined();
    expect(modal.callback_id).toBe("notice_question_modal");
    expect(JSON.parse(modal.private_metadata ?? "")).toEqual({ month: M });
    const options = (modal.blocks[1] as { element: { options: { text: { text: string }; value: string }[] } })
      .element.options;
    // By date; each value is the line's index in the frozen result.
    expect(options.map((o) => o.text.text)).toEqual([
      "11月5日 迟到早退 −3",
      "11月13日 长时间看手机 −5",
      "11月21日 非工作日加班 +3",
      "11月26日 报送信息被录用 +3",
      "月评价满意率低于95% −6",
    ]);
    const phone = p10.lines.findIndex((l) => l.code === "S-DIS-PHONE");
    expect(options[1]!.value).toBe(String(phone));

    const msg = questionMessage(
      "zh",
      {
        ...view,
        question: "11月13日我在窗口值班，没有使用手机 <@U0X>",
        lines: [phone],
        auditId: 9,
        at: new Date(),
      },
      { names, headCount: 10, scoring: S },
    );
    expect(checkMessage(msg)).toBeUndefined();
    const all = textOf(msg.blocks);
    expect(all).toContain("*📨 <@p10>（民政窗口）对2026年11月考评结果有疑问*");
    expect(all).toContain(">11月13日我在窗口值班，没有使用手机 &lt;@U0X&gt;");
    expect(all).toContain(
      "考评分 100 − 扣分 14 + 加分 5 = 91 分，参评 10 人中第 10 名，三档，考评奖 200 元。",
    );
    expect(all).toContain(
      "*涉及的记录*\n• 11月13日 长时间看手机 −5（S-DIS-PHONE，考评办法 三(一)2(4)②，孙立新）",
    );
    expect(all).not.toContain("S-ATT-LATE");
  });
});
