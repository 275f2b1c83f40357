// Block Kit for the window leaders' meeting (例会制度, RULES.md §8): the invitation DM with "I'll attend"
// and "Ask for leave" (updated in place with the answer), the schedule modal, the leave modal naming a
// delegate from an options list of the leader's window, the attendance modal (one checkbox per leader
// or delegate, checkboxes of 10 — Slack's limit per element — and the minutes file), the attendance
// posted to the channel (who came; the deductions never), inspection's review of the proposals (one
// Confirm / Dismiss pair each), and the meetings section of the App Home and of /meeting.
import type { types } from "@slack/bolt";
import { catalogItem } from "../../domain/catalog.ts";
import { formatHundredths } from "../../domain/points.ts";
import type {
  HomeMeetings,
  InviteView,
  MeetingPerson,
  MeetingRow,
  MeetingView,
  ProposalRow,
} from "../../services/meetings.ts";
import { type Lang, t } from "../i18n/index.ts";
import type { Rendered } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { chunked, clipText, fitBlocks, itemsWithin, MESSAGE_MAX_BLOCKS, VIEW_MAX_BLOCKS } from "./fit.ts";
import { context, divider, type KnownBlock, type ModalView, mention, plain, section } from "./requests.ts";

export const MEETING_COMMAND = "/meeting";
export const MEETING_ATTEND = "meeting_attend";
export const MEETING_LEAVE = "meeting_leave";
export const MEETING_SCHEDULE_OPEN = "meeting_schedule_open";
export const MEETING_ATTENDANCE_OPEN = "meeting_attendance_open";
export const MEETING_PROPOSAL_CONFIRM = "meeting_proposal_confirm";
export const MEETING_PROPOSAL_DISMISS = "meeting_proposal_dismiss";
export const MEETING_SCHEDULE_CALLBACK = "meeting_schedule_modal";
export const MEETING_LEAVE_CALLBACK = "meeting_leave_modal";
export const MEETING_ATTENDANCE_CALLBACK = "meeting_attendance_modal";

/** The modals' inputs: block_id and action_id are the same. */
export const MEETING_INPUT = {
  date: "meeting_date",
  time: "meeting_time",
  place: "meeting_place",
  topic: "meeting_topic",
  delegate: "meeting_delegate",
  present: "meeting_present",
  minutes: "meeting_minutes",
} as const;

/** Slack's most options in one checkboxes element (Block Kit reference). */
const CHECKBOX_MAX = 10;
/** Slack's longest option text (plain_text, 75 characters). */
const OPTION_TEXT_MAX = 75;

/** Where the leave modal was opened from: the invitation to update (a channel id and a ts). */
export interface LeaveModalMeta {
  meetingId: number;
}

/** "2026年11月20日（星期五）14:30" / "Friday 20 Nov 2026, 14:30". */
export function meetingWhen(lang: Lang, m: Pick<MeetingRow, "date" | "time">): string {
  return t(lang, "meeting.when", { date: m.date, time: m.time });
}

/** When, where and what, the typed place and topic escaped. */
export function meetingDetails(lang: Lang, m: MeetingRow): string {
  return t(lang, "meeting.details", {
    date: m.date,
    time: m.time,
    place: escapeSlackText(m.place),
    topic: escapeSlackText(m.topic),
  });
}

const button = (
  action_id: string,
  text: string,
  value: string,
  style?: "primary" | "danger",
): types.Button => ({
  type: "button",
  action_id,
  text: plain(text),
  value,
  ...(style ? { style } : {}),
});

/** The leader's answer as the invitation and the App Home show it. */
function answerText(lang: Lang, invite: { response: string; delegateId: string | null }): string {
  if (invite.response === "attend") return t(lang, "meeting.answer.attend");
  if (invite.response === "leave")
    return t(lang, "meeting.answer.leave", { delegate: mention(invite.delegateId ?? "") });
  return t(lang, "meeting.answer.pending");
}

function answerButtons(lang: Lang, meetingId: number): KnownBlock {
  return {
    type: "actions",
    block_id: `meeting_answer_${meetingId}`,
    elements: [
      button(MEETING_ATTEND, t(lang, "meeting.button.attend"), String(meetingId), "primary"),
      button(MEETING_LEAVE, t(lang, "meeting.button.leave"), String(meetingId)),
    ],
  };
}

/**
 * The invitation DM to one window leader (§8: the office notifies the leaders), and the same message
 * updated after each answer: the answer so far and, until the meeting starts (`open`), the buttons.
 */
export function inviteMessage(
  lang: Lang,
  m: MeetingRow,
  invite: { response: string; delegateId: string | null },
  open: boolean,
): Rendered {
  const head = t(lang, "meeting.invite", { organiser: mention(m.scheduledBy) });
  const blocks: KnownBlock[] = [
    section(t(lang, "meeting.title", { id: m.id })),
    section(meetingDetails(lang, m)),
    section(head),
    context(
      open ? answerText(lang, invite) : `${answerText(lang, invite)} ${t(lang, "meeting.answer.closed")}`,
    ),
  ];
  if (open) blocks.push(answerButtons(lang, m.id));
  return {
    text: `${t(lang, "meeting.title", { id: m.id }).replace(/\*/g, "")} ${meetingWhen(lang, m)}`,
    blocks,
  };
}

/** A DM of a few lines (the delegate's notice, the reminder, the organiser's receipt). */
export function meetingNotice(lang: Lang, text: string): Rendered {
  return { text: text.replace(/\*/g, ""), blocks: chunked([text], { lang, maxBlocks: 3 }) };
}

/** The schedule modal: date (from today), time, place, topic. */
export function scheduleModal(lang: Lang, today: string): ModalView {
  const input = (id: string, label: string, element: Record<string, unknown>): KnownBlock =>
    ({
      type: "input",
      block_id: id,
      label: plain(label),
      element: { action_id: id, ...element },
    }) as KnownBlock;
  return {
    type: "modal",
    callback_id: MEETING_SCHEDULE_CALLBACK,
    title: plain(t(lang, "meeting.schedule.title")),
    submit: plain(t(lang, "meeting.schedule.submit")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      context(t(lang, "meeting.schedule.intro")),
      input(MEETING_INPUT.date, t(lang, "meeting.schedule.date"), {
        type: "datepicker",
        initial_date: today,
      }),
      input(MEETING_INPUT.time, t(lang, "meeting.schedule.time"), {
        type: "timepicker",
        initial_time: "15:00",
      }),
      input(MEETING_INPUT.place, t(lang, "meeting.schedule.place"), {
        type: "plain_text_input",
        max_length: 100,
      }),
      input(MEETING_INPUT.topic, t(lang, "meeting.schedule.topic"), {
        type: "plain_text_input",
        multiline: true,
        max_length: 300,
      }),
    ],
  };
}

const option = (text: string, value: string, description?: string) => ({
  text: plain(clipText(text, OPTION_TEXT_MAX)),
  value,
  ...(description ? { description: plain(clipText(description, OPTION_TEXT_MAX)) } : {}),
});

/** The leave modal: who of the leader's window attends for them (an options list, the current one chosen). */
export function leaveModal(
  lang: Lang,
  m: MeetingRow,
  candidates: readonly MeetingPerson[],
  current: string | null,
): ModalView {
  // Slack's static_select takes 100 options; a window is far smaller.
  const options = candidates.slice(0, 100).map((c) => option(c.name, c.id));
  const initial = options.find((o) => o.value === current);
  return {
    type: "modal",
    callback_id: MEETING_LEAVE_CALLBACK,
    private_metadata: JSON.stringify({ meetingId: m.id } satisfies LeaveModalMeta),
    title: plain(t(lang, "meeting.leave.title")),
    submit: plain(t(lang, "meeting.leave.submit")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      section(t(lang, "meeting.leave.intro", { id: m.id, when: meetingWhen(lang, m) })),
      {
        type: "input",
        block_id: MEETING_INPUT.delegate,
        label: plain(t(lang, "meeting.leave.delegate")),
        element: {
          type: "static_select",
          action_id: MEETING_INPUT.delegate,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      } as KnownBlock,
    ],
  };
}

/** The person expected for one invite, as the attendance list shows them. */
function attendeeOption(lang: Lang, i: InviteView) {
  if (i.response === "leave" && i.delegateId)
    return option(
      t(lang, "meeting.attendance.delegate", { name: i.delegateName, leader: i.leaderName }),
      i.delegateId,
      i.windowName,
    );
  return option(
    t(lang, "meeting.attendance.leader", { name: i.leaderName, window: i.windowName }),
    i.leaderId,
  );
}

/**
 * The attendance modal (inspection, once the meeting has started): one checkbox per leader, or per
 * delegate where one was named, in groups of 10, and the minutes as an optional file.
 */
export function attendanceModal(lang: Lang, v: MeetingView): ModalView {
  const groups: KnownBlock[] = [];
  for (let k = 0; k < v.invites.length; k += CHECKBOX_MAX) {
    const part = v.invites.slice(k, k + CHECKBOX_MAX);
    groups.push({
      type: "input",
      block_id: `${MEETING_INPUT.present}_${k / CHECKBOX_MAX}`,
      optional: true,
      label: plain(t(lang, "meeting.attendance.group", { from: k + 1, to: k + part.length })),
      element: {
        type: "checkboxes",
        action_id: MEETING_INPUT.present,
        options: part.map((i) => attendeeOption(lang, i)),
      },
    } as KnownBlock);
  }
  const head: KnownBlock[] = [
    section(t(lang, "meeting.title", { id: v.meeting.id })),
    section(meetingDetails(lang, v.meeting)),
    context(t(lang, "meeting.attendance.intro")),
  ];
  const minutes = {
    type: "input",
    block_id: MEETING_INPUT.minutes,
    optional: true,
    label: plain(t(lang, "meeting.attendance.minutes")),
    element: { type: "file_input", action_id: MEETING_INPUT.minutes, max_files: 1 },
  } as KnownBlock;
  return {
    type: "modal",
    callback_id: MEETING_ATTENDANCE_CALLBACK,
    private_metadata: JSON.stringify({ meetingId: v.meeting.id }),
    title: plain(t(lang, "meeting.attendance.title")),
    submit: plain(t(lang, "meeting.attendance.submit")),
    close: plain(t(lang, "common.cancel")),
    blocks: fitBlocks(lang, [...head, ...groups, minutes], VIEW_MAX_BLOCKS),
  };
}

/** One invite's attendance line (names escaped). */
function attendanceLine(lang: Lang, i: InviteView): string {
  const p = {
    leader: escapeSlackText(i.leaderName),
    window: escapeSlackText(i.windowName),
    delegate: escapeSlackText(i.delegateName ?? ""),
  };
  if (i.leaderPresent) return t(lang, "meeting.line.present", p);
  if (i.response === "leave" && i.delegateId)
    return t(lang, i.delegatePresent ? "meeting.line.delegate_present" : "meeting.line.delegate_absent", p);
  return t(lang, "meeting.line.absent", p);
}

/**
 * The attendance posted to the center's channel (§8: the office keeps the record; announcements go to
 * the channel): who came, who was on leave and who attended for them. Never the deductions: those
 * are a person's own and go to them privately (§8).
 */
export function attendanceMessage(lang: Lang, v: MeetingView): Rendered {
  const present = v.invites.filter(
    (i) => i.leaderPresent || (i.response === "leave" && i.delegatePresent),
  ).length;
  const title = t(lang, "meeting.channel.title", { id: v.meeting.id });
  const lines = v.invites.map((i) => attendanceLine(lang, i));
  const blocks: KnownBlock[] = [
    section(title),
    section(meetingDetails(lang, v.meeting)),
    context(t(lang, "meeting.channel.summary", { invited: v.invites.length, present })),
    ...chunked(lines, { lang, maxBlocks: MESSAGE_MAX_BLOCKS - 5 }),
  ];
  if (v.minutes.length > 0)
    blocks.push(
      context(
        t(lang, "meeting.channel.minutes", {
          files: v.minutes.map((f) => escapeSlackText(f.name || f.fileId)).join("、"),
        }),
      ),
    );
  return { text: `${title.replace(/\*/g, "")} ${meetingWhen(lang, v.meeting)}`, blocks };
}

export interface ReviewInput {
  meeting: MeetingRow;
  proposals: readonly ProposalRow[];
  /** Person id → name (the proposals' people and their leaders). */
  names: ReadonlyMap<string, string>;
  /** For S-ATT-DELEGATE: the delegate's window leader, charged 1 by scoring (§4). */
  leaderOf: ReadonlyMap<string, string>;
}

function proposalText(lang: Lang, r: ProposalRow, input: ReviewInput): string {
  const item = catalogItem(r.code);
  const name = (id: string) => escapeSlackText(input.names.get(id) ?? id);
  let text = t(lang, "meeting.review.item", {
    person: name(r.personId ?? ""),
    item: item ? item[lang] : r.code,
    code: r.code,
    points: formatHundredths(r.totalHundredths),
  });
  const leader = input.leaderOf.get(r.personId ?? "");
  if (item?.leaderCharge && leader)
    text += t(lang, "meeting.review.leader_charge", {
      leader: name(leader),
      points: formatHundredths(item.leaderCharge),
    });
  if (r.state === "active") text += `\n${t(lang, "meeting.review.confirmed", { by: mention(r.filedBy) })}`;
  if (r.state === "dismissed")
    text += `\n${t(lang, "meeting.review.dismissed", { by: mention(r.revokedBy ?? "") })}`;
  return text;
}

/**
 * To inspection after the attendance: each proposal with Confirm / Dismiss while undecided, and who
 * decided it once decided (the message is redrawn from the records after each click). Undecided
 * proposals come first, so those past the message's 50 blocks come up as the shown ones are decided.
 */
export function proposalReviewMessage(lang: Lang, input: ReviewInput): Rendered {
  const when = meetingWhen(lang, input.meeting);
  if (input.proposals.length === 0) {
    const text = t(lang, "meeting.review.none", { id: input.meeting.id, when });
    return { text, blocks: [section(text)] };
  }
  const title = t(lang, "meeting.review.title", { id: input.meeting.id, when });
  const ordered = [
    ...input.proposals.filter((p) => p.state === "proposed"),
    ...input.proposals.filter((p) => p.state !== "proposed"),
  ];
  const items = itemsWithin(
    lang,
    ordered,
    (r) =>
      r.state === "proposed"
        ? [
            section(proposalText(lang, r, input)),
            {
              type: "actions",
              block_id: `meeting_proposal_${r.id}`,
              elements: [
                button(MEETING_PROPOSAL_CONFIRM, t(lang, "meeting.review.confirm"), String(r.id), "primary"),
                button(MEETING_PROPOSAL_DISMISS, t(lang, "meeting.review.dismiss"), String(r.id)),
              ],
            },
          ]
        : [context(proposalText(lang, r, input))],
    MESSAGE_MAX_BLOCKS - 1,
  );
  return { text: title.replace(/\*/g, ""), blocks: [section(title), ...items] };
}

/**
 * The meetings section of the App Home and of /meeting: "Schedule a meeting" for inspection and the
 * director; each coming meeting with the viewer's answer and buttons when they are invited; the
 * meetings that have started without attendance, with "Take attendance", for inspection.
 */
export function meetingBlocks(lang: Lang, data: HomeMeetings): KnownBlock[] {
  const blocks: KnownBlock[] = [divider, section(t(lang, "meeting.home.title"))];
  if (data.canSchedule)
    blocks.push({
      type: "actions",
      block_id: "meeting_schedule",
      elements: [button(MEETING_SCHEDULE_OPEN, t(lang, "meeting.home.schedule"), "schedule")],
    });
  for (const m of data.toTakeAttendance)
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: t(lang, "meeting.home.due", {
          id: m.id,
          when: meetingWhen(lang, m),
          place: escapeSlackText(m.place),
        }),
      },
      accessory: button(MEETING_ATTENDANCE_OPEN, t(lang, "meeting.home.take"), String(m.id), "primary"),
    });
  for (const { meeting, invite } of data.upcoming) {
    blocks.push(
      section(
        clipText(
          t(lang, "meeting.home.item", {
            id: meeting.id,
            when: meetingWhen(lang, meeting),
            place: escapeSlackText(meeting.place),
            topic: escapeSlackText(meeting.topic),
          }),
          2900,
        ),
      ),
    );
    if (invite) blocks.push(context(answerText(lang, invite)), answerButtons(lang, meeting.id));
  }
  if (data.upcoming.length === 0 && data.toTakeAttendance.length === 0)
    blocks.push(context(t(lang, "meeting.home.none")));
  return blocks;
}

/** /meeting's private answer: the same section as the App Home. */
export function meetingsMessage(lang: Lang, data: HomeMeetings): Rendered {
  const blocks = meetingBlocks(lang, data).slice(1);
  const text =
    data.upcoming.length === 0 && data.toTakeAttendance.length === 0
      ? t(lang, "meeting.command.none")
      : t(lang, "meeting.home.title").replace(/\*/g, "");
  return { text, blocks };
}
