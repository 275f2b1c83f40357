// Block Kit for appeals (申诉, RULES.md §8a): the Appeal button on a deduction's private notice, /score
// and App Home; the modal asking the reason; the reviewer's DM (the record, the rule, the filer's note,
// the appeal) with Uphold / Revoke; the modal asking the note; the decided copy; the director's ask to
// reopen a closed month. The data comes from src/services/appeals.ts.
import type { types } from "@slack/bolt";
import { catalogItem } from "../../domain/catalog.ts";
import { formatHundredths } from "../../domain/points.ts";
import type { AppealRow } from "../../services/appeals.ts";
import type { RecordRow } from "../../services/records.ts";
import { clauseText } from "../i18n/clause.ts";
import { type Lang, t } from "../i18n/index.ts";
import type { Rendered } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { chunked } from "./fit.ts";
import { REOPEN_MONTH } from "./reopen.ts";
import { context, type KnownBlock, mention, plain, section } from "./requests.ts";

export const APPEAL_OPEN = "appeal_open";
export const APPEAL_MODAL = { callbackId: "appeal_modal", block: "reason", action: "reason" } as const;
export const APPEAL_UPHOLD = "appeal_uphold";
export const APPEAL_REVOKE = "appeal_revoke";
export const APPEAL_DECIDE_MODAL = {
  callbackId: "appeal_decide_modal",
  block: "note",
  action: "note",
} as const;

/** The longest reason or note the modals take (services/appeals.ts MAX_APPEAL_TEXT). */
const MAX_TEXT = 500;

/** The facts of a record as the appeal's messages name them. */
function facts(lang: Lang, r: RecordRow, filerName?: string) {
  const item = catalogItem(r.code);
  return {
    id: r.id,
    code: r.code,
    name: item ? item[lang] : r.code,
    section: item ? clauseText(lang, item.section) : "",
    date: r.date,
    total: formatHundredths(r.totalHundredths),
    filer: filerName ? escapeSlackText(filerName) : mention(r.filedBy),
    note: r.note ? t(lang, "records.dm.note", { note: escapeSlackText(r.note) }) : "",
  };
}

/** The Appeal button of a record (value: the record id). */
export function appealButton(lang: Lang, recordId: number): types.Button {
  return {
    type: "button",
    action_id: APPEAL_OPEN,
    text: plain(t(lang, "appeals.button")),
    value: String(recordId),
  } as types.Button;
}

/**
 * The notice of a filing with an Appeal button per deduction the recipient may appeal (RULES.md §8a):
 * one actions block each, since Slack wants an action_id unique within its block.
 */
export function appealNoticeBlocks(
  lang: Lang,
  text: string,
  recordIds: readonly number[],
  deadline: string,
): KnownBlock[] {
  return [
    ...chunked(text.split("\n"), { lang, maxBlocks: 40 }),
    context(t(lang, "appeals.deadline", { deadline })),
    ...recordIds
      .slice(0, 5)
      .map(
        (id) =>
          ({ type: "actions", block_id: `appeal_${id}`, elements: [appealButton(lang, id)] }) as KnownBlock,
      ),
  ];
}

export interface AppealableLine {
  record: RecordRow;
  underAppeal: boolean;
  /** Still within the appeal period and never appealed: the button shows. */
  canAppeal: boolean;
}

/** The caller's deductions of the month that are or can be appealed (/score, App Home). */
export function appealableBlocks(lang: Lang, lines: readonly AppealableLine[]): KnownBlock[] {
  const shown = lines.filter((l) => l.underAppeal || l.canAppeal).slice(0, 10);
  if (shown.length === 0) return [];
  return [
    section(t(lang, "appeals.list_title")),
    ...shown.map((l) => {
      const text = t(lang, "appeals.list_line", {
        ...facts(lang, l.record),
        under: l.underAppeal ? t(lang, "appeals.under_appeal") : "",
      });
      return l.canAppeal
        ? ({ ...section(text), accessory: appealButton(lang, l.record.id) } as KnownBlock)
        : section(text);
    }),
  ];
}

/** The modal asking why (private_metadata: the record id). */
export function appealModal(lang: Lang, record: RecordRow, filerName?: string): types.ModalView {
  return {
    type: "modal",
    callback_id: APPEAL_MODAL.callbackId,
    private_metadata: JSON.stringify({ r: record.id }),
    title: plain(t(lang, "appeals.modal.title")),
    submit: plain(t(lang, "appeals.modal.submit")),
    close: plain(t(lang, "appeals.modal.cancel")),
    blocks: [
      section(t(lang, "appeals.modal.record", facts(lang, record, filerName))),
      {
        type: "input",
        block_id: APPEAL_MODAL.block,
        label: plain(t(lang, "appeals.modal.reason")),
        hint: plain(t(lang, "appeals.modal.reason_hint", { max: MAX_TEXT })),
        element: {
          type: "plain_text_input",
          action_id: APPEAL_MODAL.action,
          multiline: true,
          max_length: MAX_TEXT,
        },
      },
    ],
  } as types.ModalView;
}

export interface ReviewInput {
  appeal: AppealRow;
  record: RecordRow;
  filerName?: string;
}

/** To the reviewer: the record, the rule, the filer's note and the appeal, with Uphold / Revoke. */
export function appealReviewMessage(lang: Lang, i: ReviewInput): Rendered {
  const value = String(i.appeal.id);
  const text = t(lang, "appeals.review", {
    ...facts(lang, i.record, i.filerName),
    appeal: i.appeal.id,
    // A mention shows the person's name in Slack.
    appellant: mention(i.appeal.appellantId),
    reason: escapeSlackText(i.appeal.reason),
  });
  return {
    text: text.split("\n")[0]!.replace(/\*/g, ""),
    blocks: [
      section(text),
      {
        type: "actions",
        block_id: `appeal_${value}`,
        elements: [
          { type: "button", action_id: APPEAL_UPHOLD, text: plain(t(lang, "appeals.uphold")), value },
          {
            type: "button",
            action_id: APPEAL_REVOKE,
            style: "danger",
            text: plain(t(lang, "appeals.revoke")),
            value,
          },
        ],
      } as KnownBlock,
    ],
  };
}

/** The reviewer's copy once decided: the buttons replaced by the decision. */
export function appealDecidedReviewMessage(lang: Lang, i: ReviewInput): Rendered {
  const msg = appealReviewMessage(lang, i);
  const line = appealDecidedLine(lang, i.appeal, i.record);
  return {
    text: `${msg.text} — ${line}`,
    blocks: [...msg.blocks.filter((b) => b.type !== "actions"), context(line)],
  };
}

export function appealDecidedLine(lang: Lang, appeal: AppealRow, record: RecordRow): string {
  return t(lang, "appeals.decided", {
    ...facts(lang, record),
    appeal: appeal.id,
    decision: t(lang, appeal.state === "revoked" ? "appeals.word.revoke" : "appeals.word.uphold"),
    note: escapeSlackText(appeal.note ?? ""),
  });
}

/** The modal asking the reviewer's note (private_metadata: the appeal id and the decision). */
export function appealDecideModal(
  lang: Lang,
  appealId: number,
  decision: "uphold" | "revoke",
): types.ModalView {
  return {
    type: "modal",
    callback_id: APPEAL_DECIDE_MODAL.callbackId,
    private_metadata: JSON.stringify({ a: appealId, d: decision }),
    title: plain(t(lang, `appeals.decide.title_${decision}`)),
    submit: plain(t(lang, "appeals.decide.submit")),
    close: plain(t(lang, "appeals.modal.cancel")),
    blocks: [
      {
        type: "input",
        block_id: APPEAL_DECIDE_MODAL.block,
        label: plain(t(lang, "appeals.decide.note")),
        element: {
          type: "plain_text_input",
          action_id: APPEAL_DECIDE_MODAL.action,
          multiline: true,
          max_length: MAX_TEXT,
        },
      },
    ],
  } as types.ModalView;
}

/** To the appellant or the filer: how the appeal was decided. */
export function appealDecisionText(
  lang: Lang,
  to: "appellant" | "filer",
  appeal: AppealRow,
  record: RecordRow,
): string {
  return t(lang, to === "appellant" ? "appeals.dm.decided" : "appeals.dm.filer_decided", {
    ...facts(lang, record),
    by: mention(appeal.decidedBy ?? ""),
    decision: t(lang, appeal.state === "revoked" ? "appeals.word.revoke" : "appeals.word.uphold"),
    after: t(lang, appeal.state === "revoked" ? "appeals.dm.after_revoke" : "appeals.dm.after_uphold"),
    note: escapeSlackText(appeal.note ?? ""),
  });
}

/** To the filer when an appeal is filed. */
export function appealFiledFilerText(lang: Lang, appeal: AppealRow, record: RecordRow): string {
  return t(lang, "appeals.filer_told", {
    ...facts(lang, record),
    appeal: appeal.id,
    appellant: mention(appeal.appellantId),
    reviewer: mention(appeal.reviewerId),
  });
}

/** To the director: a revoke decided on a closed month waits for their reopen (with the Reopen button). */
export function appealReopenAskMessage(
  lang: Lang,
  appeal: AppealRow,
  record: RecordRow,
  by: string,
): Rendered {
  const text = t(lang, "appeals.ask_reopen", {
    ...facts(lang, record),
    appeal: appeal.id,
    by: mention(by),
    month: appeal.month,
  });
  return {
    text,
    blocks: [
      section(text),
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: REOPEN_MONTH,
            text: plain(t(lang, "appeals.reopen_button", { month: appeal.month })),
            value: appeal.month,
          },
        ],
      } as KnownBlock,
    ],
  };
}

/** A reminder to the reviewer, or the escalation to the director. */
export function appealReminderText(
  lang: Lang,
  r: { kind: "remind" | "escalate"; appeal: AppealRow; days: number },
  record: RecordRow,
): string {
  return t(lang, r.kind === "remind" ? "appeals.remind" : "appeals.escalate", {
    ...facts(lang, record),
    appeal: r.appeal.id,
    appellant: mention(r.appeal.appellantId),
    reviewer: mention(r.appeal.reviewerId),
    days: r.days,
  });
}

/** To the director at a close: the month's appeals still open. */
export function appealsOpenAtCloseText(lang: Lang, month: string, open: readonly AppealRow[]): string {
  return t(lang, "appeals.close_open", {
    month,
    count: open.length,
    list: open.map((a) => `#${a.id} (${mention(a.appellantId)})`).join(lang === "zh" ? "、" : ", "),
  });
}
