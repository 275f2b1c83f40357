// What Slack shows after each change of a window leaders' meeting (例会制度, RULES.md §8), queued in the
// outbox inside the change's transaction (the services' notify port, src/services/notify.ts), so the
// messages commit with the change or not at all:
//   - scheduled: every invited leader's invitation DM (kept under the ref "meeting:<id>:invite:<leader>"
//     so answers update it in place), and a receipt to whoever scheduled it;
//   - answered: the invitation updated; a newly named delegate told, a delegate no longer needed told;
//   - the day before: the reminder to each leader and named delegate (the scheduler's job);
//   - attendance taken: the attendance to the center's channel (never the deductions), the review of
//     the proposals to every inspection member, and each invitation without its buttons;
//   - a proposal confirmed: the person told privately (a person's own deductions go to them, §8).
// Used by the listeners and by the CLI (the running bot's outbox sender delivers what the CLI queued).

import { catalogItem } from "../domain/catalog.ts";
import { formatHundredths } from "../domain/points.ts";
import { type DbTx, enqueue, wakeOutbox } from "../jobs/outbox.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  type AttendanceTaken,
  type DueMeetingReminder,
  type MeetingAnswered,
  type MeetingScheduled,
  meetingProposals,
  meetingsFor,
  meetingView,
  type ProposalDecided,
  type ProposalRow,
  sendDueMeetingReminders,
} from "../services/meetings.ts";
import type { Notify } from "../services/notify.ts";
import { inspectionMembers } from "../services/org.ts";
import { centerRow, personNames } from "../services/orgLookups.ts";
import { escapeSlackText } from "./blocks/escape.ts";
import {
  attendanceMessage,
  inviteMessage,
  meetingBlocks,
  meetingDetails,
  meetingNotice,
  meetingWhen,
  proposalReviewMessage,
  type ReviewInput,
} from "./blocks/meetings.ts";
import { type KnownBlock, mention } from "./blocks/requests.ts";
import { type Lang, t } from "./i18n/index.ts";
import { langIn } from "./requestFlow.ts";

const inviteRef = (meetingId: number, leaderId: string) => `meeting:${meetingId}:invite:${leaderId}`;

/** The channel's language: the center's default, Chinese (announcements, as the digest). */
const CHANNEL_LANG = "zh";

/** scheduleMeeting's notify: the invitations and the organiser's receipt. */
export function scheduledNotices(ctx: ServiceContext): Notify<MeetingScheduled> {
  return async (tx, o) => {
    const m = o.meeting;
    for (const i of o.invites) {
      const lang = await langIn(tx, i.leaderId);
      const ref = inviteRef(m.id, i.leaderId);
      await enqueue(tx, { key: `${ref}:post`, channel: i.leaderId, ref, ...inviteMessage(lang, m, i, true) });
    }
    const lang = await langIn(tx, m.scheduledBy);
    const text = t(lang, "meeting.scheduled", {
      id: m.id,
      when: meetingWhen(lang, m),
      place: escapeSlackText(m.place),
      count: o.invites.length,
    });
    await enqueue(tx, {
      key: `meeting:${m.id}:scheduled`,
      channel: m.scheduledBy,
      ...meetingNotice(lang, text),
    });
    wakeOutbox(ctx.db);
  };
}

/** answerMeeting's notify: the invitation shows the answer; delegates named or released are told. */
export function answerNotices(ctx: ServiceContext): Notify<MeetingAnswered> {
  return async (tx, o) => {
    const { meeting: m, invite } = o;
    const stamp = invite.respondedAt?.getTime() ?? ctx.clock.now().getTime();
    const because = `meeting:${m.id}:answer:${invite.leaderId}:${stamp}`;
    const lang = await langIn(tx, invite.leaderId);
    await enqueue(tx, {
      key: `${because}:invite`,
      channel: invite.leaderId,
      ref: inviteRef(m.id, invite.leaderId),
      update: true,
      ...inviteMessage(lang, m, invite, true),
    });
    const to = invite.delegateId;
    const from = o.before.delegateId;
    if (to && to !== from) {
      const l = await langIn(tx, to);
      const text = t(l, "meeting.delegate.named", {
        leader: mention(invite.leaderId),
        id: m.id,
        details: meetingDetails(l, m),
      });
      await enqueue(tx, { key: `${because}:delegate:${to}`, channel: to, ...meetingNotice(l, text) });
    }
    if (from && from !== to) {
      const l = await langIn(tx, from);
      const text = t(l, "meeting.delegate.released", {
        leader: mention(invite.leaderId),
        id: m.id,
        when: meetingWhen(l, m),
      });
      await enqueue(tx, { key: `${because}:released:${from}`, channel: from, ...meetingNotice(l, text) });
    }
    wakeOutbox(ctx.db);
  };
}

/** The day-before reminder of one meeting: each leader (saying so when they have not answered) and delegate. */
async function queueMeetingReminder(tx: DbTx, r: DueMeetingReminder): Promise<void> {
  const m = r.meeting;
  const delegates = new Map(
    r.invites.flatMap((i) => (i.delegateId ? [[i.delegateId, i.leaderId] as const] : [])),
  );
  for (const to of r.to) {
    const l = await langIn(tx, to);
    const invite = r.invites.find((i) => i.leaderId === to);
    const params = { id: m.id, when: meetingWhen(l, m), place: escapeSlackText(m.place) };
    const text = invite
      ? t(
          l,
          invite.response === "pending" ? "meeting.remind.leader_pending" : "meeting.remind.leader",
          params,
        )
      : t(l, "meeting.remind.delegate", { ...params, leader: mention(delegates.get(to) ?? "") });
    await enqueue(tx, { key: `meeting:${m.id}:remind:${to}`, channel: to, ...meetingNotice(l, text) });
  }
}

/**
 * The scheduler's job: stamps and queues the day-before reminders due now (from the jobs' run hour on
 * the day before, each meeting once). Returns how many meetings were reminded.
 */
export async function queueMeetingReminders(ctx: ServiceContext): Promise<number> {
  const done = await sendDueMeetingReminders(ctx, ctx.settings.operations.jobs.runHour, queueMeetingReminder);
  if (done.length > 0) wakeOutbox(ctx.db);
  return done.length;
}

/** The review message's names: the proposals' people and, for S-ATT-DELEGATE, their window leaders. */
async function reviewInput(
  tx: DbTx,
  meeting: ReviewInput["meeting"],
  proposals: ProposalRow[],
): Promise<ReviewInput> {
  const view = await meetingView(tx, meeting.id);
  const leaderOf = new Map<string, string>();
  for (const i of view?.invites ?? []) if (i.delegateId) leaderOf.set(i.delegateId, i.leaderId);
  const names = await personNames(tx, [
    ...proposals.flatMap((p) => (p.personId ? [p.personId] : [])),
    ...leaderOf.values(),
  ]);
  return { meeting, proposals, names, leaderOf };
}

/** takeAttendance's notify: the attendance to the channel; the proposals to inspection for review. */
export function attendanceNotices(ctx: ServiceContext): Notify<AttendanceTaken> {
  return async (tx, o) => {
    const m = o.view.meeting;
    const center = await centerRow(tx);
    if (center)
      await enqueue(tx, {
        key: `meeting:${m.id}:attendance`,
        channel: center.channelId,
        ...attendanceMessage(CHANNEL_LANG, o.view),
      });
    // Each invitation loses its buttons: answers closed when the meeting started.
    for (const i of o.view.invites) {
      const lang = await langIn(tx, i.leaderId);
      const ref = inviteRef(m.id, i.leaderId);
      await enqueue(tx, {
        key: `${ref}:closed`,
        channel: i.leaderId,
        ref,
        update: true,
        ...inviteMessage(lang, m, i, false),
      });
    }
    const input = await reviewInput(tx, m, await meetingProposals(tx, m.id));
    for (const to of await inspectionMembers(tx)) {
      const ref = `meeting:${m.id}:review:${to}`;
      await enqueue(tx, {
        key: `${ref}:post`,
        channel: to,
        ref,
        ...proposalReviewMessage(await langIn(tx, to), input),
      });
    }
    wakeOutbox(ctx.db);
  };
}

/**
 * decideMeetingProposal's notify: every inspection member's review message redrawn (the decision shows
 * on all copies, the buttons of the decided one gone), and the person told privately of a confirmed one.
 */
export function proposalNotices(ctx: ServiceContext): Notify<ProposalDecided> {
  return async (tx, o) => {
    const meeting = await meetingView(tx, o.meetingId);
    if (!meeting) return;
    const input = await reviewInput(tx, meeting.meeting, await meetingProposals(tx, o.meetingId));
    const because = `meeting:${o.meetingId}:decided:${o.record.id}`;
    for (const to of await inspectionMembers(tx)) {
      const ref = `meeting:${o.meetingId}:review:${to}`;
      await enqueue(tx, {
        key: `${because}:review:${to}`,
        channel: to,
        ref,
        update: true,
        ...proposalReviewMessage(await langIn(tx, to), input),
      });
    }
    const person = o.record.personId;
    if (o.confirmed && person) {
      const l = await langIn(tx, person);
      const item = catalogItem(o.record.code);
      const text = t(l, "meeting.person.confirmed", {
        item: item ? item[l] : o.record.code,
        code: o.record.code,
        points: formatHundredths(o.record.totalHundredths),
        note: escapeSlackText(o.record.note),
      });
      await enqueue(tx, { key: `${because}:person`, channel: person, ...meetingNotice(l, text) });
    }
    wakeOutbox(ctx.db);
  };
}

/**
 * The App Home's meetings section, for those it concerns: inspection and the director (schedule, take
 * attendance) and the leaders invited to a coming meeting; undefined for anyone else.
 */
export async function meetingHomeSection(
  ctx: ServiceContext,
  lang: Lang,
  userId: string,
): Promise<KnownBlock[] | undefined> {
  const data = await meetingsFor(ctx, userId);
  const concerned = data.canSchedule || data.isInspection || data.upcoming.some((u) => u.invite);
  return concerned ? meetingBlocks(lang, data) : undefined;
}
