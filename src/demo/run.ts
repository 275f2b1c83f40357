// `npm run demo`: a month at a sample center through the real app, offline. Imports the sample
// center (sampleCenter.ts) into a fresh SQLite file under ./demo-out/, starts the real Slack app
// (createSlackApp) against the built-in Slack stand-in on 127.0.0.1, plays November 2026 on a fixed
// clock through signed HTTP requests exactly as Slack sends them (leave of every kind, trips,
// approvals through each chain, a rejection, a withdrawal, a wrong-user click, deductions and bonuses,
// a ratings upload in App Home), runs the monthly close through the scheduler's close flow, and writes what every
// person saw in Slack (transcript.md), the Excel report and a Markdown summary (summary.md).
// Exits non-zero when any step does not end as the rules say it must.
import fs from "node:fs";
import path from "node:path";
import { loadConfig, STANDIN_SIGNING_SECRET } from "../config.ts";
import { createDb, type Db } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { addMonths, shanghaiDate, shanghaiInstant, shanghaiTime } from "../domain/dates.ts";
import { formatHundredths } from "../domain/points.ts";
import type { MonthResult } from "../domain/scoring/types.ts";
import { windowChartPath } from "../jobs/charts.ts";
import { runMonthClose } from "../jobs/closeFlow.ts";
import { createOutboxSender, wakeOutbox } from "../jobs/outbox.ts";
import { runOnce } from "../jobs/runner.ts";
import { JOB, queueFilingSummary } from "../jobs/scheduler.ts";
import { proposeUncoveredStarts } from "../services/abCover.ts";
import { loadWorkCalendar } from "../services/calendar.ts";
import { fixedClock } from "../services/clock.ts";
import type { ServiceContext } from "../services/context.ts";
import { importSecondments } from "../services/imports/secondments.ts";
import { syncLocales } from "../services/locales.ts";
import { importOrg } from "../services/org.ts";
import { contextSettings } from "../services/settings.ts";
import { abProposalNotices } from "../slack/abFlow.ts";
import { createSlackApp } from "../slack/app.ts";
import { AB_CONFIRM } from "../slack/blocks/ab.ts";
import { ADMIN_IMPORT, ADMIN_IMPORT_CALLBACK, IMPORT_FILE } from "../slack/blocks/admin.ts";
import { APPEAL_OPEN, APPEAL_UPHOLD } from "../slack/blocks/appeals.ts";
import { STEP_APPROVE, STEP_APPROVE_NOTE, STEP_OUTSIDE, STEP_REJECT } from "../slack/blocks/approvals.ts";
import { COVER_NAME } from "../slack/blocks/cover.ts";
import {
  MEETING_ATTEND,
  MEETING_ATTENDANCE_OPEN,
  MEETING_COMMAND,
  MEETING_INPUT,
  MEETING_LEAVE,
  MEETING_PROPOSAL_CONFIRM,
} from "../slack/blocks/meetings.ts";
import { NOTICE_QUESTION } from "../slack/blocks/notice.ts";
import { RECORD_ACTIONS } from "../slack/blocks/records.ts";
import { F, QUICK_SUBMIT, RESUBMIT, WITHDRAW } from "../slack/blocks/requests.ts";
import { t } from "../slack/i18n/index.ts";
import { queueMeetingReminders } from "../slack/meetingFlow.ts";
import { type StandInCall, startSlackStandIn } from "../slack/standin/index.ts";
import {
  createSlackHttp,
  type SlackHttpResponse,
  type StateInput,
  type ViewJson,
} from "../slack/standin/slackHttp.ts";
import { seedStandInWorkspace } from "../slack/standin/workspace.ts";
import { userDirectoryOf } from "../slack/userDirectory.ts";
import { CENTER_CHANNEL, DEMO_MONTH, sampleCenter, sampleOrgFile, sampleUsers } from "./sampleCenter.ts";
import { Transcript } from "./transcript.ts";

const OUT = path.resolve("demo-out");
type Json = Record<string, unknown>;

class DemoFailure extends Error {}

function check(cond: unknown, what: string): asserts cond {
  if (!cond) throw new DemoFailure(what);
}

/** Buttons with `actionId` in a message's blocks. */
function buttonsIn(blocks: unknown, actionId: string): Json[] {
  if (!Array.isArray(blocks)) return [];
  return (blocks as Json[])
    .flatMap((b) => (b.elements ?? []) as Json[])
    .filter((e) => e.action_id === actionId);
}

async function main(): Promise<number> {
  const started = performance.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const dbFile = path.join(OUT, "demo.db");
  applyMigrations(dbFile);
  const db: Db = createDb(`file:${dbFile}`);
  const center = sampleCenter();
  const users = sampleUsers(center);
  const name = new Map(users.map((u) => [u.id, u.name]));

  // The month starts on Monday 2 November 2026, 08:30 in Shanghai.
  const clock = fixedClock(shanghaiInstant("2026-11-02", 8, 30));
  const imported = await importOrg(db, sampleOrgFile(center), "U0INS1", clock);
  check(imported.ok, `org import refused: ${JSON.stringify(imported)}`);

  // The stand-in keeps Slack's time limits (rate limits, trigger_id and response_url lifetimes) on the
  // demo's clock: the month is played in seconds, but its acts are hours and days apart as in Slack.
  const standIn = await startSlackStandIn({ now: () => clock.now().getTime() });
  // The strict stand-in knows only the workspace's members, each with their locale, and the center
  // channel with the bot invited (README "Going live").
  seedStandInWorkspace(standIn, sampleOrgFile(center), {
    moreUsers: users.map((u) => u.id),
    names: Object.fromEntries(users.map((u) => [u.id, u.name])),
    locales: Object.fromEntries(users.flatMap((u) => (u.locale ? [[u.id, u.locale]] : []))),
  });
  const config = loadConfig({
    SLACK_SIGNING_SECRET: STANDIN_SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-demo",
    SLACK_API_URL: standIn.url,
    DATABASE_URL: `file:${dbFile}`,
    LOG_LEVEL: "error",
  });
  check(config.ok, "demo configuration");
  const ctx: ServiceContext = {
    db,
    clock,
    calendar: await loadWorkCalendar(db),
    ...(await contextSettings(db, clock)),
  };
  // One outbox lane: the messages that follow each act go out in the order they were queued, so the
  // transcript reads the same on every run. No pause between two messages to one person: the month is
  // played in seconds (the stand-in still holds each channel to Slack's rate on the demo's clock), and no
  // workspace-wide pacing in real time either: that allowance is per minute of Slack's time, which the
  // stand-in measures on the demo's clock (paced in real time, the month took 100 s instead of 7).
  const slack = createSlackApp({
    config: config.value,
    ctx,
    outbox: { concurrency: 1, minIntervalMs: 0, workspaceLimits: {} },
  });
  // What the scheduler does after an org import (locale-sync, src/services/locales.ts): everyone's
  // Slack locale is stored, so the bot writes to each in their language from the first message.
  await syncLocales(db, userDirectoryOf(slack.app.client), { minIntervalMs: 0 });
  const { port } = await slack.start(0, "127.0.0.1");
  // The app answers at ack and goes on notifying people; each act waits for it (idle) before the next.
  const http = createSlackHttp({
    appUrl: `http://127.0.0.1:${port}`,
    signingSecret: STANDIN_SIGNING_SECRET,
    standIn,
    afterResponse: () => slack.idle(),
  });

  const transcript = new Transcript(
    new Map(users.map((u) => [u.id, { name: u.name, title: u.title }])),
    standIn.dmChannel,
    new Map([[CENTER_CHANNEL, center.name]]),
  );

  // ---------------------------------------------------------------------------------------------
  // Acting as people do in Slack. Each act sets the clock, sends signed requests and records what the
  // stand-in was asked to show.

  let mark = standIn.calls.length;
  const at = (date: string, hh: number, mm: number) => clock.set(shanghaiInstant(date, hh, mm));
  const ok = (r: SlackHttpResponse, what: string) => {
    check(r.status === 200, `${what}: HTTP ${r.status} ${r.text}`);
    return r;
  };
  const record = (actorId: string, action: string, reply?: unknown) => {
    const now = clock.now();
    const calls = standIn.calls.slice(mark).filter((c) => c.method !== "auth.test");
    mark = standIn.calls.length;
    transcript.add({
      at: `${shanghaiDate(now).slice(5)} ${shanghaiTime(now)}`,
      actorId,
      action,
      reply,
      calls,
    });
    return calls;
  };
  const since = () => standIn.calls.slice(mark);
  const responseTo = (url: string) =>
    standIn
      .callsTo("response_url")
      .filter((c) => c.args.url === url)
      .at(-1);

  /** The modal the last request opened, as it stands after any views.update (a loading view first). */
  function openedModal(what: string): ViewJson {
    const opened = since().find((c) => c.method === "views.open");
    check(opened?.response, `${what}: no modal opened`);
    const viewId = String((opened.response.view as Json).id);
    const shown = since().findLast(
      (c) => c.method === "views.update" && c.response?.ok && (c.response.view as Json).id === viewId,
    );
    return ((shown ?? opened).response?.view ?? {}) as ViewJson;
  }

  /** A one-line /qingjia or /trip: the preview, then Submit. Returns the new request's id. */
  async function quick(
    user: string,
    command: "/qingjia" | "/timeoff" | "/trip",
    text: string,
  ): Promise<number> {
    const url = standIn.responseUrl();
    ok(await http.sendCommand(command, text, { id: user }, { responseUrl: url }), command);
    const preview = responseTo(url);
    record(user, `${command} ${text}`);
    const value = buttonsIn(preview?.args.blocks, QUICK_SUBMIT)[0]?.value;
    check(typeof value === "string", `${name.get(user)} ${command} ${text}: ${String(preview?.args.text)}`);
    const submitUrl = standIn.responseUrl();
    ok(
      await http.sendAction(
        { id: user },
        { action_id: QUICK_SUBMIT, value },
        { isEphemeral: true, responseUrl: submitUrl },
      ),
      "submit",
    );
    record(user, "点击「提交」");
    return latestRequest(user);
  }

  async function latestRequest(user: string): Promise<number> {
    const r = await db.request.findFirst({ where: { requesterId: user }, orderBy: { id: "desc" } });
    check(r, `no request was written for ${name.get(user)}`);
    return r.id;
  }

  /** The form: /qingjia with no text, fill the modal, Next, then Submit on the preview. */
  async function form(user: string, values: Record<string, StateInput>, describe: string): Promise<number> {
    // The trigger_id comes from the stand-in (createSlackHttp asks it), as Slack issues one per command.
    ok(await http.sendCommand("/qingjia", "", { id: user }), "/qingjia");
    const view = openedModal("the request form");
    record(user, "/qingjia（打开申请表）");
    const next = ok(await http.sendViewSubmission({ id: user }, view, values), "form");
    record(user, `填写申请表并点击「下一步」：${describe}`, next.json);
    const pushed = (next.json as Json | undefined)?.view as ViewJson | undefined;
    check(pushed, `the form was refused: ${JSON.stringify(next.json)}`);
    const done = ok(
      await http.sendViewSubmission({ id: user }, { ...pushed, id: "VCONFIRM" }, {}),
      "confirm",
    );
    record(user, "在预览中点击「提交申请」", done.json);
    return latestRequest(user);
  }

  /** [指定顶岗人] on the leader's latest notice about `requestId`, then the person picker. */
  async function nameCoverFrom(leader: string, requestId: number, coverId: string): Promise<void> {
    const notice = standIn
      .callsTo("chat.postMessage")
      .filter((c) => c.response?.channel === standIn.dmChannel(leader))
      .findLast((c) => buttonsIn(c.args.blocks, COVER_NAME).some((b) => b.value === String(requestId)));
    check(notice, `${name.get(leader)} has no [指定顶岗人] button for #${requestId}`);
    ok(
      await http.sendAction(
        { id: leader },
        { action_id: COVER_NAME, value: String(requestId) },
        { channelId: String(notice.response?.channel), message: { ts: String(notice.response?.ts) } },
      ),
      "name cover",
    );
    const view = openedModal("the cover picker");
    record(leader, `点击「指定顶岗人」（申请 #${requestId}）`);
    const res = ok(await http.sendViewSubmission({ id: leader }, view, { cover: coverId }), "cover");
    record(leader, `指定顶岗人：${name.get(coverId)}`, res.json);
    const after = await db.request.findUniqueOrThrow({ where: { id: requestId } });
    check(after.coverId === coverId, `the cover of #${requestId} was not named: ${JSON.stringify(res.json)}`);
  }

  /** 修改后重新提交 on the rejection notice: the prefilled form, `values` changed, Next, then Submit. */
  async function resubmit(
    user: string,
    rejected: number,
    values: Record<string, StateInput>,
  ): Promise<number> {
    const notice = standIn
      .callsTo("chat.postMessage")
      .findLast((c) => buttonsIn(c.args.blocks, RESUBMIT).some((b) => b.value === String(rejected)));
    check(notice, `no rejection notice with a resubmit button for #${rejected}`);
    ok(
      await http.sendAction(
        { id: user },
        { action_id: RESUBMIT, value: String(rejected) },
        { channelId: String(notice.response?.channel), message: { ts: String(notice.response?.ts) } },
      ),
      "resubmit",
    );
    const view = openedModal("the prefilled form");
    record(user, `点击「修改后重新提交」（申请 #${rejected}）`);
    const next = ok(await http.sendViewSubmission({ id: user }, view, values), "form");
    record(user, "改为 11-24，点击「下一步」", next.json);
    const pushed = (next.json as Json | undefined)?.view as ViewJson | undefined;
    check(pushed, `the resubmitted form was refused: ${JSON.stringify(next.json)}`);
    const done = ok(
      await http.sendViewSubmission({ id: user }, { ...pushed, id: "VCONFIRM" }, {}),
      "confirm",
    );
    record(user, "在预览中点击「提交申请」", done.json);
    return latestRequest(user);
  }

  /** The message that asked `user` to decide `stepId` (their DM, or the inspection members' copies). */
  function stepMessage(user: string, stepId: number): StandInCall {
    const dm = standIn.dmChannel(user);
    const msg = standIn
      .callsTo("chat.postMessage")
      .filter((c) => c.response?.channel === dm)
      .findLast((c) =>
        [STEP_APPROVE, STEP_OUTSIDE].some((a) =>
          buttonsIn(c.args.blocks, a).some((b) => b.value === String(stepId)),
        ),
      );
    check(msg, `${name.get(user)} was never asked to decide step ${stepId}`);
    return msg;
  }

  async function pendingStep(
    requestId: number,
  ): Promise<{ id: number; approver: string; outside: boolean; assigneeId: string | null }> {
    const step = await db.approvalStep.findFirst({ where: { requestId, state: "pending" } });
    check(step, `request #${requestId} has no pending step`);
    return step;
  }

  /** The person (or inspection member) clicks 同意 on their copy of the step message. */
  async function approve(user: string, requestId: number, label = "点击「同意」"): Promise<void> {
    const step = await pendingStep(requestId);
    const msg = stepMessage(user, step.id);
    ok(
      await http.sendAction(
        { id: user },
        { action_id: STEP_APPROVE, value: String(step.id) },
        { channelId: String(msg.response?.channel), message: { ts: String(msg.response?.ts) } },
      ),
      "approve",
    );
    record(user, `${label}（申请 #${requestId}）`);
    const after = await db.approvalStep.findUniqueOrThrow({ where: { id: step.id } });
    check(
      after.state === "approved" && after.decidedBy === user,
      `${name.get(user)}'s approval of #${requestId} did not hold`,
    );
  }

  /** A button that opens a modal (reject / cover / outside), then the modal's submission. */
  async function decideInModal(
    user: string,
    requestId: number,
    actionId: string,
    values: Record<string, StateInput>,
    label: string,
  ): Promise<void> {
    const step = await pendingStep(requestId);
    const msg = stepMessage(user, step.id);
    ok(
      await http.sendAction(
        { id: user },
        { action_id: actionId, value: String(step.id) },
        { channelId: String(msg.response?.channel), message: { ts: String(msg.response?.ts) } },
      ),
      actionId,
    );
    const view = openedModal(actionId);
    record(user, `点击「${label.split("：")[0]}」`);
    const res = ok(await http.sendViewSubmission({ id: user }, view, values), "decision modal");
    record(user, label, res.json);
    const after = await db.approvalStep.findUniqueOrThrow({ where: { id: step.id } });
    check(
      after.state !== "pending",
      `${name.get(user)}'s decision on #${requestId} did not hold: ${JSON.stringify(res.json)}`,
    );
  }

  /**
   * The scheduler's 备案 summary of working day `day` (src/jobs/scheduler.ts, job "filing-summary"):
   * claimed as a job run, queued, then sent; what inspection reads instead of a message per filing.
   */
  async function filingSummary(day: string): Promise<void> {
    at(day, 9, 0);
    const run = await runOnce(ctx, { job: JOB.filingSummary, period: day, owner: "demo" }, () =>
      queueFilingSummary(ctx, day),
    );
    check(run.status === "done", `the filing summary of ${day} did not run: ${JSON.stringify(run)}`);
    await slack.idle();
    record("（定时任务）", `${day} 09:00 备案汇总：前一工作日以来的备案，每位督查科人员一条私信`);
  }

  async function expectRequest(requestId: number, state: string): Promise<void> {
    const r = await db.request.findUniqueOrThrow({ where: { id: requestId } });
    check(
      r.state === state,
      `request #${requestId} of ${name.get(r.requesterId)} is ${r.state}, expected ${state}`,
    );
  }

  /** /deduct or /bonus quick form, then Confirm on the preview. */
  async function file(inspector: string, command: "/deduct" | "/bonus", text: string): Promise<void> {
    const url = standIn.responseUrl();
    ok(await http.sendCommand(command, text, { id: inspector }, { responseUrl: url }), command);
    const preview = responseTo(url);
    record(inspector, `${command} ${text}`);
    const value = buttonsIn(preview?.args.blocks, RECORD_ACTIONS.confirm)[0]?.value;
    check(typeof value === "string", `${command} ${text}: ${String(preview?.args.text)}`);
    const before = await db.record.count();
    ok(
      await http.sendAction(
        { id: inspector },
        { action_id: RECORD_ACTIONS.confirm, value },
        { isEphemeral: true, responseUrl: url },
      ),
      "confirm",
    );
    record(inspector, "点击「确认」");
    check((await db.record.count()) > before, `${command} ${text} filed nothing`);
  }

  /**
   * An appeal (申诉, RULES.md §8a) from the deduction's private notice, upheld by the deputy director
   * with a note: the record stays and counts, so no figure of the month changes. Returns the summary's line.
   */
  async function appealUpheld(person: string, reason: string, note: string): Promise<string> {
    await slack.idle();
    const notice = standIn
      .callsTo("chat.postMessage")
      .findLast((c) => c.args.channel === person && buttonsIn(c.args.blocks, APPEAL_OPEN).length > 0);
    check(notice, `${person}: no Appeal button on the deduction's notice`);
    const recordId = String(buttonsIn(notice.args.blocks, APPEAL_OPEN)[0]!.value);
    const where = {
      channelId: String(notice.response?.channel),
      message: { ts: String(notice.response?.ts) },
    };
    ok(await http.sendAction({ id: person }, { action_id: APPEAL_OPEN, value: recordId }, where), "appeal");
    const modal = openedModal("appeal");
    record(person, "点击「申诉」");
    record(
      person,
      `申诉：${reason}`,
      ok(await http.sendViewSubmission({ id: person }, modal, { reason }), "appeal").json,
    );
    await slack.idle();
    const review = standIn
      .callsTo("chat.postMessage")
      .findLast((c) => c.args.channel === DEP && buttonsIn(c.args.blocks, APPEAL_UPHOLD).length > 0);
    check(review, "the deputy director got no appeal to review");
    const appealId = String(buttonsIn(review.args.blocks, APPEAL_UPHOLD)[0]!.value);
    const onReview = {
      channelId: String(review.response?.channel),
      message: { ts: String(review.response?.ts) },
    };
    ok(await http.sendAction({ id: DEP }, { action_id: APPEAL_UPHOLD, value: appealId }, onReview), "uphold");
    const decide = openedModal("uphold");
    record(DEP, "点击「维持」");
    record(
      DEP,
      `维持：${note}`,
      ok(await http.sendViewSubmission({ id: DEP }, decide, { note }), "uphold").json,
    );
    await slack.idle();
    const appeal = await db.appeal.findUniqueOrThrow({ where: { id: Number(appealId) } });
    check(appeal.state === "upheld", `appeal #${appealId} is ${appeal.state}`);
    return `- 申诉 #${appealId}：${name.get(person) ?? person} 对记录 #${recordId}（迟到早退 S-ATT-LATE）提出申诉：“${reason}”；副主任维持原记录：“${note}”。维持不改变任何数字：该记录照常计分，本月分数、排名、档次和考评奖都与不申诉时相同。`;
  }

  /** The leaders' meeting of 18 November (see where it is called); returns the summary's lines. */
  async function leadersMeeting(): Promise<string[]> {
    const notes: string[] = [];
    const dmWith = (user: string, actionId: string, meetingId: number) => {
      const msg = standIn
        .callsTo("chat.postMessage")
        .filter((c) => c.response?.channel === standIn.dmChannel(user))
        .findLast((c) => buttonsIn(c.args.blocks, actionId).some((b) => b.value === String(meetingId)));
      check(msg, `${name.get(user)} has no ${actionId} button for meeting #${meetingId}`);
      return msg;
    };
    const click = async (user: string, actionId: string, meetingId: number) => {
      const msg = dmWith(user, actionId, meetingId);
      ok(
        await http.sendAction(
          { id: user },
          { action_id: actionId, value: String(meetingId) },
          { channelId: String(msg.response?.channel), message: { ts: String(msg.response?.ts) } },
        ),
        actionId,
      );
    };
    at("2026-11-16", 10, 0);
    ok(await http.sendCommand(MEETING_COMMAND, "", { id: INS1 }), "/meeting");
    const form = openedModal("the meeting schedule form");
    record(INS1, "/meeting（打开例会安排表）");
    const topic = "年底服务高峰安排；各窗口12月值班表";
    const res = ok(
      await http.sendViewSubmission({ id: INS1 }, form, {
        [MEETING_INPUT.date]: "2026-11-18",
        [MEETING_INPUT.time]: "15:00",
        [MEETING_INPUT.place]: "中心三楼会议室",
        [MEETING_INPUT.topic]: topic,
      }),
      "schedule",
    );
    record(INS1, `安排窗口负责人例会：11-18 15:00 中心三楼会议室，议题：${topic}`, res.json);
    const meeting = await db.meeting.findFirst({ orderBy: { id: "desc" } });
    check(meeting, `the meeting was not scheduled: ${JSON.stringify(res.json)}`);
    const invited = await db.meetingInvite.count({ where: { meetingId: meeting.id } });
    check(invited === center.windows.length, `${invited} leaders invited, not ${center.windows.length}`);
    notes.push(
      `- 11-16 10:00 孙立新用 /meeting 安排 11-18 15:00 的窗口负责人例会（#${meeting.id}），${invited} 位窗口负责人各收到一条私信（「我会参加」「请假」）。`,
    );

    at("2026-11-16", 10, 20);
    await click("U0GA01", MEETING_ATTEND, meeting.id);
    record("U0GA01", `点击「我会参加」（例会 #${meeting.id}）`);
    const leave = async (leader: string, delegate: string, hh: number) => {
      at("2026-11-17", hh, 0);
      await click(leader, MEETING_LEAVE, meeting.id);
      const view = openedModal("the meeting leave form");
      record(leader, `点击「请假」（例会 #${meeting.id}）`);
      const r = ok(
        await http.sendViewSubmission({ id: leader }, view, { [MEETING_INPUT.delegate]: delegate }),
        "leave",
      );
      record(leader, `请假，指定本窗口的 ${name.get(delegate)} 代为参加`, r.json);
      const invite = await db.meetingInvite.findUniqueOrThrow({
        where: { meetingId_leaderId: { meetingId: meeting.id, leaderId: leader } },
      });
      check(invite.delegateId === delegate, `${name.get(leader)}'s leave was not recorded`);
    };
    await leave("U0MZ01", "U0MZ04", 8);
    await leave("U0SB01", "U0SB02", 8);
    notes.push(
      "- 林建国回复参加；叶春燕请假并指定 Chen Hao (陈浩) 代为参加，陈国平请假并指定林秀英代为参加（两位代参人都收到私信）；吴德胜未回复。",
    );

    // The scheduler's reminder the day before (every hour from 09:00; played once here).
    at("2026-11-17", 9, 0);
    const reminded = await queueMeetingReminders(ctx);
    check(reminded === 1, `${reminded} meetings reminded on 11-17`);
    await slack.idle();
    record("（定时任务）", `11-17 09:00 例会前一天提醒：${invited} 位窗口负责人和 2 位代参人`);

    // At the meeting: inspection's App Home offers "考勤"; everyone came but 林秀英 and 吴德胜.
    at("2026-11-18", 15, 20);
    ok(await http.sendAppHomeOpened({ id: INS1 }), "App Home");
    mark = standIn.calls.length; // the Home tab itself is not part of the story
    ok(
      await http.sendAction(
        { id: INS1 },
        { action_id: MEETING_ATTENDANCE_OPEN, value: String(meeting.id) },
        { view: { id: `VHOME${INS1}`, type: "home" } },
      ),
      "take attendance",
    );
    const sheet = openedModal("the attendance sheet");
    record(INS1, `在应用主页点击「考勤」（例会 #${meeting.id}）`);
    const absent = new Set(["U0SB02", "U0RF01"]);
    const present = ((sheet.blocks ?? []) as Json[])
      .flatMap((b) =>
        (((b.element as Json | undefined)?.options ?? []) as { value: string }[]).map((o) => o.value),
      )
      .filter((id) => !absent.has(id));
    const minutesText = `例会纪要（${meeting.date}）：年底服务高峰各窗口增开延时服务；12月值班表于11-25前报督查科。`;
    const minutes = standIn.addFile({ name: "例会纪要-2026-11-18.txt", bytes: minutesText, user: INS1 });
    const taken = ok(
      await http.sendViewSubmission({ id: INS1 }, sheet, {
        [MEETING_INPUT.present]: present,
        [MEETING_INPUT.minutes]: [minutes],
      }),
      "attendance",
    );
    record(
      INS1,
      `勾选到会的 ${present.length} 人（林秀英、吴德胜未到），附上会议记录，点击「保存考勤」`,
      taken.json,
    );
    const proposals = await db.record.findMany({
      where: { sourceKey: { startsWith: `meeting:${meeting.id}:` } },
      orderBy: { id: "asc" },
    });
    check(
      proposals.map((p) => `${p.code}:${p.personId}:${p.state}`).join(",") ===
        "S-ATT-LEADERMEET:U0RF01:proposed,S-ATT-DELEGATE:U0SB02:proposed",
      `the meeting's proposals: ${proposals.map((p) => `${p.code}:${p.personId}:${p.state}`).join(",")}`,
    );
    notes.push(
      `- 11-18 15:20 督查科在应用主页考勤：${present.length} 人到会（含代参的 Chen Hao），林秀英（陈国平的代参人）和吴德胜未到；会议记录作为附件保存。考勤情况（不含扣分）发到中心频道。`,
    );

    // Inspection confirms each proposal on its review message.
    at("2026-11-18", 16, 0);
    for (const p of proposals) {
      const msg = standIn
        .callsTo("chat.postMessage")
        .filter((c) => c.response?.channel === standIn.dmChannel(INS1))
        .findLast((c) =>
          buttonsIn(c.args.blocks, MEETING_PROPOSAL_CONFIRM).some((b) => b.value === String(p.id)),
        );
      check(msg, `inspection was not asked about ${p.code}`);
      ok(
        await http.sendAction(
          { id: INS1 },
          { action_id: MEETING_PROPOSAL_CONFIRM, value: String(p.id) },
          { channelId: String(msg.response?.channel), message: { ts: String(msg.response?.ts) } },
        ),
        "confirm",
      );
      record(INS1, `点击「确认」（${p.code}，${name.get(p.personId ?? "")}）`);
      const after = await db.record.findUniqueOrThrow({ where: { id: p.id } });
      check(after.state === "active", `${p.code} is ${after.state} after its confirmation`);
    }
    notes.push(
      "- 16:00 孙立新逐条确认：S-ATT-DELEGATE 林秀英 −2（其窗口负责人陈国平连带 −1），S-ATT-LEADERMEET 吴德胜 −2，计入本月得分；本人各收到私信。",
    );
    return notes;
  }

  // ---------------------------------------------------------------------------------------------
  // November 2026.
  const [INS1, INS2, INS3] = center.inspectionIds as [string, string, string];
  const DEP = center.deputyDirectorId;

  // Week 1. A half-day 事假 covered by annual leave; the leader agrees, inspection is informed (filing).
  at("2026-11-02", 8, 40);
  const r1 = await quick("U0GA02", "/qingjia", "事假 11月4日下午 孩子学校开家长会");
  at("2026-11-02", 8, 55);
  await approve("U0GA01", r1);
  await expectRequest(r1, "approved");

  // Two days of 事假 from someone without annual leave: the leader agrees and names the cover.
  at("2026-11-02", 9, 10);
  const r2 = await quick("U0GA05", "/qingjia", "事假 2026-11-05 2026-11-06 回老家办理房屋过户");
  at("2026-11-02", 9, 20);
  await decideInModal(
    "U0GA01",
    r2,
    STEP_APPROVE_NOTE,
    { cover: "U0GA04", note: "王丽娜顶岗" },
    "同意并指定顶岗、填写意见：王丽娜顶岗",
  );
  at("2026-11-02", 9, 25);
  await approve(INS2, r2);
  await expectRequest(r2, "approved");

  // Eight working days of 事假 (the form: a written explanation is required past 7 days). Five are
  // covered by annual leave; the chain adds the parent unit and, past 7 days, two outside steps.
  at("2026-11-02", 9, 30);
  const r3 = await form(
    "U0SB03",
    {
      [F.startDate]: "2026-11-09",
      [F.startHalf]: "am",
      [F.endDate]: "2026-11-18",
      [F.endHalf]: "pm",
      [F.reason]: "母亲在温州医科大学附属第一医院手术，需全程陪护",
      [F.explanation]:
        "母亲11月9日入院行心脏搭桥手术，术后需住院观察约十天。家中无其他亲属可以陪护，特申请事假。年休假5天先行冲抵。",
    },
    "事假 11-09 至 11-18，母亲手术陪护",
  );
  // A wrong-user click: a colleague presses 同意 on the leader's screen; nothing changes.
  at("2026-11-02", 10, 5);
  {
    const step = await pendingStep(r3);
    const msg = stepMessage("U0SB01", step.id);
    ok(
      await http.sendAction(
        { id: "U0SB05" },
        { action_id: STEP_APPROVE, value: String(step.id) },
        { channelId: String(msg.response?.channel), message: { ts: String(msg.response?.ts) } },
      ),
      "wrong user",
    );
    record("U0SB05", `在窗口负责人陈国平的电脑上点击「同意」（申请 #${r3}，不是他的审批步骤）`);
    check((await pendingStep(r3)).id === step.id, "a wrong-user click changed the step");
  }
  at("2026-11-02", 10, 10);
  await approve("U0SB01", r3);
  at("2026-11-02", 14, 0);
  await approve("U0PSB", r3);

  // Sick leave: no leader opinion for staff; inspection approves, the leader is told to arrange cover.
  at("2026-11-03", 8, 30);
  const r4 = await quick("U0BDC04", "/qingjia", "病假 2026-11-03 2026-11-04 急性肠胃炎，已在县人民医院就诊");
  // The leader names the cover from the "请您安排顶岗" notice's [指定顶岗人] button.
  at("2026-11-03", 8, 40);
  await nameCoverFrom("U0BDC01", r4, "U0BDC02");
  // 09:00: inspection reads yesterday's filings (#1) in one summary, not one message per filing.
  await filingSummary("2026-11-03");
  at("2026-11-03", 9, 0);
  // Inspection's review with a note (审批意见): the deputy director and the requester read it.
  await decideInModal(
    INS1,
    r3,
    STEP_APPROVE_NOTE,
    { note: "书面说明属实，年休假 5 天已冲抵，同意报分管副主任" },
    "同意并填写意见：书面说明属实，年休假 5 天已冲抵，同意报分管副主任",
  );
  at("2026-11-03", 9, 5);
  await approve(INS2, r4);
  await expectRequest(r4, "approved");

  // Long sick leave (40 days): the 公积金 window's parent-unit leader is outside the workspace, so
  // inspection records every outside consent.
  at("2026-11-03", 9, 10);
  const r5 = await quick("U0GJ04", "/qingjia", "病假 2026-11-05 2026-12-14 腰椎间盘突出手术及术后康复");
  at("2026-11-03", 10, 0);
  await approve(DEP, r3);

  // Official trips: training (an English-speaking inspector approves), a half-day rural visit, a
  // window leader's site survey.
  at("2026-11-03", 10, 10);
  const t1 = await quick(
    "U0GA03",
    "/trip",
    "培训 2026-11-12 2026-11-13 温州市公安局培训中心 13857712345 全市户籍业务培训",
  );
  at("2026-11-03", 10, 30);
  await approve("U0GA01", t1);
  at("2026-11-03", 11, 0);
  await approve(INS3, t1, "clicks Approve");
  await expectRequest(t1, "approved");
  at("2026-11-03", 16, 0);
  await decideInModal(
    INS1,
    r5,
    STEP_OUTSIDE,
    { decision: "approve", note: "温州市住房公积金管理中心苍南分中心分管领导书面同意" },
    "代为登记：主管单位分管领导同意（纸质）",
  );

  at("2026-11-04", 9, 0);
  const t2 = await quick(
    "U0SB02",
    "/trip",
    "下乡 2026-11-10pm 灵溪镇便民服务中心 13967754321 社保业务下乡指导",
  );
  at("2026-11-04", 9, 10);
  await approve(INS2, r5, "审核通过");
  at("2026-11-04", 9, 30);
  await approve("U0SB01", t2);
  await expectRequest(t2, "approved");
  at("2026-11-04", 10, 0);
  await approve(DEP, r5);
  at("2026-11-04", 15, 0);
  await decideInModal(
    INS1,
    r3,
    STEP_OUTSIDE,
    { decision: "approve", note: "已收到县人力社保局主要负责人签字的纸质审批单" },
    "代为登记：主管部门主要负责人已审核（纸质）",
  );
  at("2026-11-04", 16, 0);
  await decideInModal(
    INS1,
    r5,
    STEP_OUTSIDE,
    { decision: "approve", note: "主管部门主要负责人已审核，病假证明表已盖章" },
    "代为登记：主管部门主要负责人已审核（纸质）",
  );

  await filingSummary("2026-11-05");
  at("2026-11-05", 9, 0);
  const t3 = await quick(
    "U0BDC01",
    "/trip",
    "踏勘 2026-11-16 2026-11-17 钱库镇项目现场 13705778888 不动产首次登记现场踏勘",
  );
  at("2026-11-05", 9, 20);
  await approve(INS1, t3);
  await expectRequest(t3, "approved");
  at("2026-11-05", 16, 0);
  await decideInModal(
    INS1,
    r3,
    STEP_OUTSIDE,
    { decision: "approve", note: "县人力社保部门已批复同意" },
    "代为登记：县人力社保部门已审批（纸质）",
  );
  await expectRequest(r3, "approved");

  // Annual leave; a window leader's one-day 事假 (covered by annual leave, inspection approves).
  at("2026-11-06", 9, 0);
  const r6 = await quick("U0SW02", "/qingjia", "年休假 2026-11-19 2026-11-20 带父母体检");
  at("2026-11-06", 9, 15);
  await approve("U0SW01", r6);
  at("2026-11-06", 9, 30);
  await approve(INS2, r6);
  await expectRequest(r6, "approved");

  at("2026-11-06", 10, 0);
  const r7 = await quick("U0SW01", "/qingjia", "事假 2026-11-13 家中老人住院");
  at("2026-11-06", 10, 20);
  await approve(INS1, r7);
  await expectRequest(r7, "approved");
  at("2026-11-06", 11, 0);
  await decideInModal(
    INS1,
    r5,
    STEP_OUTSIDE,
    { decision: "approve", note: "县委组织部已批复" },
    "代为登记：县委组织部已审批（纸质）",
  );
  await expectRequest(r5, "approved");

  // Someone who uses Slack in English: the form, the approvers' view and the answers follow each
  // reader's language.
  at("2026-11-06", 14, 0);
  const r7b = await quick("U0BDC06", "/timeoff", "annual 11/27 family matters");
  at("2026-11-06", 14, 20);
  await approve("U0BDC01", r7b);
  at("2026-11-06", 14, 40);
  await approve(INS3, r7b, "clicks Approve");
  await expectRequest(r7b, "approved");

  // Maternity (98 days), marriage, breastfeeding, nursing and home-visit leave: the longer ones go
  // through leader, parent unit, inspection and deputy director.
  const longChain = async (requestId: number, leader: string, parent: string, day: string) => {
    at(day, 10, 40);
    await approve(leader, requestId);
    at(day, 14, 0);
    await approve(parent, requestId);
    at(day, 15, 10);
    await approve(INS2, requestId, "审核通过");
    at(day, 16, 0);
    await approve(DEP, requestId);
    await expectRequest(requestId, "approved");
  };
  at("2026-11-09", 9, 0);
  const r8 = await quick("U0BDC05", "/qingjia", "产假 2026-11-16 2027-02-21 生育");
  await longChain(r8, "U0BDC01", "U0PBDC", "2026-11-09");

  at("2026-11-10", 9, 0);
  const r9 = await quick("U0SC03", "/qingjia", "婚假 2026-11-23 2026-12-05 结婚");
  at("2026-11-10", 9, 20);
  await file(INS1, "/deduct", "<@U0SC05> S-ATT-LATE 2026-11-10 上午迟到8分钟");
  // The person appeals from the deduction's notice; the deputy director upholds it (RULES.md §8a).
  at("2026-11-10", 9, 24);
  const appealNotes = [
    await appealUpheld(
      "U0SC05",
      "当天8:25已到岗，因帮群众填表未及时打卡",
      "考勤机8:38打卡，监控未见本人8:30前在岗，维持原记录",
    ),
  ];
  at("2026-11-10", 9, 30);
  const r10 = await quick("U0GA04", "/qingjia", "哺乳假 2026-11-11pm 哺乳");
  at("2026-11-10", 9, 45);
  await approve("U0GA01", r10);
  await expectRequest(r10, "approved");
  await longChain(r9, "U0SC01", "U0PSC", "2026-11-10");
  await filingSummary("2026-11-11");

  at("2026-11-11", 9, 0);
  const r11 = await quick("U0SW03", "/qingjia", "护理假 2026-11-24 2026-12-08 妻子生育陪护");
  await longChain(r11, "U0SW01", "U0PSW", "2026-11-11");

  // A rejection with its reason, and a withdrawal before anyone decided.
  at("2026-11-12", 8, 45);
  const r12 = await quick("U0MZ02", "/qingjia", "探亲假 2026-11-30 2026-12-19 探望在四川的父母");
  at("2026-11-12", 9, 0);
  const r13 = await quick("U0SC04", "/qingjia", "事假 下周五 处理个人事务");
  at("2026-11-12", 9, 30);
  const reason = "11月20日是企业开办高峰，窗口人手不足，请改到下周";
  await decideInModal("U0SC01", r13, STEP_REJECT, { note: reason }, `不同意：${reason}`);
  await expectRequest(r13, "rejected");
  // 修改后重新提交: the rejection notice's button opens the form filled in as the request was; the
  // date is moved to the next week as the leader asked, and the new request goes through.
  at("2026-11-12", 9, 40);
  const r13b = await resubmit("U0SC04", r13, {
    [F.kind]: "personal",
    [F.startDate]: "2026-11-24",
    [F.startHalf]: "am",
    [F.endDate]: "2026-11-24",
    [F.endHalf]: "pm",
    [F.reason]: "处理个人事务",
  });
  at("2026-11-12", 9, 50);
  await approve("U0SC01", r13b);
  at("2026-11-12", 9, 55);
  await approve(INS3, r13b, "clicks Approve");
  await expectRequest(r13b, "approved");
  at("2026-11-12", 10, 0);
  const r14 = await quick("U0SB05", "/qingjia", "事假 2026-11-25 2026-11-26 新房装修验收");
  at("2026-11-12", 10, 20);
  {
    const status = standIn
      .callsTo("chat.postMessage")
      .findLast((c) => buttonsIn(c.args.blocks, WITHDRAW).some((b) => b.value === String(r14)));
    check(status, "no status message with a withdraw button");
    ok(
      await http.sendAction(
        { id: "U0SB05" },
        { action_id: WITHDRAW, value: String(r14) },
        { channelId: String(status.response?.channel), message: { ts: String(status.response?.ts) } },
      ),
      "withdraw",
    );
    record("U0SB05", `点击「撤回申请」（申请 #${r14}）`);
  }
  await expectRequest(r14, "withdrawn");
  await longChain(r12, "U0MZ01", "U0PMZ", "2026-11-12");

  // More deductions and bonuses (a staff item that also files its window item, a window item, a
  // leader-only bonus, an English-speaking inspector).
  at("2026-11-12", 16, 30);
  await file(INS2, "/deduct", "<@U0ZJ03> S-SVC-FIRSTASK 2026-11-12 群众咨询时推诿，未落实首问负责制");
  at("2026-11-13", 11, 0);
  await file(INS1, "/deduct", "<@U0GA05> S-DIS-PHONE 11月13日 接待群众时长时间使用手机");
  at("2026-11-16", 9, 10);
  await file(INS3, "/deduct", "<@U0MZ03> S-DIS-UNIFORM 2026-11-16 未佩戴工作牌");

  // The window leaders' meeting (例会制度, RULES.md §8): inspection schedules it with /meeting for
  // Wednesday the 18th; every leader is DMed. 林建国 answers "I'll attend"; 叶春燕 (民政) asks for leave
  // naming Chen Hao, who comes; 陈国平 (社保) asks for leave naming 林秀英, who does not; 吴德胜 (人防,
  // alone in his window) neither answers nor comes. The day before, everyone is reminded; at the meeting
  // inspection ticks who came in the App Home and attaches the minutes; the bot proposes S-ATT-DELEGATE
  // (林秀英 2, her leader 陈国平 1) and S-ATT-LEADERMEET (吴德胜 2), which inspection confirms, and posts
  // the attendance — not the deductions — to the channel.
  const meetingNotes = await leadersMeeting();
  at("2026-11-18", 17, 0);
  await file(INS1, "/deduct", "<@U0ZJ04> S-ATT-ABSENT x2 2026-11-18 全天未到岗且未请假");
  at("2026-11-19", 17, 40);
  await file(INS2, "/deduct", "<@U0ZJ04> S-ATT-NOPUNCH 2026/11/19 下午未签退");
  at("2026-11-20", 16, 0);
  await file(INS1, "/deduct", "SBYB W-REPORT-LATE 2026-11-20 10月业务报表迟报两天");
  at("2026-11-23", 10, 0);
  await file(INS2, "/deduct", "<@U0GA05> S-EVAL-NOASK 2026-11-23 办结后未提醒群众评价");
  // AB岗 (RULES.md §8): 住建窗口's 王海燕 (A) and 张伟 (her B, she his) both take annual leave on Thursday
  // the 26th. She asks first: her B is the suggested cover, named in the preview. He asks next: his B
  // (she) is away then, so nobody is named and the preview says why; the leader's step warns that A and
  // B are both away and names who else is free. The leader names 刘芳 for him — and forgets that her
  // cover is now away too: when her absence starts nobody covers it, and inspection is asked about W-AB.
  const ab: string[] = [];
  const names = (text: string) => text.replace(/<@(\w+)>/g, (_, id: string) => name.get(id) ?? id);
  at("2026-11-23", 10, 10);
  const rA = await quick("U0ZJ02", "/qingjia", "年休假 2026-11-26 陪家人复查");
  check((await db.request.findUniqueOrThrow({ where: { id: rA } })).coverId === "U0ZJ03", "B not suggested");
  at("2026-11-23", 10, 20);
  await approve("U0ZJ01", rA);
  at("2026-11-23", 10, 30);
  await approve(INS1, rA);
  await expectRequest(rA, "approved");
  at("2026-11-24", 9, 0);
  const rB = await quick("U0ZJ03", "/qingjia", "年休假 2026-11-26 办理子女入学手续");
  {
    const step = await pendingStep(rB);
    const warning = ((stepMessage("U0ZJ01", step.id).args.blocks ?? []) as Json[])
      .map((b) => String((b.text as Json | undefined)?.text ?? ""))
      .filter((text) => text.includes("AB岗"));
    check(warning.length === 1, `the leader's step of #${rB} has no AB岗 warning`);
    ab.push(
      `- 11-24 张伟申请 11-26 年休假（#${rB}），其 B 岗王海燕同日休假（#${rA}）：预览中未预填顶岗人；窗口负责人黄建平的审批消息提示：`,
      ...names(warning[0]!)
        .split("\n")
        .map((l) => `  > ${l}`),
    );
  }
  at("2026-11-24", 9, 30);
  await decideInModal(
    "U0ZJ01",
    rB,
    STEP_APPROVE_NOTE,
    { cover: "U0ZJ04", note: "刘芳顶岗" },
    "同意并指定顶岗、填写意见：刘芳顶岗",
  );
  at("2026-11-24", 9, 40);
  await approve(INS2, rB);
  await expectRequest(rB, "approved");
  ab.push("- 黄建平指定刘芳为张伟顶岗；王海燕的顶岗人仍是同日休假的张伟。");
  at("2026-11-24", 11, 0);
  await file(INS1, "/bonus", "<@U0BDC02> S-BON-OVERTIME 2 2026-11-21 周六加班办理不动产登记36件");
  at("2026-11-25", 15, 0);
  await file(INS1, "/bonus", "<@U0SW01> S-BON-LEADER 2 2026-11-25 组织窗口新政策业务培训");
  // The scheduler runs this check every hour (src/jobs/scheduler.ts); the demo plays it once, the morning
  // of the 26th, for the absences starting that day (`since`), so the month's earlier requests keep the
  // story they tell.
  at("2026-11-26", 9, 0);
  {
    const proposed = await proposeUncoveredStarts(
      ctx,
      { actor: "scheduler", since: "2026-11-26" },
      abProposalNotices,
    );
    check(
      proposed.length === 1 && proposed[0]!.request.id === rA,
      `W-AB proposals on 11-26: ${proposed.map((p) => p.request.id).join(",")}`,
    );
    wakeOutbox(db);
    await slack.idle();
    record("（定时任务）", "11-26 09:00 AB岗检查：王海燕的年休假开始时无人顶岗，向督查科提出 W-AB 拟扣分");
    at("2026-11-26", 9, 20);
    const msg = standIn
      .callsTo("chat.postMessage")
      .findLast(
        (c) =>
          c.response?.channel === standIn.dmChannel(INS1) && buttonsIn(c.args.blocks, AB_CONFIRM).length > 0,
      );
    check(msg, "inspection was not asked about W-AB");
    const value = String(buttonsIn(msg.args.blocks, AB_CONFIRM)[0]!.value);
    ok(
      await http.sendAction(
        { id: INS1 },
        { action_id: AB_CONFIRM, value },
        {
          channelId: String(msg.response?.channel),
          message: { ts: String(msg.response?.ts), blocks: msg.args.blocks as unknown[] },
        },
      ),
      "W-AB confirm",
    );
    record(INS1, "点击「确认扣分」（W-AB，住建窗口）");
    const rec = await db.record.findUniqueOrThrow({ where: { id: Number(value) } });
    check(rec.state === "active", `the W-AB proposal is ${rec.state} after its confirmation`);
    ab.push(
      `- 11-26 09:00 定时检查：王海燕的年休假（#${rA}）开始时无人顶岗（顶岗人张伟同日休假），向督查科提出 W-AB 拟扣分（住建窗口 −5）；09:20 孙立新点击「确认扣分」，计入住建窗口本月得分。`,
    );
  }

  at("2026-11-26", 10, 0);
  await file(INS2, "/bonus", "<@U0MZ02> S-BON-ARTICLE 1 2026-11-26 政务信息被县政府网站录用");
  at("2026-11-27", 16, 0);
  await file(INS1, "/bonus", "MZ W-BON-PRAISE 1 2026-11-27 群众来信表扬婚姻登记服务");

  // The rating devices' export for the month: inspection uploads it in App Home (月度管理), reads the
  // check's report and imports it — the same importer as the CLI, no terminal (issue #10).
  at("2026-11-30", 17, 30);
  const csv = ratingsCsv(center.people.map((p) => ({ id: p.id, name: p.name })));
  const csvFile = path.join(OUT, `ratings-${DEMO_MONTH}.csv`);
  fs.writeFileSync(csvFile, csv);
  {
    ok(await http.sendAppHomeOpened({ id: INS1 }), "App Home");
    mark = standIn.calls.length; // the Home tab itself is not part of the story
    ok(
      await http.sendAction(
        { id: INS1 },
        { action_id: ADMIN_IMPORT.ratings },
        { view: { id: `VHOME${INS1}`, type: "home" } },
      ),
      "import ratings",
    );
    const form = openedModal("the ratings upload");
    record(INS1, "在应用主页「月度管理」中点击「导入评价器数据」");
    // What the file_input does in Slack: the file is uploaded and the submission carries its id.
    const fileId = standIn.addFile({ name: path.basename(csvFile), bytes: csv, user: INS1 });
    const checked = ok(
      await http.sendViewSubmission({ id: INS1 }, form, { [IMPORT_FILE.action]: [fileId] }),
      "check the file",
    );
    record(INS1, `选择文件 ${path.basename(csvFile)}，点击「检查文件」`, checked.json);
    const report = (checked.json as Json | undefined)?.view as ViewJson | undefined;
    check(
      report?.callback_id === ADMIN_IMPORT_CALLBACK,
      `the ratings check: ${JSON.stringify(checked.json)}`,
    );
    const imported = ok(
      await http.sendViewSubmission({ id: INS1 }, { ...report, id: form.id }, {}),
      "import the file",
    );
    record(INS1, "核对无误，点击「确认导入」", imported.json);
    const rated = await db.rating.count({ where: { month: DEMO_MONTH } });
    check(
      rated === center.people.length,
      `${rated} of ${center.people.length} people rated after the import`,
    );
  }

  // A secondment by a parent unit with the center's consent (§4 ⑧): no deduction, the money reduced
  // in proportion; the workbook's detail sheet shows it as a row of its own.
  const seconded = await importSecondments(ctx, `人员,月份,天数\nU0GJ01,${DEMO_MONTH},2\n`, { actor: INS1 });
  check(seconded.refused.length === 0, `secondment import refused: ${JSON.stringify(seconded.refused)}`);
  record(INS1, `录入经中心同意的抽调：许国强 ${DEMO_MONTH} 被县公积金中心抽调 2 天`);

  // 1 December 00:30: the scheduler's monthly close, then the outbox sends what it queued.
  at(`${addMonths(DEMO_MONTH, 1)}-01`, 0, 30);
  const closed = await runMonthClose(ctx, DEMO_MONTH, { actor: "scheduler", exportDir: OUT });
  check(closed.ok && closed.value.kind === "closed", `the monthly close failed: ${JSON.stringify(closed)}`);
  const sent = await createOutboxSender(db, slack.app.client, { minIntervalMs: 0 }).drain();
  check(sent.failed === 0, `${sent.failed} close messages could not be sent`);
  transcript.steps.push({
    at: "12-01 00:30",
    actorId: "（定时任务）",
    action: `${DEMO_MONTH} 月度考评结算：冻结结果、生成考评表，向频道公布排名，向每人私信本人得分和奖金`,
    calls: standIn.calls.slice(mark),
  });
  mark = standIn.calls.length;

  // 10:00: 郑海波 questions his notice (对此有疑问, RULES.md §8a until the appeal comes): the modal lists
  // his records; he points at one and says why; each inspection member gets it with the record, and he
  // a confirmation. Until the deadline (three working days) only; see the notice's own line.
  at(`${addMonths(DEMO_MONTH, 1)}-01`, 10, 0);
  {
    const user = "U0GA05";
    const notice = standIn
      .callsTo("chat.postMessage")
      .filter((c) => c.response?.channel === standIn.dmChannel(user))
      .findLast((c) =>
        ((c.args.blocks ?? []) as Json[]).some(
          (b) => (b.accessory as Json | undefined)?.action_id === NOTICE_QUESTION,
        ),
      );
    check(notice, `${name.get(user)} has no notice with a question button`);
    ok(
      await http.sendAction(
        { id: user },
        { action_id: NOTICE_QUESTION, value: DEMO_MONTH },
        { channelId: String(notice.response?.channel), message: { ts: String(notice.response?.ts) } },
      ),
      "question",
    );
    const view = openedModal("the question modal");
    record(user, "在考评结果私信中点击「对此有疑问」");
    const options = ((view.blocks ?? []) as Json[])
      .flatMap(
        (b) =>
          ((b.element as Json | undefined)?.options ?? []) as { text: { text: string }; value: string }[],
      )
      .filter((o) => o.text.text.includes("长时间看手机"));
    check(options.length === 1, "the question modal does not list the phone record");
    const question = "11月13日上午我是在用手机帮群众查询“浙里办”上的办件进度，不是私人使用，请核实监控。";
    const res = ok(
      await http.sendViewSubmission({ id: user }, view, { lines: [options[0]!.value], question }),
      "question submit",
    );
    record(user, `选择“11月13日 长时间看手机”并填写：${question}`, res.json);
    check(
      (await db.auditLog.count({ where: { action: "notice.question", actorId: user } })) === 1,
      "the question was not logged",
    );
  }

  // ---------------------------------------------------------------------------------------------
  // What everyone saw, the report and the summary.
  const result = closed.value.closed.result;
  const workbook = path.join(OUT, path.basename(closed.value.closed.workbookPath));
  if (closed.value.closed.workbookPath !== workbook)
    fs.copyFileSync(closed.value.closed.workbookPath, workbook);
  // The charts the close attached (issue #13): the window bars beside the workbook, and one line chart
  // per person in their DM, drawn by the outbox sender from the frozen results.
  const chartPng = windowChartPath(
    path.dirname(closed.value.closed.workbookPath),
    closed.value.closed.closings,
  );
  check(fs.existsSync(chartPng), "the window chart was not drawn");
  const chartName = t("zh", "charts.windows.file", { center: center.name, month: DEMO_MONTH });
  fs.copyFileSync(chartPng, path.join(OUT, chartName));
  const personCharts = standIn
    .callsTo("files.completeUploadExternal")
    .filter(
      (c) =>
        String(c.args.channel_id).startsWith("D") &&
        ((c.args.files ?? []) as { id: string }[]).some((f) =>
          standIn.uploads.get(f.id)?.filename.endsWith(".png"),
        ),
    );
  check(personCharts.length === result.people.length, "not every person got their score chart");
  const chartNotes = [
    `- 频道：排名之后附上各窗口得分图（本月与上月柱状对比）\`${chartName}\`（PNG，服务器端渲染，字体 Noto Sans SC，SIL OFL 1.1）。`,
    `- 私信：${personCharts.length} 人各自在考评结果之后收到近 12 个月考评分走势图（\`${path.relative(OUT, path.dirname(chartPng))}/trend-<成员>.png\`）。`,
  ];
  const text = transcript.render();
  fs.writeFileSync(
    path.join(OUT, "transcript.md"),
    `# ${center.name} · ${DEMO_MONTH} · Slack 中每个人看到的内容\n\n${text}`,
  );
  const windowName = new Map(center.windows.map((w) => [w.id, w.name]));
  const summary = `${summaryMarkdown(center.name, result, name, windowName, path.basename(workbook))}\n## AB岗（顶岗补位）\n\n${ab.join("\n")}\n\n## 窗口负责人例会\n\n${meetingNotes.join("\n")}\n\n## 申诉\n\n${appealNotes.join("\n")}\n\n## 图表\n\n${chartNotes.join("\n")}\n`;
  fs.writeFileSync(path.join(OUT, "summary.md"), summary);
  process.stdout.write(`${text}\n${summary}\n`);

  const requests = await db.request.groupBy({ by: ["state"], _count: true });
  process.stdout.write(
    [
      `demo: ${transcript.steps.length} steps, ${standIn.calls.length} Slack API calls, requests ${requests
        .map((r) => `${r.state} ${r._count}`)
        .join(
          ", ",
        )}, ${await db.record.count()} records; ${((performance.now() - started) / 1000).toFixed(1)} s`,
      `wrote ${path.relative(process.cwd(), OUT)}/: transcript.md, summary.md, ${path.basename(workbook)}, demo.db`,
      "",
    ].join("\n"),
  );
  await slack.stop();
  await standIn.close();
  await db.$disconnect();
  return 0;
}

/** The rating devices' monthly export: most people rated well, a few below 95 % (RULES.md §4). */
function ratingsCsv(people: { id: string; name: string }[]): string {
  const low = new Map([
    ["U0GA05", [96, 10, 9]],
    ["U0ZJ04", [70, 8, 6]],
    ["U0SB04", [100, 4, 7]],
  ]);
  const rows = people.map((p, i) => {
    const [s, b, u] = low.get(p.id) ?? [150 + ((i * 37) % 90), 3 + (i % 5), i % 3];
    return `${p.id},${p.name},${DEMO_MONTH},${s},${b},${u}`;
  });
  return `人员,姓名,月份,满意,基本满意,不满意\n${rows.join("\n")}\n`;
}

function summaryMarkdown(
  centerName: string,
  result: MonthResult,
  names: Map<string, string>,
  windows: Map<string, string>,
  workbook: string,
): string {
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const money = { full: "全额", half: "减半", none: "无" } as const;
  const lines = [
    `# ${centerName} ${DEMO_MONTH} 考评结果（演示）`,
    "",
    `参评 ${result.headCount} 人；一档（前 ${result.bandEdges.b1} 名）500 元，二档（至第 ${result.bandEdges.b2} 名）450 元，三档 400 元；90–95 分减半，90 分以下无奖金。Excel：\`${workbook}\`。`,
    "",
    "## 个人排名",
    "",
    "| 名次 | 姓名 | 窗口 | 基础分 | 加分 | 得分 | 档次 | 奖金（元） | 说明 |",
    "|---:|---|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const p of result.people) {
    const items = p.lines
      .filter((l) => l.counted)
      .map((l) => `${l.code}${l.sign === "deduction" ? "−" : "+"}${formatHundredths(l.totalHundredths)}`)
      .join(" ");
    lines.push(
      `| ${p.rank} | ${names.get(p.id) ?? p.id} | ${windows.get(p.window) ?? p.window} | ${formatHundredths(p.baseHundredths)} | ${formatHundredths(p.bonusHundredths)} | ${formatHundredths(p.scoreHundredths)} | ${p.band} | ${yuan(p.amountFen)} | ${money[p.moneyReason]}${items ? `；${items}` : ""} |`,
    );
  }
  const bands = [1, 2, 3].map((b) => result.people.filter((p) => p.band === b).length);
  const total = result.people.reduce((n, p) => n + p.amountFen, 0);
  lines.push(
    "",
    `档次人数：一档 ${bands[0]}，二档 ${bands[1]}，三档 ${bands[2]}；奖金合计 ${yuan(total)} 元。`,
    "",
    "## 窗口排名",
    "",
    "| 名次 | 窗口 | 人员平均分 | 窗口扣分 | 窗口加分 | 得分 | 满意率 |",
    "|---:|---|---:|---:|---:|---:|---:|",
  );
  for (const w of result.windows) {
    const all = w.ratings.satisfied + w.ratings.basic + w.ratings.unsatisfied;
    const rate = all ? `${(((w.ratings.satisfied + w.ratings.basic) * 100) / all).toFixed(2)}%` : "—";
    lines.push(
      `| ${w.rank} | ${windows.get(w.id) ?? w.id} | ${formatHundredths(w.peopleMeanHundredths)} | ${formatHundredths(-w.deductionsHundredths)} | ${formatHundredths(w.bonusHundredths)} | ${formatHundredths(w.scoreHundredths)} | ${rate} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

// process.exit: a failure leaves the app and the stand-in listening.
main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      e instanceof DemoFailure
        ? `demo failed: ${e.message}\n`
        : `demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
