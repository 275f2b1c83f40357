// Block Kit for leave/trip requests: the form, the preview (before submitting: days, annual-leave offset,
// chain), the quick-form confirmation and the requester's status message (RULES.md §3).
import type { types } from "@slack/bolt";
import type { HalfDayPoint } from "../../domain/calendar.ts";
import { shanghaiDate, shanghaiTime } from "../../domain/dates.ts";
import { formatHundredths } from "../../domain/points.ts";
import {
  REQUEST_KINDS,
  type RequestKind,
  routeRequest,
  ruleClause,
  TRIP_PURPOSES,
} from "../../domain/routing.ts";
import type { PersonalLeaveCost } from "../../domain/scoring/index.ts";
import type { RequestRow, StepRow } from "../../services/approvals.ts";
import type { PlannedStep, RequestInput, RequestPreview } from "../../services/requests.ts";
import { hasMessage, type Lang, t } from "../i18n/index.ts";
import { escapeSlackText } from "./escape.ts";
import { chunked, clipText } from "./fit.ts";
import { certificateFileInput } from "./sick.ts";

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;

// ---------------------------------------------------------------------------------------------
// Small formatters shared by the request, approval and home blocks.

// Slack refuses a text over its limit (3,000 characters; 150 for a header's plain text): an
// overlong text is clipped with "…", never sent to be refused. Lists are split before (fit.ts).
export const plain = (text: string) => ({
  type: "plain_text" as const,
  text: clipText(text, 150),
  emoji: true,
});
export const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text });
export const section = (text: string): KnownBlock => ({
  type: "section",
  text: mrkdwn(clipText(text, 3000)),
});
export const context = (text: string): KnownBlock => ({
  type: "context",
  elements: [mrkdwn(clipText(text, 3000))],
});
export const divider: KnownBlock = { type: "divider" };

export const kindName = (kind: string, lang: Lang) =>
  REQUEST_KINDS.find((k) => k.kind === kind)?.[lang] ?? kind;
export const purposeName = (p: string | null | undefined, lang: Lang) =>
  TRIP_PURPOSES.find((x) => x.purpose === p)?.[lang] ?? p ?? "";
export const mention = (id: string) => `<@${id}>`;

/**
 * What the person typed, one line each, as the preview and every approver see it: the trip's details,
 * the reason (a trip's note), the written explanation the rule asks for past 7 days or 30 days a year
 * (§3(一)), and the certificate mark.
 */
export function typedLines(
  lang: Lang,
  r: {
    kind: string;
    purpose?: string | null;
    place?: string | null;
    phone?: string | null;
    reason?: string | null;
    explanation?: string | null;
    certificate?: unknown;
  },
): string[] {
  const lines: string[] = [];
  if (r.kind === "trip") {
    lines.push(
      t(lang, "req.preview.trip", {
        purpose: purposeName(r.purpose, lang),
        place: escapeSlackText(r.place ?? ""),
        phone: escapeSlackText(r.phone ?? ""),
      }),
    );
  }
  if (r.reason) {
    lines.push(
      t(lang, r.kind === "trip" ? "req.preview.note" : "req.preview.reason", {
        reason: escapeSlackText(r.reason),
      }),
    );
  }
  if (r.explanation) lines.push(t(lang, "req.preview.explanation", { text: escapeSlackText(r.explanation) }));
  if (r.certificate) lines.push(t(lang, "req.preview.certificate"));
  return lines;
}

/** A requester as shown: the mention (Slack renders the name) and their window. */
export interface PersonRef {
  id: string;
  window: string | null;
}
export const personText = (lang: Lang, p: PersonRef) =>
  p.window
    ? lang === "zh"
      ? `${mention(p.id)}（${p.window}）`
      : `${mention(p.id)} (${p.window})`
    : mention(p.id);

export function periodText(lang: Lang, start: HalfDayPoint, end: HalfDayPoint): string {
  return t(lang, "req.period", { start, end });
}

export function requestPeriod(lang: Lang, r: RequestRow): string {
  return periodText(
    lang,
    { date: r.startDate, half: r.startHalf as "am" | "pm" },
    { date: r.endDate, half: r.endHalf as "am" | "pm" },
  );
}

export const daysText = (halfDays: number) => String(halfDays / 2);

/** Shanghai wall-clock "2026-12-01 09:30". */
export const when = (d: Date | null | undefined) => (d ? `${shanghaiDate(d)} ${shanghaiTime(d)}` : "");

/** "窗口负责人签署意见" / "Window leader opinion". */
export function stepName(lang: Lang, s: { approver: string; action: string; outside: boolean }): string {
  const approver = t(lang, `req.approver.${s.approver}`);
  const action = t(lang, `req.action.${s.action}`);
  const base = lang === "zh" ? `${approver}${action}` : `${approver} ${action}`;
  return s.outside ? `${base}${t(lang, "req.outside_suffix")}` : base;
}

/**
 * A route's rule as the regulation words it: "§3(一) staff 0.5<d≤3" → "请销假制度第一条（二）：请事假
 * 半天以上 3 天以内，由窗口负责人签署意见、督查科审批。" The code stays in the database, the CLI and the
 * logs (its codes are the interface); a code no table row gives is shown as stored.
 */
export function ruleSentence(lang: Lang, rule: string, kind: string): string {
  const c = ruleClause(rule);
  if (!c) return rule;
  const steps = c.steps.map((s) => {
    const key = `req.rule.step.${s.approver}.${s.action}`;
    return hasMessage(key, lang) ? t(lang, key) : stepName(lang, s);
  });
  const extra = [
    ...(c.outside ? [t(lang, `req.rule.outside.${c.outside}`)] : []),
    ...(c.longSick.length > 0
      ? [
          t(lang, "req.rule.long_sick", {
            reasons: c.longSick.map((r) => t(lang, `req.rule.long.${r}`)).join(lang === "zh" ? "、" : ", "),
          }),
        ]
      : []),
  ].join("");
  return t(lang, "req.rule.sentence", {
    article: t(lang, "req.rule.article", { part: c.part, paragraph: c.paragraph, via: c.viaPersonal }),
    subject: t(lang, "req.rule.subject", { kind, role: c.role }),
    range: t(lang, "req.rule.range", { from: c.from, to: c.to }),
    chain: t(lang, "req.rule.chain", { steps }),
    extra,
  });
}

/**
 * The route's flags as notes ("• 须事前申明理由"), leaving out what the rule's sentence already says
 * (the outside steps and the written explanation past 7 days or 30 a year; that it is long sick leave).
 */
export function flagNotes(lang: Lang, rule: string, flags: readonly string[]): string[] {
  const c = ruleClause(rule);
  const said = new Set<string>([
    ...(c?.outside ? ["outside_steps", "written_explanation"] : []),
    ...(c && c.longSick.length > 0 ? ["long_sick", "outside_steps"] : []),
  ]);
  return flags.filter((f) => !said.has(f)).map((f) => `• ${t(lang, `req.flag.${f}`)}`);
}

/**
 * "⚠️ 11月事假将累计 3 天，按考评办法扣 5 分": each month whose S-ATT-PERSONAL deduction a 事假 raises
 * (RULES.md §4), told before it costs — in the preview and at every step.
 */
export function costLines(lang: Lang, costs: readonly PersonalLeaveCost[]): string[] {
  return costs.map((c) =>
    t(lang, "req.facts.cost", {
      month: c.month,
      halfDays: c.totalHalfDays,
      points: formatHundredths(c.afterHundredths),
      more: c.beforeHundredths > 0 ? formatHundredths(c.afterHundredths - c.beforeHundredths) : null,
    }),
  );
}

/** Who acts on a step: the assignee, any inspection member, or inspection on the outside approver's behalf. */
export function stepActor(
  lang: Lang,
  s: { approver: string; assigneeId: string | null; outside: boolean },
): string {
  if (s.assigneeId) return mention(s.assigneeId);
  if (s.approver === "inspection" || s.outside) return t(lang, "req.anyone_inspection");
  return "";
}

// ---------------------------------------------------------------------------------------------
// The form (modal). Fields appear for the chosen kind; the late section when the start is today or earlier.

export const FORM_CALLBACK = "req_form";
export const CONFIRM_CALLBACK = "req_confirm";

/** Block ids = action ids, so a refusal can be pinned to the field (response_action "errors"). */
export const F = {
  kind: "req_kind",
  startDate: "req_start_date",
  startHalf: "req_start_half",
  endDate: "req_end_date",
  endHalf: "req_end_half",
  reason: "req_reason",
  cover: "req_cover",
  purpose: "req_purpose",
  place: "req_place",
  phone: "req_phone",
  certificate: "req_certificate",
  explanation: "req_explanation",
  emergency: "req_emergency",
  consentBy: "req_consent_by",
  consentDate: "req_consent_date",
  consentTime: "req_consent_time",
} as const;

export interface FormDraft {
  kind: RequestKind;
  startDate?: string;
  startHalf?: "am" | "pm";
  endDate?: string;
  endHalf?: "am" | "pm";
  reason?: string;
  coverId?: string;
  purpose?: string;
  place?: string;
  phone?: string;
  certificate?: boolean;
  explanation?: string;
  emergency?: boolean;
  consentBy?: string;
  consentDate?: string;
  consentTime?: string;
}

const option = (value: string, text: string) => ({ value, text: plain(text) });

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  opts: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    ...(opts.dispatch ? { dispatch_action: true } : {}),
    element: { action_id: blockId, ...element },
  } as KnownBlock;
}

function halfSelect(lang: Lang, blockId: string, label: string, initial: "am" | "pm"): KnownBlock {
  const opts = (["am", "pm"] as const).map((h) => option(h, t(lang, `req.half.${h}`)));
  return input(blockId, label, {
    type: "static_select",
    options: opts,
    initial_option: opts.find((o) => o.value === initial),
  });
}

function textInput(
  initial: string | undefined,
  multiline: boolean,
  maxLength: number,
): Record<string, unknown> {
  return {
    type: "plain_text_input",
    multiline,
    max_length: maxLength,
    ...(initial ? { initial_value: initial } : {}),
  };
}

/** True when every route of the kind carries the reason_required flag (routing decides, not this form). */
function reasonRequired(kind: RequestKind | undefined): boolean {
  if (!kind) return false;
  const route = routeRequest({ kind, role: "staff", halfDays: 1 });
  return route.ok && route.value.flags.includes("reason_required");
}

export function requestFormView(lang: Lang, draft: FormDraft, today: string): ModalView {
  const kinds = REQUEST_KINDS.map((k) => option(k.kind, k[lang]));
  const trip = draft.kind === "trip";
  const blocks: KnownBlock[] = [
    input(
      F.kind,
      t(lang, "req.form.kind"),
      { type: "static_select", options: kinds, initial_option: kinds.find((o) => o.value === draft.kind) },
      { dispatch: true },
    ),
    input(
      F.startDate,
      t(lang, "req.form.start_date"),
      { type: "datepicker", initial_date: draft.startDate ?? today },
      { dispatch: true },
    ),
    halfSelect(lang, F.startHalf, t(lang, "req.form.start_half"), draft.startHalf ?? "am"),
    input(F.endDate, t(lang, "req.form.end_date"), {
      type: "datepicker",
      initial_date: draft.endDate ?? draft.startDate ?? today,
    }),
    halfSelect(lang, F.endHalf, t(lang, "req.form.end_half"), draft.endHalf ?? "pm"),
  ];
  if (trip) {
    const purposes = TRIP_PURPOSES.map((p) => option(p.purpose, p[lang]));
    blocks.push(
      input(F.purpose, t(lang, "req.form.purpose"), {
        type: "static_select",
        options: purposes,
        ...(draft.purpose ? { initial_option: purposes.find((o) => o.value === draft.purpose) } : {}),
      }),
      input(F.place, t(lang, "req.form.place"), textInput(draft.place, false, 100)),
      input(F.phone, t(lang, "req.form.phone"), textInput(draft.phone, false, 30)),
    );
  }
  blocks.push(
    input(F.reason, t(lang, trip ? "req.form.note" : "req.form.reason"), textInput(draft.reason, true, 300), {
      // Required where the route asks for a reason (事假 and 哺乳假: "事前申明理由", §3 一); Slack marks
      // the others "(optional)" itself, so no label says so.
      optional: !reasonRequired(draft.kind),
      hint: reasonRequired(draft.kind) ? t(lang, "req.form.reason_hint") : undefined,
    }),
    input(
      F.cover,
      t(lang, "req.form.cover"),
      { type: "users_select", ...(draft.coverId ? { initial_user: draft.coverId } : {}) },
      { optional: true },
    ),
  );
  if (draft.kind === "sick") {
    const opt = option("confirmed", t(lang, "req.form.certificate_option"));
    blocks.push(
      input(
        F.certificate,
        t(lang, "req.form.certificate"),
        { type: "checkboxes", options: [opt], ...(draft.certificate ? { initial_options: [opt] } : {}) },
        { optional: true },
      ),
      // Or attach its photo here (RULES.md §3 二 "attach or confirm"): ./sick.ts, ../certificateFiles.ts.
      certificateFileInput(lang),
    );
  }
  if (draft.kind === "personal" || draft.kind === "breastfeeding") {
    blocks.push(
      input(F.explanation, t(lang, "req.form.explanation"), textInput(draft.explanation, true, 1500), {
        optional: true,
        hint: t(lang, "req.form.explanation_hint"),
      }),
    );
  }
  // 补办 is judged by the half day's start time (§3 五): a leave starting today may have begun already.
  if (draft.startDate && draft.startDate <= today) {
    const opt = option("yes", t(lang, "req.form.emergency_option"));
    blocks.push(
      divider,
      section(t(lang, "req.form.late_header")),
      input(
        F.emergency,
        t(lang, "req.form.emergency"),
        { type: "checkboxes", options: [opt], ...(draft.emergency ? { initial_options: [opt] } : {}) },
        { optional: true },
      ),
      input(
        F.consentBy,
        t(lang, "req.form.consent_by"),
        { type: "users_select", ...(draft.consentBy ? { initial_user: draft.consentBy } : {}) },
        { optional: true },
      ),
      input(
        F.consentDate,
        t(lang, "req.form.consent_date"),
        { type: "datepicker", ...(draft.consentDate ? { initial_date: draft.consentDate } : {}) },
        { optional: true },
      ),
      input(
        F.consentTime,
        t(lang, "req.form.consent_time"),
        { type: "timepicker", ...(draft.consentTime ? { initial_time: draft.consentTime } : {}) },
        { optional: true },
      ),
    );
  }
  return {
    type: "modal",
    callback_id: FORM_CALLBACK,
    title: plain(t(lang, trip ? "req.form.title_trip" : "req.form.title_leave")),
    submit: plain(t(lang, "req.form.next")),
    close: plain(t(lang, "common.cancel")),
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------
// Preview: what the requester sees before submitting (§3: the annual-leave offset is shown beforehand).

function chainLines(lang: Lang, steps: readonly PlannedStep[]): string {
  return steps
    .map((s) => {
      const who = stepActor(lang, s);
      return `${s.seq}. ${stepName(lang, s)}${who ? ` — ${who}` : ""}`;
    })
    .join("\n");
}

export function previewBlocks(lang: Lang, p: RequestPreview, basis: string): KnownBlock[] {
  const i = p.input;
  const kind = kindName(i.kind, lang);
  const head = `*${lang === "en" ? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}` : kind}* · ${periodText(lang, i.start, i.end)}\n${t(
    lang,
    "req.preview.days",
    {
      halfDays: p.halfDays,
      basis,
    },
  )}`;
  const lines: string[] = [head];
  if (i.kind === "personal") {
    lines.push(
      p.annualOffsetHalfDays > 0
        ? t(lang, "req.preview.offset", {
            offset: p.annualOffsetHalfDays,
            personal: p.personalHalfDays,
            remainingAfter: p.ytd.annualRemainingHalfDays - p.annualOffsetHalfDays,
          })
        : t(lang, "req.preview.no_offset", { remaining: p.ytd.annualRemainingHalfDays }),
    );
  }
  lines.push(...typedLines(lang, i));
  if (i.kind === "annual") {
    const remaining = p.ytd.annualRemainingHalfDays;
    lines.push(
      t(lang, "req.facts.annual", { remainingHalfDays: remaining, afterHalfDays: remaining - p.halfDays }),
    );
  }
  // What it costs before it costs (§4 S-ATT-PERSONAL, after the offset above).
  lines.push(...costLines(lang, p.cost));
  lines.push(
    i.coverId
      ? t(lang, "req.preview.cover", { cover: mention(i.coverId) })
      : t(lang, "req.preview.cover_none"),
  );
  // The reason and the explanation are the requester's own text (up to 300 and 1,500 characters).
  const blocks: KnownBlock[] = chunked(lines);

  blocks.push(section(`*${t(lang, "req.preview.chain")}*\n${chainLines(lang, p.steps)}`));
  const notes = [ruleSentence(lang, p.route.rule, i.kind), ...flagNotes(lang, p.route.rule, p.flags)];
  if (i.kind === "personal" || i.kind === "sick") {
    notes.push(t(lang, "req.preview.ytd", { personal: p.ytd.personalHalfDays, sick: p.ytd.sickHalfDays }));
  }
  if (p.ytd.precedingSickHalfDays > 0) {
    notes.push(t(lang, "req.preview.preceding_sick", { halfDays: p.ytd.precedingSickHalfDays }));
  }
  if (p.late) {
    notes.push(t(lang, "req.preview.late"));
    if (i.emergency) notes.push(`• ${t(lang, "req.preview.emergency")}`);
    if (i.priorConsentBy && i.priorConsentAt) {
      notes.push(
        `• ${t(lang, "req.preview.consent", { by: mention(i.priorConsentBy), at: when(i.priorConsentAt) })}`,
      );
    }
  }
  blocks.push(context(notes.join("\n")));
  return blocks;
}

/** The request as carried between the form, the confirmation and the quick-form button (JSON). */
export interface CarriedInput {
  kind: RequestKind;
  start: HalfDayPoint;
  end: HalfDayPoint;
  reason: string;
  coverId?: string | null;
  purpose?: string | null;
  place?: string | null;
  phone?: string | null;
  certificate?: "attached" | "confirmed" | null;
  emergency?: boolean;
  explanation?: string | null;
  priorConsentBy?: string | null;
  priorConsentAt?: string | null;
}

export function carry(i: RequestInput): CarriedInput {
  return {
    kind: i.kind,
    start: i.start,
    end: i.end,
    reason: i.reason,
    coverId: i.coverId ?? null,
    purpose: i.purpose ?? null,
    place: i.place ?? null,
    phone: i.phone ?? null,
    certificate: i.certificate ?? null,
    emergency: i.emergency === true,
    explanation: i.explanation ?? null,
    priorConsentBy: i.priorConsentBy ?? null,
    priorConsentAt: i.priorConsentAt ? i.priorConsentAt.toISOString() : null,
  };
}

export function confirmView(lang: Lang, p: RequestPreview, basis: string): ModalView {
  return {
    type: "modal",
    callback_id: CONFIRM_CALLBACK,
    title: plain(t(lang, "req.confirm.title")),
    submit: plain(t(lang, "req.confirm.submit")),
    close: plain(t(lang, "req.confirm.back")),
    private_metadata: JSON.stringify(carry(p.input)),
    blocks: [section(t(lang, "req.confirm.intro")), ...previewBlocks(lang, p, basis)],
  };
}

/** A one-section modal that answers a confirmation that could not be submitted after all. */
export function messageView(lang: Lang, title: string, text: string): ModalView {
  return {
    type: "modal",
    title: plain(title),
    close: plain(t(lang, "common.close")),
    blocks: [section(text)],
  };
}

// ---------------------------------------------------------------------------------------------
// Quick form (command / DM): preview + Submit / Cancel.

export const QUICK_SUBMIT = "req_submit";
export const QUICK_CANCEL = "req_cancel";

export function quickConfirmBlocks(lang: Lang, p: RequestPreview, basis: string): KnownBlock[] {
  const value = JSON.stringify(carry(p.input));
  const sick = p.input.kind === "sick";
  return [
    section(t(lang, "req.quick.intro")),
    ...previewBlocks(lang, p, basis),
    {
      type: "actions",
      block_id: "req_quick",
      elements: [
        {
          type: "button",
          action_id: QUICK_SUBMIT,
          style: "primary",
          text: plain(t(lang, sick ? "req.quick.submit_sick" : "req.quick.submit")),
          value,
        },
        {
          type: "button",
          action_id: QUICK_CANCEL,
          text: plain(t(lang, "req.quick.cancel")),
          value: "cancel",
        },
      ],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The requester's status message: the chain with each step's state, Withdraw until final.

export const WITHDRAW = "req_withdraw";
/** 修改后重新提交: a rejected request's form opened again, filled in as it was (a new request). */
export const RESUBMIT = "req_resubmit";

/** The button that reopens a rejected request's form prefilled (status message and rejection notice). */
export function resubmitButton(lang: Lang, requestId: number): KnownBlock {
  return {
    type: "actions",
    block_id: `req_resubmit_${requestId}`,
    elements: [
      {
        type: "button",
        action_id: RESUBMIT,
        style: "primary",
        text: plain(t(lang, "req.status.resubmit")),
        value: String(requestId),
      },
    ],
  };
}

export function stepLine(lang: Lang, s: StepRow): string {
  const step = stepName(lang, s);
  const who = s.decidedBy ? mention(s.decidedBy) : "";
  // An outside step's decision is the outside approver's on paper; inspection only recorded it (§1).
  const outsideDecided = s.outside && s.decidedBy && (s.state === "approved" || s.state === "rejected");
  const key = outsideDecided ? `req.line.outside_${s.state}` : `req.line.${s.state}`;
  let line = t(lang, key, { n: s.seq, step, who, at: when(s.decidedAt) });
  if (s.state === "pending") {
    const actor = stepActor(lang, s);
    if (actor) line += ` — ${actor}`;
  }
  if (s.note && (s.state === "approved" || s.state === "rejected")) {
    line += `\n${t(lang, "req.line.note", { note: escapeSlackText(s.note) })}`;
  }
  return line;
}

export function requestSummary(lang: Lang, r: RequestRow): string {
  const lines = [
    `${periodText(lang, { date: r.startDate, half: r.startHalf as "am" | "pm" }, { date: r.endDate, half: r.endHalf as "am" | "pm" })} · ${t(lang, "req.days", { days: daysText(r.halfDays) })}`,
  ];
  if (r.kind === "personal" && r.annualOffsetHalfDays > 0) {
    lines.push(
      t(lang, "req.summary.offset", {
        offset: daysText(r.annualOffsetHalfDays),
        personal: daysText(r.halfDays - r.annualOffsetHalfDays),
      }),
    );
  }
  if (r.kind === "trip") {
    lines.push(
      t(lang, "req.preview.trip", {
        purpose: purposeName(r.purpose, lang),
        place: escapeSlackText(r.place ?? ""),
        phone: escapeSlackText(r.phone ?? ""),
      }),
    );
  }
  if (r.reason) {
    lines.push(
      t(lang, r.kind === "trip" ? "req.preview.note" : "req.preview.reason", {
        reason: escapeSlackText(r.reason),
      }),
    );
  }
  lines.push(
    r.coverId
      ? t(lang, "req.preview.cover", { cover: mention(r.coverId) })
      : t(lang, "req.preview.cover_none"),
  );
  return lines.join("\n");
}

export function statusBlocks(lang: Lang, r: RequestRow, steps: readonly StepRow[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(
      `*${t(lang, "req.status.title", { kind: r.kind, id: r.id, state: t(lang, `req.state.${r.state}`) })}*`,
    ),
    section(requestSummary(lang, r)),
    // Each step may carry its decider's note (up to 500 characters): split, never cut.
    ...chunked(steps.map((s) => stepLine(lang, s))),
  ];
  if (r.state === "pending") {
    blocks.push({
      type: "actions",
      block_id: `req_status_${r.id}`,
      elements: [
        {
          type: "button",
          action_id: WITHDRAW,
          text: plain(t(lang, "req.status.withdraw")),
          style: "danger",
          value: String(r.id),
          confirm: {
            title: plain(t(lang, "req.status.withdraw_confirm_title")),
            text: plain(t(lang, "req.status.withdraw_confirm_text")),
            confirm: plain(t(lang, "req.status.withdraw")),
            deny: plain(t(lang, "common.cancel")),
          },
        },
      ],
    });
  }
  if (r.state === "rejected") blocks.push(resubmitButton(lang, r.id));
  return blocks;
}

/** The requester told of a rejection: who, why, and the way to try again (修改后重新提交). */
export function rejectedMessage(
  lang: Lang,
  r: RequestRow,
  step: StepRow,
): { text: string; blocks: KnownBlock[] } {
  const text = t(lang, "req.notify.rejected", {
    kind: r.kind,
    id: r.id,
    period: requestPeriod(lang, r),
    who: mention(step.decidedBy ?? ""),
    note: escapeSlackText(step.note ?? ""),
  });
  return { text, blocks: [section(text), resubmitButton(lang, r.id)] };
}

/** A request as the form shows it again for 修改后重新提交: every field as it was submitted. */
export function draftOf(r: RequestRow): FormDraft {
  const consent = r.priorConsentAt ? shanghaiDate(r.priorConsentAt) : undefined;
  return {
    kind: r.kind as RequestKind,
    startDate: r.startDate,
    startHalf: r.startHalf === "pm" ? "pm" : "am",
    endDate: r.endDate,
    endHalf: r.endHalf === "am" ? "am" : "pm",
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.coverId ? { coverId: r.coverId } : {}),
    ...(r.purpose ? { purpose: r.purpose } : {}),
    ...(r.place ? { place: r.place } : {}),
    ...(r.phone ? { phone: r.phone } : {}),
    certificate: r.certificate !== null,
    ...(r.explanation ? { explanation: r.explanation } : {}),
    emergency: r.emergency,
    ...(r.priorConsentBy ? { consentBy: r.priorConsentBy } : {}),
    ...(r.priorConsentAt ? { consentDate: consent, consentTime: shanghaiTime(r.priorConsentAt) } : {}),
  };
}

export function statusText(lang: Lang, r: RequestRow): string {
  return t(lang, "req.status.title", { kind: r.kind, id: r.id, state: t(lang, `req.state.${r.state}`) });
}
