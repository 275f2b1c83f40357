// Leave and trip requests end to end (RULES.md §3): the real app on 127.0.0.1, the Slack stand-in,
// signed HTTP requests. "Now" is Wednesday 2026-07-15 10:00 in Shanghai (the harness default).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tick } from "../../src/jobs/scheduler.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { file } from "../helpers/closeFixture.ts";
import { ORG } from "../helpers/org.ts";
import type { SlackUserRef, ViewJson } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { button, callsDuring, lastView, responses, submitQuick, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);

beforeAll(async () => {
  // 吴房 (estate leader) uses Slack in English.
  h = await startAppHarness({ locales: { [ORG.estateLeader]: "en-US" } });
});
afterAll(async () => {
  await h?.close();
});

const u = (id: string): SlackUserRef => ({ id });

const posts = (calls: StandInCall[], channel: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);
const updates = (calls: StandInCall[]) => calls.filter((c) => c.method === "chat.update");

const hasButtons = (message: Json) => ((message.blocks as Json[]) ?? []).some((b) => b.type === "actions");

/** Clicks a button of a bot message (as posted: channel and ts come from the stand-in's reply). */
async function click(user: string, post: StandInCall, actionId: string) {
  const reply = (post as { response?: Json }).response ?? {};
  const message = { ts: String(reply.ts), blocks: post.args.blocks as unknown[] };
  const b = button(post.args as Json, actionId);
  return during(() =>
    h.slack.sendAction(
      u(user),
      { action_id: actionId, value: String(b.value) },
      { channelId: String(reply.channel), message },
    ),
  );
}

async function openForm(user: string, command = "/qingjia"): Promise<ViewJson> {
  const calls = await during(() => h.slack.sendCommand(command, "", u(user)));
  const open = calls.find((c) => c.method === "views.open");
  expect(open, "the modal opens right after the ack").toBeDefined();
  return lastView(calls);
}

describe("a staff request through a three-step chain (form)", () => {
  test("form → preview → submit → leader → inspection → deputy director → approved", async () => {
    const form = await openForm(ORG.taxStaff2);
    expect(form.callback_id).toBe("req_form");
    // 4 working days (Mon 07-20 … Thu 07-23): staff 3<d<7 → opinion → inspection review → deputy director.
    const next = await h.slack.sendViewSubmission(u(ORG.taxStaff2), form, {
      req_kind: "personal",
      req_start_date: "2026-07-20",
      req_start_half: "am",
      req_end_date: "2026-07-23",
      req_end_half: "pm",
      req_reason: "母亲住院 <!channel> 需陪护",
      req_cover: ORG.taxStaff1,
      req_explanation: null,
    });
    const push = next.json as { response_action: string; view: ViewJson };
    expect(push.response_action).toBe("push");
    const preview = textOf(push.view.blocks);
    expect(preview).toContain("共 *4 天*（按工作日计）");
    // 王二 has 5 days of annual leave: all 4 days are offset (§3(一) 事假先用年休假冲抵).
    expect(preview).toContain("其中 *4 天以年休假冲抵*");
    expect(preview).toContain("*0 天计为事假*");
    expect(preview).toContain(`1. 窗口负责人签署意见 — <@${ORG.taxLeader}>`);
    expect(preview).toContain("2. 督查科审核 — 督查科任一成员");
    expect(preview).toContain(`3. 分管副主任审批 — <@${ORG.deputy}>`);
    expect(preview).toContain(
      "请销假制度第一条（二）：请事假 3 天以上不满 7 天，由窗口负责人签署意见、督查科审核、分管副主任审批。",
    );
    expect(preview).not.toContain("§3");
    expect(preview).toContain("母亲住院 &lt;!channel&gt; 需陪护");
    expect(preview).not.toContain("<!channel>");
    expect(await h.db.request.count()).toBe(0); // nothing written before Submit

    const submitted = await during(async () => {
      const r = await h.slack.sendViewSubmission(u(ORG.taxStaff2), { ...push.view, id: "V0CONFIRM" });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const request = await h.db.request.findFirstOrThrow({ where: { requesterId: ORG.taxStaff2 } });
    expect([request.state, request.halfDays, request.annualOffsetHalfDays, request.coverId]).toEqual([
      "pending",
      8,
      8,
      ORG.taxStaff1,
    ]);
    const [status] = posts(submitted, ORG.taxStaff2);
    expect(textOf(status!.args.blocks)).toContain(`事假申请 #${request.id}：审批中`);
    const [toLeader] = posts(submitted, ORG.taxLeader);
    const leaderText = textOf(toLeader!.args.blocks);
    expect(leaderText).toContain(
      `*<@${ORG.taxStaff2}>（税务窗口） · 事假 · 2026-07-20 上午 至 2026-07-23 下午 · 4 天*\n申请 #${request.id} · 待您处理：窗口负责人签署意见（第 1 步，共 3 步）`,
    );
    expect(leaderText).toContain("同意后转督查科审核");
    expect(leaderText).not.toContain("§3");
    expect(leaderText).toContain("母亲住院 &lt;!channel&gt; 需陪护");
    expect(posts(submitted, ORG.inspector1)).toEqual([]); // not their turn yet

    // The window leader agrees with one click.
    const afterLeader = await click(ORG.taxLeader, toLeader!, "step_approve");
    const leaderUpdate = updates(afterLeader).find(
      (c) => c.args.channel === h.standIn.dmChannel(ORG.taxLeader),
    );
    expect(leaderUpdate && hasButtons(leaderUpdate.args as Json)).toBe(false);
    expect(textOf(leaderUpdate!.args.blocks)).toContain(`✅ 已由 <@${ORG.taxLeader}> 同意`);
    const [ins1] = posts(afterLeader, ORG.inspector1);
    const [ins2] = posts(afterLeader, ORG.inspector2);
    expect(textOf(ins1!.args.blocks)).toContain("督查科任一成员处理即可，先处理者为准。");
    expect(ins2).toBeDefined();

    // A staff member who is not in inspection clicks the inspection step: refused, nothing changes.
    const wrong = await click(ORG.taxStaff1, ins1!, "step_approve");
    expect(String(responses(wrong)[0]?.text)).toBe("这一步由督查科处理，您不是督查科人员。");

    // Inspector 1 decides; inspector 2's copy updates in place.
    const afterIns = await click(ORG.inspector1, ins1!, "step_approve");
    const ins2Update = updates(afterIns).find((c) => c.args.channel === h.standIn.dmChannel(ORG.inspector2));
    expect(textOf(ins2Update!.args.blocks)).toContain(`✅ 已由 <@${ORG.inspector1}> 同意`);
    expect(hasButtons(ins2Update!.args as Json)).toBe(false);
    // Inspector 2 clicks the stale copy (a double click by anyone): nothing changes, and says so.
    const late = await click(ORG.inspector2, ins2!, "step_approve");
    expect(String(responses(late)[0]?.text)).toBe(
      `这一步已由 <@${ORG.inspector1}> 处理过（同意），这次点击没有改变任何内容。`,
    );
    const again = await click(ORG.inspector1, ins1!, "step_approve");
    expect(String(responses(again)[0]?.text)).toContain("这次点击没有改变任何内容");
    expect(await h.db.auditLog.count({ where: { action: "step.approve" } })).toBe(2);

    const [toDeputy] = posts(afterIns, ORG.deputy);
    const done = await click(ORG.deputy, toDeputy!, "step_approve");
    const final = await h.db.request.findUniqueOrThrow({ where: { id: request.id } });
    expect(final.state).toBe("approved");
    expect(textOf(posts(done, ORG.taxStaff2).map((c) => c.args))).toContain(`✅ 您的事假申请 #${request.id}`);
    expect(textOf(posts(done, ORG.taxStaff1).map((c) => c.args))).toContain("由您顶岗");
    // The leader gave the opinion and the cover is named: they are not told again (issue #10).
    expect(posts(done, ORG.taxLeader)).toEqual([]);
    // The requester's status message was updated in place, without the Withdraw button.
    const statusUpdate = updates(done).find(
      (c) => c.args.ts === (status as { response?: Json }).response?.ts,
    );
    expect(textOf(statusUpdate!.args.blocks)).toContain(`事假申请 #${request.id}：已批准`);
    expect(hasButtons(statusUpdate!.args as Json)).toBe(false);
  });
});

describe("quick form, rejection with a reason, and cover", () => {
  test("/qingjia one-liner → preview (nothing written) → Submit → the leader rejects with a reason", async () => {
    const asked = await during(() =>
      h.slack.sendCommand("/qingjia", "事假 2026-07-27 2026-07-27 家里装修", u(ORG.taxStaff1)),
    );
    const [preview] = responses(asked);
    expect(textOf(preview)).toContain("请确认以下申请（尚未提交）：");
    expect(textOf(preview)).toContain("共 *1 天*（按工作日计）");
    expect(await h.db.request.count({ where: { requesterId: ORG.taxStaff1 } })).toBe(0);

    const submit = button(preview!, "req_submit");
    const sent = await during(() =>
      h.slack.sendAction(
        u(ORG.taxStaff1),
        { action_id: "req_submit", value: String(submit.value) },
        { isEphemeral: true },
      ),
    );
    const request = await h.db.request.findFirstOrThrow({ where: { requesterId: ORG.taxStaff1 } });
    expect(responses(sent)[0]).toMatchObject({
      replace_original: true,
      text: `已提交申请 #${request.id}，审批进度见与我的私信。`,
    });
    // A second click on the same Submit writes nothing more and says why.
    const twice = await during(() =>
      h.slack.sendAction(
        u(ORG.taxStaff1),
        { action_id: "req_submit", value: String(submit.value) },
        { isEphemeral: true },
      ),
    );
    expect(String(responses(twice)[0]?.text)).toBe(
      `与您已有的事假申请 #${request.id}（2026-07-27 全天）时间重叠。`,
    );
    expect(await h.db.request.count({ where: { requesterId: ORG.taxStaff1 } })).toBe(1);

    const [toLeader] = posts(sent, ORG.taxLeader);
    // The requester cannot decide a step of their own request, even holding the button.
    const own = await click(ORG.taxStaff1, toLeader!, "step_approve");
    expect(String(responses(own)[0]?.text)).toBe("不能审批自己的申请。");

    const opened = await click(ORG.taxLeader, toLeader!, "step_reject");
    expect(opened.map((c) => c.method)).toContain("views.open");
    const modal = lastView(opened);
    expect(modal.callback_id).toBe("step_reject_modal");
    const blank = await h.slack.sendViewSubmission(u(ORG.taxLeader), modal, { note: "   " });
    expect(blank.json).toEqual({ response_action: "errors", errors: { note: "不同意时须写明理由。" } });
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("pending");

    const rejected = await during(async () => {
      const r = await h.slack.sendViewSubmission(u(ORG.taxLeader), modal, {
        note: "月底窗口人手不足，<@U0DEPUTY> 请改期",
      });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const after = await h.db.request.findUniqueOrThrow({
      where: { id: request.id },
      include: { steps: true },
    });
    expect([after.state, after.steps.map((s) => s.state)]).toEqual(["rejected", ["rejected", "cancelled"]]);
    expect(textOf(posts(rejected, ORG.taxStaff1).map((c) => c.args))).toContain(
      `未获批准。<@${ORG.taxLeader}> 的理由：月底窗口人手不足，&lt;@U0DEPUTY&gt; 请改期`,
    );
    const leaderMsg = updates(rejected).find((c) => c.args.channel === h.standIn.dmChannel(ORG.taxLeader));
    expect(textOf(leaderMsg!.args.blocks)).toContain(`❌ 已由 <@${ORG.taxLeader}> 标为不同意`);
    expect(posts(rejected, ORG.inspector1)).toEqual([]); // the chain ended at the opinion
  });

  test("filing-only half day: the leader names the cover with the opinion; 备案 is quiet until the daily summary", async () => {
    const asked = await during(() =>
      h.slack.sendCommand("/qingjia", "事假 2026-07-29am 看牙", u(ORG.taxStaff1)),
    );
    const [preview] = responses(asked);
    expect(textOf(preview)).toContain("*事假* · 2026-07-29 上午\n共 *0.5 天*");
    expect(textOf(preview)).toContain("2. 督查科备案");
    const submit = button(preview!, "req_submit");
    const sent = await during(() =>
      h.slack.sendAction(
        u(ORG.taxStaff1),
        { action_id: "req_submit", value: String(submit.value) },
        { isEphemeral: true },
      ),
    );
    const [toLeader] = posts(sent, ORG.taxLeader);
    expect(textOf(toLeader!.args.blocks)).toContain("同意即生效，并报督查科备案");
    const opened = await click(ORG.taxLeader, toLeader!, "step_approve_note");
    const modal = lastView(opened);
    expect(modal.callback_id).toBe("step_approve_modal");
    const self = await h.slack.sendViewSubmission(u(ORG.taxLeader), modal, {
      cover: ORG.taxStaff1,
      note: null,
    });
    expect(self.json).toEqual({ response_action: "errors", errors: { cover: "顶岗人不能是申请人本人。" } });
    const done = await during(() =>
      h.slack.sendViewSubmission(u(ORG.taxLeader), modal, { cover: ORG.taxStaff2, note: "已安排王二顶岗" }),
    );
    const request = await h.db.request.findFirstOrThrow({
      where: { requesterId: ORG.taxStaff1, startDate: "2026-07-29" },
      include: { steps: { orderBy: { seq: "asc" } } },
    });
    expect([request.state, request.coverId, request.steps.map((s) => s.state)]).toEqual([
      "approved",
      ORG.taxStaff2,
      ["approved", "filed"],
    ]);
    // 备案 needs no decision: no message per filing (issue #10, like DingTalk's 抄送).
    expect(posts(done, ORG.inspector1)).toEqual([]);
    expect(posts(done, ORG.inspector2)).toEqual([]);
    expect(textOf(posts(done, ORG.taxStaff2).map((c) => c.args))).toContain("由您顶岗");
    // The leader's own click ended the chain: their message says so, and no notice follows it.
    const leaderUpdate = updates(done).find((c) => c.args.channel === h.standIn.dmChannel(ORG.taxLeader));
    expect(textOf(leaderUpdate!.args.blocks)).toContain(
      `✅ 已由 <@${ORG.taxLeader}> 同意（2026-07-15 10:00）：已安排王二顶岗\n申请已批准。`,
    );
    expect(posts(done, ORG.taxLeader)).toEqual([]);
    expect(textOf(posts(done, ORG.taxStaff1).map((c) => c.args))).toContain(
      `<@${ORG.taxLeader}> 的意见：已安排王二顶岗`,
    );

    // The next working day at 09:00 the scheduler sends inspection the day's filings, once.
    h.clock.set("2026-07-16T01:00:00.000Z");
    try {
      const summary = await during(async () => {
        const report = await tick({ ctx: h.ctx, owner: "test" });
        expect(report.ran).toContainEqual({ job: "filing-summary", period: "2026-07-16", status: "done" });
        await h.app.idle();
      });
      for (const inspector of [ORG.inspector1, ORG.inspector2]) {
        const [msg, ...more] = posts(summary, inspector).filter((c) => String(c.args.text).startsWith("📁"));
        expect(more).toEqual([]);
        expect(msg!.args.text).toBe("📁 备案汇总（2026-07-15）：1 件，均已生效，无需处理");
        expect(textOf(msg!.args.blocks)).toContain(
          `• <@${ORG.taxStaff1}>（税务窗口） 事假 2026-07-29 上午（0.5 天）· 申请 #${request.id} · 窗口负责人 <@${ORG.taxLeader}> 已签署意见`,
        );
        expect(hasButtons(msg!.args as Json)).toBe(false);
      }
      const again = await during(async () => {
        expect((await tick({ ctx: h.ctx, owner: "test" })).ran.map((r) => r.job)).not.toContain(
          "filing-summary",
        );
        await h.app.idle();
      });
      expect(posts(again, ORG.inspector1).filter((c) => String(c.args.text).startsWith("📁"))).toEqual([]);
    } finally {
      h.clock.set("2026-07-15T02:00:00.000Z");
    }
  });
});

describe("a DM request, withdrawn", () => {
  test("DM one-liner → preview in the DM → Submit updates it in place → withdraw; stale clicks change nothing", async () => {
    const asked = await during(() =>
      h.slack.sendMessageIm(u(ORG.estateStaff1), "事假 2026-07-22 2026-07-22 孩子开家长会"),
    );
    const [preview] = posts(asked, h.standIn.dmChannel(ORG.estateStaff1));
    expect(textOf(preview!.args.blocks)).toContain("年休假余额 0 天，本次无可冲抵，全部计为事假。");
    const sent = await click(ORG.estateStaff1, preview!, "req_submit");
    const request = await h.db.request.findFirstOrThrow({ where: { requesterId: ORG.estateStaff1 } });
    const replaced = updates(sent).find((c) => c.args.ts === (preview as { response?: Json }).response?.ts);
    expect(replaced?.args.text).toBe(`已提交申请 #${request.id}，审批进度见与我的私信。`);
    // The estate leader reads English.
    const [toLeader] = posts(sent, ORG.estateLeader);
    expect(textOf(toLeader!.args.blocks)).toContain(
      "Leave rules art. 1(2): personal leave over half a day up to 3 days — window leader's opinion, inspection approves.",
    );
    expect(textOf(toLeader!.args.blocks)).toContain("(step 1 of 2)");
    const [status] = posts(sent, ORG.estateStaff1);

    const notMine = await click(ORG.taxStaff1, status!, "req_withdraw");
    expect(String(responses(notMine)[0]?.text)).toBe("只有申请人本人可以撤回申请。");
    const withdrawn = await click(ORG.estateStaff1, status!, "req_withdraw");
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("withdrawn");
    expect(await h.db.approvalStep.count({ where: { requestId: request.id, state: "cancelled" } })).toBe(2);
    const leaderMsg = updates(withdrawn).find(
      (c) => c.args.channel === h.standIn.dmChannel(ORG.estateLeader),
    );
    expect(textOf(leaderMsg!.args.blocks)).toContain("This request is withdrawn; nothing to do.");
    expect(hasButtons(leaderMsg!.args as Json)).toBe(false);
    const statusMsg = updates(withdrawn).find(
      (c) => c.args.ts === (status as { response?: Json }).response?.ts,
    );
    expect(textOf(statusMsg!.args.blocks)).toContain(`事假申请 #${request.id}：已撤回`);

    const again = await click(ORG.estateStaff1, status!, "req_withdraw");
    expect(String(responses(again)[0]?.text)).toBe("申请已结束（已撤回），不能再撤回。");
    const stale = await click(ORG.estateLeader, toLeader!, "step_approve");
    expect(String(responses(stale)[0]?.text)).toBe(
      "This request has ended (withdrawn or decided); your click changed nothing.",
    );
  });
});

describe("an outside approver recorded by inspection", () => {
  test("the hrss leader's 17-day sick leave: paper consent of the parent-unit leader recorded with a note", async () => {
    const asked = await during(() =>
      h.slack.sendCommand("/qingjia", "病假 2026-07-20 2026-08-05 腰椎手术", u(ORG.hrssLeader)),
    );
    const [preview] = responses(asked);
    expect(textOf(preview)).toContain("共 *17 天*（按自然日计）");
    expect(textOf(preview)).toContain("1. 主管单位分管领导同意（线下，由督查科登记） — 督查科任一成员");
    expect(button(preview!, "req_submit").text).toMatchObject({ text: "确认已有医院证明并提交" });
    const sent = await during(() =>
      h.slack.sendAction(
        u(ORG.hrssLeader),
        { action_id: "req_submit", value: String(button(preview!, "req_submit").value) },
        { isEphemeral: true },
      ),
    );
    const request = await h.db.request.findFirstOrThrow({ where: { requesterId: ORG.hrssLeader } });
    expect(request.certificate).toBe("confirmed");
    const [ins1] = posts(sent, ORG.inspector1);
    expect(textOf(ins1!.args.blocks)).toContain("主管单位分管领导不在本工作区");
    button(ins1!.args as Json, "step_outside");

    // Someone outside inspection cannot record it: the modal says why instead of asking.
    const wrong = await click(ORG.taxLeader, ins1!, "step_outside");
    expect(textOf(lastView(wrong).blocks)).toContain("这一步须由督查科人员代为登记。");

    const opened = await click(ORG.inspector1, ins1!, "step_outside");
    const modal = lastView(opened);
    expect(modal.callback_id).toBe("step_outside_modal");
    const noNote = await h.slack.sendViewSubmission(u(ORG.inspector1), modal, {
      decision: "approve",
      note: " ",
    });
    expect(noNote.json).toEqual({
      response_action: "errors",
      errors: { note: "登记纸质意见时须写明意见内容（谁签署、何时收到）。" },
    });
    const recorded = await during(() =>
      h.slack.sendViewSubmission(u(ORG.inspector1), modal, {
        decision: "approve",
        note: "人社局分管领导已签字同意，7月15日收到",
      }),
    );
    const steps = await h.db.approvalStep.findMany({
      where: { requestId: request.id },
      orderBy: { seq: "asc" },
    });
    expect(steps.map((s) => [s.approver, s.outside, s.state, s.decidedBy])).toEqual([
      ["parent_unit_leader", true, "approved", ORG.inspector1],
      ["inspection", false, "pending", null],
      ["deputy_director", false, "waiting", null],
    ]);
    expect(steps[0]!.note).toBe("人社局分管领导已签字同意，7月15日收到");
    const status = updates(recorded).find((c) => c.args.channel === h.standIn.dmChannel(ORG.hrssLeader));
    expect(textOf(status!.args.blocks)).toContain(
      `✅ 纸质意见：同意（2026-07-15 10:00，督查科 <@${ORG.inspector1}> 登记）`,
    );
    expect(posts(recorded, ORG.inspector2).length).toBe(1); // the inspection review step
  });
});

describe("every refusal says what is wrong", () => {
  const staff = ORG.taxStaff2;
  // [user, command, text, the exact Chinese message (or its start)]
  const cases: [string, string, string, string][] = [
    [staff, "/qingjia", "休假 2026-08-03 家事", "不认识的类别“休假”。"],
    [staff, "/qingjia", "<!here> 2026-08-03 家事", "不认识的类别“&lt;!here&gt;”。"],
    [
      staff,
      "/qingjia",
      "事假 改天 家事",
      "缺少日期：请写开始日期，如 2026-12-01、12月1日、12/1、明天、下周一。",
    ],
    [
      staff,
      "/qingjia",
      "事假 2026-08-32 家事",
      "日期“2026-08-32”不对：请写一个真实的日期，如 2026-12-01、12月1日、12/1、明天、下周一，可在后面加上午/下午（如 12月1日下午）。",
    ],
    [staff, "/qingjia", "事假 2026-08-04 2026-08-03 家事", "结束时间早于开始时间，请检查日期和上午/下午。"],
    [
      staff,
      "/qingjia",
      "事假 2026-08-08 2026-08-09 家事",
      "所选时间内没有工作日（周末或法定节假日），不需要请假。",
    ],
    [staff, "/qingjia", "事假 2026-08-03", "请写明事由（事假须事前申明理由；紧急补办须说明情况）。"],
    [
      staff,
      "/qingjia",
      "事假 2026-08-03 2026-08-14 出国探亲",
      "事假超过7天或全年事假累计达30天，须附详尽的书面说明。\n这一项需要在表单里填写",
    ],
    [
      staff,
      "/qingjia",
      "事假 2026-07-14 家事",
      "请假从 2026-07-14 08:30 开始，现在（2026-07-15 10:00）已过开始时间，属于补办",
    ],
    // Issue #12 finding 2 (§3 五): this morning, asked at 10:00, started at 08:30: 补办 too.
    [
      staff,
      "/qingjia",
      "事假 2026-07-15 家事",
      "请假从 2026-07-15 08:30 开始，现在（2026-07-15 10:00）已过开始时间，属于补办",
    ],
    [staff, "/qingjia", "事假 2027-01-04 家事", "2027 年的法定节假日安排还没有导入"],
    [
      ORG.estateStaff1,
      "/qingjia",
      "年休假 2026-08-03 2026-08-07 旅游",
      "年休假余额不足：剩余 0 天，本次申请 5 天。",
    ],
    [
      ORG.outsider,
      "/qingjia",
      "事假 2026-08-03 家事",
      "您还不在中心人员名单里，无法提交申请。请联系督查科登记。",
    ],
    [staff, "/trip", "旅游 2026-08-03 杭州 13800001234", "不认识的外出事由“旅游”。"],
    [staff, "/trip", "会议 2026-08-03", "缺少地点：日期后面写具体地点（不要有空格），再写联系电话。"],
    [staff, "/trip", "会议 2026-08-03 县政府", "缺少联系电话：写在地点后面。"],
    [
      staff,
      "/trip",
      "会议 2026-08-03 县政府 <call-me>",
      "联系电话 &lt;call-me&gt; 看起来不对：应为 7–15 位数字（可含 +、- 和空格）。",
    ],
    [staff, "/trip", `会议 2026-08-03 ${"县".repeat(101)} 13800001234`, "地点太长了，最多 100 个字。"],
  ];
  test.each(cases)("%s %s %s", async (user, command, text, expected) => {
    const before = await h.db.request.count();
    const calls = await during(() => h.slack.sendCommand(command, text, u(user)));
    const [reply] = responses(calls);
    expect(String(reply?.text).startsWith(expected), String(reply?.text)).toBe(true);
    expect(reply?.blocks).toBeUndefined(); // no Submit button on a refusal
    expect(await h.db.request.count()).toBe(before);
  });

  test("an overlap names the request already booked", async () => {
    // Its own booked request (issue #12: this case used the request of an earlier test in the file).
    const booked = await h.db.request.create({
      data: {
        requesterId: ORG.estateStaff1,
        kind: "personal",
        startDate: "2026-09-01",
        startHalf: "am",
        endDate: "2026-09-02",
        endHalf: "pm",
        halfDays: 4,
        reason: "家事",
        state: "approved",
      },
    });
    const before = await h.db.request.count();
    const [reply] = responses(
      await during(() => h.slack.sendCommand("/qingjia", "事假 2026-09-02 家事", u(ORG.estateStaff1))),
    );
    expect(String(reply?.text)).toContain(`与您已有的事假申请 #${booked.id}`);
    expect(await h.db.request.count()).toBe(before);
    await h.db.request.delete({ where: { id: booked.id } }); // leaves the shared app as it found it
  });

  test("in English for an English Slack user, through the English alias /timeoff", async () => {
    const [reply] = responses(
      await during(() => h.slack.sendCommand("/timeoff", "holiday 2026-08-03 x", u(ORG.estateLeader))),
    );
    expect(String(reply?.text)).toContain(
      "Unknown kind “holiday”. Use personal, sick, annual, marriage, maternity, paternity, family, breastfeeding or trip.",
    );
    expect(String(reply?.text)).toContain("*Leave*: `/timeoff` (or `/qingjia`) opens the form");
  });

  test("a DM that is not a request gets short help; a broken one says what is missing", async () => {
    const hello = await during(() => h.slack.sendMessageIm(u(staff), "你好"));
    expect(String(posts(hello, h.standIn.dmChannel(staff))[0]?.args.text)).toContain(
      "您可以直接发给我一行申请",
    );
    const trip = await during(() => h.slack.sendMessageIm(u(staff), "出差"));
    expect(String(posts(trip, h.standIn.dmChannel(staff))[0]?.args.text)).toMatch(
      /^请写外出事由：培训、会议、下乡、踏勘或原单位业务。/,
    );
    // The bot's own DM posts (echoed back as message events) are ignored.
    const echo = await during(() =>
      h.slack.sendEvent({
        type: "message",
        channel_type: "im",
        channel: h.standIn.dmChannel(staff),
        bot_id: "B0BOT",
        text: "事假 2026-08-03 x",
      }),
    );
    expect(echo.filter((c) => c.method === "chat.postMessage")).toEqual([]);
  });

  test("clicks that cannot decide", async () => {
    const gone = await during(() =>
      h.slack.sendAction(u(ORG.inspector1), { action_id: "step_approve", value: "999999" }),
    );
    expect(String(responses(gone)[0]?.text)).toBe("找不到这一审批步骤。");
  });
});

describe("the form's own refusals, pinned to their field", () => {
  async function changeForm(
    user: string,
    view: ViewJson,
    values: Record<string, string | string[] | null>,
    actionId: string,
  ) {
    const calls = await during(() =>
      h.slack.sendAction(
        u(user),
        { action_id: actionId, type: "static_select" },
        { view: { ...view, state: { values: fillState(view, values) } } },
      ),
    );
    return lastView(calls);
  }
  // The view state Slack sends with a block action inside a modal.
  const fillState = (view: ViewJson, values: Record<string, string | string[] | null>) => {
    const out: Record<string, Record<string, unknown>> = {};
    for (const block of view.blocks ?? []) {
      const el = block.element as Json | undefined;
      const id = el?.action_id as string | undefined;
      if (!id || !(id in values)) continue;
      const v = values[id];
      const type = String(el!.type);
      out[String(block.block_id)] = {
        [id]:
          type === "datepicker"
            ? { type, selected_date: v }
            : type === "static_select"
              ? { type, selected_option: { value: v } }
              : type === "checkboxes"
                ? { type, selected_options: ((v as string[]) ?? []).map((x) => ({ value: x })) }
                : { type, value: v },
      };
    }
    return out;
  };

  test("sick leave: choosing the kind adds the certificate field, which is then required; the leader is told", async () => {
    const form = await openForm(ORG.estateStaff1);
    expect(textOf(form.blocks)).not.toContain("医院证明");
    const sick = await changeForm(
      ORG.estateStaff1,
      form,
      { req_kind: "sick", req_start_date: "2026-08-03" },
      "req_kind",
    );
    expect(textOf(sick.blocks)).toContain("我已取得县级及以上医院出具的证明");
    const values = {
      req_kind: "sick",
      req_start_date: "2026-08-03",
      req_start_half: "am",
      req_end_date: "2026-08-04",
      req_end_half: "pm",
      req_reason: "肠胃炎",
      req_cover: null,
      req_certificate: [] as string[],
    };
    const refused = await h.slack.sendViewSubmission(u(ORG.estateStaff1), sick, values);
    expect(refused.json).toEqual({
      response_action: "errors",
      errors: { req_certificate: "病假须有县级及以上医院出具的证明，请确认已取得证明后再提交。" },
    });
    const selfCover = await h.slack.sendViewSubmission(u(ORG.estateStaff1), sick, {
      ...values,
      req_cover: ORG.estateStaff1,
    });
    expect(selfCover.json).toMatchObject({ errors: { req_cover: "顶岗人不能是申请人本人。" } });
    const next = await h.slack.sendViewSubmission(u(ORG.estateStaff1), sick, {
      ...values,
      req_certificate: ["confirmed"],
    });
    const push = next.json as { view: ViewJson };
    expect(textOf(push.view.blocks)).toContain("1. 督查科审批 — 督查科任一成员");
    const sent = await during(() =>
      h.slack.sendViewSubmission(u(ORG.estateStaff1), { ...push.view, id: "V0C2" }),
    );
    // Staff sick leave has no window-leader step: the leader is told to arrange cover (RULES §3(二)).
    const [toLeader] = posts(sent, ORG.estateLeader);
    expect(textOf(toLeader!.args)).toContain("please arrange cover");
    // …and can do so there and then: the notice carries the [Name cover] button (issue #10).
    expect(button(toLeader!.args as Json, "cover_name").value).toBe(
      String(
        (await h.db.request.findFirstOrThrow({ where: { requesterId: ORG.estateStaff1, kind: "sick" } })).id,
      ),
    );
  });

  test("a late start adds the 补办 section: consent must come from inspection, before the start", async () => {
    const form = await openForm(ORG.taxLeader);
    const late = await changeForm(
      ORG.taxLeader,
      form,
      { req_kind: "personal", req_start_date: "2026-07-13" },
      "req_start_date",
    );
    expect(textOf(late.blocks)).toContain("*补办*");
    const base = {
      req_kind: "personal",
      req_start_date: "2026-07-13",
      req_start_half: "am",
      req_end_date: "2026-07-13",
      req_end_half: "pm",
      req_reason: "家中急事",
      req_explanation: null,
      req_emergency: [] as string[],
      req_consent_by: null as string | null,
      req_consent_date: null as string | null,
      req_consent_time: null as string | null,
    };
    const submit = (v: Partial<typeof base>) =>
      h.slack.sendViewSubmission(u(ORG.taxLeader), late, { ...base, ...v });
    expect((await submit({})).json).toMatchObject({
      errors: {
        req_emergency: expect.stringMatching(
          /^请假从 2026-07-13 08:30 开始，现在（2026-07-15 10:00）已过开始时间，属于补办/,
        ),
      },
    });
    expect(
      (
        await submit({
          req_consent_by: ORG.taxStaff1,
          req_consent_date: "2026-07-10",
          req_consent_time: "17:30",
        })
      ).json,
    ).toEqual({
      response_action: "errors",
      errors: { req_consent_by: `登记的事前同意人 <@${ORG.taxStaff1}> 不是督查科人员。` },
    });
    expect(
      (
        await submit({
          req_consent_by: ORG.inspector1,
          req_consent_date: "2026-07-13",
          req_consent_time: "09:00",
        })
      ).json,
    ).toEqual({
      response_action: "errors",
      errors: { req_consent_date: "事前同意的时间须早于请假开始（2026-07-13 08:30）。" },
    });
    expect((await submit({ req_consent_by: ORG.inspector1 })).json).toEqual({
      response_action: "errors",
      errors: { req_consent_by: "事前同意须同时填写督查科人员和同意的日期、时间。" },
    });
    const ok = await submit({
      req_consent_by: ORG.inspector1,
      req_consent_date: "2026-07-10",
      req_consent_time: "17:30",
    });
    expect(textOf((ok.json as { view: ViewJson }).view.blocks)).toContain(
      `事前同意：<@${ORG.inspector1}>（2026-07-10 17:30）`,
    );
  });

  test("a trip needs its purpose", async () => {
    const form = await openForm(ORG.taxStaff1, "/trip");
    expect(form.callback_id).toBe("req_form");
    const r = await h.slack.sendViewSubmission(u(ORG.taxStaff1), form, {
      req_kind: "trip",
      req_start_date: "2026-08-05",
      req_start_half: "am",
      req_end_date: "2026-08-05",
      req_end_half: "pm",
      req_purpose: null,
      req_place: "县行政中心",
      req_phone: "13800001234",
    });
    expect(r.json).toEqual({
      response_action: "errors",
      errors: { req_purpose: "请选择外出事由：培训、会议、下乡、踏勘或原单位业务。" },
    });
  });
});

describe("App Home and /score", () => {
  // Its own app and database (issue #12: it used the request of the outside-approver test above).
  let shared: AppHarness;
  beforeAll(async () => {
    shared = h;
    h = await startAppHarness();
  });
  afterAll(async () => {
    await h.close();
    h = shared;
  });

  test("approvals waiting for me can be decided from the Home tab, which then refreshes", async () => {
    // The hrss leader asks for 7 days of sick leave from Monday: inspection:review → deputy_director:approve.
    const asked = await during(() =>
      h.slack.sendCommand("/qingjia", "病假 2026-07-20 2026-07-26 腰痛", u(ORG.hrssLeader)),
    );
    const [preview] = responses(asked);
    await during(() =>
      h.slack.sendAction(
        u(ORG.hrssLeader),
        { action_id: "req_submit", value: String(button(preview!, "req_submit").value) },
        { isEphemeral: true },
      ),
    );
    const home = await during(() => h.slack.sendAppHomeOpened(u(ORG.inspector2)));
    const published = home.find((c) => c.method === "views.publish");
    const view = (published as { response?: { view?: ViewJson } }).response!.view!;
    expect(textOf(view.blocks)).toContain("*待我审批*");
    const pending = await h.db.approvalStep.findFirstOrThrow({
      where: { state: "pending", approver: "inspection", request: { requesterId: ORG.hrssLeader } },
    });
    const approve = button(view as Json, "step_approve");
    expect(approve.value).toBe(String(pending.id));
    const clicked = await during(() =>
      h.slack.sendAction(
        u(ORG.inspector2),
        { action_id: "step_approve", value: String(approve.value) },
        { view },
      ),
    );
    expect((await h.db.approvalStep.findUniqueOrThrow({ where: { id: pending.id } })).state).toBe("approved");
    expect(clicked.filter((c) => c.method === "views.publish").length).toBe(1);
    // The requester's Home lists the request with its state.
    const mine = await during(() => h.slack.sendAppHomeOpened(u(ORG.hrssLeader)));
    const mineView = (mine.find((c) => c.method === "views.publish") as { response?: { view?: ViewJson } })
      .response!.view!;
    expect(textOf(mineView.blocks)).toContain("审批中 · 分管副主任审批");
  });

  test("/score shows the month so far", async () => {
    // Hand values (issue #12: the assertion accepted any number): late once (−1) and a 1.5 workload bonus.
    await file(h.ctx, { person: ORG.taxStaff1 }, "S-ATT-LATE", "2026-07-08");
    await file(h.ctx, { person: ORG.taxStaff1 }, "S-BON-WORKLOAD", "2026-07-10", { points: "1.5" });
    const [reply] = responses(await during(() => h.slack.sendCommand("/score", "", u(ORG.taxStaff1))));
    const text = String(reply?.text);
    expect(text).toContain("*2026年7月截至今日的得分*");
    // 100 − 1 = 99 base, + 1.5 bonus = 100.5; the other five score 100: first of 6, band 1.
    expect(text).toContain("基础分 99，加分 1.5，得分 *100.5*");
    expect(text).toContain("当前排名 1/6（第 1 档）");
    expect(text).toContain("• 迟到早退：−1");
    expect(text).toContain("• 当月工作量特别大：+1.5");
    const [outsider] = responses(await during(() => h.slack.sendCommand("/score", "", u(ORG.outsider))));
    expect(String(outsider?.text)).toBe("您不在中心的考评人员名单里，没有得分。");
  });
});

// Issue #9 findings 5 and 9: Slack sends "a <b> & c" typed in a command or a DM as `a &lt;b&gt; &amp; c`
// (a modal's value as typed); approvers saw `&amp;lt;b&amp;gt;`. Unescaped once in, escaped once out.
describe("typed text reaches the approver exactly as typed", () => {
  const staff = ORG.taxStaff2;
  const onceEscaped = "a &lt;b&gt; &amp; c";

  /** The request's stored reason and the text of the leader's approval message. */
  async function submitted(sent: StandInCall[]) {
    const request = await h.db.request.findFirstOrThrow({
      where: { requesterId: staff },
      orderBy: { id: "desc" },
    });
    const [toLeader] = posts(sent, ORG.taxLeader);
    return { reason: request.reason, leader: textOf(toLeader!.args.blocks) };
  }

  test("from /qingjia", async () => {
    const asked = await during(() =>
      h.slack.sendCommand("/qingjia", `事假 2026-09-07 ${onceEscaped}`, u(staff)),
    );
    const preview = responses(asked)[0]!;
    expect(textOf(preview)).toContain(onceEscaped);
    expect(textOf(preview)).not.toContain("&amp;lt;");
    const sent = await during(() =>
      h.slack.sendAction(
        u(staff),
        { action_id: "req_submit", value: String(button(preview, "req_submit").value) },
        { isEphemeral: true },
      ),
    );
    const r = await submitted(sent);
    expect(r.reason).toBe("a <b> & c");
    expect(r.leader).toContain(`事由：${onceEscaped}`);
    expect(r.leader).not.toContain("&amp;lt;");
  });

  test("from a DM", async () => {
    const asked = await during(() => h.slack.sendMessageIm(u(staff), `事假 2026-09-08 ${onceEscaped}`));
    const [preview] = posts(asked, h.standIn.dmChannel(staff));
    expect(textOf(preview!.args.blocks)).toContain(onceEscaped);
    const r = await submitted(await click(staff, preview!, "req_submit"));
    expect(r.reason).toBe("a <b> & c");
    expect(r.leader).toContain(`事由：${onceEscaped}`);
    expect(r.leader).not.toContain("&amp;lt;");
  });

  test("from the form, with NUL, ANSI, bidi and zero-width characters taken out", async () => {
    const form = await openForm(staff);
    const next = await h.slack.sendViewSubmission(u(staff), form, {
      req_kind: "personal",
      req_start_date: "2026-09-09",
      req_start_half: "am",
      req_end_date: "2026-09-09",
      req_end_half: "pm",
      req_reason: "a <b>\u0000 & \u001b[1mc\u001b[0m\u202E\u200B",
      req_cover: null,
      req_explanation: null,
    });
    const push = next.json as { view: ViewJson };
    const sent = await during(() => h.slack.sendViewSubmission(u(staff), { ...push.view, id: "V0CONFIRM9" }));
    const r = await submitted(sent);
    expect(r.reason).toBe("a <b> & c");
    expect(r.leader).toContain(`事由：${onceEscaped}`);
  });

  test("a length limit counts what was typed: 300 × & fits", async () => {
    const amp = "&".repeat(300);
    const asked = await during(() =>
      h.slack.sendCommand("/qingjia", `事假 2026-09-10 ${"&amp;".repeat(300)}`, u(staff)),
    );
    const preview = responses(asked)[0]!;
    expect(hasButtons(preview)).toBe(true);
    expect(textOf(preview)).toContain("&amp;".repeat(300));
    expect(textOf(preview)).not.toContain(amp.replace(/&/g, "&amp;amp;"));
  });
});

describe("approvers decide at a glance (issue #10)", () => {
  test("approve with a note (审批意见): the cost warned at every step, the note read by the next approver and the requester", async () => {
    // 郑三 has no annual leave: three working days of 事假 are all 事假, and September reaches 3 days.
    const { preview, sent, request } = await submitQuick(
      h,
      ORG.estateStaff1,
      "事假 2026-09-07 2026-09-09 家中有事",
    );
    const warning = "⚠️ 9月事假将累计 3 天，按考评办法扣 5 分";
    expect(textOf(preview)).toContain(warning);
    const [toLeader] = posts(sent, ORG.estateLeader);
    // The estate leader reads English: the same facts, worded for them.
    expect(textOf(toLeader!.args.blocks)).toContain(
      "⚠️ Personal leave in September 2026 would total 3 days: −5 points under the evaluation rules",
    );
    expect(textOf(toLeader!.args.blocks)).toContain(
      "Approving passes it to the inspection section for approval",
    );

    // One-click Approve stays; "Approve with cover or note" opens the modal with both fields optional.
    expect(button(toLeader!.args as Json, "step_approve")).toBeDefined();
    const opened = await click(ORG.estateLeader, toLeader!, "step_approve_note");
    const modal = lastView(opened);
    expect(modal.callback_id).toBe("step_approve_modal");
    expect(modal.blocks?.map((b) => [b.block_id, b.optional])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      ["cover", true],
      ["note", true],
    ]);
    const decided = await during(() =>
      h.slack.sendViewSubmission(u(ORG.estateLeader), modal, { note: "Busy week, but covered <!channel>" }),
    );
    const step1 = await h.db.approvalStep.findFirstOrThrow({ where: { requestId: request.id, seq: 1 } });
    expect([step1.state, step1.note]).toEqual(["approved", "Busy week, but covered <!channel>"]);
    // The next approvers read the leader's note (escaped) and the warning again.
    const [toIns] = posts(decided, ORG.inspector1);
    const insText = textOf(toIns!.args.blocks);
    expect(insText).toContain("　意见：Busy week, but covered &lt;!channel&gt;");
    expect(insText).toContain(warning);
    expect(insText).toContain("同意即生效");
    // The requester's status shows it too.
    const status = updates(decided).find((c) => c.args.channel === h.standIn.dmChannel(ORG.estateStaff1));
    expect(textOf(status!.args.blocks)).toContain("Busy week, but covered &lt;!channel&gt;");

    // Inspection approves with a note of its own: the requester's notice carries it.
    const insOpened = await click(ORG.inspector1, toIns!, "step_approve_note");
    const insModal = lastView(insOpened);
    expect(insModal.blocks?.some((b) => b.block_id === "cover")).toBe(false); // cover is the leader's
    const done = await during(() =>
      h.slack.sendViewSubmission(u(ORG.inspector1), insModal, { note: "注意做好交接" }),
    );
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("approved");
    expect(textOf(posts(done, ORG.estateStaff1).map((c) => c.args))).toContain(
      `✅ 您的事假申请 #${request.id}（2026-09-07 上午 至 2026-09-09 下午）已批准。<@${ORG.inspector1}> 的意见：注意做好交接`,
    );
    // Nobody covers yet and the leader only gave the opinion: they are asked, with the button.
    const [leaderNotice] = posts(done, ORG.estateLeader);
    expect(button(leaderNotice!.args as Json, "cover_name").value).toBe(String(request.id));
  });

  test("rejected → 修改后重新提交 opens the form filled in as it was; only the requester may", async () => {
    const { sent, request } = await submitQuick(h, ORG.taxStaff1, "事假 2026-09-14 2026-09-14 陪家人看病");
    const [toLeader] = posts(sent, ORG.taxLeader);
    const modal = lastView(await click(ORG.taxLeader, toLeader!, "step_reject"));
    const rejected = await during(() =>
      h.slack.sendViewSubmission(u(ORG.taxLeader), modal, { note: "14日窗口人手不足，请改到15日" }),
    );
    const [notice] = posts(rejected, ORG.taxStaff1);
    expect(textOf(notice!.args)).toContain("14日窗口人手不足，请改到15日");
    const status = updates(rejected).find((c) => c.args.channel === h.standIn.dmChannel(ORG.taxStaff1));
    expect(button(status!.args as Json, "req_resubmit").value).toBe(String(request.id));

    // Someone else's click opens no form.
    const other = await click(ORG.taxStaff2, notice!, "req_resubmit");
    expect(textOf(lastView(other).blocks)).toContain("只有申请人本人可以重新提交申请。");

    const opened = await click(ORG.taxStaff1, notice!, "req_resubmit");
    const form = lastView(opened);
    expect(form.callback_id).toBe("req_form");
    const initial = (id: string) => {
      const el = (form.blocks ?? []).find((b) => b.block_id === id)?.element as Json | undefined;
      return el?.initial_date ?? el?.initial_value ?? (el?.initial_option as Json | undefined)?.value;
    };
    expect(
      ["req_kind", "req_start_date", "req_start_half", "req_end_date", "req_end_half", "req_reason"].map(
        initial,
      ),
    ).toEqual(["personal", "2026-09-14", "am", "2026-09-14", "pm", "陪家人看病"]);

    // Slack sends every field's value: the ones kept as they were, the dates changed.
    const next = await h.slack.sendViewSubmission(u(ORG.taxStaff1), form, {
      req_kind: "personal",
      req_start_date: "2026-09-15",
      req_start_half: "am",
      req_end_date: "2026-09-15",
      req_end_half: "pm",
      req_reason: "陪家人看病",
    });
    const push = next.json as { response_action: string; view: ViewJson };
    expect(push.response_action).toBe("push");
    await h.slack.sendViewSubmission(u(ORG.taxStaff1), { ...push.view, id: "V0RESUBMIT" });
    const again = await h.db.request.findFirstOrThrow({
      where: { requesterId: ORG.taxStaff1 },
      orderBy: { id: "desc" },
    });
    expect([again.id > request.id, again.state, again.startDate, again.reason]).toEqual([
      true,
      "pending",
      "2026-09-15",
      "陪家人看病",
    ]);
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("rejected");
  });
});
