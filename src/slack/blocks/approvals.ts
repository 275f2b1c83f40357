// Block Kit for approvers: the step message with the request, the rule that put them in the chain and
// the decision buttons; the same message once decided (updated in place); the decision modals (§3).
import type { RequestRow, StepRow } from "../../services/approvals.ts";
import { type Lang, t } from "../i18n/index.ts";
import { escapeSlackText } from "./escape.ts";
import { chunked } from "./fit.ts";
import {
  context,
  divider,
  type KnownBlock,
  kindName,
  type ModalView,
  mention,
  type PersonRef,
  personText,
  plain,
  requestPeriod,
  requestSummary,
  ruleText,
  section,
  stepLine,
  stepName,
  when,
} from "./requests.ts";

export const STEP_APPROVE = "step_approve";
export const STEP_REJECT = "step_reject";
export const STEP_COVER = "step_cover";
export const STEP_OUTSIDE = "step_outside";
export const REJECT_CALLBACK = "step_reject_modal";
export const COVER_CALLBACK = "step_cover_modal";
export const OUTSIDE_CALLBACK = "step_outside_modal";

export interface StepView {
  request: RequestRow;
  steps: readonly StepRow[];
  step: StepRow;
  requester: PersonRef;
}

/** The decision buttons for a pending step (values carry the step id; every click is checked in the DB). */
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
    elements.push({
      type: "button",
      action_id: STEP_APPROVE,
      style: "primary",
      text: plain(t(lang, "req.step.approve")),
      value,
    });
    if (step.approver === "window_leader" && step.action === "opinion") {
      elements.push({
        type: "button",
        action_id: STEP_COVER,
        text: plain(t(lang, "req.step.approve_cover")),
        value,
      });
    }
    elements.push({
      type: "button",
      action_id: STEP_REJECT,
      style: "danger",
      text: plain(t(lang, "req.step.reject")),
      value,
    });
  }
  return { type: "actions", block_id: `step_${step.id}`, elements } as unknown as KnownBlock;
}

/** What became of a step, for the message once it is no longer pending. */
export function outcomeLine(lang: Lang, step: StepRow, request: RequestRow): string {
  const who = step.decidedBy ? mention(step.decidedBy) : "";
  const at = when(step.decidedAt);
  // An outside step's decision is the outside approver's on paper, recorded by inspection (§1).
  if (step.outside && (step.state === "approved" || step.state === "rejected"))
    return t(lang, `req.step.done_outside_${step.state}`, {
      who,
      at,
      note: step.note ? escapeSlackText(step.note) : "",
    });
  switch (step.state) {
    case "approved":
      return t(lang, "req.step.done_approved", { who, at });
    case "rejected":
      return t(lang, "req.step.done_rejected", {
        who,
        at,
        note: step.note ? escapeSlackText(step.note) : "",
      });
    case "filed":
      return t(lang, "req.step.done_filed", { at });
    default:
      return t(lang, "req.step.done_cancelled", { state: t(lang, `req.state.${request.state}`) });
  }
}

export function stepTitle(lang: Lang, v: StepView): string {
  return t(lang, "req.step.title", {
    requester: personText(lang, v.requester),
    kind: v.request.kind,
    id: v.request.id,
    what: v.step.outside
      ? t(lang, "req.step.what_outside", { approver: t(lang, `req.approver.${v.step.approver}`) })
      : stepName(lang, v.step),
  });
}

export function stepMessageBlocks(lang: Lang, v: StepView): KnownBlock[] {
  const { request, steps, step } = v;
  const blocks: KnownBlock[] = [section(`*${stepTitle(lang, v)}*`), section(requestSummary(lang, request))];
  const why = [
    t(lang, "req.step.why", {
      rule: ruleText(lang, request.rule),
      total: steps.length,
      seq: step.seq,
      step: stepName(lang, step),
    }),
  ];
  if (step.outside)
    why.push(t(lang, "req.step.why_outside", { approver: t(lang, `req.approver.${step.approver}`) }));
  else if (step.approver === "inspection") why.push(t(lang, "req.step.why_inspection"));
  for (const f of JSON.parse(request.flags) as string[]) why.push(`• ${t(lang, `req.flag.${f}`)}`);
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
  if (step.state === "pending" && request.state === "pending") blocks.push(decisionButtons(lang, step));
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

export function coverModal(lang: Lang, v: StepView, meta: DecisionModalMeta): ModalView {
  return {
    type: "modal",
    callback_id: COVER_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, "req.modal.cover_title")),
    submit: plain(t(lang, "req.step.approve")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      modalAbout(lang, v),
      {
        type: "input",
        block_id: "cover",
        label: plain(t(lang, "req.modal.cover_person")),
        element: {
          type: "users_select",
          action_id: "cover",
          ...(v.request.coverId ? { initial_user: v.request.coverId } : {}),
        },
      },
      {
        type: "input",
        block_id: "note",
        optional: true,
        label: plain(t(lang, "req.modal.note")),
        element: { type: "plain_text_input", action_id: "note", multiline: true, max_length: 500 },
      },
    ],
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
