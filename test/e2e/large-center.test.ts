// Every message, modal and App Home fits Slack's Block Kit limits for the largest realistic center
// (issue #8): 60 windows, 300 people, 50 approvals waiting for one inspector. First through the real
// app and the strict stand-in (src/slack/standin/blockKit.ts refuses what Slack refuses): the App Home
// of the inspectors and the director, each modal, the weekly digest, the monthly close, the quarter
// and year proposals and the award edit modal; every call must be answered ok. Then every block
// builder in src/slack/blocks/ directly, with the same data pushed to its limits (long notes, every
// step, every flag), checked with the stand-in's own checkMessage/checkView.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogItem, searchCatalog } from "../../src/domain/catalog.ts";
import type { MonthResult, ScoreLine } from "../../src/domain/scoring/types.ts";
import { runMonthClose, runQuarterClose, runYearClose } from "../../src/jobs/closeFlow.ts";
import { createOutboxSender, enqueue } from "../../src/jobs/outbox.ts";
import type { RequestRow, StepRow } from "../../src/services/approvals.ts";
import { loadAwardView } from "../../src/services/closeQuarter.ts";
import { buildDigest, type DigestData } from "../../src/services/digest.ts";
import { frozenMonthResult } from "../../src/services/monthScores.ts";
import type { MonthState } from "../../src/services/monthStates.ts";
import type { OrgFile } from "../../src/services/org.ts";
import { getRequestDetail, type StepWithRequest } from "../../src/services/requestQueries.ts";
import { previewRequest, submitRequest } from "../../src/services/requests.ts";
import * as ab from "../../src/slack/blocks/ab.ts";
import * as admin from "../../src/slack/blocks/admin.ts";
import * as appeals from "../../src/slack/blocks/appeals.ts";
import * as approvals from "../../src/slack/blocks/approvals.ts";
import * as awards from "../../src/slack/blocks/awards.ts";
import * as close from "../../src/slack/blocks/close.ts";
import * as cover from "../../src/slack/blocks/cover.ts";
import * as digest from "../../src/slack/blocks/digest.ts";
import * as home from "../../src/slack/blocks/home.ts";
import * as meetings from "../../src/slack/blocks/meetings.ts";
import * as notice from "../../src/slack/blocks/notice.ts";
import * as records from "../../src/slack/blocks/records.ts";
import * as reopen from "../../src/slack/blocks/reopen.ts";
import * as requests from "../../src/slack/blocks/requests.ts";
import * as sick from "../../src/slack/blocks/sick.ts";
import { t } from "../../src/slack/i18n/index.ts";
import { checkMessage, checkView } from "../../src/slack/standin/blockKit.ts";
import type { ViewJson } from "../../src/slack/standin/slackHttp.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG, orgFixture } from "../helpers/org.ts";

// ---------------------------------------------------------------------------------------------
// The center: 60 windows of 5 (a leader and 4 staff) = 300 people, with long window names.

const WINDOWS = 60;
const PER_WINDOW = 5;
const PENDING = 50;
const pad = (n: number) => String(n).padStart(2, "0");
const leaderOf = (w: number) => `UW${pad(w)}L`;
const staffOf = (w: number, k: number) => `UW${pad(w)}S${k}`;
const windowId = (w: number) => `w${pad(w)}`;
const DEPARTMENTS = [
  "市场监督管理局企业开办",
  "税务局综合办税",
  "人力资源和社会保障局社保经办",
  "不动产登记中心交易登记",
];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平".split("");

function largeOrg(): OrgFile {
  const windows: OrgFile["windows"] = [];
  const people: OrgFile["people"] = [];
  let n = 0;
  for (let w = 1; w <= WINDOWS; w++) {
    windows.push({
      id: windowId(w),
      name: `${DEPARTMENTS[w % DEPARTMENTS.length]}窗口（第${w}号）`,
      leader: leaderOf(w),
      parentUnitLeader: `UW${pad(w)}P`,
      profile: { leaderNotMiddle: false, leaderNotHead: false, missingItems: 0, unauthorisedItems: 0 },
    });
    for (let k = 0; k < PER_WINDOW; k++) {
      const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}${k === 0 ? "" : GIVEN[k]}`;
      n += 1;
      people.push({
        slackId: k === 0 ? leaderOf(w) : staffOf(w, k),
        name,
        window: windowId(w),
        role: k === 0 ? "window_leader" : "staff",
        establishment: true,
        partyTransferred: true,
        joined: "2023-01-03",
        annualLeaveDays: 5,
      });
    }
  }
  return {
    // The fixture's center and roles (test/helpers/org.ts), in charge of 60 windows.
    center: orgFixture().center,
    windows,
    people,
  };
}

type Json = Record<string, unknown>;
const textOf = (v: unknown) => JSON.stringify(v);

describe("the largest realistic center fits Slack's Block Kit limits", () => {
  let h: AppHarness;
  let dir: string;
  const leaderRequests: number[] = [];
  let coverStepId = 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-large-"));
    h = await startAppHarness({ org: largeOrg(), locales: { [ORG.inspector2]: "en-US" } });
    // 50 window leaders ask for a day of personal leave: each waits for inspection's approval
    // (§3(一) window_leader d≤1), so both inspectors have 50 approvals waiting.
    for (let w = 1; w <= PENDING; w++) {
      const r = await submitRequest(h.ctx, {
        requesterId: leaderOf(w),
        kind: "personal",
        start: { date: "2026-07-20", half: "am" },
        end: { date: "2026-07-20", half: "pm" },
        reason: "家中老人就医，需陪同前往县人民医院复查",
      });
      if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.detail)}`);
      leaderRequests.push(r.value.request.id);
    }
    // A staff member's request waits for their window leader's opinion (who may name the cover).
    const staff = await submitRequest(h.ctx, {
      requesterId: staffOf(51, 1),
      kind: "personal",
      start: { date: "2026-07-21", half: "am" },
      end: { date: "2026-07-21", half: "pm" },
      reason: "办理房产过户手续",
    });
    if (!staff.ok) throw new Error(staff.code);
    coverStepId = staff.value.activated[0]!.id;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const lastPublished = (user: string) =>
    h.standIn
      .callsTo("views.publish")
      .filter((c) => c.args.user_id === user)
      .at(-1)!;
  const lastViewUpdate = () => h.standIn.callsTo("views.update").at(-1)!;
  const drain = (minIntervalMs = 0) =>
    createOutboxSender(h.db, h.app.app.client, { minIntervalMs, log: () => {} }).drain();
  const refused = () => h.standIn.calls.filter((c) => c.response?.ok === false);

  it("App Home, the modals, the digest, the month close and the award proposals, through the stand-in", async () => {
    // ---- App Home: 50 waiting do not fit with the rest; the ones that do are shown, the rest counted.
    for (const user of [ORG.inspector1, ORG.inspector2, ORG.director, leaderOf(51)])
      await h.slack.sendAppHomeOpened({ id: user });
    for (const [user, more] of [
      [ORG.inspector1, (n: number) => `还有 ${n} 项…`],
      [ORG.inspector2, (n: number) => `… and ${n} more`],
    ] as const) {
      const call = lastPublished(user);
      expect(call.response?.ok).toBe(true);
      const blocks = (call.args.view as { blocks: Json[] }).blocks;
      expect(blocks.length).toBeLessThanOrEqual(100);
      const shown = blocks.filter(
        (b) => b.type === "actions" && String(b.block_id).startsWith("step_"),
      ).length;
      expect(shown).toBeGreaterThan(20);
      expect(shown).toBeLessThan(PENDING);
      expect(textOf(blocks)).toContain(more(PENDING - shown));
    }
    // The window leader sees the one opinion waiting, nothing counted.
    expect(textOf(lastPublished(leaderOf(51)).args.view)).not.toContain("还有");

    // ---- Modals: leave form, the filing modal with 60 windows, the catalog options, reject, cover.
    const homeOf = (user: string) => ({ id: String((lastPublished(user).response!.view as Json).id) });
    await h.slack.sendAppHomeOpened({ id: leaderOf(1) });
    await h.slack.sendAction(
      { id: leaderOf(1) },
      { action_id: home.HOME_NEW_LEAVE, value: "leave" },
      { view: homeOf(leaderOf(1)) },
    );
    expect((lastViewUpdate().args.view as Json).callback_id).toBe(requests.FORM_CALLBACK);
    await h.slack.sendCommand("/deduct", "", { id: ORG.inspector1 });
    const recordModal = lastViewUpdate().args.view as Json;
    expect(recordModal.callback_id).toBe(records.RECORD_MODAL.callbackId);
    expect(textOf(recordModal)).toContain(
      `${DEPARTMENTS[WINDOWS % DEPARTMENTS.length]}窗口（第${WINDOWS}号）`,
    );
    const options = await h.slack.sendOptions({ id: ORG.inspector1 }, records.RECORD_MODAL.item.action, "", {
      view: { id: "VRECORD", private_metadata: String(recordModal.private_metadata) },
    });
    const listed = (options.json as { options?: { text: { text: string } }[] }).options ?? [];
    expect(listed.length).toBeGreaterThan(30);
    expect(listed.length).toBeLessThanOrEqual(100);
    for (const o of listed) expect(o.text.text.length).toBeLessThanOrEqual(75);
    const firstWaiting = await h.db.approvalStep.findFirstOrThrow({
      where: { requestId: leaderRequests[0]!, state: "pending" },
    });
    await h.slack.sendAction(
      { id: ORG.inspector1 },
      { action_id: approvals.STEP_REJECT, value: String(firstWaiting.id) },
      { view: homeOf(ORG.inspector1) },
    );
    expect((lastViewUpdate().args.view as Json).callback_id).toBe(approvals.REJECT_CALLBACK);
    // 同意并填写意见 (and the cover button of older messages) opens the approve modal with the cover.
    for (const actionId of [approvals.STEP_APPROVE_NOTE, approvals.STEP_COVER]) {
      await h.slack.sendAction({ id: leaderOf(51) }, { action_id: actionId, value: String(coverStepId) });
      expect((lastViewUpdate().args.view as Json).callback_id).toBe(approvals.APPROVE_CALLBACK);
    }

    // ---- The weekly digest of the leave week: 50 away, 51 waiting, 30 lines each and "还有 N 项…".
    await enqueue(h.db, {
      key: "digest:2026-07-20",
      channel: ORG.channel,
      ...digest.digestMessage("zh", await buildDigest(h.ctx, "2026-07-20")),
    });
    await drain();
    const digestPost = h.standIn.callsTo("chat.postMessage").at(-1)!;
    expect(digestPost.response?.ok).toBe(true);
    expect(textOf(digestPost.args.blocks)).toContain("还有 21 项…");

    // ---- The monthly close: the channel's ranking of 300, 300 private notices, the workbooks.
    h.clock.set("2026-08-03T01:00:00.000Z");
    // Without the 300 people's charts: 300 file uploads are three minutes of Slack's files.* limit
    // (test/e2e/charts.test.ts covers them; the window chart is still sent).
    const july = await runMonthClose(h.ctx, "2026-07", { actor: "e2e", exportDir: dir, trendCharts: false });
    expect(july.ok).toBe(true);
    // Paced a little: 300 notices and the ranking are just over chat.postMessage's workspace burst.
    await drain(5);
    expect(await h.db.outboundMessage.count({ where: { state: { not: "sent" } } })).toBe(0);
    const ranking = h.standIn
      .callsTo("chat.postMessage")
      .find((c) => c.args.channel === ORG.channel && textOf(c.args.blocks).includes("一档"))!;
    expect(ranking.response?.ok).toBe(true);

    // ---- The director reopens from the App Home: the modal.
    await h.slack.sendAppHomeOpened({ id: ORG.director });
    await h.slack.sendAction(
      { id: ORG.director },
      { action_id: reopen.REOPEN_MONTH, value: "2026-07" },
      { view: homeOf(ORG.director) },
    );
    expect((lastViewUpdate().args.view as Json).callback_id).toBe(reopen.REOPEN_CALLBACK);

    // ---- Quarter and year proposals (months without data are left out: July makes the quarter).
    const person = (period: string) =>
      largeOrg().people.map((p) => ({
        period,
        targetType: "person",
        targetId: p.slackId,
        pointsHundredths: 900,
        enteredBy: ORG.director,
      }));
    await h.db.centerEvaluation.createMany({ data: person("2026-Q3") });
    expect((await runQuarterClose(h.ctx, "2026-Q3", { actor: "e2e" })).ok).toBe(true);
    expect((await runQuarterClose(h.ctx, "2026-Q4", { actor: "e2e" })).ok).toBe(true);
    await h.db.centerEvaluation.createMany({
      data: [
        ...person("2026"),
        ...largeOrg().windows.map((w) => ({
          period: "2026",
          targetType: "window",
          targetId: w.id,
          pointsHundredths: 850,
          enteredBy: ORG.director,
        })),
      ],
    });
    const year = await runYearClose(h.ctx, "2026", { actor: "e2e" });
    expect(year.ok).toBe(true);
    await drain();
    const proposalOf = (period: string) =>
      h.standIn
        .callsTo("chat.postMessage")
        .find(
          (c) => c.args.channel === ORG.director && textOf(c.args.blocks).includes(`"value":"${period}"`),
        )!;

    // ---- Each award kind's edit modal; saving one redraws the proposal; Confirm announces.
    for (const [period, kinds] of [
      ["2026-Q3", ["star", "leading_window"]],
      ["2026", ["excellent_staff", "window_prize_1", "window_prize_2", "window_prize_3"]],
    ] as const) {
      const proposal = proposalOf(period);
      expect(proposal.response?.ok).toBe(true);
      const at = {
        channelId: String(proposal.response!.channel),
        message: { ts: String(proposal.response!.ts) },
      };
      for (const k of kinds) {
        await h.slack.sendAction(
          { id: ORG.director },
          { action_id: awards.awardEditActionId(k), value: JSON.stringify({ p: period, k }) },
          at,
        );
        const modal = lastViewUpdate().response!.view as ViewJson;
        expect(modal.callback_id).toBe(awards.AWARDS_EDIT_CALLBACK);
      }
      // 300 candidates for 优秀窗口工作人员: three groups of 100, none cut.
      if (period === "2026") {
        await h.slack.sendAction(
          { id: ORG.director },
          {
            action_id: awards.awardEditActionId("excellent_staff"),
            value: JSON.stringify({ p: period, k: "excellent_staff" }),
          },
          at,
        );
        const modal = lastViewUpdate().response!.view as ViewJson;
        const select = modal.blocks!.find((b) => b.block_id === awards.AWARDS_PICK)!.element as {
          option_groups: { options: { value: string }[] }[];
          initial_options: { value: string }[];
        };
        expect(select.option_groups.flatMap((g) => g.options)).toHaveLength(300);
        const picked = select.initial_options.map((o) => o.value);
        const last = select.option_groups.at(-1)!.options.at(-1)!.value;
        const saved = await h.slack.sendViewSubmission({ id: ORG.director }, modal, {
          [awards.AWARDS_PICK]: [...picked.slice(1), last],
        });
        expect(saved.json).toBeUndefined();
        const redrawn = h.standIn.callsTo("chat.update").at(-1)!;
        expect(redrawn.response?.ok).toBe(true);
        await h.slack.sendAction(
          { id: ORG.director },
          { action_id: awards.AWARDS_CONFIRM, value: period },
          at,
        );
        const announced = h.standIn.callsTo("chat.postMessage").at(-1)!;
        expect(announced.args.channel).toBe(ORG.channel);
        expect(announced.response?.ok).toBe(true);
      }
    }

    // Slack would have accepted every call.
    expect(refused().map((c) => `${c.method}: ${JSON.stringify(c.response)}`)).toEqual([]);
  }, 120_000);

  it("every block builder, with the large center's data pushed to its limits", async () => {
    const seen = new Set<string>();
    const message = (name: string, m: { text?: unknown; blocks?: unknown }) => {
      seen.add(name);
      const problem = checkMessage(m);
      expect(problem, `${name}: ${problem?.detail}`).toBeUndefined();
      expect((m.blocks as unknown[] | undefined)?.length ?? 0).toBeLessThanOrEqual(50);
    };
    const view = (name: string, v: unknown) => {
      seen.add(name);
      const problem = checkView(v);
      expect(problem, `${name}: ${problem?.detail}`).toBeUndefined();
    };
    const block = (name: string, b: unknown) => message(name, { blocks: [b] });

    // Long, escaped text as people type it (& < > triple in length once escaped).
    const long = (n: number) => "急&<事>".repeat(Math.ceil(n / 5)).slice(0, n);
    const names = {
      person: (id: string) => `${id}名字很长的同志`,
      window: (id: string) => `${id}县市场监督管理局企业开办综合服务窗口`,
    };
    const detail = (await getRequestDetail(h.db, leaderRequests[0]!))!;
    const request: RequestRow = {
      ...detail,
      reason: long(300),
      flags: JSON.stringify([
        "hospital_certificate",
        "long_sick",
        "over_7_days",
        "outside_steps",
        "written_explanation",
      ]),
      emergency: true,
      priorConsentBy: ORG.inspector1,
      priorConsentAt: new Date("2026-07-19T01:00:00Z"),
    };
    const template = detail.steps[0]!;
    const approvers = [
      "window_leader",
      "parent_unit_leader",
      "inspection",
      "deputy_director",
      "parent_unit_head",
      "personnel_authority",
    ];
    const steps: StepRow[] = approvers.map((approver, i) => ({
      ...template,
      id: template.id + i,
      seq: i + 1,
      approver,
      action: i === 0 ? "opinion" : "approve",
      outside: i >= 4,
      state: i < approvers.length - 1 ? "approved" : "pending",
      note: i < approvers.length - 1 ? long(500) : null,
      decidedBy: i < approvers.length - 1 ? ORG.inspector1 : null,
      decidedAt: i < approvers.length - 1 ? new Date("2026-07-16T02:00:00Z") : null,
    }));
    const requester = { id: leaderOf(1), window: names.window("w01") };
    const pending = steps.at(-1)!;

    for (const lang of ["zh", "en"] as const) {
      // ---- approvals.ts
      for (const s of [steps[0]!, pending, { ...pending, outside: false, approver: "inspection" }])
        block("decisionButtons", approvals.decisionButtons(lang, { ...s, state: "pending" }));
      // The longest facts: a 1,500-character explanation and a 事假 that costs points in many months.
      const facts = {
        year: 2026,
        ytdHalfDays: 999,
        annual: { remainingHalfDays: 60, afterHalfDays: 0 },
        cost: Array.from({ length: 12 }, (_, i) => ({
          month: `2026-${String(i + 1).padStart(2, "0")}`,
          totalHalfDays: 62,
          beforeHundredths: 500,
          afterHundredths: 3300,
        })),
      };
      const explained = { ...request, explanation: long(1500), kind: "personal", annualOffsetHalfDays: 2 };
      for (const step of [pending, steps[0]!, steps[2]!]) {
        const v = { request: explained, steps, step: { ...step, state: "pending" }, requester, facts };
        message("stepMessageBlocks", { blocks: approvals.stepMessageBlocks(lang, v) });
        message("stepMessageBlocks", { blocks: approvals.stepMessageBlocks(lang, { ...v, step }) });
        view("rejectModal", approvals.rejectModal(lang, v, { stepId: step.id, home: true }));
        view("approveModal", approvals.approveModal(lang, v, { stepId: step.id }));
        view("outsideModal", approvals.outsideModal(lang, v, { stepId: step.id, home: true }));
      }
      // A long sick leave shortened, with the most files a request holds (5 of each kind), long names
      // (RULES.md §3 二): at inspection's review (doctor's period, checks) and the deputy's approval.
      const sickRequest: RequestRow = {
        ...request,
        kind: "sick",
        flags: JSON.stringify(["long_sick", "designated_hospital_form", "outside_steps"]),
        doctorEndDate: "2026-08-30",
        doctorEndHalf: "pm",
        doctorHalfDays: 84,
        askedEndDate: "2026-09-30",
        askedEndHalf: "pm",
        askedHalfDays: 146,
      };
      const attachments = Array.from({ length: 10 }, (_, i) => ({
        id: i + 1,
        entity: "request",
        entityId: sickRequest.id,
        kind: i < 5 ? "certificate" : "designated_form",
        fileId: `F0${i}`,
        name: `${long(200)}.jpg`,
        mimetype: "image/jpeg",
        permalink: `https://example.slack.com/files/${ORG.taxStaff1}/F0${i}/${"x".repeat(200)}.jpg`,
        addedBy: ORG.taxStaff1,
        addedAt: new Date("2026-07-16T02:00:00Z"),
        checkedBy: i % 2 === 0 ? ORG.inspector1 : null,
        checkedAt: i % 2 === 0 ? new Date("2026-07-17T02:00:00Z") : null,
      }));
      for (const step of [
        { ...steps[2]!, action: "review", state: "pending" },
        { ...steps[3]!, state: "pending" },
      ]) {
        const v = { request: sickRequest, steps, step, requester, facts, attachments };
        expect(sick.sickDecisionBlocks(lang, v).length).toBeGreaterThan(0);
        message("stepMessageBlocks", { blocks: approvals.stepMessageBlocks(lang, v) });
        // approveModal holds sickDecisionBlocks' fields: checked there, within the modal's limits.
        view("approveModal", approvals.approveModal(lang, v, { stepId: step.id }));
        seen.add("sickDecisionBlocks");
      }
      // A day's filings at the largest center: every person's half day filed at once.
      message(
        "filingSummaryMessage",
        approvals.filingSummaryMessage(lang, {
          from: "2026-07-10",
          to: "2026-07-12",
          items: Array.from({ length: 1200 }, (_, i) => ({
            request: { ...request, id: i + 1 },
            requester,
            opinionBy: leaderOf(1),
          })),
        }),
      );

      // ---- awards.ts: the real proposals, and every one of 300 people proposed.
      for (const period of ["2026-Q3", "2026"]) {
        const v = await loadAwardView(h.ctx, period);
        const all = {
          ...v,
          names,
          awards: v.result.people.map((p, i) => ({
            id: i + 1,
            kind: period.includes("Q") ? ("star" as const) : ("excellent_staff" as const),
            targetId: p.id,
            state: "proposed" as const,
          })),
        };
        for (const input of [v, all]) {
          message("proposalMessage", awards.proposalMessage(lang, input));
          for (const k of period.includes("Q")
            ? (["star", "leading_window"] as const)
            : (["excellent_staff", "window_prize_1", "window_prize_2", "window_prize_3"] as const))
            view(
              "awardEditModal",
              awards.awardEditModal(lang, input, { p: period, k, c: "D0DIRECTOR", ts: "1.2" }),
            );
          const confirmed = input.awards.map((a) => ({ ...a, state: "confirmed" as const }));
          message("announcementMessage", awards.announcementMessage(lang, { ...input, awards: confirmed }));
          const done = awards.proposalMessage(lang, { ...input, awards: confirmed });
          message("proposalMessage", { blocks: [...done.blocks, awards.confirmedNote(lang, ORG.director)] });
        }
      }
      block("confirmedNote", awards.confirmedNote(lang, ORG.director));

      // ---- close.ts: the ranking of 300, a notice with every kind of line many times over.
      const month = (await frozenMonthResult(h.ctx, "2026-07")) as MonthResult;
      expect(month.people).toHaveLength(300);
      message(
        "rankingMessage",
        close.rankingMessage(lang, {
          center: "苍南县政务服务中心",
          result: { ...month, windows: month.windows },
          names,
          corrected: true,
          reopenReason: long(500),
          bandAmountsFen: [45000, 30000, 15000],
        }),
      );
      const codes = searchCatalog("", "person").map((i) => i.code);
      const lines: ScoreLine[] = codes.flatMap((code, i) => [
        {
          code,
          sign: catalogItem(code)!.sign,
          source: i % 3 === 0 ? "automatic" : i % 3 === 1 ? "leader_charge" : "filed",
          count: 3,
          pointsHundredths: 150,
          totalHundredths: 450,
          counted: i % 4 !== 0,
          notCountedReason: "requires",
          fromPerson: staffOf(1, 1),
          basis: { halfDays: 7, satisfied: 10, basic: 3, unsatisfied: 1 },
          recordId: i + 1,
        },
      ]);
      // Every line's record with a 500-character note, filed by inspection, linked to window items.
      const noticeRecords = new Map(
        lines.map((l, i) => [
          i + 1,
          {
            id: i + 1,
            date: "2026-07-13",
            note: long(500),
            filedBy: ORG.inspector1,
            filerName: i % 2 === 0 ? null : long(40),
            personId: staffOf(1, 1),
            windowId: "w01",
            linkedFrom: { id: i + 1, code: l.code, personId: staffOf(1, 1) },
            linked: [{ code: "W-FIRSTASK", totalHundredths: 100 }],
          },
        ]),
      );
      const leader = month.people.find((p) => p.role === "window_leader")!;
      const person = {
        ...leader,
        lines: [...lines, ...lines, ...lines],
        bonusRawHundredths: 99999,
        secondment: { halfDays: 3, workingDays: 22 },
      };
      const windowLines = [...lines, ...lines].map((l) => ({
        ...l,
        code: "W-FIRSTASK",
        source: "filed" as const,
      }));
      const heavy: MonthResult = {
        ...month,
        windows: month.windows.map((w) => (w.id === leader.window ? { ...w, lines: windowLines } : w)),
      };
      const noticeInput = {
        result: heavy,
        person,
        names,
        corrected: true,
        records: noticeRecords,
        scoring: h.ctx.settings.scoring,
        deadline: "2026-08-05",
      };
      message("noticeMessage", notice.noticeMessage(lang, noticeInput));
      const asked = {
        month: "2026-07",
        person,
        records: noticeRecords,
        deadline: "2026-08-05",
        question: long(1000),
        lines: [],
        auditId: 1,
        at: new Date(),
      };
      view("questionModal", notice.questionModal(lang, asked));
      message(
        "questionMessage",
        notice.questionMessage(lang, asked, { names, headCount: 300, scoring: h.ctx.settings.scoring }),
      );
      message("questionSentMessage", notice.questionSentMessage(lang, asked));
      const transfer = close.transferMessage(lang, {
        awardId: 12,
        name: names.person(leaderOf(1)),
        window: names.window("w01"),
        month: "2026-07",
        score: 8850,
        n: 300,
        prevMonth: "2026-06",
        prevScore: 8900,
      });
      message("transferMessage", transfer);
      message("transferDecided", close.transferDecided(lang, transfer.blocks, true, ORG.director));
      message(
        "transferAnnouncement",
        close.transferAnnouncement(lang, names.person(leaderOf(1)), names.window("w01")),
      );
      message(
        "attendanceReviewMessage",
        close.attendanceReviewMessage(lang, {
          month: "2026-07",
          totals: { proposed: 3000, late: 1200, nopunch: 900, offpost: 600, absent: 300 },
        }),
      );

      // ---- cover.ts
      message(
        "coverAskMessage",
        cover.coverAskMessage(lang, t(lang, "req.notify.leader_arrange", { requester: long(200) }), 1),
      );
      const due = {
        request,
        leaderId: leaderOf(1),
        requesterName: names.person(staffOf(1, 1)),
        windowName: names.window("w01"),
      };
      for (const starts of ["today", "tomorrow", "later"] as const)
        message("coverReminderMessage", cover.coverReminderMessage(lang, { ...due, starts }));
      message(
        "coverNamedMessage",
        cover.coverNamedMessage(
          lang,
          { ...request, coverId: staffOf(1, 2) },
          requester,
          leaderOf(1),
          new Date(),
        ),
      );
      view(
        "coverNameModal",
        cover.coverNameModal(lang, request, requester, { requestId: request.id, channel: "D0X", ts: "1.2" }),
      );

      // ---- digest.ts: everyone away and everything waiting.
      const data: DigestData = {
        monday: "2026-07-20",
        sunday: "2026-07-26",
        away: month.people.map((p) => ({
          personId: p.id,
          name: names.person(p.id),
          window: names.window(p.window),
          kind: "leave",
          start: { date: "2026-07-20", half: "am" },
          end: { date: "2026-07-24", half: "pm" },
        })) as DigestData["away"],
        waiting: month.people.map((p, i) => ({
          requestId: i + 1,
          requesterName: names.person(p.id),
          start: { date: "2026-07-20", half: "am" },
          end: { date: "2026-07-24", half: "pm" },
          approver: "inspection",
          outside: i % 2 === 0,
          assigneeId: null,
          since: new Date(),
        })) as unknown as DigestData["waiting"],
        lastWeek: { deductions: 999, bonuses: 999, people: 300, windows: 60 },
        standings: {
          month: "2026-07",
          headCount: 300,
          band1: month.people.map((p) => names.person(p.id)),
          topWindows: month.windows.slice(0, 3).map((w) => names.window(w.id)),
        },
      };
      message("digestMessage", digest.digestMessage(lang, data));
      // ---- ab.ts (AB岗): every person's absence uncovered, in the digest and a leader's Home; the
      // longest warning (a pair per person of a window, many half days, many free).
      const uncovered = month.people.map((p, i) => ({
        requestId: i + 1,
        requesterId: p.id,
        name: names.person(p.id),
        windowId: p.window,
        windowName: names.window(p.window),
        state: "approved",
        start: { date: "2026-07-20", half: "am" as const },
        end: { date: "2026-07-24", half: "pm" as const },
        coverId: i % 2 ? p.id : null,
        why: i % 2 ? ("cover_away" as const) : ("none" as const),
      }));
      message("digestMessage", digest.digestMessage(lang, { ...data, uncovered }));
      message("abHomeBlocks", { blocks: ab.abHomeBlocks(lang, uncovered, "2026-07-26") });
      const periods = Array.from({ length: 20 }, (_, i) => ({
        start: { date: `2026-07-${String(i + 1).padStart(2, "0")}`, half: "pm" as const },
        end: { date: `2026-07-${String(i + 1).padStart(2, "0")}`, half: "pm" as const },
      }));
      const abNote = {
        requesterId: requester.id,
        single: false,
        pairs: month.people.slice(0, 10).map((p) => ({ aId: requester.id, bId: p.id, periods })),
        free: month.people.map((p) => p.id),
      };
      message("abStepBlocks", { blocks: ab.abStepBlocks(lang, abNote) });
      const proposal = {
        record: { id: 1, month: "2026-07", date: "2026-07-20" },
        request,
        requesterName: names.person(request.requesterId),
        windowName: names.window("w01"),
        coverId: ORG.taxStaff1,
      } as unknown as Parameters<typeof ab.abProposalMessage>[1];
      message("abProposalMessage", ab.abProposalMessage(lang, proposal));
      message(
        "abProposalDecidedMessage",
        ab.abProposalDecidedMessage(lang, proposal, { by: ORG.inspector1, confirmed: true }),
      );
      for (const kind of ["remind", "escalate"] as const)
        message(
          "reminderMessage",
          digest.reminderMessage(
            lang,
            { kind, step: pending, request, to: [ORG.inspector1], days: 3 },
            names.person(leaderOf(1)),
          ),
        );

      // ---- home.ts: 300 waiting, 10 of mine, a long score, the director's section.
      const waiting = Array.from({ length: 300 }, (_, i) => ({
        ...pending,
        id: 10_000 + i,
        request,
        requester,
      })) as (StepWithRequest & { requester: typeof requester })[];
      const states: MonthState[] = Array.from({ length: 12 }, (_, i) => ({
        month: `2025-${pad(i + 1)}`,
        state: i % 2 ? "reopened" : "closed",
        closedAt: new Date(),
        reopenedAt: new Date(),
        reopenedBy: ORG.director,
        reopenReason: long(500),
        canReopen: i % 3 === 0,
      }));
      const bigAdmin = {
        overview: {
          outbox: { queued: 99999, sending: 5, failed: 99999 },
          failures: Array.from({ length: 3 }, (_, i) => ({
            id: 100_000 + i,
            channel: i ? leaderOf(i) : ORG.channel,
            error: long(300),
            at: new Date(),
          })),
          jobs: Array.from({ length: 5 }, (_, i) => ({
            job: i ? "close-month" : "digest",
            period: `2026-0${i + 1}`,
            state: i % 2 ? "failed" : "done",
            at: new Date(),
            error: i % 2 ? long(300) : null,
          })),
        },
        reopened: Array.from({ length: 12 }, (_, i) => `2025-${pad(i + 1)}`),
      };
      const homeBlocks = home.homeView(lang, {
        mine: Array.from({ length: 10 }, () => ({ ...request, state: "pending", steps })),
        waiting,
        waitingTotal: 300,
        mineLimit: 10,
        score: { month: "2026-07", lines: home.scoreLines(lang, "2026-07", 300, person) },
        admin: admin.adminHomeBlocks(lang, bigAdmin),
        director: reopen.directorCloseBlocks(lang, states),
        ab: ab.abHomeBlocks(lang, uncovered, "2026-07-26"),
      });
      view("homeView", homeBlocks);
      seen.add("scoreLines");
      seen.add("directorCloseBlocks");
      expect(textOf(homeBlocks)).toContain(lang === "zh" ? "还有" : "more");
      message("directorCloseBlocks", { blocks: reopen.directorCloseBlocks(lang, states) });

      // ---- admin.ts: a 5,000-row file refused line by line or taken, long errors, 100 months to close.
      message("adminHomeBlocks", { blocks: admin.adminHomeBlocks(lang, bigAdmin) });
      const refusedReport = {
        kind: "ratings",
        rows: 5000,
        taken: [],
        refused: Array.from({ length: 5000 }, (_, i) => ({
          line: i + 2,
          code: "IMPORT.UNKNOWN_PERSON",
          detail: { value: long(200) },
        })),
        written: false,
        dryRun: true,
        encoding: "gb18030" as const,
      };
      view("importModal", admin.importModal(lang, "ratings"));
      view("importModal", admin.importModal(lang, "attendance", { report: refusedReport, name: long(300) }));
      view("importModal", admin.importModal(lang, "secondments", { error: long(2900) }));
      const takenReport = {
        ...refusedReport,
        refused: [],
        taken: [
          { line: 0, summary: long(2000) },
          ...Array.from({ length: 5000 }, (_, i) => ({ line: i + 2, summary: long(300) })),
        ],
        month: "2026-07",
        totals: { days: 22, proposed: 99999, late: 1, nopunch: 2, offpost: 3, absent: 4, notInExport: 300 },
      };
      view(
        "importReportModal",
        admin.importReportModal(lang, "attendance", { id: "F0123", name: long(300) }, takenReport),
      );
      message("reportBlocks", { blocks: admin.reportBlocks(lang, long(300), refusedReport, "ratings") });
      view(
        "importDoneView",
        admin.importDoneView(lang, "attendance", long(300), { ...takenReport, dryRun: false }),
      );
      view("workingView", admin.workingView(lang, long(100), long(2900)));
      view(
        "evaluationModal",
        admin.evaluationModal(lang, {
          periods: ["2026-Q2", "2026-Q3", "2026"],
          period: "2026",
          saved: long(2900),
          count: 5000,
          round: 99,
        }),
      );
      const targets = Array.from({ length: 100 }, (_, i) => ({
        type: "person" as const,
        id: staffOf(i, 1),
        name: names.person(staffOf(i, 1)),
        window: names.window(`w${i}`),
        pointsHundredths: i % 2 ? 950 : null,
      }));
      const options = admin.evaluationOptions(lang, {
        people: targets,
        windows: targets.map((x) => ({ ...x, type: "window" as const })),
      });
      // What the search answers is checked as a static select's options would be.
      view("evaluationOptions", {
        type: "modal",
        title: { type: "plain_text", text: "x" },
        blocks: [
          {
            type: "section",
            text: { type: "mrkdwn", text: "x" },
            accessory: { type: "static_select", action_id: "x", ...options },
          },
        ],
      });
      const months = Array.from({ length: 100 }, (_, i) => ({
        month: `20${pad(10 + Math.floor(i / 12))}-${pad((i % 12) + 1)}`,
        state: i % 2 ? ("reopened" as const) : ("open" as const),
      }));
      view("closeMonthModal", admin.closeMonthModal(lang, months, "2015-03"));
      expect(admin.closeMonthModal(lang, [])).toBeNull();
      view(
        "closeDoneView",
        admin.closeDoneView(lang, { month: "2026-07", closings: 99, corrected: true, headCount: 5000 }),
      );

      // ---- records.ts: 150 windows (paged past 100), every item, long notes, many warnings.
      const manyWindows = Array.from({ length: 150 }, (_, i) => ({
        id: `w${i}`,
        name: names.window(`w${i}`),
      }));
      for (const code of ["S-SVC-FIRSTASK", "S-DIS-LEISURE", "W-FIRSTASK"]) {
        const item = catalogItem(code)!;
        view(
          "recordModal",
          records.recordModal({
            lang,
            metadata: { sign: item.sign, responseUrl: h.standIn.responseUrl(), channelId: "C0CENTER" },
            windows: manyWindows,
            today: "2026-07-15",
            item,
            ...(item.linkedWindowCode ? { linked: catalogItem(item.linkedWindowCode)! } : {}),
          }),
        );
      }
      for (const item of searchCatalog(""))
        expect(records.catalogOption(item).text.text.length).toBeLessThanOrEqual(75);
      const plan = {
        date: "2026-07-15",
        note: long(500),
        records: ["S-SVC-FIRSTASK", "W-FIRSTASK", "S-DIS-LEISURE"].map((code, i) => ({
          item: catalogItem(code)!,
          personId: i === 1 ? null : staffOf(1, 1),
          windowId: "w01",
          windowName: names.window("w01"),
          pointsHundredths: 200,
          count: 9,
          totalHundredths: 1800,
          role: (["main", "linked_window", "leader_charge"] as const)[i]!,
        })),
        skipped: [{ code: "W-FIRSTASK", reason: "linked_exists" }],
      };
      message("previewMessage", records.previewMessage(lang, plan, "x".repeat(1900)));
      const warnings = Array.from(
        { length: 15 },
        (_, i) => `${names.person(staffOf(1, 1))} 的通知未能送达 ${i}`,
      );
      message("filedMessage", records.filedMessage(lang, plan, 1, [1, 2, 3], warnings));
      view("revokeModal", records.revokeModal(lang, 1, h.standIn.responseUrl()));
      view("duplicateModal", records.duplicateModal(lang, long(3000), "x".repeat(2900)));
      view("messageModal", records.messageModal(lang, long(200), long(2900)));
      view("loadingModal", records.loadingModal());

      // ---- meetings.ts (例会制度): a meeting of all 60 windows with the longest place and topic; every
      // leader on leave with a delegate of long name, half of the delegates absent; every proposal.
      const meeting = {
        id: 9,
        date: "2026-07-20",
        time: "14:30",
        place: long(100),
        topic: long(300),
        scheduledBy: ORG.inspector1,
        scheduledAt: new Date("2026-07-15T02:00:00Z"),
        state: "held",
        remindedAt: null,
        attendanceBy: ORG.inspector1,
        attendanceAt: new Date("2026-07-20T07:00:00Z"),
      };
      const invites = Array.from({ length: WINDOWS }, (_, k) => ({
        meetingId: 9,
        leaderId: leaderOf(k + 1),
        windowId: windowId(k + 1),
        response: k % 3 === 0 ? "pending" : k % 3 === 1 ? "attend" : "leave",
        delegateId: k % 3 === 2 ? staffOf(k + 1, 1) : null,
        respondedAt: null,
        leaderPresent: k % 3 === 1,
        delegatePresent: k % 3 === 2 ? k % 2 === 0 : null,
        leaderName: names.person(leaderOf(k + 1)),
        windowName: names.window(windowId(k + 1)),
        delegateName: k % 3 === 2 ? names.person(staffOf(k + 1, 1)) : null,
      }));
      const minutesFiles = Array.from({ length: 5 }, (_, i) => ({
        id: i + 1,
        entity: "meeting",
        entityId: 9,
        kind: "minutes",
        fileId: `F0M${i}`,
        name: `${long(200)}.docx`,
        mimetype: "application/msword",
        permalink: null,
        addedBy: ORG.inspector1,
        addedAt: new Date("2026-07-20T08:00:00Z"),
        checkedBy: null,
        checkedAt: null,
      }));
      const mv = { meeting, invites, minutes: minutesFiles } as unknown as Parameters<
        typeof meetings.attendanceMessage
      >[1];
      const open = { ...meeting, state: "scheduled" };
      for (const invite of invites.slice(0, 3))
        message("inviteMessage", meetings.inviteMessage(lang, open, invite, invite.response !== "attend"));
      message(
        "meetingNotice",
        meetings.meetingNotice(
          lang,
          t(lang, "meeting.delegate.named", {
            leader: "x",
            id: 9,
            details: meetings.meetingDetails(lang, open),
          }),
        ),
      );
      view("scheduleModal", meetings.scheduleModal(lang, "2026-07-15"));
      view(
        "leaveModal",
        meetings.leaveModal(
          lang,
          open,
          Array.from({ length: 120 }, (_, i) => ({ id: `U${i}`, name: names.person(`U${i}`) })),
          "U3",
        ),
      );
      view("attendanceModal", meetings.attendanceModal(lang, mv));
      message("attendanceMessage", meetings.attendanceMessage(lang, mv));
      const proposalRows = invites.flatMap((i, k) => [
        {
          id: 2 * k + 1,
          month: "2026-07",
          date: "2026-07-20",
          code: i.delegateId ? "S-ATT-DELEGATE" : "S-ATT-LEADERMEET",
          personId: i.delegateId ?? i.leaderId,
          windowId: null,
          count: 1,
          pointsHundredths: 200,
          totalHundredths: 200,
          note: long(100),
          filedBy: ORG.inspector1,
          filedAt: new Date("2026-07-20T08:00:00Z"),
          source: "meeting",
          state: k % 4 === 0 ? "active" : k % 4 === 1 ? "dismissed" : "proposed",
          linkedFromId: null,
          revokedBy: k % 4 === 1 ? ORG.inspector2 : null,
          revokedAt: null,
          revokeReason: null,
          sourceKey: `meeting:9:x:${k}`,
        },
      ]);
      const reviewNames = new Map(
        invites.flatMap((i) => [
          [i.leaderId, i.leaderName],
          ...(i.delegateId ? [[i.delegateId, i.delegateName ?? ""] as [string, string]] : []),
        ]),
      );
      const leaderOfDelegate = new Map(
        invites.flatMap((i) => (i.delegateId ? [[i.delegateId, i.leaderId] as [string, string]] : [])),
      );
      for (const proposals of [proposalRows, []])
        message(
          "proposalReviewMessage",
          meetings.proposalReviewMessage(lang, {
            meeting,
            proposals,
            names: reviewNames,
            leaderOf: leaderOfDelegate,
          } as unknown as Parameters<typeof meetings.proposalReviewMessage>[1]),
        );
      const homeMeetings = {
        upcoming: invites.slice(0, 5).map((invite, k) => ({ meeting: { ...open, id: 10 + k }, invite })),
        toTakeAttendance: Array.from({ length: 5 }, () => open),
        canSchedule: true,
        isInspection: true,
      };
      message("meetingsMessage", meetings.meetingsMessage(lang, homeMeetings));
      view(
        "homeView",
        home.homeView(lang, {
          mine: [],
          waiting: [],
          score: null,
          mineLimit: 10,
          meetings: meetings.meetingBlocks(lang, homeMeetings),
        }),
      );
      seen.add("meetingBlocks");

      // ---- reopen.ts
      view("reopenModal", reopen.reopenModal(lang, "2026-07", new Date()));

      // ---- requests.ts: the form with every section, the preview at the longest, the status of a long chain.
      for (const kind of ["personal", "sick", "trip", "breastfeeding"] as const)
        view(
          "requestFormView",
          requests.requestFormView(
            lang,
            {
              kind,
              startDate: "2026-07-01",
              endDate: "2026-07-31",
              reason: long(300),
              explanation: long(1500),
              place: long(100),
              phone: "0577-12345678",
              certificate: true,
              emergency: true,
              consentBy: ORG.inspector1,
              consentDate: "2026-06-30",
              consentTime: "08:30",
            },
            "2026-07-15",
          ),
        );
      // The sick form above holds the certificate's file input (checked within the modal's limits there);
      // what Slack sends back for it is read bounded: at most CERTIFICATE_FILES_MAX well-formed file ids.
      seen.add("certificateFileInput");
      const forgedFiles = [
        ...Array.from({ length: 20 }, (_, i) => ({ id: `F${String(i).padStart(8, "0")}` })),
        { id: "not-a-file" },
        { id: 42 },
      ];
      const fileIds = sick.certificateFileIds({
        [sick.CERTIFICATE_FILE]: { [sick.CERTIFICATE_FILE]: { type: "file_input", files: forgedFiles } },
      } as unknown as Parameters<typeof sick.certificateFileIds>[0]);
      expect(fileIds).toEqual(forgedFiles.slice(0, sick.CERTIFICATE_FILES_MAX).map((f) => f.id));
      seen.add("certificateFileIds");
      // The form's preview at the longest (reason 300, explanation 1,500: services/requests.ts
      // TEXT_LIMITS); the quick form carries the reason only, in its Submit button's value.
      const previewOf = async (endDate: string, more: { explanation?: string }) => {
        const p = await previewRequest(h.ctx, {
          requesterId: staffOf(52, 1),
          kind: "personal",
          start: { date: "2026-07-22", half: "am" },
          end: { date: endDate, half: "pm" },
          reason: "因家中长辈病重需要长期陪护照料".repeat(20).slice(0, 300),
          coverId: staffOf(52, 2),
          ...more,
        });
        if (!p.ok) throw new Error(p.code);
        return p.value;
      };
      const explanation = "情况说明："
        .concat("家中长辈突发重病住院，需要长期陪护。\n".repeat(80))
        .slice(0, 1500);
      view(
        "confirmView",
        requests.confirmView(lang, await previewOf("2026-08-14", { explanation }), "working"),
      );
      seen.add("previewBlocks");
      const quick = await previewOf("2026-07-22", {});
      message("quickConfirmBlocks", { blocks: requests.quickConfirmBlocks(lang, quick, "working") });
      message("statusBlocks", { blocks: requests.statusBlocks(lang, request, steps) });
      message("statusBlocks", {
        blocks: requests.statusBlocks(lang, { ...request, state: "rejected" }, steps),
      });
      block("resubmitButton", requests.resubmitButton(lang, request.id));
      message(
        "rejectedMessage",
        requests.rejectedMessage(lang, request, { ...steps[0]!, state: "rejected", note: long(500) }),
      );
      view("messageView", requests.messageView(lang, "无法办理", long(2900)));
    }

    // Every builder of src/slack/blocks/ that makes blocks or a view was called above; helpers that
    // make a piece of text for those builders are listed here (a new builder must be added above).
    // Appeals (申诉, RULES.md §8a): the longest note, reason and decision note.
    {
      const rec = {
        id: 99999,
        month: "2026-07",
        date: "2026-07-31",
        code: "S-SVC-FIRSTASK",
        personId: staffOf(1, 1),
        windowId: null,
        count: 1,
        pointsHundredths: 600,
        totalHundredths: 600,
        note: long(500),
        filedBy: ORG.inspector1,
        filedAt: new Date("2026-07-31T02:00:00Z"),
        source: "manual",
        state: "active",
        linkedFromId: null,
        revokedBy: null,
        revokedAt: null,
        revokeReason: null,
        sourceKey: null,
      };
      const ap = {
        id: 99999,
        recordId: rec.id,
        month: rec.month,
        appellantId: rec.personId,
        reason: long(500),
        filedAt: new Date("2026-08-03T02:00:00Z"),
        deadline: new Date("2026-08-05T16:00:00Z"),
        reviewerId: ORG.deputy,
        state: "revoked",
        decidedBy: ORG.deputy,
        decidedAt: new Date("2026-08-04T02:00:00Z"),
        note: long(500),
        remindedAt: null,
        escalatedAt: null,
      };
      const input = { appeal: ap, record: rec, filerName: long(60) };
      for (const lang of ["zh", "en"] as const) {
        message("appealNoticeBlocks", {
          blocks: appeals.appealNoticeBlocks(lang, long(2900), [1, 2, 3, 4, 5, 6, 7], "2026-08-05"),
        });
        message("appealableBlocks", {
          blocks: appeals.appealableBlocks(
            lang,
            Array.from({ length: 40 }, (_, i) => ({
              record: { ...rec, id: i },
              underAppeal: i % 2 === 0,
              canAppeal: i % 2 === 1,
            })),
          ),
        });
        block("appealButton", { type: "actions", elements: [appeals.appealButton(lang, rec.id)] });
        view("appealModal", appeals.appealModal(lang, rec, long(60)));
        view("appealDecideModal", appeals.appealDecideModal(lang, ap.id, "revoke"));
        message(
          "appealReviewMessage",
          appeals.appealReviewMessage(lang, { ...input, appeal: { ...ap, state: "open" } }),
        );
        message("appealDecidedReviewMessage", appeals.appealDecidedReviewMessage(lang, input));
        message("appealReopenAskMessage", appeals.appealReopenAskMessage(lang, ap, rec, ORG.deputy));
        message("appealDecisionText", { text: appeals.appealDecisionText(lang, "appellant", ap, rec) });
        message("appealFiledFilerText", { text: appeals.appealFiledFilerText(lang, ap, rec) });
        message("appealReminderText", {
          text: appeals.appealReminderText(lang, { kind: "escalate", appeal: ap, days: 2 }, rec),
        });
        message("appealsOpenAtCloseText", {
          text: appeals.appealsOpenAtCloseText(
            lang,
            "2026-07",
            Array.from({ length: WINDOWS * PER_WINDOW }, (_, i) => ({
              ...ap,
              id: i,
              appellantId: staffOf(1 + (i % WINDOWS), 1),
            })),
          ),
        });
        message("appealDecidedLine", { text: appeals.appealDecidedLine(lang, ap, rec) });
      }
    }

    const TEXT_HELPERS = new Set([
      "evaluationPeriodName",
      "outcomeLine",
      "typedLines",
      "stepTitle",
      "periodTitle",
      "awardEditActionId",
      "yuan",
      "pts",
      "periodName",
      "noticeLine",
      "itemName",
      "pointsText",
      "catalogOption",
      "encodeMetadata",
      "decodeMetadata",
      "itemInfoText",
      "recordLine",
      "planText",
      "pagedOptions",
      "reopenedNotice",
      "plain",
      "mrkdwn",
      "section",
      "context",
      "kindName",
      "purposeName",
      "mention",
      "personText",
      "periodText",
      "requestPeriod",
      "daysText",
      "when",
      "stepName",
      "ruleSentence",
      "costLines",
      "flagNotes",
      "draftOf",
      "nextText",
      "requestHead",
      "factLines",
      "stepActor",
      "carry",
      "stepLine",
      "requestSummary",
      "statusText",
      "meetingWhen",
      "meetingDetails",
      "abStepLines",
      "uncoveredLines",
      "abDigestLines",
      "abDecidedLine",
      "sickStepLines",
      "sickDecisionInput",
      "sickErrorField",
    ]);
    const builders = [
      ab,
      admin,
      appeals,
      approvals,
      awards,
      close,
      cover,
      digest,
      home,
      meetings,
      notice,
      records,
      reopen,
      requests,
      sick,
    ]
      .flatMap((m) => Object.entries(m))
      .filter(([name, v]) => typeof v === "function" && !TEXT_HELPERS.has(name))
      .map(([name]) => name);
    expect(builders.filter((name) => !seen.has(name))).toEqual([]);
  }, 60_000);
});
