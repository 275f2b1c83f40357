// Every refusal the request/approval code can return has a message in Chinese and in English.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, test } from "vitest";
import { ruleClause } from "../../src/domain/routing.ts";
import { personalLeaveCost } from "../../src/domain/scoring/index.ts";
import type { RequestRow, StepRow } from "../../src/services/approvals.ts";
import type { RequestFacts } from "../../src/services/requestFacts.ts";
import { outcomeLine, stepMessageBlocks, stepTitle } from "../../src/slack/blocks/approvals.ts";
import {
  draftOf,
  previewBlocks,
  rejectedMessage,
  ruleSentence,
  stepLine,
} from "../../src/slack/blocks/requests.ts";
import { hasMessage } from "../../src/slack/i18n/index.ts";
import { requests } from "../../src/slack/i18n/messages/requests.ts";

const SOURCES = [
  "src/services/requests.ts",
  "src/services/approvals.ts",
  "src/services/sickLeave.ts",
  "src/services/attachments.ts",
  "src/slack/quickForm.ts",
  "src/domain/typedDate.ts",
  "src/domain/routing.ts",
  "src/domain/calendar.ts",
];

function codesIn(file: string): string[] {
  const text = fs.readFileSync(path.resolve(file), "utf8");
  return [...text.matchAll(/err\("([A-Z_]+\.[A-Z_0-9]+)"/g)].map((m) => m[1]!);
}

describe("request messages", () => {
  const codes = [...new Set(SOURCES.flatMap(codesIn))].sort();

  it("finds the codes it checks", () => {
    expect(codes).toContain("LEAVE.OVERLAP");
    expect(codes).toContain("APPROVAL.ALREADY_DECIDED");
    expect(codes).toContain("QUICK.BAD_DATE");
    expect(codes.length).toBeGreaterThan(40);
  });

  it.each(codes)("%s has a Chinese and an English message", (code) => {
    expect(hasMessage(`error.${code}`, "zh")).toBe(true);
    expect(hasMessage(`error.${code}`, "en")).toBe(true);
  });

  it("the Chinese and English tables have the same keys", () => {
    expect(Object.keys(requests.en).sort()).toEqual(Object.keys(requests.zh).sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Approvers decide at a glance (issue #10): a 事假 of 2.5 days, written out by hand as people read it.

const REQUESTER = { id: "U0GA05", window: "公安窗口" };
const request: RequestRow = {
  id: 2,
  requesterId: "U0GA05",
  kind: "personal",
  startDate: "2026-11-04",
  startHalf: "pm",
  endDate: "2026-11-06",
  endHalf: "pm",
  halfDays: 5,
  annualOffsetHalfDays: 0,
  reason: "回老家办理房屋过户",
  coverId: null,
  purpose: null,
  place: null,
  phone: null,
  certificate: null,
  emergency: false,
  priorConsentBy: null,
  priorConsentAt: null,
  explanation: null,
  flags: JSON.stringify(["reason_required"]),
  rule: "§3(一) staff 0.5<d≤3",
  statusChannelId: null,
  statusTs: null,
  state: "pending",
  createdAt: new Date("2026-11-02T01:10:00Z"),
  finalAt: null,
  coverRemindedAt: null,
  doctorEndDate: null,
  doctorEndHalf: null,
  doctorHalfDays: null,
  askedEndDate: null,
  askedEndHalf: null,
  askedHalfDays: null,
};
const stepRow = (over: Partial<StepRow>): StepRow => ({
  id: 3,
  requestId: 2,
  seq: 1,
  approver: "window_leader",
  action: "opinion",
  outside: false,
  assigneeId: "U0GA01",
  state: "pending",
  activatedAt: new Date("2026-11-02T01:10:00Z"),
  decidedAt: null,
  decidedBy: null,
  note: null,
  remindedAt: null,
  escalatedAt: null,
  ...over,
});
const leaderStep = stepRow({});
const inspectionStep = stepRow({
  id: 4,
  seq: 2,
  approver: "inspection",
  action: "approve",
  assigneeId: null,
});
// Half a day of 事假 already booked in November: with these 2.5 days the month reaches 3 (§4 ⑦).
const facts: RequestFacts = {
  year: 2026,
  ytdHalfDays: 1,
  annual: { remainingHalfDays: 0, afterHalfDays: 0 },
  cost: [personalLeaveCost("2026-11", 1, 5)],
};

/** Each block's text as Slack shows it (sections, contexts; buttons as [label]). */
function texts(blocks: readonly unknown[]): string[] {
  return blocks.map((b) => {
    const block = b as { type: string; text?: { text: string }; elements?: { text: unknown }[] };
    if (block.type === "divider") return "――";
    if (block.type === "actions")
      return (block.elements ?? []).map((e) => `[${(e.text as { text: string }).text}]`).join(" ");
    if (block.type === "context") return (block.elements ?? []).map((e) => e.text).join("");
    return block.text?.text ?? "";
  });
}

describe("approvers decide at a glance: 事假 of 2.5 days", () => {
  test("the cost: 3 days of 事假 in the month take 5 points (§4 S-ATT-PERSONAL); half a day more, 0.5", () => {
    expect(personalLeaveCost("2026-11", 1, 5)).toEqual({
      month: "2026-11",
      totalHalfDays: 6,
      beforeHundredths: 0,
      afterHundredths: 500,
    });
    expect(personalLeaveCost("2026-11", 6, 1)).toEqual({
      month: "2026-11",
      totalHalfDays: 7,
      beforeHundredths: 500,
      afterHundredths: 550,
    });
    expect(personalLeaveCost("2026-11", 0, 5).afterHundredths).toBe(0); // 2.5 days alone cost nothing
  });

  test("the rule is the regulation's clause; its code stays in the database", () => {
    expect(ruleClause("§3(一) staff 0.5<d≤3")).toMatchObject({
      part: 1,
      paragraph: 2,
      role: "staff",
      from: { days: 0.5, inclusive: false },
      to: { days: 3, inclusive: true },
    });
    expect(ruleClause("§9 nonsense")).toBeNull();
    expect(ruleSentence("zh", "§9 nonsense", "personal")).toBe("§9 nonsense");
  });

  test("the window leader's message, in Chinese", () => {
    const v = { request, steps: [leaderStep, inspectionStep], step: leaderStep, requester: REQUESTER, facts };
    expect(stepTitle("zh", v)).toBe("<@U0GA05>（公安窗口） 的事假申请 #2：请窗口负责人签署意见");
    expect(texts(stepMessageBlocks("zh", v))).toEqual([
      "*<@U0GA05>（公安窗口） · 事假 · 2026-11-04 下午 至 2026-11-06 下午 · 2.5 天*\n" +
        "申请 #2 · 待您处理：窗口负责人签署意见（第 1 步，共 2 步）",
      "事由：回老家办理房屋过户\n" +
        "本年已请事假 0.5 天（不含本次）\n" +
        "⚠️ 11月事假将累计 3 天，按考评办法扣 5 分\n" +
        "顶岗：未指定（由窗口负责人安排）",
      "请销假制度第一条（二）：请事假半天以上 3 天以内，由窗口负责人签署意见、督查科审批。\n• 须事前申明理由",
      "――",
      "同意后转督查科审批",
      "[同意] [同意并指定顶岗、填写意见] [不同意]",
    ]);
  });

  test("inspection's message, in English, with the leader's note and what Approve does", () => {
    const decided = stepRow({
      state: "approved",
      decidedBy: "U0GA01",
      decidedAt: new Date("2026-11-02T01:20:00Z"),
      note: "王丽娜顶岗",
    });
    const v = {
      request: { ...request, coverId: "U0GA04" },
      steps: [decided, inspectionStep],
      step: inspectionStep,
      requester: REQUESTER,
      facts,
    };
    expect(texts(stepMessageBlocks("en", v))).toEqual([
      "*<@U0GA05> (公安窗口) · Personal leave · 2026-11-04 afternoon to 2026-11-06 afternoon · 2.5 days*\n" +
        "Request #2 · for you: Inspection section approval (step 2 of 2)",
      "Reason: 回老家办理房屋过户\n" +
        "Personal leave already this year: half a day (besides this one)\n" +
        "⚠️ Personal leave in November 2026 would total 3 days: −5 points under the evaluation rules\n" +
        "Cover: <@U0GA04>",
      "Leave rules art. 1(2): personal leave over half a day up to 3 days — window leader's opinion, inspection approves.\n" +
        "Any inspection member may decide; the first one counts.\n" +
        "• a reason must be stated beforehand",
      `Earlier steps:\n${stepLine("en", decided)}`,
      "――",
      "Approving makes it final",
      "[Approve] [Approve with note] [Reject]",
    ]);
    expect(stepLine("en", decided)).toContain("王丽娜顶岗"); // the note reaches the next approver
  });

  test("the written explanation the rule asks for is shown to the approver", () => {
    const long = {
      ...request,
      halfDays: 16,
      rule: "§3(一) staff d≥7 +outside(d>7)",
      explanation: "母亲入院手术，家中无其他亲属可以陪护。",
      flags: JSON.stringify(["reason_required", "over_7_days", "outside_steps", "written_explanation"]),
    };
    const v = { request: long, steps: [leaderStep], step: leaderStep, requester: REQUESTER, facts };
    const shown = texts(stepMessageBlocks("zh", v));
    expect(shown[1]).toContain("书面说明：母亲入院手术，家中无其他亲属可以陪护。");
    // The sentence names the outside steps and the explanation; the notes do not say it twice.
    expect(shown[2]).toBe(
      "请销假制度第一条（二）：请事假 7 天以上（含 7 天），由窗口负责人签署意见、主管单位分管领导同意、督查科审核、分管副主任审批；超过 7 天的，还须报主管部门主要负责人审核、县委组织部或县人力社保部门审批，并附详尽的书面说明。\n" +
        "• 须事前申明理由\n" +
        "• 事假超过7天，原则上不予批准",
    );
  });

  test("once decided: the approver's note, and when their click ended the chain, that it is approved", () => {
    const done = stepRow({
      ...inspectionStep,
      state: "approved",
      decidedBy: "U0INS2",
      decidedAt: new Date("2026-11-02T01:25:00Z"),
      note: "同意，注意交接",
    });
    expect(outcomeLine("zh", done, { ...request, state: "approved" })).toBe(
      "✅ 已由 <@U0INS2> 同意（2026-11-02 09:25）：同意，注意交接\n申请已批准。",
    );
    expect(outcomeLine("zh", { ...done, note: null }, request)).toBe(
      "✅ 已由 <@U0INS2> 同意（2026-11-02 09:25）",
    );
  });

  test("the preview warns before it costs, and cites the rule in words", () => {
    const preview = {
      input: {
        requesterId: "U0GA05",
        kind: "personal" as const,
        start: { date: "2026-11-04", half: "pm" as const },
        end: { date: "2026-11-06", half: "pm" as const },
        reason: "回老家办理房屋过户",
      },
      role: "staff" as const,
      windowId: "GA",
      windowLeaderId: "U0GA01",
      halfDays: 5,
      annualOffsetHalfDays: 0,
      personalHalfDays: 5,
      route: {
        steps: [],
        filingOnly: false,
        flags: ["reason_required" as const],
        rule: "§3(一) staff 0.5<d≤3",
        annualOffsetHalfDays: 0,
        personalHalfDays: 5,
      },
      steps: [
        {
          seq: 1,
          approver: "window_leader" as const,
          action: "opinion" as const,
          outside: false,
          assigneeId: "U0GA01",
        },
        {
          seq: 2,
          approver: "inspection" as const,
          action: "approve" as const,
          outside: false,
          assigneeId: null,
        },
      ],
      flags: ["reason_required" as const],
      ytd: {
        year: 2026,
        personalHalfDays: 1,
        sickHalfDays: 0,
        precedingSickHalfDays: 0,
        annualEntitlementHalfDays: 0,
        annualRemainingHalfDays: 0,
      },
      late: false,
      requires: [],
      cost: facts.cost,
    };
    expect(texts(previewBlocks("zh", preview, "working"))).toEqual([
      "*事假* · 2026-11-04 下午 至 2026-11-06 下午\n共 *2.5 天*（按工作日计）\n" +
        "年休假余额 0 天，本次无可冲抵，全部计为事假。\n" +
        "事由：回老家办理房屋过户\n" +
        "⚠️ 11月事假将累计 3 天，按考评办法扣 5 分\n" +
        "顶岗：未指定（由窗口负责人安排）",
      "*审批流程*\n1. 窗口负责人签署意见 — <@U0GA01>\n2. 督查科审批 — 督查科任一成员",
      "请销假制度第一条（二）：请事假半天以上 3 天以内，由窗口负责人签署意见、督查科审批。\n" +
        "• 须事前申明理由\n" +
        "本年已请（不含本次）：事假 0.5 天、病假 0 天",
    ]);
  });

  test("a rejection offers 修改后重新提交, and the form comes back as the request was", () => {
    const rejected = stepRow({
      state: "rejected",
      decidedBy: "U0GA01",
      decidedAt: new Date("2026-11-02T01:30:00Z"),
      note: "请改到下周",
    });
    const msg = rejectedMessage("zh", { ...request, state: "rejected" }, rejected);
    expect(texts(msg.blocks)).toEqual([
      "❌ 您的事假申请 #2（2026-11-04 下午 至 2026-11-06 下午）未获批准。<@U0GA01> 的理由：请改到下周",
      "[修改后重新提交]",
    ]);
    expect(draftOf(request)).toEqual({
      kind: "personal",
      startDate: "2026-11-04",
      startHalf: "pm",
      endDate: "2026-11-06",
      endHalf: "pm",
      reason: "回老家办理房屋过户",
      certificate: false,
      emergency: false,
    });
  });
});
