// The window leaders' meeting service (例会制度, RULES.md §8) on a real SQLite file: scheduling (who may,
// what is refused), one invite per active window leader, answers until the start, the delegate from the
// leader's own window, the day-before reminder once, attendance after the start only, the proposals
// (S-ATT-LEADERMEET for a leader absent with nobody named, S-ATT-DELEGATE on a delegate who did not come)
// once per source, confirmed or dismissed by inspection, and their effect on the month's scores.
import { execFile } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import {
  answerMeeting,
  attachMinutes,
  decideMeetingProposal,
  meetingProposals,
  meetingsFor,
  scheduleMeeting,
  sendDueMeetingReminders,
  takeAttendance,
} from "../../src/services/meetings.ts";
import { monthResult } from "../../src/services/monthScores.ts";
import { closeContext, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG } from "../helpers/org.ts";

let t: TestDb;
let ctx: TestContext;
const at = (date: string, hh: number, mm = 0) => ctx.clock.set(shanghaiInstant(date, hh, mm));

beforeEach(async () => {
  ({ t, ctx } = await closeContext("2026-07-15T02:00:00.000Z")); // Wednesday 15 July, 10:00
});
afterEach(async () => {
  await t.close();
});

const schedule = (more: Partial<Parameters<typeof scheduleMeeting>[1]> = {}) =>
  scheduleMeeting(ctx, {
    actorId: ORG.inspector1,
    date: "2026-07-20",
    time: "14:30",
    place: "三楼会议室",
    topic: "七月工作部署",
    ...more,
  });

async function scheduled() {
  const r = await schedule();
  if (!r.ok) throw new Error(r.code);
  return r.value.meeting;
}

describe("scheduling", () => {
  it("inspection or the director schedules; every active window leader gets one invite", async () => {
    const r = await schedule({ place: "  三楼\u0007会议室\u200b  ", topic: "部署\r\n工作" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.meeting).toMatchObject({ place: "三楼会议室", topic: "部署\n工作", state: "scheduled" });
    expect(r.value.invites.map((i) => [i.leaderId, i.windowId, i.response])).toEqual([
      [ORG.estateLeader, "estate", "pending"],
      [ORG.hrssLeader, "hrss", "pending"],
      [ORG.taxLeader, "tax", "pending"],
    ]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "meeting.schedule" } });
    expect([audit.actorId, audit.entityId]).toEqual([ORG.inspector1, String(r.value.meeting.id)]);
    expect((await schedule({ actorId: ORG.director })).ok).toBe(true);
  });

  it("refuses staff, the deputy, bad or past times and empty or long text", async () => {
    const codes = async (more: Partial<Parameters<typeof scheduleMeeting>[1]>) => {
      const r = await schedule(more);
      return r.ok ? "ok" : [r.code, r.detail ?? {}];
    };
    expect(await codes({ actorId: ORG.taxStaff1 })).toEqual(["MEETING.NOT_ORGANISER", {}]);
    expect(await codes({ actorId: ORG.taxLeader })).toEqual(["MEETING.NOT_ORGANISER", {}]);
    expect(await codes({ actorId: ORG.deputy })).toEqual(["MEETING.NOT_ORGANISER", {}]);
    expect(await codes({ date: "2026-7-20" })).toEqual(["MEETING.BAD_DATE", { date: "2026-7-20" }]);
    expect(await codes({ time: "24:00" })).toEqual(["MEETING.BAD_TIME", { time: "24:00" }]);
    expect(await codes({ date: "2026-07-14" })).toEqual([
      "MEETING.PAST",
      { date: "2026-07-14", time: "14:30" },
    ]);
    // Today, but the hour has passed (10:00 now): judged by the clock, not the date.
    expect(await codes({ date: "2026-07-15", time: "09:59" })).toEqual([
      "MEETING.PAST",
      { date: "2026-07-15", time: "09:59" },
    ]);
    expect(await codes({ date: "2026-07-15", time: "10:01" })).toBe("ok");
    expect(await codes({ place: " \u200b " })).toEqual(["MEETING.TEXT_REQUIRED", { field: "place" }]);
    expect(await codes({ topic: "议".repeat(301) })).toEqual([
      "MEETING.TEXT_TOO_LONG",
      { field: "topic", max: 300 },
    ]);
    expect(await t.db.meeting.count()).toBe(1);
  });
});

describe("answers, reminders, attendance and proposals", () => {
  it("the whole flow, each proposal once, and the confirmed ones in the month's scores", async () => {
    const m = await scheduled();
    // 陈税 attends; 吴房 asks for leave naming 郑三 (estate); 周社 (hrss, alone) does not answer.
    expect((await answerMeeting(ctx, { meetingId: m.id, actorId: ORG.taxLeader, answer: "attend" })).ok).toBe(
      true,
    );
    const leave = (delegateId: string | null, actorId: string = ORG.estateLeader) =>
      answerMeeting(ctx, { meetingId: m.id, actorId, answer: "leave", delegateId });
    const refused = async (p: ReturnType<typeof leave>) => {
      const r = await p;
      return r.ok ? "ok" : r.code;
    };
    expect(await refused(leave(null))).toBe("MEETING.DELEGATE_REQUIRED");
    expect(await refused(leave(ORG.taxStaff1))).toBe("MEETING.DELEGATE_OTHER_WINDOW");
    expect(await refused(leave(ORG.estateLeader))).toBe("MEETING.DELEGATE_SELF");
    expect(await refused(leave(ORG.taxStaff1, ORG.hrssLeader))).toBe("MEETING.NO_DELEGATE_AVAILABLE");
    expect(await refused(leave(ORG.taxStaff1, ORG.taxStaff1))).toBe("MEETING.NOT_INVITED");
    expect(await refused(leave(ORG.estateStaff1))).toBe("ok");
    const invites = await t.db.meetingInvite.findMany({
      where: { meetingId: m.id },
      orderBy: { windowId: "asc" },
    });
    expect(invites.map((i) => [i.leaderId, i.response, i.delegateId])).toEqual([
      [ORG.estateLeader, "leave", ORG.estateStaff1],
      [ORG.hrssLeader, "pending", null],
      [ORG.taxLeader, "attend", null],
    ]);
    expect((await meetingsFor(ctx, ORG.estateLeader)).upcoming[0]?.invite?.delegateId).toBe(ORG.estateStaff1);

    // Attendance before the start is refused; so is staff taking it.
    at("2026-07-20", 14, 29);
    const early = await takeAttendance(ctx, { meetingId: m.id, actorId: ORG.inspector1, present: [] });
    expect(early.ok ? "ok" : early.code).toBe("MEETING.NOT_STARTED");

    // The day-before reminder: not before the run hour on the 19th, then once.
    const remind = () => sendDueMeetingReminders(ctx, 9, async () => {});
    at("2026-07-19", 8, 59);
    expect(await remind()).toEqual([]);
    at("2026-07-19", 9, 0);
    const due = await remind();
    expect(due.map((d) => d.to.sort())).toEqual([
      [ORG.estateLeader, ORG.estateStaff1, ORG.hrssLeader, ORG.taxLeader].sort(),
    ]);
    expect(await remind()).toEqual([]);

    // After the start, answers are closed.
    at("2026-07-20", 14, 30);
    expect(await refused(leave(ORG.estateStaff1))).toBe("MEETING.STARTED");
    const staff = await takeAttendance(ctx, { meetingId: m.id, actorId: ORG.taxLeader, present: [] });
    expect(staff.ok ? "ok" : staff.code).toBe("MEETING.NOT_INSPECTION");
    const stranger = await takeAttendance(ctx, {
      meetingId: m.id,
      actorId: ORG.inspector1,
      present: [ORG.taxStaff2],
    });
    expect(stranger.ok ? "ok" : stranger.code).toBe("MEETING.UNKNOWN_ATTENDEE");

    // 陈税 came; 郑三 (吴房's delegate) did not; 周社 did not and named nobody.
    at("2026-07-20", 15, 0);
    const taken = await takeAttendance(ctx, {
      meetingId: m.id,
      actorId: ORG.inspector1,
      present: [ORG.taxLeader],
      minutes: { fileId: "F0MINUTES1", name: "纪要.docx", mimetype: "application/msword" },
    });
    expect(taken.ok).toBe(true);
    if (!taken.ok) return;
    expect(
      taken.value.proposals.map((p) => [p.code, p.personId, p.totalHundredths, p.state, p.sourceKey]),
    ).toEqual([
      [
        "S-ATT-DELEGATE",
        ORG.estateStaff1,
        200,
        "proposed",
        `meeting:${m.id}:S-ATT-DELEGATE:${ORG.estateStaff1}`,
      ],
      [
        "S-ATT-LEADERMEET",
        ORG.hrssLeader,
        200,
        "proposed",
        `meeting:${m.id}:S-ATT-LEADERMEET:${ORG.hrssLeader}`,
      ],
    ]);
    expect(taken.value.view.minutes.map((f) => [f.fileId, f.name, f.kind, f.entity])).toEqual([
      ["F0MINUTES1", "纪要.docx", "minutes", "meeting"],
    ]);
    expect(
      (await t.db.meetingInvite.findMany({ where: { meetingId: m.id }, orderBy: { windowId: "asc" } })).map(
        (i) => [i.leaderId, i.leaderPresent, i.delegatePresent],
      ),
    ).toEqual([
      [ORG.estateLeader, false, false],
      [ORG.hrssLeader, false, null],
      [ORG.taxLeader, true, null],
    ]);
    // Taken once.
    const again = await takeAttendance(ctx, { meetingId: m.id, actorId: ORG.inspector2, present: [] });
    expect(again.ok ? "ok" : [again.code, again.detail]).toEqual([
      "MEETING.NOT_SCHEDULED",
      { state: "held" },
    ]);
    expect(await t.db.record.count()).toBe(2);

    // Proposals do not count until confirmed.
    const before = await monthResult(ctx, "2026-07");
    const score = (r: typeof before, id: string) => r.people.find((p) => p.id === id)?.scoreHundredths;
    expect([
      score(before, ORG.hrssLeader),
      score(before, ORG.estateStaff1),
      score(before, ORG.estateLeader),
    ]).toEqual([10000, 10000, 10000]);
    const [delegate, absent] = taken.value.proposals;
    const notInspection = await decideMeetingProposal(ctx, {
      recordId: delegate!.id,
      actorId: ORG.director,
      confirm: true,
    });
    expect(notInspection.ok ? "ok" : notInspection.code).toBe("MEETING.NOT_INSPECTION");
    expect(
      (await decideMeetingProposal(ctx, { recordId: delegate!.id, actorId: ORG.inspector2, confirm: true }))
        .ok,
    ).toBe(true);
    const twice = await decideMeetingProposal(ctx, {
      recordId: delegate!.id,
      actorId: ORG.inspector1,
      confirm: false,
    });
    expect(twice.ok ? "ok" : twice.code).toBe("PROPOSAL.DECIDED");
    expect(
      (await decideMeetingProposal(ctx, { recordId: absent!.id, actorId: ORG.inspector1, confirm: true })).ok,
    ).toBe(true);
    // §4: S-ATT-DELEGATE costs the delegate 2 and their window leader 1; S-ATT-LEADERMEET the leader 2.
    const after = await monthResult(ctx, "2026-07");
    expect([
      score(after, ORG.hrssLeader),
      score(after, ORG.estateStaff1),
      score(after, ORG.estateLeader),
    ]).toEqual([9800, 9800, 9900]);
    expect((await meetingProposals(t.db, m.id)).map((p) => [p.code, p.state, p.filedBy, p.source])).toEqual([
      ["S-ATT-DELEGATE", "active", ORG.inspector2, "meeting"],
      ["S-ATT-LEADERMEET", "active", ORG.inspector1, "meeting"],
    ]);
    const actions = (await t.db.auditLog.findMany({ orderBy: { id: "asc" } }))
      .map((a) => a.action)
      .filter((a) => a.startsWith("meeting."));
    expect(actions).toEqual(["meeting.schedule", "meeting.answer", "meeting.answer", "meeting.attendance"]);
    // Confirmed as any proposed record is (services/proposals.ts).
    expect(await t.db.auditLog.count({ where: { action: "record.confirm" } })).toBe(2);
  });

  it("a leader who asked for leave but came owes nothing; a dismissed proposal never counts", async () => {
    const m = await scheduled();
    await answerMeeting(ctx, {
      meetingId: m.id,
      actorId: ORG.taxLeader,
      answer: "leave",
      delegateId: ORG.taxStaff2,
    });
    // Changed until the start: 林一 instead of 王二.
    const changed = await answerMeeting(ctx, {
      meetingId: m.id,
      actorId: ORG.taxLeader,
      answer: "leave",
      delegateId: ORG.taxStaff1,
    });
    expect(changed.ok && changed.value.before).toEqual({ response: "leave", delegateId: ORG.taxStaff2 });
    at("2026-07-20", 15, 0);
    const taken = await takeAttendance(ctx, {
      meetingId: m.id,
      actorId: ORG.inspector1,
      present: [ORG.taxLeader, ORG.estateLeader],
    });
    if (!taken.ok) throw new Error(taken.code);
    expect(taken.value.proposals.map((p) => [p.code, p.personId])).toEqual([
      ["S-ATT-LEADERMEET", ORG.hrssLeader],
    ]);
    const dismissed = await decideMeetingProposal(ctx, {
      recordId: taken.value.proposals[0]!.id,
      actorId: ORG.inspector1,
      confirm: false,
    });
    expect(dismissed.ok && dismissed.value.record.state).toBe("dismissed");
    const r = await monthResult(ctx, "2026-07");
    expect(r.people.find((p) => p.id === ORG.hrssLeader)?.scoreHundredths).toBe(10000);
  });

  it("minutes attached later by the organiser; the month closed refuses attendance", async () => {
    const m = await scheduled();
    const bad = await attachMinutes(ctx, { meetingId: m.id, actorId: ORG.inspector1, file: { fileId: "x" } });
    expect(bad.ok ? "ok" : bad.code).toBe("MEETING.BAD_FILE");
    const staff = await attachMinutes(ctx, {
      meetingId: m.id,
      actorId: ORG.taxStaff1,
      file: { fileId: "F1AAAAA" },
    });
    expect(staff.ok ? "ok" : staff.code).toBe("MEETING.NOT_ORGANISER");
    expect(
      (await attachMinutes(ctx, { meetingId: m.id, actorId: ORG.director, file: { fileId: "F0AB12" } })).ok,
    ).toBe(true);
    await t.db.period.create({ data: { period: "2026-07", state: "closed" } });
    at("2026-07-20", 15, 0);
    const r = await takeAttendance(ctx, { meetingId: m.id, actorId: ORG.inspector1, present: [] });
    expect(r.ok ? "ok" : [r.code, r.detail]).toEqual(["MEETING.MONTH_CLOSED", { month: "2026-07" }]);
  });
});

describe("the meeting CLI (same service)", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        "npx",
        ["tsx", "src/cli/main.ts", "meeting", ...args],
        { cwd: root, env: { ...process.env, DATABASE_URL: t.url } },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      ),
    );

  it("lists, refuses staff, takes attendance and confirms — what the Slack listeners call", async () => {
    const m = await scheduled();
    await answerMeeting(ctx, { meetingId: m.id, actorId: ORG.taxLeader, answer: "attend" });
    // The CLI runs on the system clock: the July meeting has started by then (a past date, never a wait).
    expect(await cli("list", "--from", "2026-07-01")).toEqual({
      code: 0,
      stdout: `#${m.id} 2026-07-20 14:30 三楼会议室 · 七月工作部署 · scheduled · 参加 1，请假 0，未回复 2\n`,
      stderr: "",
    });
    const staff = await cli(
      "schedule",
      ...["--date", "2099-01-05", "--time", "09:00", "--place", "会议室", "--topic", "x"],
      ...["--actor", ORG.taxStaff1],
    );
    expect([staff.code, staff.stderr]).toEqual([1, "只有督查科或中心主任可以安排窗口负责人例会。\n"]);
    expect((await cli("attendance", "x", "--actor", ORG.inspector1)).code).toBe(2);
    const taken = await cli(
      "attendance",
      String(m.id),
      "--actor",
      ORG.inspector1,
      "--present",
      ORG.taxLeader,
    );
    expect(taken.code).toBe(0);
    const proposals = await meetingProposals(t.db, m.id);
    expect(proposals.map((p) => [p.code, p.personId, p.state])).toEqual(
      [
        ["S-ATT-LEADERMEET", ORG.estateLeader],
        ["S-ATT-LEADERMEET", ORG.hrssLeader],
      ].map((x) => [...x, "proposed"]),
    );
    expect(taken.stdout).toContain(`#${proposals[0]!.id} S-ATT-LEADERMEET ${ORG.estateLeader} −2 (proposed)`);
    // Queued for the running bot's outbox: the channel's attendance and inspection's reviews.
    const queued = await t.db.outboundMessage.findMany({
      where: { key: { startsWith: `meeting:${m.id}:` }, op: "post" },
    });
    expect(queued.map((q) => q.channel).sort()).toEqual([ORG.channel, ORG.inspector1, ORG.inspector2].sort());
    expect(await cli("dismiss", String(proposals[0]!.id), "--actor", ORG.inspector1)).toEqual({
      code: 0,
      stdout: `#${proposals[0]!.id} dismissed\n`,
      stderr: "",
    });
    expect((await cli("minutes", String(m.id), "--file", "F0NOTES1", "--actor", ORG.director)).stdout).toBe(
      "已附上会议记录 F0NOTES1。\n",
    );
  }, 60_000);
});
