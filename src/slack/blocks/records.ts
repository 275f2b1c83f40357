// Block Kit for inspectors' records: the filing modal, the quick-form preview, the confirmation with
// its Revoke button, the revoke modal and the notices. Pure builders: data in, JSON out.
import type { types } from "@slack/bolt";
import { type CatalogItem, MAX_HALF_DAYS_IN_A_MONTH, monthlyCountLimit } from "../../domain/catalog.ts";
import { formatHundredths, type Hundredths } from "../../domain/points.ts";
import { clauseText } from "../i18n/clause.ts";
import { type Lang, t } from "../i18n/index.ts";
import { escapeSlackText } from "./escape.ts";
import { clipText } from "./fit.ts";

type Block = Record<string, unknown>;
export type View = types.ModalView;
/** The builders assemble plain JSON; Slack's own types describe the result. */
const modal = (v: Record<string, unknown> & { blocks: Block[] }): View => v as unknown as View;

/** Block and action ids of the filing modal (the view listener reads these). */
export const RECORD_MODAL = {
  callbackId: "record_file",
  person: { block: "person", action: "record_person" },
  window: { block: "window", action: "record_window" },
  item: { block: "item", action: "record_item" },
  info: { block: "item_info" },
  points: { block: "points", action: "record_points" },
  linkedPoints: { block: "linked_points", action: "record_linked_points" },
  count: { block: "count", action: "record_count" },
  date: { block: "date", action: "record_date" },
  note: { block: "note", action: "record_note" },
} as const;

/** Pushed over the filing modal when the same act is already on record: submit files it anyway. */
export const DUPLICATE_MODAL = { callbackId: "record_duplicate" } as const;

export const REVOKE_MODAL = {
  callbackId: "record_revoke",
  reason: { block: "reason", action: "record_revoke_reason" },
} as const;

export const RECORD_ACTIONS = {
  confirm: "record_confirm",
  cancel: "record_cancel",
  revoke: "record_revoke",
} as const;

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
/** Slack caps plain_text in options at 75 characters. */
const clip = clipText;
/** Slack allows 100 options in a select, or up to 100 groups of 100 (option_groups). */
const OPTIONS_MAX = 100;

/**
 * Options for a select: a plain list up to 100, otherwise groups of 100 under `label(from, to)`, so
 * that a long list is paged rather than cut (Slack: options max 100, option_groups max 100).
 */
export function pagedOptions<T>(
  options: readonly T[],
  label: (from: number, to: number) => string,
): { options: T[] } | { option_groups: { label: ReturnType<typeof plain>; options: T[] }[] } {
  if (options.length <= OPTIONS_MAX) return { options: [...options] };
  const groups: { label: ReturnType<typeof plain>; options: T[] }[] = [];
  for (let i = 0; i < options.length && groups.length < OPTIONS_MAX; i += OPTIONS_MAX) {
    const page = options.slice(i, i + OPTIONS_MAX);
    groups.push({ label: plain(clip(label(i + 1, i + page.length), 75)), options: page });
  }
  return { option_groups: groups };
}

export function itemName(lang: Lang, item: CatalogItem): string {
  return lang === "en" ? item.en : item.zh;
}

/** "扣 6 分" / "−6 points", with "× count = total" when count > 1. */
export function pointsText(
  lang: Lang,
  item: CatalogItem,
  points: Hundredths,
  count: number,
  total: Hundredths,
): string {
  return t(lang, `records.points.${item.sign}`, { points, count, total });
}

/** The external_select option for a catalog item: code + Chinese + English name. */
export function catalogOption(item: CatalogItem): types.PlainTextOption {
  return { text: plain(clip(`${item.code} ${item.zh} ${item.en}`, 75)), value: item.code };
}

export interface ModalMetadata {
  /** Which command opened it. */
  sign: "deduction" | "bonus";
  /** The command's response_url: the confirmation goes back where /deduct was typed. */
  responseUrl?: string;
  channelId?: string;
}

export function encodeMetadata(m: ModalMetadata): string {
  return JSON.stringify({ s: m.sign, r: m.responseUrl, c: m.channelId });
}

export function decodeMetadata(raw: string | undefined): ModalMetadata {
  try {
    const o = JSON.parse(raw ?? "{}") as { s?: string; r?: string; c?: string };
    return {
      sign: o.s === "bonus" ? "bonus" : "deduction",
      ...(o.r ? { responseUrl: o.r } : {}),
      ...(o.c ? { channelId: o.c } : {}),
    };
  } catch {
    return { sign: "deduction" };
  }
}

/** Shown at once (a trigger_id lives 3 s), replaced by the form or a refusal. */
export function loadingModal(): View {
  return modal({
    type: "modal",
    title: plain("政务服务中心 Service Hall"),
    blocks: [{ type: "section", text: plain(`${t("zh", "common.loading")} / ${t("en", "common.loading")}`) }],
  });
}

export function messageModal(lang: Lang, title: string, text: string): View {
  return modal({
    type: "modal",
    title: plain(clip(title, 24)),
    close: plain(t(lang, "common.close")),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  });
}

/** The item's description shown before saving: value or range, the linked window item, leader charge. */
export function itemInfoText(lang: Lang, item: CatalogItem, linked: CatalogItem | undefined): string {
  const lines = [
    t(lang, "records.item.info", {
      code: item.code,
      name: itemName(lang, item),
      section: clauseText(lang, item.section),
      range: t(lang, "records.item.range", { min: item.min, max: item.max }),
    }),
  ];
  if (linked)
    lines.push(
      t(lang, "records.item.linked", {
        code: linked.code,
        name: itemName(lang, linked),
        min: linked.min,
        max: linked.max,
      }),
    );
  if (item.leaderCharge !== undefined)
    lines.push(t(lang, "records.item.leader_charge", { points: item.leaderCharge }));
  return lines.join("\n");
}

export interface RecordModalInput {
  lang: Lang;
  metadata: ModalMetadata;
  windows: ReadonlyArray<{ id: string; name: string }>;
  today: string;
  /** The chosen item (after the select fired), to show its description and the linked-points input. */
  item?: CatalogItem;
  linked?: CatalogItem;
}

export function recordModal(i: RecordModalInput): View {
  const { lang } = i;
  const M = RECORD_MODAL;
  const blocks: Block[] = [
    {
      type: "input",
      block_id: M.person.block,
      optional: true,
      label: plain(t(lang, "records.modal.person")),
      hint: plain(t(lang, "records.modal.person_hint")),
      element: { type: "users_select", action_id: M.person.action },
    },
  ];
  if (i.windows.length > 0)
    blocks.push({
      type: "input",
      block_id: M.window.block,
      optional: true,
      label: plain(t(lang, "records.modal.window")),
      hint: plain(t(lang, "records.modal.window_hint")),
      element: {
        type: "static_select",
        action_id: M.window.action,
        // A county center has far fewer than Slack's 100 options; more are paged, never cut.
        ...pagedOptions(
          i.windows.map((w) => ({ text: plain(clip(`${w.name}（${w.id}）`, 75)), value: w.id })),
          (from, to) => t(lang, "records.modal.window_group", { from, to }),
        ),
      },
    });
  blocks.push({
    type: "input",
    block_id: M.item.block,
    // Selecting fires block_actions so the description and linked item appear before saving.
    dispatch_action: true,
    label: plain(t(lang, "records.modal.item")),
    element: {
      type: "external_select",
      action_id: M.item.action,
      min_query_length: 0,
      placeholder: plain(t(lang, "records.modal.item_placeholder")),
      ...(i.item ? { initial_option: catalogOption(i.item) } : {}),
    },
  });
  if (i.item)
    blocks.push({
      type: "context",
      block_id: M.info.block,
      elements: [mrkdwn(itemInfoText(lang, i.item, i.linked))],
    });
  blocks.push({
    type: "input",
    block_id: M.points.block,
    optional: true,
    label: plain(t(lang, "records.modal.points")),
    hint: plain(t(lang, "records.modal.points_hint")),
    element: {
      type: "number_input",
      action_id: M.points.action,
      is_decimal_allowed: true,
      ...(i.item ? { min_value: formatHundredths(i.item.min), max_value: formatHundredths(i.item.max) } : {}),
    },
  });
  if (i.linked && i.linked.min !== i.linked.max)
    blocks.push({
      type: "input",
      block_id: M.linkedPoints.block,
      optional: true,
      label: plain(t(lang, "records.modal.linked_points", { code: i.linked.code })),
      element: {
        type: "number_input",
        action_id: M.linkedPoints.action,
        is_decimal_allowed: true,
        initial_value: formatHundredths(i.linked.min),
        min_value: formatHundredths(i.linked.min),
        max_value: formatHundredths(i.linked.max),
      },
    });
  blocks.push(
    {
      type: "input",
      block_id: M.count.block,
      label: plain(t(lang, "records.modal.count")),
      element: {
        type: "number_input",
        action_id: M.count.action,
        is_decimal_allowed: false,
        initial_value: "1",
        min_value: "1",
        // Slack checks this before sending; the month's own bound is checked on submission (§8).
        max_value: String(i.item ? monthlyCountLimit(i.item) : MAX_HALF_DAYS_IN_A_MONTH),
      },
    },
    {
      type: "input",
      block_id: M.date.block,
      label: plain(t(lang, "records.modal.date")),
      element: { type: "datepicker", action_id: M.date.action, initial_date: i.today },
    },
    {
      type: "input",
      block_id: M.note.block,
      optional: true,
      label: plain(t(lang, "records.modal.note")),
      element: { type: "plain_text_input", action_id: M.note.action, multiline: true, max_length: 500 },
    },
  );
  return modal({
    type: "modal",
    callback_id: M.callbackId,
    private_metadata: encodeMetadata(i.metadata),
    title: plain(t(lang, `records.modal.title.${i.metadata.sign}`)),
    submit: plain(t(lang, "common.submit")),
    close: plain(t(lang, "common.cancel")),
    blocks,
  });
}

/**
 * One planned or filed record, as a line of mrkdwn; or ("leader_charge") the window leader's share of
 * the main record, shown to the filer though it is not stored: scoring derives it (RULES.md §4).
 */
export interface RecordLineInput {
  item: CatalogItem;
  personId: string | null;
  windowId: string | null;
  windowName?: string;
  pointsHundredths: Hundredths;
  count: number;
  totalHundredths: Hundredths;
  role: "main" | "linked_window" | "leader_charge";
}

export function recordLine(lang: Lang, r: RecordLineInput): string {
  const subject = r.personId
    ? `<@${r.personId}>`
    : t(lang, "records.subject.window", {
        name: escapeSlackText(r.windowName ?? r.windowId ?? ""),
        id: r.windowId,
      });
  const line = t(lang, "records.line", {
    subject,
    code: r.item.code,
    name: itemName(lang, r.item),
    section: clauseText(lang, r.item.section),
    points: pointsText(lang, r.item, r.pointsHundredths, r.count, r.totalHundredths),
  });
  return r.role === "main"
    ? line
    : `↳ ${t(lang, `records.role.${r.role}`)}${lang === "zh" ? "：" : ": "}${line}`;
}

export interface PlanSummary {
  date: string;
  note: string;
  records: RecordLineInput[];
  skipped: Array<{ code: string; reason: string }>;
}

export function planText(lang: Lang, p: PlanSummary): string {
  const lines = p.records.map((r) => recordLine(lang, r));
  const note = p.note ? t(lang, "records.note_suffix", { note: escapeSlackText(p.note) }) : "";
  lines.push(t(lang, "records.date_note", { date: p.date, note }));
  for (const s of p.skipped) lines.push(`_${t(lang, `records.skipped.${s.reason}`, { code: s.code })}_`);
  return lines.join("\n");
}

/**
 * The quick form's preview: nothing is saved until Confirm. With `duplicate` (the same act is already
 * on record, and the draft says "file anyway") the warning comes first and Confirm reads "File anyway".
 */
export function previewMessage(lang: Lang, p: PlanSummary, draft: string, duplicate?: string) {
  const header = `${t(lang, "records.preview.header")}\n${planText(lang, p)}`;
  const text = duplicate ? `:warning: ${duplicate}\n\n${header}` : header;
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "actions",
        block_id: "record_preview",
        elements: [
          {
            type: "button",
            action_id: RECORD_ACTIONS.confirm,
            style: duplicate ? "danger" : "primary",
            text: plain(t(lang, duplicate ? "records.button.anyway" : "records.button.confirm")),
            value: draft,
          },
          {
            type: "button",
            action_id: RECORD_ACTIONS.cancel,
            text: plain(t(lang, "records.button.cancel")),
            value: "x",
          },
        ],
      },
    ],
  };
}

/** The filer's confirmation, with the Revoke button and any notice that could not be sent. */
export function filedMessage(lang: Lang, p: PlanSummary, mainId: number, ids: number[], warnings: string[]) {
  const text = `${t(lang, "records.filed")} ${ids.map((id) => `#${id}`).join(", ")}\n${planText(lang, p)}`;
  const blocks: Block[] = [{ type: "section", text: mrkdwn(text) }];
  // One element for all warnings: a context block holds at most 10 elements.
  if (warnings.length)
    blocks.push({
      type: "context",
      elements: [mrkdwn(clip(warnings.map((w) => `:warning: ${w}`).join("\n"), 3000))],
    });
  blocks.push({
    type: "actions",
    block_id: "record_filed",
    elements: [
      {
        type: "button",
        action_id: RECORD_ACTIONS.revoke,
        style: "danger",
        text: plain(t(lang, "records.button.revoke")),
        value: String(mainId),
      },
    ],
  });
  return { text: warnings.length ? `${text}\n${warnings.join("\n")}` : text, blocks };
}

/**
 * Pushed over the filing modal when the same act is already on record (`warning`): "File anyway"
 * files it, "Cancel" goes back to the form. `metadata` carries the draft (at most 3,000 characters).
 */
export function duplicateModal(lang: Lang, warning: string, metadata: string): View {
  return modal({
    type: "modal",
    callback_id: DUPLICATE_MODAL.callbackId,
    private_metadata: metadata,
    title: plain(clip(t(lang, "records.duplicate.title"), 24)),
    submit: plain(t(lang, "records.button.anyway")),
    close: plain(t(lang, "common.cancel")),
    blocks: [{ type: "section", text: mrkdwn(clip(`:warning: ${warning}`, 3000)) }],
  });
}

export function revokeModal(lang: Lang, id: number, responseUrl: string | undefined): View {
  return modal({
    type: "modal",
    callback_id: REVOKE_MODAL.callbackId,
    private_metadata: JSON.stringify({ id, r: responseUrl }),
    title: plain(t(lang, "records.revoke.title")),
    submit: plain(t(lang, "common.submit")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      { type: "section", text: mrkdwn(t(lang, "records.revoke.intro", { id })) },
      {
        type: "input",
        block_id: REVOKE_MODAL.reason.block,
        label: plain(t(lang, "records.revoke.reason")),
        element: {
          type: "plain_text_input",
          action_id: REVOKE_MODAL.reason.action,
          multiline: true,
          max_length: 500,
        },
      },
    ],
  });
}
