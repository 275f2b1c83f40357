// The window leaders' meeting end to end (例会制度, RULES.md §8) over signed HTTP with the Slack stand-in,
// in both languages (吴房 the estate leader and inspector 2 read Slack in English, everyone else in
// Chinese): inspection schedules with /meeting → every leader is DMed with "I'll attend" / "Ask for leave"
// → 陈税 attends, 吴房 asks for leave naming 郑三 of his window (郑三 is told), 周社 does not answer → the
// reminder the day before (the scheduler's tick) → attendance in one view from the App Home → the
// proposals S-ATT-LEADERMEET (周社) and S-ATT-DELEGATE (郑三 did not come) confirmed by inspection →
// the attendance, without the deductions, in the channel. Refusals: staff scheduling, a delegate from
// another window, leave after the start, attendance before the start.
// A second harness plays it with everyone in English (a leader changing their answer, the delegate told
// and released, a proposal dismissed).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { createOutboxSender } from "../../src/jobs/outbox.ts";
import { tick } from "../../src/jobs/scheduler.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);
const at = (date: string, hh: number, mm = 0) => h.clock.set(shanghaiInstant(date, hh, mm));

beforeAll(async () => {
  // Wednesday 2026-07-15 10:00 in Shanghai.
  h = await startAppHarness({
    now: "2026-07-15T02:00:00.000Z",
    locales: { [ORG.estateLeader]: "en-US", [ORG.inspector2]: "en-US" },
  });
});
afterAll(async () => {
  await h?.close();
});

const posts = (calls: StandInCall[], channel: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);
const updates = (calls: StandInCall[]) => calls.filter((c) => c.method === "chat.update");
const buttonsOf = (blocks: unknown, actionId: string) =>
  ((blocks as Json[] | undefined) ?? [])
    .flatMap((b) => [
      ...((b.elements as Json[] | undefined) ?? []),
      ...(b.accessory ? [b.accessory as Json] : []),
    ])
    .filter((e) => e.action_id === actionId);

/** Clicks the button `actionId` of a message the bot posted (its DM), as `user`. */
function clickIn(user: string, post: StandInCall, actionId: string, value?: string) {
  const reply = (post as { response?: Json }).response ?? {};
  const b = buttonsOf(post.args.blocks, actionId).find((x) => value === undefined || x.value === value);
  if (!b) throw new Error(`no ${actionId} button`);
  return during(() =>
    h.slack.sendAction(
      { id: user },
      { action_id: actionId, value: String(b.value) },
      {
        channelId: String(reply.channel),
        message: { ts: String(reply.ts), blocks: post.args.blocks as unknown[] },
      },
    ),
  );
}

/** Clicks `actionId` (value `value`) in the App Home of `user`. */
const clickHome = (user: string, actionId: string, value: string) =>
  during(() =>
    h.slack.sendAction(
      { id: user },
      { action_id: actionId, value },
      { view: { id: `VHOME${user}`, type: "home" } },
    ),
  );

describe("window leaders' meeting", () => {
  test("schedule → invitations → answers → reminder → attendance → proposals confirmed → channel", async () => {
    // Staff: /meeting lists meetings privately, opens no modal; a forged schedule submission is refused.
    const staff = await during(() => h.slack.sendCommand("/meeting", "", { id: ORG.taxStaff1 }));
    expect(staff.filter((c) => c.method === "views.open")).toEqual([]);
    expect(textOf(staff.find((c) => c.method === "response_url")!.args)).toContain(
      "目前没有安排的窗口负责人例会。",
    );

    // Inspector 2 reads English: the same modal in English.
    expect(
      lastView(await during(() => h.slack.sendCommand("/meeting", "", { id: ORG.inspector2 }))).title,
    ).toEqual(expect.objectContaining({ text: "Schedule a meeting" }));
    const modal = lastView(await during(() => h.slack.sendCommand("/meeting", "", { id: ORG.inspector1 })));
    expect(modal.callback_id).toBe("meeting_schedule_modal");
    const values = {
      meeting_date: "2026-07-20",
      meeting_time: "14:30",
      meeting_place: "三楼会议室",
      meeting_topic: "七月工作部署 <!channel>",
    };
    const forged = await h.slack.sendViewSubmission({ id: ORG.taxStaff1 }, modal, values);
    expect(textOf((forged.json as Json).view)).toContain("只有督查科或中心主任可以安排窗口负责人例会。");
    const past = await h.slack.sendViewSubmission({ id: ORG.inspector1 }, modal, {
      ...values,
      meeting_date: "2026-07-14",
    });
    expect(past.json).toEqual({
      response_action: "errors",
      errors: { meeting_date: "2026-07-14 14:30 已经过去，例会须安排在今后的时间。" },
    });
    expect(await h.db.meeting.count()).toBe(0);

    const scheduled = await during(async () => {
      const r = await h.slack.sendViewSubmission({ id: ORG.inspector1 }, modal, values);
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const meeting = await h.db.meeting.findFirstOrThrow();
    const [toTax] = posts(scheduled, ORG.taxLeader);
    const [toEstate] = posts(scheduled, ORG.estateLeader);
    const [toHrss] = posts(scheduled, ORG.hrssLeader);
    expect(textOf(toTax!.args)).toContain("2026年7月20日（星期一）14:30");
    expect(textOf(toTax!.args)).toContain("七月工作部署 &lt;!channel&gt;");
    expect(buttonsOf(toTax!.args.blocks, "meeting_attend")[0]).toMatchObject({ text: { text: "我会参加" } });
    expect(textOf(toEstate!.args)).toContain("Monday 20 Jul 2026, 14:30");
    expect(buttonsOf(toEstate!.args.blocks, "meeting_leave")[0]).toMatchObject({
      text: { text: "Ask for leave" },
    });
    expect(toHrss).toBeDefined();
    expect(textOf(posts(scheduled, ORG.inspector1).map((c) => c.args))).toContain(
      `已安排窗口负责人例会 #${meeting.id}（2026年7月20日（星期一）14:30，三楼会议室），已通知 3 位窗口负责人。`,
    );
    expect(posts(scheduled, ORG.taxStaff1)).toEqual([]);

    // 陈税 will attend: his invitation shows it, buttons kept (changeable until the start).
    const attended = await clickIn(ORG.taxLeader, toTax!, "meeting_attend");
    const taxUpdate = updates(attended).find(
      (c) => c.args.ts === (toTax as { response?: Json }).response?.ts,
    );
    expect(textOf(taxUpdate!.args.blocks)).toContain("您已回复：参加。会前可以更改。");

    // 周社's window has nobody else: the leave modal says so.
    expect(textOf(lastView(await clickIn(ORG.hrssLeader, toHrss!, "meeting_leave")).blocks)).toContain(
      "您的窗口没有其他人员可以代为参加。",
    );

    // 吴房 asks for leave: the options are his window's people; a forged delegate from another window is
    // refused at the picker; 郑三 is named and told.
    const leave = lastView(await clickIn(ORG.estateLeader, toEstate!, "meeting_leave"));
    expect(leave.callback_id).toBe("meeting_leave_modal");
    const picker = (leave.blocks ?? []).find((b) => b.block_id === "meeting_delegate")!.element as Json;
    expect((picker.options as Json[]).map((o) => o.value)).toEqual([ORG.estateStaff1]);
    const other = await h.slack.sendViewSubmission({ id: ORG.estateLeader }, leave, {
      meeting_delegate: ORG.taxStaff1,
    });
    expect(other.json).toEqual({
      response_action: "errors",
      errors: {
        meeting_delegate: `<@${ORG.taxStaff1}> is not in your window: the delegate must be from your own window.`,
      },
    });
    const named = await during(async () => {
      const r = await h.slack.sendViewSubmission({ id: ORG.estateLeader }, leave, {
        meeting_delegate: ORG.estateStaff1,
      });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    expect(textOf(posts(named, ORG.estateStaff1).map((c) => c.args))).toContain(
      `窗口负责人 <@${ORG.estateLeader}> 请假，指定您代为参加窗口负责人例会 #${meeting.id}`,
    );
    const estateUpdate = updates(named).find(
      (c) => c.args.ts === (toEstate as { response?: Json }).response?.ts,
    );
    expect(textOf(estateUpdate!.args.blocks)).toContain(
      `You asked for leave; <@${ORG.estateStaff1}> attends for you.`,
    );

    // The day before (Sunday 19 July, from 09:00): each leader and the delegate, once.
    const sender = createOutboxSender(h.db, h.app.app.client, { minIntervalMs: 0 });
    at("2026-07-19", 9, 0);
    expect((await tick({ ctx: h.ctx, owner: "e2e" })).meetingReminders).toBe(1);
    const reminded = await during(() => sender.drain());
    expect(textOf(posts(reminded, ORG.hrssLeader).map((c) => c.args))).toContain(
      `提醒：窗口负责人例会 #${meeting.id} 将于 2026年7月20日（星期一）14:30 在三楼会议室召开，您尚未回复。`,
    );
    expect(textOf(posts(reminded, ORG.estateLeader).map((c) => c.args))).toContain(
      `Reminder: window leaders' meeting #${meeting.id} is on Monday 20 Jul 2026, 14:30 at 三楼会议室.`,
    );
    expect(textOf(posts(reminded, ORG.estateStaff1).map((c) => c.args))).toContain(
      `提醒：您将代 <@${ORG.estateLeader}> 参加窗口负责人例会 #${meeting.id}`,
    );
    expect(posts(reminded, ORG.taxLeader)).toHaveLength(1);
    expect((await tick({ ctx: h.ctx, owner: "e2e" })).meetingReminders).toBe(0);

    // Attendance before the start is refused.
    at("2026-07-20", 14, 0);
    const early = lastView(await clickHome(ORG.inspector1, "meeting_attendance_open", String(meeting.id)));
    expect(textOf(early.blocks)).toContain("例会 2026-07-20 14:30 开始后才能考勤。");

    // Leave after the start is refused.
    at("2026-07-20", 14, 31);
    const late = lastView(await clickIn(ORG.estateLeader, toEstate!, "meeting_leave"));
    expect(textOf(late.blocks)).toContain(
      "The meeting started at 2026-07-20 14:30; answers and leave are closed.",
    );

    // At the meeting: inspection's App Home offers "Take attendance"; one view, one box per person.
    at("2026-07-20", 15, 0);
    const home = await during(() => h.slack.sendAppHomeOpened({ id: ORG.inspector1 }));
    const published = home.find((c) => c.method === "views.publish")!.args.view as Json;
    expect(buttonsOf(published.blocks, "meeting_attendance_open").map((b) => b.value)).toEqual([
      String(meeting.id),
    ]);
    const sheet = lastView(await clickHome(ORG.inspector1, "meeting_attendance_open", String(meeting.id)));
    expect(sheet.callback_id).toBe("meeting_attendance_modal");
    const boxes = (sheet.blocks ?? []).find((b) => b.block_id === "meeting_present_0")!.element as Json;
    expect((boxes.options as Json[]).map((o) => [(o.text as Json).text, o.value])).toEqual([
      ["郑三（代 吴房）", ORG.estateStaff1],
      ["周社（人社窗口）", ORG.hrssLeader],
      ["陈税（税务窗口）", ORG.taxLeader],
    ]);
    const minutes = h.standIn.addFile({ name: "例会纪要.docx", bytes: "纪要", user: ORG.inspector1 });
    const taken = await during(async () => {
      const r = await h.slack.sendViewSubmission({ id: ORG.inspector1 }, sheet, {
        meeting_present: [ORG.taxLeader],
        meeting_minutes: [minutes],
      });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const proposals = await h.db.record.findMany({ orderBy: { id: "asc" } });
    expect(proposals.map((r) => [r.code, r.personId, r.totalHundredths, r.state])).toEqual([
      ["S-ATT-DELEGATE", ORG.estateStaff1, 200, "proposed"],
      ["S-ATT-LEADERMEET", ORG.hrssLeader, 200, "proposed"],
    ]);
    expect(
      await h.db.attachment.findMany({ select: { entity: true, kind: true, fileId: true, name: true } }),
    ).toEqual([{ entity: "meeting", kind: "minutes", fileId: minutes, name: "例会纪要.docx" }]);

    // The channel gets the attendance, never the deductions.
    const [channel] = posts(taken, ORG.channel);
    const said = textOf(channel!.args);
    expect(said).toContain("✅ 陈税（税务窗口）出席");
    expect(said).toContain("❌ 吴房（不动产窗口）请假，指定的代参人 郑三 未出席");
    expect(said).toContain("❌ 周社（人社窗口）缺席");
    expect(said).toContain("会议记录：例会纪要.docx");
    expect(said).not.toMatch(/S-ATT|扣|分/);

    // Every invitation loses its buttons: answers are closed.
    const closedInvites = updates(taken).filter(
      (c) => buttonsOf(c.args.blocks, "meeting_attend").length === 0,
    );
    expect(closedInvites.map((c) => c.args.channel).sort()).toEqual(
      [ORG.taxLeader, ORG.estateLeader, ORG.hrssLeader].map((u) => h.standIn.dmChannel(u)).sort(),
    );
    expect(textOf(closedInvites.map((c) => c.args))).toContain("例会已开始，回复已截止。");

    // Inspection reviews the proposals (inspector 2 in English) and confirms each.
    const [review1] = posts(taken, ORG.inspector1);
    const [review2] = posts(taken, ORG.inspector2);
    expect(textOf(review1!.args)).toContain("周社：窗口负责人会议缺席且未指定他人（S-ATT-LEADERMEET）−2 分");
    expect(textOf(review1!.args)).toContain(
      "郑三：被指定参加负责人会议而未参加（S-ATT-DELEGATE）−2 分（其窗口负责人 吴房 连带扣 1 分）",
    );
    expect(textOf(review2!.args)).toContain("Deductions proposed after meeting");
    const confirmDelegate = buttonsOf(review2!.args.blocks, "meeting_proposal_confirm").find(
      (b) => b.value === String(proposals[0]!.id),
    )!;
    const confirmed = await during(() =>
      h.slack.sendAction(
        { id: ORG.inspector2 },
        { action_id: "meeting_proposal_confirm", value: String(confirmDelegate.value) },
        {
          channelId: String((review2 as { response?: Json }).response?.channel),
          message: { ts: String((review2 as { response?: Json }).response?.ts) },
        },
      ),
    );
    expect(textOf(posts(confirmed, ORG.estateStaff1).map((c) => c.args))).toContain(
      "督查科确认了对您的一条扣分：被指定参加负责人会议而未参加（S-ATT-DELEGATE）−2 分",
    );
    // Both inspectors' copies show the decision; the decided one has no buttons left.
    const redrawn = updates(confirmed).map((c) => c.args);
    expect(redrawn).toHaveLength(2);
    expect(textOf(redrawn)).toContain(`✅ Confirmed by <@${ORG.inspector2}>`);
    expect(textOf(redrawn)).toContain(`✅ 已由 <@${ORG.inspector2}> 确认`);
    expect(
      redrawn.flatMap((m) => buttonsOf(m.blocks, "meeting_proposal_confirm")).map((b) => b.value),
    ).toEqual([String(proposals[1]!.id), String(proposals[1]!.id)]);
    const absent = await clickIn(
      ORG.inspector1,
      review1!,
      "meeting_proposal_confirm",
      String(proposals[1]!.id),
    );
    expect(posts(absent, ORG.hrssLeader)).toHaveLength(1);
    // A second click on the same button changes nothing.
    const again = await clickIn(
      ORG.inspector1,
      review1!,
      "meeting_proposal_confirm",
      String(proposals[1]!.id),
    );
    expect(textOf(again.map((c) => c.args))).toContain("这条扣分建议已经处理过。");
    expect((await h.db.record.findMany({ orderBy: { id: "asc" } })).map((r) => r.state)).toEqual([
      "active",
      "active",
    ]);

    // Forged metadata on the leave and attendance modals: an error view, nothing written.
    const answers = await h.db.auditLog.count({ where: { action: { startsWith: "meeting." } } });
    for (const [user, view] of [
      [ORG.estateLeader, leave],
      [ORG.inspector1, sheet],
    ] as const) {
      const forgedMeta = await h.slack.sendViewSubmission(
        { id: user },
        { ...view, private_metadata: '{"meetingId":"1; drop"}' },
        {},
      );
      expect((forgedMeta.json as Json).response_action).toBe("update");
    }
    expect(await h.db.auditLog.count({ where: { action: { startsWith: "meeting." } } })).toBe(answers);

    // /score: the absent leader's month now counts the item (100 − 2).
    const score = await during(() => h.slack.sendCommand("/score", "", { id: ORG.hrssLeader }));
    const told = textOf(score.find((c) => c.method === "response_url")!.args);
    expect(told).toContain("基础分 98，加分 0，得分 *98*");
    expect(told).toContain("• 窗口负责人会议缺席且未指定他人：−2");
  });
});

// The same flow with everyone in English (the organiser, the leaders, the delegate): every message a
// person reads is in their language; the channel's attendance stays in the center's Chinese.
describe("window leaders' meeting, in English", () => {
  let e: AppHarness;
  const inEn = (fn: () => Promise<unknown>) => callsDuring(e, fn);
  beforeAll(async () => {
    const everyone = [
      ORG.inspector2,
      ORG.taxLeader,
      ORG.taxStaff1,
      ORG.hrssLeader,
      ORG.estateLeader,
      ORG.estateStaff1,
    ];
    e = await startAppHarness({
      now: "2026-07-15T02:00:00.000Z",
      locales: Object.fromEntries(everyone.map((u) => [u, "en-US"])),
    });
  });
  afterAll(async () => {
    await e?.close();
  });

  test("schedule, answer, leave with a delegate, attendance, proposals, all in English", async () => {
    const modal = lastView(await inEn(() => e.slack.sendCommand("/meeting", "", { id: ORG.inspector2 })));
    const sent = await inEn(async () => {
      const r = await e.slack.sendViewSubmission({ id: ORG.inspector2 }, modal, {
        meeting_date: "2026-07-16",
        meeting_time: "09:30",
        meeting_place: "Room 301",
        meeting_topic: "July planning",
      });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const meeting = await e.db.meeting.findFirstOrThrow();
    expect(textOf(posts(sent, ORG.inspector2).map((c) => c.args))).toContain(
      `Window leaders' meeting #${meeting.id} scheduled (Thursday 16 Jul 2026, 09:30, Room 301); 3 window leaders told.`,
    );
    const invite = (u: string) => {
      const p = posts(sent, u)[0]!;
      expect(textOf(p.args)).toContain(
        "calls a window leaders' meeting; please attend. If you cannot come, ask for leave before the meeting",
      );
      return p;
    };
    const clickAs = (user: string, post: StandInCall, actionId: string) => {
      const reply = (post as { response?: Json }).response ?? {};
      return inEn(() =>
        e.slack.sendAction(
          { id: user },
          { action_id: actionId, value: String(meeting.id) },
          { channelId: String(reply.channel), message: { ts: String(reply.ts) } },
        ),
      );
    };
    const tax = invite(ORG.taxLeader);
    const estate = invite(ORG.estateLeader);
    invite(ORG.hrssLeader);
    expect(textOf(updates(await clickAs(ORG.taxLeader, tax, "meeting_attend")).map((c) => c.args))).toContain(
      "You answered: attending. You can change this until the meeting starts.",
    );
    // 陈税 changes his mind: leave, naming 林一 (told in English), then back to attend (林一 released).
    const taxLeave = lastView(await clickAs(ORG.taxLeader, tax, "meeting_leave"));
    expect(taxLeave.title).toEqual(expect.objectContaining({ text: "Ask for leave" }));
    const named = await inEn(() =>
      e.slack.sendViewSubmission({ id: ORG.taxLeader }, taxLeave, { meeting_delegate: ORG.taxStaff1 }),
    );
    expect(textOf(posts(named, ORG.taxStaff1).map((c) => c.args))).toContain(
      `Window leader <@${ORG.taxLeader}> is on leave and named you to attend window leaders' meeting #${meeting.id} for them:`,
    );
    const back = await clickAs(ORG.taxLeader, tax, "meeting_attend");
    expect(textOf(posts(back, ORG.taxStaff1).map((c) => c.args))).toContain(
      `<@${ORG.taxLeader}> no longer needs you to attend window leaders' meeting #${meeting.id} (Thursday 16 Jul 2026, 09:30) for them.`,
    );
    const leave = lastView(await clickAs(ORG.estateLeader, estate, "meeting_leave"));
    const none = await e.slack.sendViewSubmission({ id: ORG.estateLeader }, leave, {
      meeting_delegate: null,
    });
    expect(none.json).toEqual({
      response_action: "errors",
      errors: { meeting_delegate: "Leave needs someone of your window named to attend for you." },
    });
    await inEn(() =>
      e.slack.sendViewSubmission({ id: ORG.estateLeader }, leave, { meeting_delegate: ORG.estateStaff1 }),
    );

    // The reminder is due at once (the meeting is tomorrow and it is past 09:00).
    expect((await tick({ ctx: e.ctx, owner: "e2e" })).meetingReminders).toBe(1);
    const reminded = await inEn(() =>
      createOutboxSender(e.db, e.app.app.client, { minIntervalMs: 0 }).drain(),
    );
    expect(textOf(posts(reminded, ORG.estateStaff1).map((c) => c.args))).toContain(
      `Reminder: you attend window leaders' meeting #${meeting.id} for <@${ORG.estateLeader}>, Thursday 16 Jul 2026, 09:30, Room 301.`,
    );

    e.clock.set(shanghaiInstant("2026-07-16", 10, 0));
    const home = await inEn(() => e.slack.sendAppHomeOpened({ id: ORG.inspector2 }));
    const published = home.find((c) => c.method === "views.publish")!.args.view as Json;
    expect(textOf(published.blocks)).toContain("*Window leaders' meetings*");
    const sheet = lastView(
      await inEn(() =>
        e.slack.sendAction(
          { id: ORG.inspector2 },
          { action_id: "meeting_attendance_open", value: String(meeting.id) },
          { view: { id: `VHOME${ORG.inspector2}`, type: "home" } },
        ),
      ),
    );
    const boxes = (sheet.blocks ?? []).find((b) => b.block_id === "meeting_present_0")!.element as Json;
    expect((boxes.options as Json[]).map((o) => (o.text as Json).text)).toEqual([
      "郑三 (for 吴房)",
      "周社 (人社窗口)",
      "陈税 (税务窗口)",
    ]);
    const taken = await inEn(() =>
      e.slack.sendViewSubmission({ id: ORG.inspector2 }, sheet, {
        meeting_present: [ORG.taxLeader, ORG.estateStaff1],
      }),
    );
    expect(textOf(posts(taken, ORG.channel).map((c) => c.args))).toContain("❌ 周社（人社窗口）缺席");
    const review = posts(taken, ORG.inspector2)[0]!;
    expect(textOf(review.args)).toContain(
      "周社: Leader missed the leaders' meeting and named nobody (S-ATT-LEADERMEET) −2",
    );
    const record = await e.db.record.findFirstOrThrow();
    const dismissed = await inEn(() =>
      e.slack.sendAction(
        { id: ORG.inspector2 },
        { action_id: "meeting_proposal_dismiss", value: String(record.id) },
        {
          channelId: String((review as { response?: Json }).response?.channel),
          message: { ts: String((review as { response?: Json }).response?.ts) },
        },
      ),
    );
    expect(textOf(updates(dismissed).map((c) => c.args))).toContain(`Dismissed by <@${ORG.inspector2}>`);
    expect(posts(dismissed, ORG.hrssLeader)).toEqual([]);
    expect((await e.db.record.findUniqueOrThrow({ where: { id: record.id } })).state).toBe("dismissed");
  });
});
