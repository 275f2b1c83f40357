// The window leaders' meeting (例会制度, RULES.md §8): inspection or the director schedules it (date, time,
// place, topic); every active window leader is invited (one MeetingInvite each); a leader answers "I'll
// attend" or asks for leave naming a delegate from their own window, and may change the answer until the
// meeting starts; the leaders (and delegates) are reminded the day before; once it has started,
// inspection takes attendance in one go. Attendance then proposes S-ATT-LEADERMEET (the leader was
// absent and named nobody) and S-ATT-DELEGATE (the named delegate did not come; filed on the delegate,
// scoring charges their leader 1, §4) as `proposed` records, once per source (Record.sourceKey
// "meeting:<id>:<code>:<personId>"), which inspection confirms or dismisses like the attendance import's.
// The minutes are a Slack file kept by id (Attachment, entity "meeting", kind "minutes").
// Every change lands in AuditLog; multi-row changes are one transaction; messages go through `notify`.
import type { Db, Prisma } from "../db/client.ts";
import { catalogItem } from "../domain/catalog.ts";
import { addDays, isIsoDate, monthOf, shanghaiDate, shanghaiInstant } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { cleanText } from "../domain/text.ts";
import { audit } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import { isClosed } from "./monthScores.ts";
import type { Notify } from "./notify.ts";
import { hasCenterRole } from "./org.ts";
import { decideProposedRecord } from "./proposals.ts";

type Tx = Db | Prisma.TransactionClient;
export type MeetingRow = Prisma.MeetingModel;
export type MeetingInviteRow = Prisma.MeetingInviteModel;
export type AttachmentRow = Prisma.AttachmentModel;
export type ProposalRow = Prisma.RecordModel;

/** Longest place and topic kept (they travel in every invitation and reminder). */
export const MEETING_TEXT_LIMITS = { place: 100, topic: 300 } as const;

/** The two items attendance proposes (RULES.md §4). */
export const MEETING_CODES = { absent: "S-ATT-LEADERMEET", delegate: "S-ATT-DELEGATE" } as const;

export type MeetingErrorCode =
  | "MEETING.NOT_ORGANISER"
  | "MEETING.NOT_INSPECTION"
  | "MEETING.BAD_DATE"
  | "MEETING.BAD_TIME"
  | "MEETING.PAST"
  | "MEETING.TEXT_REQUIRED"
  | "MEETING.TEXT_TOO_LONG"
  | "MEETING.NO_LEADERS"
  | "MEETING.NOT_FOUND"
  | "MEETING.NOT_INVITED"
  | "MEETING.STARTED"
  | "MEETING.NOT_STARTED"
  | "MEETING.NOT_SCHEDULED"
  | "MEETING.DELEGATE_REQUIRED"
  | "MEETING.NO_DELEGATE_AVAILABLE"
  | "MEETING.DELEGATE_OTHER_WINDOW"
  | "MEETING.DELEGATE_SELF"
  | "MEETING.UNKNOWN_ATTENDEE"
  | "MEETING.MONTH_CLOSED"
  | "MEETING.PROPOSAL_NOT_FOUND"
  | "MEETING.PROPOSAL_DECIDED"
  | "MEETING.BAD_FILE";

/** The instant the meeting starts (its date and HH:mm in Shanghai). */
export function meetingStart(m: Pick<MeetingRow, "date" | "time">): Date {
  const [hh, mm] = m.time.split(":").map(Number) as [number, number];
  return shanghaiInstant(m.date, hh, mm);
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Inspection organises the meeting (§8: 中心办公室, here inspection); the director chairs it. */
export async function canOrganise(db: Tx, userId: string): Promise<boolean> {
  return (await hasCenterRole(db, userId, "inspection")) || (await hasCenterRole(db, userId, "director"));
}

function cleanField(
  field: keyof typeof MEETING_TEXT_LIMITS,
  value: string,
): Result<string, MeetingErrorCode> {
  const v = cleanText(value, { multiline: field === "topic" }).trim();
  if (!v) return err("MEETING.TEXT_REQUIRED", { field });
  if (v.length > MEETING_TEXT_LIMITS[field])
    return err("MEETING.TEXT_TOO_LONG", { field, max: MEETING_TEXT_LIMITS[field] });
  return ok(v);
}

export interface ScheduleMeetingInput {
  actorId: string;
  date: string;
  time: string;
  place: string;
  topic: string;
}

export interface MeetingScheduled {
  meeting: MeetingRow;
  invites: MeetingInviteRow[];
}

/** The active window leaders, with their windows (active ones), by window id. */
async function activeLeaders(db: Tx): Promise<Array<{ id: string; windowId: string }>> {
  const rows = await db.person.findMany({
    where: { role: "window_leader", active: true, windowId: { not: null }, window: { active: true } },
    select: { id: true, windowId: true },
    orderBy: [{ windowId: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, windowId: r.windowId! }));
}

/**
 * Schedules a meeting and invites every active window leader. Codes: MEETING.NOT_ORGANISER,
 * MEETING.BAD_DATE {date}, MEETING.BAD_TIME {time}, MEETING.PAST {date, time}, MEETING.TEXT_REQUIRED
 * {field}, MEETING.TEXT_TOO_LONG {field, max}, MEETING.NO_LEADERS.
 */
export async function scheduleMeeting(
  ctx: ServiceContext,
  input: ScheduleMeetingInput,
  notify?: Notify<MeetingScheduled>,
): Promise<Result<MeetingScheduled, MeetingErrorCode>> {
  if (!(await canOrganise(ctx.db, input.actorId))) return err("MEETING.NOT_ORGANISER");
  const date = input.date.trim();
  const time = input.time.trim();
  if (!isIsoDate(date)) return err("MEETING.BAD_DATE", { date });
  if (!TIME.test(time)) return err("MEETING.BAD_TIME", { time });
  const now = ctx.clock.now();
  // "Not in the past by the clock": a meeting that has already started could be answered by nobody.
  if (meetingStart({ date, time }) <= now) return err("MEETING.PAST", { date, time });
  const place = cleanField("place", input.place);
  if (!place.ok) return place;
  const topic = cleanField("topic", input.topic);
  if (!topic.ok) return topic;
  return ctx.db.$transaction(async (tx) => {
    const leaders = await activeLeaders(tx);
    if (leaders.length === 0) return err("MEETING.NO_LEADERS");
    const meeting = await tx.meeting.create({
      data: {
        date,
        time,
        place: place.value,
        topic: topic.value,
        scheduledBy: input.actorId,
        scheduledAt: now,
      },
    });
    await tx.meetingInvite.createMany({
      data: leaders.map((l) => ({ meetingId: meeting.id, leaderId: l.id, windowId: l.windowId })),
    });
    const invites = await tx.meetingInvite.findMany({
      where: { meetingId: meeting.id },
      orderBy: [{ windowId: "asc" }, { leaderId: "asc" }],
    });
    await audit(tx, now, input.actorId, "meeting.schedule", "Meeting", meeting.id, null, {
      date,
      time,
      place: place.value,
      topic: topic.value,
      invited: invites.map((i) => i.leaderId),
    });
    const outcome = { meeting, invites };
    await notify?.(tx, outcome);
    return ok(outcome);
  });
}

export interface MeetingPerson {
  id: string;
  name: string;
}

/** One invite with the names the messages show. */
export interface InviteView extends MeetingInviteRow {
  leaderName: string;
  windowName: string;
  delegateName: string | null;
}

export interface MeetingView {
  meeting: MeetingRow;
  invites: InviteView[];
  minutes: AttachmentRow[];
}

/** A meeting with its invites (by window) and its minutes, or null. Reads through `db` (a notify's tx). */
export async function meetingView(db: Tx, meetingId: number): Promise<MeetingView | null> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) return null;
  const invites = await db.meetingInvite.findMany({
    where: { meetingId },
    orderBy: [{ windowId: "asc" }, { leaderId: "asc" }],
  });
  const ids = new Set(invites.flatMap((i) => [i.leaderId, ...(i.delegateId ? [i.delegateId] : [])]));
  const people = await db.person.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, name: true },
  });
  const windows = await db.window.findMany({
    where: { id: { in: [...new Set(invites.map((i) => i.windowId))] } },
    select: { id: true, name: true },
  });
  const name = new Map(people.map((p) => [p.id, p.name]));
  const windowName = new Map(windows.map((w) => [w.id, w.name]));
  const minutes = await db.attachment.findMany({
    where: { entity: "meeting", entityId: meetingId, kind: "minutes" },
    orderBy: { id: "asc" },
  });
  return {
    meeting,
    invites: invites.map((i) => ({
      ...i,
      leaderName: name.get(i.leaderId) ?? i.leaderId,
      windowName: windowName.get(i.windowId) ?? i.windowId,
      delegateName: i.delegateId ? (name.get(i.delegateId) ?? i.delegateId) : null,
    })),
    minutes,
  };
}

/** Meetings, newest date first: those on or after `from` (all when not given), at most `limit`. */
export async function listMeetings(
  db: Tx,
  opts: { from?: string; limit?: number } = {},
): Promise<MeetingRow[]> {
  return db.meeting.findMany({
    where: opts.from ? { date: { gte: opts.from } } : {},
    orderBy: [{ date: "desc" }, { time: "desc" }, { id: "desc" }],
    take: opts.limit ?? 50,
  });
}

/** How many leaders a meeting invited and how many answered each way (the CLI's list). */
export async function inviteCounts(db: Tx, meetingId: number): Promise<Record<string, number>> {
  const rows = await db.meetingInvite.groupBy({ by: ["response"], where: { meetingId }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.response, r._count]));
}

async function scheduledMeeting(
  ctx: ServiceContext,
  meetingId: number,
): Promise<Result<MeetingRow, MeetingErrorCode>> {
  const meeting = await ctx.db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) return err("MEETING.NOT_FOUND", { meetingId });
  if (meeting.state !== "scheduled") return err("MEETING.NOT_SCHEDULED", { state: meeting.state });
  return ok(meeting);
}

/** The people of the leader's window who could attend for them (active, not the leader), by name. */
async function delegateCandidates(db: Tx, invite: MeetingInviteRow): Promise<MeetingPerson[]> {
  return db.person.findMany({
    where: { windowId: invite.windowId, active: true, id: { not: invite.leaderId } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/**
 * May `actorId` answer meeting `meetingId` now (their invite, before the start)? With the people of
 * their window who could attend for them. Codes: MEETING.NOT_FOUND, MEETING.NOT_SCHEDULED {state},
 * MEETING.NOT_INVITED, MEETING.STARTED {date, time}.
 */
export async function checkAnswerer(
  ctx: ServiceContext,
  meetingId: number,
  actorId: string,
): Promise<
  Result<{ meeting: MeetingRow; invite: MeetingInviteRow; candidates: MeetingPerson[] }, MeetingErrorCode>
> {
  const meeting = await scheduledMeeting(ctx, meetingId);
  if (!meeting.ok) return meeting;
  const m = meeting.value;
  const invite = await ctx.db.meetingInvite.findUnique({
    where: { meetingId_leaderId: { meetingId, leaderId: actorId } },
  });
  if (!invite) return err("MEETING.NOT_INVITED");
  // §8: leave is asked "before the meeting"; an answer is changeable until it starts.
  if (ctx.clock.now() >= meetingStart(m)) return err("MEETING.STARTED", { date: m.date, time: m.time });
  return ok({ meeting: m, invite, candidates: await delegateCandidates(ctx.db, invite) });
}

export interface AnswerInput {
  meetingId: number;
  actorId: string;
  answer: "attend" | "leave";
  /** Required with "leave": a person of the leader's own window. */
  delegateId?: string | null;
}

export interface MeetingAnswered {
  meeting: MeetingRow;
  invite: MeetingInviteRow;
  before: { response: string; delegateId: string | null };
}

/**
 * A leader's answer: attend, or leave naming a delegate of their own window. Codes: those of
 * checkAnswerer, MEETING.DELEGATE_REQUIRED, MEETING.NO_DELEGATE_AVAILABLE, MEETING.DELEGATE_SELF,
 * MEETING.DELEGATE_OTHER_WINDOW {delegateId}.
 */
export async function answerMeeting(
  ctx: ServiceContext,
  input: AnswerInput,
  notify?: Notify<MeetingAnswered>,
): Promise<Result<MeetingAnswered, MeetingErrorCode>> {
  const check = await checkAnswerer(ctx, input.meetingId, input.actorId);
  if (!check.ok) return check;
  const { meeting, invite, candidates } = check.value;
  let delegateId: string | null = null;
  if (input.answer === "leave") {
    // §8: a leader who cannot come names a delegate from the same window. A one-person window has
    // nobody to name: the refusal says so (an absence without a delegate is S-ATT-LEADERMEET).
    if (candidates.length === 0) return err("MEETING.NO_DELEGATE_AVAILABLE");
    if (!input.delegateId) return err("MEETING.DELEGATE_REQUIRED");
    if (input.delegateId === input.actorId) return err("MEETING.DELEGATE_SELF");
    if (!candidates.some((c) => c.id === input.delegateId))
      return err("MEETING.DELEGATE_OTHER_WINDOW", { delegateId: input.delegateId });
    delegateId = input.delegateId;
  }
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.meetingInvite.update({
      where: { meetingId_leaderId: { meetingId: meeting.id, leaderId: invite.leaderId } },
      data: { response: input.answer, delegateId, respondedAt: now },
    });
    const before = { response: invite.response, delegateId: invite.delegateId };
    await audit(tx, now, input.actorId, "meeting.answer", "Meeting", meeting.id, before, {
      response: input.answer,
      delegateId,
    });
    const outcome = { meeting, invite: updated, before };
    await notify?.(tx, outcome);
    return ok(outcome);
  });
}

export interface DueMeetingReminder {
  meeting: MeetingRow;
  /** The invited leaders, and the delegates named for it, each once. */
  to: string[];
  invites: MeetingInviteRow[];
}

/**
 * Stamps and hands to `publish` (inside the stamp's transaction) the meetings whose day-before reminder
 * is due: from `fromHour` on the day before (a bot down then catches up until the start), once each
 * (Meeting.remindedAt, a conditional update: two instances never remind twice).
 */
export async function sendDueMeetingReminders(
  ctx: ServiceContext,
  fromHour: number,
  publish: (tx: Prisma.TransactionClient, r: DueMeetingReminder) => Promise<void>,
): Promise<DueMeetingReminder[]> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const candidates = await ctx.db.meeting.findMany({
    where: { state: "scheduled", remindedAt: null, date: { gte: today, lte: addDays(today, 1) } },
    orderBy: { id: "asc" },
  });
  const done: DueMeetingReminder[] = [];
  for (const meeting of candidates) {
    if (now < shanghaiInstant(addDays(meeting.date, -1), fromHour) || now >= meetingStart(meeting)) continue;
    const r = await ctx.db.$transaction(async (tx) => {
      const c = await tx.meeting.updateMany({
        where: { id: meeting.id, remindedAt: null, state: "scheduled" },
        data: { remindedAt: now },
      });
      if (c.count !== 1) return null;
      const invites = await tx.meetingInvite.findMany({
        where: { meetingId: meeting.id },
        orderBy: [{ windowId: "asc" }, { leaderId: "asc" }],
      });
      const to = [...new Set(invites.flatMap((i) => [i.leaderId, ...(i.delegateId ? [i.delegateId] : [])]))];
      const due = { meeting: { ...meeting, remindedAt: now }, to, invites };
      await publish(tx, due);
      return due;
    });
    if (r) done.push(r);
  }
  return done;
}

/**
 * May `actorId` take the attendance of meeting `meetingId` now (inspection, once it has started)?
 * Codes: MEETING.NOT_INSPECTION, MEETING.NOT_FOUND, MEETING.NOT_SCHEDULED {state}, MEETING.NOT_STARTED
 * {date, time}, MEETING.MONTH_CLOSED {month}.
 */
export async function checkAttendanceTaker(
  ctx: ServiceContext,
  meetingId: number,
  actorId: string,
): Promise<Result<MeetingView, MeetingErrorCode>> {
  if (!(await hasCenterRole(ctx.db, actorId, "inspection"))) return err("MEETING.NOT_INSPECTION");
  const meeting = await scheduledMeeting(ctx, meetingId);
  if (!meeting.ok) return meeting;
  const m = meeting.value;
  if (ctx.clock.now() < meetingStart(m)) return err("MEETING.NOT_STARTED", { date: m.date, time: m.time });
  // The proposals are records of the meeting's month: a closed month takes none (reopen it first).
  if (await isClosed(ctx.db, monthOf(m.date))) return err("MEETING.MONTH_CLOSED", { month: monthOf(m.date) });
  return ok((await meetingView(ctx.db, meetingId))!);
}

/** Who is expected at the meeting for one invite: the named delegate for leave, else the leader. */
export function expectedAttendee(i: Pick<MeetingInviteRow, "response" | "leaderId" | "delegateId">): string {
  return i.response === "leave" && i.delegateId ? i.delegateId : i.leaderId;
}

export interface MinutesFile {
  fileId: string;
  name?: string;
  mimetype?: string;
}

export interface AttendanceInput {
  meetingId: number;
  actorId: string;
  /** The people who came: leaders, or the delegates attending for them. */
  present: readonly string[];
  minutes?: MinutesFile | null;
}

export interface AttendanceTaken {
  view: MeetingView;
  /** The records proposed now (a second proposal from the same source adds none). */
  proposals: ProposalRow[];
}

const FILE_ID = /^F[A-Z0-9]{2,30}$/;

function minutesData(meetingId: number, actorId: string, f: MinutesFile, now: Date) {
  return {
    entity: "meeting",
    entityId: meetingId,
    kind: "minutes",
    fileId: f.fileId,
    name: cleanText(f.name ?? "", { multiline: false })
      .trim()
      .slice(0, 200),
    mimetype: (f.mimetype ?? "").slice(0, 100),
    addedBy: actorId,
    addedAt: now,
  };
}

/**
 * Inspection takes the attendance (one list of who came) once the meeting has started: each invite's
 * leaderPresent / delegatePresent, the meeting "held", and the proposals (RULES.md §8): a leader who
 * did not come and named no delegate → S-ATT-LEADERMEET on the leader; a named delegate who did not
 * come → S-ATT-DELEGATE on the delegate (the leader's 1 is scoring's, §4). A leader who asked for
 * leave but came after all is present and owes nothing. Codes: those of checkAttendanceTaker,
 * MEETING.UNKNOWN_ATTENDEE {personId}, MEETING.BAD_FILE.
 */
export async function takeAttendance(
  ctx: ServiceContext,
  input: AttendanceInput,
  notify?: Notify<AttendanceTaken>,
): Promise<Result<AttendanceTaken, MeetingErrorCode>> {
  const check = await checkAttendanceTaker(ctx, input.meetingId, input.actorId);
  if (!check.ok) return check;
  const { meeting, invites } = check.value;
  const present = new Set(input.present);
  const known = new Set(invites.flatMap((i) => [i.leaderId, ...(i.delegateId ? [i.delegateId] : [])]));
  for (const id of present) if (!known.has(id)) return err("MEETING.UNKNOWN_ATTENDEE", { personId: id });
  if (input.minutes && !FILE_ID.test(input.minutes.fileId)) return err("MEETING.BAD_FILE");
  const now = ctx.clock.now();
  const month = monthOf(meeting.date);
  const note = `窗口负责人例会 #${meeting.id}（${meeting.date} ${meeting.time}）`;
  return ctx.db.$transaction(async (tx) => {
    // Taken once: the state moves from scheduled to held in the same statement that checks it.
    const moved = await tx.meeting.updateMany({
      where: { id: meeting.id, state: "scheduled" },
      data: { state: "held", attendanceBy: input.actorId, attendanceAt: now },
    });
    if (moved.count !== 1) return err("MEETING.NOT_SCHEDULED", { state: "held" });
    const wanted: Array<{ code: string; personId: string }> = [];
    const lines: Array<{ leaderId: string; leaderPresent: boolean; delegatePresent: boolean | null }> = [];
    for (const i of invites) {
      const leaderPresent = present.has(i.leaderId);
      const delegatePresent = i.delegateId ? present.has(i.delegateId) : null;
      await tx.meetingInvite.update({
        where: { meetingId_leaderId: { meetingId: meeting.id, leaderId: i.leaderId } },
        data: { leaderPresent, delegatePresent },
      });
      lines.push({ leaderId: i.leaderId, leaderPresent, delegatePresent });
      if (leaderPresent) continue;
      if (i.response === "leave" && i.delegateId) {
        if (!delegatePresent) wanted.push({ code: MEETING_CODES.delegate, personId: i.delegateId });
      } else wanted.push({ code: MEETING_CODES.absent, personId: i.leaderId });
    }
    const proposals: ProposalRow[] = [];
    for (const w of wanted) {
      const sourceKey = `meeting:${meeting.id}:${w.code}:${w.personId}`;
      if (await tx.record.findUnique({ where: { sourceKey }, select: { id: true } })) continue;
      const points = catalogItem(w.code)!.min;
      proposals.push(
        await tx.record.create({
          data: {
            month,
            date: meeting.date,
            code: w.code,
            personId: w.personId,
            count: 1,
            pointsHundredths: points,
            totalHundredths: points,
            note,
            filedBy: input.actorId,
            filedAt: now,
            source: "meeting",
            state: "proposed",
            sourceKey,
          },
        }),
      );
    }
    if (input.minutes)
      await tx.attachment.create({ data: minutesData(meeting.id, input.actorId, input.minutes, now) });
    await audit(tx, now, input.actorId, "meeting.attendance", "Meeting", meeting.id, null, {
      lines,
      proposed: proposals.map((p) => ({ id: p.id, code: p.code, personId: p.personId })),
      ...(input.minutes ? { minutes: input.minutes.fileId } : {}),
    });
    const outcome = { view: (await meetingView(tx, meeting.id))!, proposals };
    await notify?.(tx, outcome);
    return ok(outcome);
  });
}

/** The records a meeting's attendance proposed, in any state, oldest first. */
export async function meetingProposals(db: Tx, meetingId: number): Promise<ProposalRow[]> {
  return db.record.findMany({
    where: { sourceKey: { startsWith: `meeting:${meetingId}:` } },
    orderBy: { id: "asc" },
  });
}

/** The meeting a proposal came from (its sourceKey), or null for any other record. */
export function proposalMeetingId(r: Pick<ProposalRow, "sourceKey">): number | null {
  const m = /^meeting:(\d+):/.exec(r.sourceKey ?? "");
  return m ? Number(m[1]) : null;
}

export interface ProposalDecided {
  record: ProposalRow;
  meetingId: number;
  confirmed: boolean;
}

/**
 * Inspection confirms (the record starts to count) or dismisses one of a meeting's proposals, as any
 * proposed record (services/proposals.ts decideProposedRecord, which writes and audits it). A second
 * click is refused here with what happened, so the clicker is told. Codes: MEETING.NOT_INSPECTION,
 * MEETING.PROPOSAL_NOT_FOUND, MEETING.PROPOSAL_DECIDED {state}, and decideProposedRecord's
 * (RECORDS.MONTH_CLOSED {month}, PROPOSAL.DECIDED {state}).
 */
export async function decideMeetingProposal(
  ctx: ServiceContext,
  input: { recordId: number; actorId: string; confirm: boolean },
  notify?: Notify<ProposalDecided>,
): Promise<Result<ProposalDecided>> {
  if (!(await hasCenterRole(ctx.db, input.actorId, "inspection"))) return err("MEETING.NOT_INSPECTION");
  const record = await ctx.db.record.findUnique({ where: { id: input.recordId } });
  const meetingId = record ? proposalMeetingId(record) : null;
  if (!record || meetingId === null) return err("MEETING.PROPOSAL_NOT_FOUND");
  const r = await decideProposedRecord(
    ctx,
    { recordId: record.id, actor: input.actorId, confirm: input.confirm },
    notify && ((tx, d) => notify(tx, { record: d.record, meetingId, confirmed: d.confirmed })),
  );
  if (!r.ok) return r;
  if (!r.value.changed) return err("MEETING.PROPOSAL_DECIDED", { state: r.value.record.state });
  return ok({ record: r.value.record, meetingId, confirmed: r.value.confirmed });
}

/**
 * Attaches the minutes (a Slack file, kept by id) to a meeting: inspection or the director, any time
 * after it was scheduled. Codes: MEETING.NOT_ORGANISER, MEETING.NOT_FOUND, MEETING.BAD_FILE.
 */
export async function attachMinutes(
  ctx: ServiceContext,
  input: { meetingId: number; actorId: string; file: MinutesFile },
): Promise<Result<AttachmentRow, MeetingErrorCode>> {
  if (!(await canOrganise(ctx.db, input.actorId))) return err("MEETING.NOT_ORGANISER");
  if (!FILE_ID.test(input.file.fileId)) return err("MEETING.BAD_FILE");
  const meeting = await ctx.db.meeting.findUnique({ where: { id: input.meetingId } });
  if (!meeting) return err("MEETING.NOT_FOUND", { meetingId: input.meetingId });
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const row = await tx.attachment.create({ data: minutesData(meeting.id, input.actorId, input.file, now) });
    await audit(tx, now, input.actorId, "meeting.minutes", "Meeting", meeting.id, null, {
      fileId: row.fileId,
      name: row.name,
    });
    return ok(row);
  });
}

export interface HomeMeetings {
  /** Scheduled meetings not yet started, soonest first, with the viewer's own invite if any. */
  upcoming: Array<{ meeting: MeetingRow; invite: MeetingInviteRow | null }>;
  /** Meetings that have started with no attendance yet (for inspection). */
  toTakeAttendance: MeetingRow[];
  canSchedule: boolean;
  isInspection: boolean;
}

/** What the App Home and /meeting show `userId`: upcoming meetings (their answer), attendance to take. */
export async function meetingsFor(ctx: ServiceContext, userId: string, limit = 5): Promise<HomeMeetings> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const scheduled = await ctx.db.meeting.findMany({
    where: { state: "scheduled", date: { gte: addDays(today, -31) } },
    orderBy: [{ date: "asc" }, { time: "asc" }, { id: "asc" }],
  });
  const upcomingRows = scheduled.filter((m) => meetingStart(m) > now).slice(0, limit);
  const invites = await ctx.db.meetingInvite.findMany({
    where: { leaderId: userId, meetingId: { in: upcomingRows.map((m) => m.id) } },
  });
  const byMeeting = new Map(invites.map((i) => [i.meetingId, i]));
  const isInspection = await hasCenterRole(ctx.db, userId, "inspection");
  return {
    upcoming: upcomingRows.map((meeting) => ({ meeting, invite: byMeeting.get(meeting.id) ?? null })),
    toTakeAttendance: isInspection ? scheduled.filter((m) => meetingStart(m) <= now).slice(0, limit) : [],
    canSchedule: isInspection || (await hasCenterRole(ctx.db, userId, "director")),
    isInspection,
  };
}
