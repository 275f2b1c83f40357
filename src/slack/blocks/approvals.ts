// Block Kit for approvers: the step message with the request, the rule that put them in the chain and
// the decision buttons; the same message once decided (updated in place); the decision modals (§3).
import type { AbStepNote } from "../../services/abCover.ts";
import type { RequestRow, StepRow } from "../../services/approvals.ts";
import type { AttachmentRow } from "../../services/attachments.ts";
import type { RequestFacts } from "../../services/requestFacts.ts";
import { type Lang, t } from "../i18n/index.ts";
import { abStepBlocks } from "./ab.ts";
import type { Rendered } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { chunked, MESSAGE_MAX_BLOCKS } from "./fit.ts";
import {
  context,
  costLines,
  daysText,
  divider,
  flagNotes,
  type KnownBlock,
  kindName,
  type ModalView,
  mention,
  type PersonRef,
  personText,
  plain,
  requestPeriod,
  ruleSentence,
  section,
  stepLine,
  stepName,
  typedLines,
  when,
} from "./requests.ts";
import { sickDecisionBlocks, sickStepLines } from "./sick.ts";

export const STEP_APPROVE = "step_approve";
export const STEP_APPROVE_NOTE = "step_approve_note";
export const STEP_REJECT = "step_reject";
/** "Approve and name cover" on messages sent before 同意并填写意见 took its place: opens approveModal. */
export const STEP_COVER = "step_cover";
export const STEP_OUTSIDE = "step_outside";
export const APPROVE_CALLBACK = "step_approve_modal";
export const REJECT_CALLBACK = "step_reject_modal";
/** The cover modal of messages sent before approveModal took its place (its submissions still count). */
export const COVER_CALLBACK = "step_cover_modal";
export const OUTSIDE_CALLBACK = "step_outside_modal";

export interface StepView {
  request: RequestRow;
  steps: readonly StepRow[];
  step: StepRow;
  requester: PersonRef;
  /** Year to date, the annual balance and what a 事假 costs (src/services/requestFacts.ts). */
  facts: RequestFacts;
  /** AB岗 at the window leader's step (src/services/abCover.ts): A and B both away, or a one-person window. */
  ab?: AbStepNote | null;
  /** A sick leave's attached certificates (src/services/attachments.ts, RULES.md §3 二). */
  attachments?: readonly AttachmentRow[];
}

/** The window leader's opinion: the step where the cover can be named with the decision (§3 五). */
const namesCover = (s: StepRow) => s.approver === "window_leader" && s.action === "opinion";

/**
 * The decision buttons for a pending step (values carry the step id; every click is checked in the DB).
 * Approve decides in one click; 同意并填写意见 opens a modal for the optional note (审批意见) and, at
 * the window leader's opinion, the cover; Reject asks for the reason.
 */
export function decisionButtons(lang: Lang, step: StepRow): KnownBlock {
  const value = String(step.id);
  const elements: Record<string, unknown>[] = [];
  if (step.outside) {
    elements.push({
      type: "button",
      action_id: STEP_OUTSIDE,
      style: "primary",
      text: plain(t(lang, "req.step.record_outside")),
      value,
    });
  } else {
    elements.push(
      {
        type: "button",
        action_id: STEP_APPROVE,
        style: "primary",
        text: plain(t(lang, "req.step.approve")),
        value,
      },
      {
        type: "button",
        action_id: STEP_APPROVE_NOTE,
        text: plain(t(lang, namesCover(step) ? "req.step.approve_note_cover" : "req.step.approve_note")),
        value,
      },
      {
        type: "button",
        action_id: STEP_REJECT,
        style: "danger",
        text: plain(t(lang, "req.step.reject")),
        value,
      },
    );
  }
  return { type: "actions", block_id: `step_${step.id}`, elements } as unknown as KnownBlock;
}

/** What becomes of a step, for the message once it is no longer pending. */
export function outcomeLine(lang: Lang, step: StepRow, request: RequestRow): string {
  const who = step.decidedBy ? mention(step.decidedBy) : "";
  const at = when(step.decidedAt);
  const note = step.note ? escapeSlackText(step.note) : "";
  // An outside step's decision is the outside approver's on paper, recorded by inspection (§1).
  if (step.outside && (step.state === "approved" || step.state === "rejected"))
    return t(lang, `req.step.done_outside_${step.state}`, { who, at, note });
  switch (step.state) {
    case "approved": {
      const line = t(lang, "req.step.done_approved", { who, at, note });
      // This decision ended the chain: the approver sees the outcome here and is told nothing more.
      return request.state === "approved" ? `${line}\n${t(lang, "req.step.done_request_approved")}` : line;
    }
    case "rejected":
      return t(lang, "req.step.done_rejected", { who, at, note });
    case "filed":
      return t(lang, "req.step.done_filed", { at });
    default:
      return t(lang, "req.step.done_cancelled", { state: t(lang, `req.state.${request.state}`) });
  }
}

/** What Approve does: "同意后转分管副主任 @金晓玲 审批", "同意即生效" (§3: the chain's next decision). */
export function nextText(lang: Lang, steps: readonly StepRow[], step: StepRow): string {
  const later = steps.filter((s) => s.seq > step.seq && s.state !== "cancelled");
  const next = later.find((s) => s.action !== "file");
  if (!next) return t(lang, later.length > 0 ? "req.step.next_final_filed" : "req.step.next_final");
  const approver = t(lang, `req.approver.${next.approver}`);
  if (next.outside) return t(lang, "req.step.next_outside", { approver });
  return t(lang, "req.step.next", {
    approver,
    who: next.assigneeId ? mention(next.assigneeId) : "",
    action: t(lang, `req.action.${next.action}`),
  });
}

/** The notification text: "@郑海波（公安窗口） 的事假申请 #2：请窗口负责人签署意见". */
export function stepTitle(lang: Lang, v: Pick<StepView, "request" | "step" | "requester">): string {
  return t(lang, "req.step.title", {
    requester: personText(lang, v.requester),
    kind: v.request.kind,
    id: v.request.id,
    what: stepWhat(lang, v.step),
  });
}

const stepWhat = (lang: Lang, step: StepRow) =>
  step.outside
    ? t(lang, "req.step.what_outside", { approver: t(lang, `req.approver.${step.approver}`) })
    : stepName(lang, step);

/** One line: who, kind, dates, days ("@郑海波（公安窗口） · 事假 · 2026-11-04 下午 至 2026-11-06 下午 · 2.5 天"). */
export function requestHead(lang: Lang, requester: PersonRef, r: RequestRow): string {
  return t(lang, "req.step.head", {
    requester: personText(lang, requester),
    kind: r.kind,
    period: requestPeriod(lang, r),
    days: daysText(r.halfDays),
  });
}

/**
 * What the approver weighs, one line each: the trip's details, the reason, the written explanation,
 * the annual-leave offset, the year's days of the kind, the annual balance, what a 事假 costs in the
 * month's score (§4 S-ATT-PERSONAL), and the cover.
 */
export function factLines(lang: Lang, r: RequestRow, facts: RequestFacts): string[] {
  const lines = typedLines(lang, r);
  if (r.kind === "personal" && r.annualOffsetHalfDays > 0) {
    lines.push(
      t(lang, "req.summary.offset", {
        offset: daysText(r.annualOffsetHalfDays),
        personal: daysText(r.halfDays - r.annualOffsetHalfDays),
      }),
    );
  }
  if (["personal", "sick", "annual"].includes(r.kind) || facts.ytdHalfDays > 0)
    lines.push(t(lang, "req.facts.ytd", { kind: r.kind, halfDays: facts.ytdHalfDays }));
  if (r.kind === "annual" && facts.annual) lines.push(t(lang, "req.facts.annual", facts.annual));
  lines.push(...costLines(lang, facts.cost));
  lines.push(
    r.coverId
      ? t(lang, "req.preview.cover", { cover: mention(r.coverId) })
      : t(lang, "req.preview.cover_none"),
  );
  return lines;
}

export function stepMessageBlocks(lang: Lang, v: StepView): KnownBlock[] {
  const { request, steps, step } = v;
  const ask = t(lang, "req.step.ask", {
    id: request.id,
    what: stepWhat(lang, step),
    seq: step.seq,
    total: steps.length,
  });
  const blocks: KnownBlock[] = [
    section(`*${requestHead(lang, v.requester, request)}*\n${ask}`),
    // The reason (300) and the explanation (1,500) are the requester's own text: split, never cut.
    ...chunked(factLines(lang, request, v.facts)),
    // The doctor's period, the period asked, the certificates (links, checked or not): §3 二.
    ...chunked(sickStepLines(lang, v)),
    ...(step.state === "pending" && request.state === "pending" ? abStepBlocks(lang, v.ab) : []),
  ];
  const why = [ruleSentence(lang, request.rule, request.kind)];
  if (step.outside)
    why.push(t(lang, "req.step.why_outside", { approver: t(lang, `req.approver.${step.approver}`) }));
  else if (step.approver === "inspection") why.push(t(lang, "req.step.why_inspection"));
  why.push(...flagNotes(lang, request.rule, JSON.parse(request.flags) as string[]));
  if (request.emergency) why.push(`• ${t(lang, "req.preview.late")} · ${t(lang, "req.preview.emergency")}`);
  if (request.priorConsentBy) {
    why.push(
      `• ${t(lang, "req.preview.consent", { by: mention(request.priorConsentBy), at: when(request.priorConsentAt) })}`,
    );
  }
  blocks.push(context(why.join("\n")));
  const earlier = steps.filter((s) => s.seq < step.seq);
  // Earlier steps may each carry a note of up to 500 characters: split, never cut.
  if (earlier.length > 0)
    blocks.push(...chunked([t(lang, "req.step.earlier"), ...earlier.map((s) => stepLine(lang, s))]));
  blocks.push(divider);
  if (step.state === "pending" && request.state === "pending")
    blocks.push(context(nextText(lang, steps, step)), decisionButtons(lang, step));
  else blocks.push(section(outcomeLine(lang, step, request)));
  return blocks;
}

function modalAbout(lang: Lang, v: StepView): KnownBlock {
  return context(
    t(lang, "req.modal.about", {
      requester: personText(lang, v.requester),
      kind: kindName(v.request.kind, lang),
      id: v.request.id,
      period: requestPeriod(lang, v.request),
    }),
  );
}

export interface DecisionModalMeta {
  stepId: number;
  /** Opened from the App Home: republish it after the decision. */
  home?: boolean;
}

export function rejectModal(lang: Lang, v: StepView, meta: DecisionModalMeta): ModalView {
  return {
    type: "modal",
    callback_id: REJECT_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, "req.modal.reject_title")),
    submit: plain(t(lang, "req.modal.reject_submit")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      modalAbout(lang, v),
      {
        type: "input",
        block_id: "note",
        label: plain(t(lang, "req.modal.reject_reason")),
        element: { type: "plain_text_input", action_id: "note", multiline: true, max_length: 500 },
      },
    ],
  };
}

/**
 * 同意并填写意见: Approve with an optional note (审批意见, shown to the requester and the next
 * approvers), and at the window leader's opinion the cover, which the leader may name or change then
 * (§3 五) — or later, from the notices that ask for it.
 */
export function approveModal(lang: Lang, v: StepView, meta: DecisionModalMeta): ModalView {
  const blocks: KnownBlock[] = [modalAbout(lang, v), context(nextText(lang, v.steps, v.step))];
  if (namesCover(v.step)) {
    blocks.push({
      type: "input",
      block_id: "cover",
      optional: true,
      label: plain(t(lang, "req.modal.cover_person")),
      hint: plain(t(lang, "req.modal.approve_cover_hint")),
      element: {
        type: "users_select",
        action_id: "cover",
        ...(v.request.coverId ? { initial_user: v.request.coverId } : {}),
      },
    } as KnownBlock);
  }
  blocks.push(...sickDecisionBlocks(lang, v));
  blocks.push({
    type: "input",
    block_id: "note",
    optional: true,
    label: plain(t(lang, "req.modal.approve_note")),
    hint: plain(t(lang, "req.modal.approve_note_hint")),
    element: { type: "plain_text_input", action_id: "note", multiline: true, max_length: 500 },
  } as KnownBlock);
  return {
    type: "modal",
    callback_id: APPROVE_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, "req.modal.approve_title")),
    submit: plain(t(lang, "req.step.approve")),
    close: plain(t(lang, "common.cancel")),
    blocks,
  };
}

export function outsideModal(lang: Lang, v: StepView, meta: DecisionModalMeta): ModalView {
  const opts = (["approve", "reject"] as const).map((d) => ({
    value: d,
    text: plain(t(lang, d === "approve" ? "req.step.approve" : "req.step.reject")),
  }));
  return {
    type: "modal",
    callback_id: OUTSIDE_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, "req.modal.outside_title")),
    submit: plain(t(lang, "req.modal.record")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      modalAbout(lang, v),
      section(`*${stepName(lang, v.step)}*`),
      {
        type: "input",
        block_id: "decision",
        label: plain(t(lang, "req.modal.outside_decision")),
        element: { type: "radio_buttons", action_id: "decision", options: opts, initial_option: opts[0] },
      },
      {
        type: "input",
        block_id: "note",
        label: plain(t(lang, "req.modal.outside_note")),
        element: { type: "plain_text_input", action_id: "note", multiline: true, max_length: 500 },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 备案 (§3: filing needs no decision) is quiet: no message per filing, one summary a working day to
// each inspection member, as DingTalk's 抄送 (src/jobs/scheduler.ts, job "filing-summary").

export interface FiledItem {
  request: RequestRow;
  requester: PersonRef;
  /** Who gave the opinion that put the request in force (the window leader), if anyone did. */
  opinionBy: string | null;
}

/** The day's filings for one inspection member: who, what, when, and the opinion it rests on. */
export function filingSummaryMessage(
  lang: Lang,
  d: { from: string; to: string; items: readonly FiledItem[] },
): Rendered {
  const title = t(lang, "req.filed.title", { from: d.from, to: d.to, n: d.items.length });
  const lines = d.items.map((i) =>
    t(lang, "req.filed.line", {
      requester: personText(lang, i.requester),
      kind: i.request.kind,
      period: requestPeriod(lang, i.request),
      days: daysText(i.request.halfDays),
      id: i.request.id,
      by: i.opinionBy ? mention(i.opinionBy) : "",
    }),
  );
  // However many there are, they fit one message: the lines that do not are counted ("还有 N 项").
  const blocks = [section(`*${title}*`), ...chunked(lines, { lang, maxBlocks: MESSAGE_MAX_BLOCKS - 1 })];
  return { text: title, blocks };
}
