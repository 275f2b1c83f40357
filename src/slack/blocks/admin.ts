// Block Kit for monthly administration (issue #10): the App Home section inspection and the director
// see (buttons for the CSV uploads, center evaluations and closing a month; the scheduled jobs and the
// outbox, with "send failed messages again"), the upload modal with its check and row report, the
// evaluation modal, and the close modal. The services are src/services/admin.ts.

import { formatHundredths } from "../../domain/points.ts";
import type {
  AdminOverview,
  ClosableMonth,
  EvaluationTarget,
  UploadKind,
  UploadReport,
} from "../../services/admin.ts";
import { UPLOAD_MAX_BYTES } from "../../services/admin.ts";
import { errorText, hasMessage, type Lang, t } from "../i18n/index.ts";
import { periodName } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { cappedLines, chunked, clipText } from "./fit.ts";
import {
  context,
  divider,
  type KnownBlock,
  type ModalView,
  mention,
  plain,
  section,
  when,
} from "./requests.ts";

// ---------------------------------------------------------------------------------------------
// Ids.

/** One button per upload kind (action_ids are unique within an actions block). */
export const ADMIN_IMPORT: Readonly<Record<UploadKind, string>> = {
  ratings: "admin_import_ratings",
  attendance: "admin_import_attendance",
  secondments: "admin_import_secondments",
  evaluations: "admin_import_evaluations",
};
export const ADMIN_IMPORT_PATTERN = /^admin_import_(ratings|attendance|secondments|evaluations)$/;
export const ADMIN_EVALUATE = "admin_evaluate";
/** Opens the close modal; the button's value is the month to preselect (or empty). */
export const ADMIN_CLOSE = "admin_close_month";
export const ADMIN_RETRY = "admin_retry_failed";

export const ADMIN_IMPORT_CALLBACK = "admin_import_modal";
export const ADMIN_EVALUATE_CALLBACK = "admin_evaluate_modal";
export const ADMIN_CLOSE_CALLBACK = "admin_close_modal";

export const IMPORT_FILE = { block: "admin_file", action: "admin_file" } as const;
export const EVAL_FIELDS = {
  period: { block: "admin_eval_period", action: "admin_eval_period" },
  target: { block: "admin_eval_target", action: "admin_eval_target" },
  points: { block: "admin_eval_points", action: "admin_eval_points" },
} as const;
export const CLOSE_FIELDS = {
  month: { block: "admin_close_month", action: "admin_close_month_pick" },
  reason: { block: "admin_close_reason", action: "admin_close_reason" },
} as const;

/** The upload modal's private_metadata: the kind, and the step (check a file, or import the checked one). */
export type ImportMeta = { k: UploadKind; s: "check" } | { k: UploadKind; s: "confirm"; f: string };

// ---------------------------------------------------------------------------------------------
// Text helpers.

/** "2026年第3季度" / "Q3 2026"; "2026年度" / "Year 2026". */
export function evaluationPeriodName(lang: Lang, period: string): string {
  return t(lang, /^\d{4}$/.test(period) ? "manage.period.year" : "manage.period.quarter", { period });
}

/** A conversation as Slack shows it: a person (a DM) or a channel. */
function conversation(id: string): string {
  if (/^[UW][A-Z0-9]+$/.test(id)) return mention(id);
  if (/^[CG][A-Z0-9]+$/.test(id)) return `<#${id}>`;
  return escapeSlackText(id);
}

/**
 * A job's error in words when it is an expected failure the scheduler recorded ("Error: CLOSE.NO_CENTER
 * {…}", src/jobs/scheduler.ts orThrow, src/jobs/runner.ts); otherwise its first line as it is.
 */
function jobError(lang: Lang, error: string): string {
  // The runner stores the stack: its first line is "Error: <message>".
  const m = /^(?:Error: )?([A-Z][A-Z_]*\.[A-Z0-9_]+)(?: (\{.*\}))?$/.exec(error);
  if (m && hasMessage(`error.${m[1]}`)) {
    try {
      const detail = m[2] ? (JSON.parse(m[2]) as Record<string, unknown>) : {};
      return clipText(errorText(lang, { code: m[1]!, detail }), 200);
    } catch {
      // not JSON after all: shown as it is
    }
  }
  return escapeSlackText(clipText(error, 200));
}

const button = (actionId: string, text: string, value = "", style?: "primary" | "danger") => ({
  type: "button" as const,
  action_id: actionId,
  text: plain(clipText(text, 75)),
  value,
  ...(style ? { style } : {}),
});

// ---------------------------------------------------------------------------------------------
// The App Home section.

export interface AdminHomeData {
  overview: AdminOverview;
  /** Reopened months, waiting to be closed again. */
  reopened: readonly string[];
}

/** Inspection's and the director's part of the App Home (about ten blocks). */
export function adminHomeBlocks(lang: Lang, data: AdminHomeData): KnownBlock[] {
  const blocks: KnownBlock[] = [
    divider,
    section(t(lang, "manage.home.title")),
    context(t(lang, "manage.home.intro")),
  ];
  if (data.reopened.length > 0)
    blocks.push(
      section(
        t(lang, "manage.home.reopened", {
          months: data.reopened.map((m) => periodName(lang, m)).join(lang === "zh" ? "、" : ", "),
        }),
      ),
    );
  blocks.push({
    type: "actions",
    block_id: "admin_actions",
    elements: [
      button(ADMIN_IMPORT.ratings, t(lang, "manage.button.ratings")),
      button(ADMIN_IMPORT.attendance, t(lang, "manage.button.attendance")),
      button(ADMIN_IMPORT.secondments, t(lang, "manage.button.secondments")),
      button(ADMIN_EVALUATE, t(lang, "manage.button.evaluate")),
      button(ADMIN_IMPORT.evaluations, t(lang, "manage.button.evaluations")),
      button(
        ADMIN_CLOSE,
        t(lang, "manage.button.close"),
        "",
        data.reopened.length > 0 ? "primary" : undefined,
      ),
    ],
  });
  const o = data.overview;
  const lines = [t(lang, "manage.jobs.outbox", o.outbox)];
  for (const f of o.failures)
    lines.push(
      t(lang, "manage.jobs.failure", {
        id: f.id,
        to: conversation(f.channel),
        at: when(f.at),
        error: escapeSlackText(clipText(f.error, 200)),
      }),
    );
  if (o.jobs.length === 0) lines.push(t(lang, "manage.jobs.none"));
  for (const j of o.jobs)
    lines.push(
      t(lang, "manage.jobs.line", {
        job: j.job,
        period: escapeSlackText(j.period),
        state: j.state,
        at: when(j.at),
        error: j.error ? jobError(lang, j.error) : "",
      }),
    );
  blocks.push(section(t(lang, "manage.jobs.title")), ...chunked(lines, { lang, maxBlocks: 2 }));
  if (o.outbox.failed > 0)
    blocks.push({
      type: "actions",
      block_id: "admin_retry",
      elements: [
        {
          ...button(ADMIN_RETRY, t(lang, "manage.jobs.retry")),
          confirm: {
            title: plain(clipText(t(lang, "manage.jobs.retry_confirm_title"), 100)),
            text: plain(
              clipText(t(lang, "manage.jobs.retry_confirm_text", { failed: o.outbox.failed }), 300),
            ),
            confirm: plain(clipText(t(lang, "manage.jobs.retry_confirm"), 30)),
            deny: plain(clipText(t(lang, "common.cancel"), 30)),
          },
        },
      ],
    });
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// CSV uploads.

function fileInput(lang: Lang, again: boolean): KnownBlock {
  return {
    type: "input",
    block_id: IMPORT_FILE.block,
    label: plain(t(lang, again ? "manage.import.file_again" : "manage.import.file_label")),
    // filetypes is "for convenience only" (Block Kit reference): the bot checks the file itself.
    element: { type: "file_input", action_id: IMPORT_FILE.action, filetypes: ["csv"], max_files: 1 },
  };
}

const intro = (lang: Lang, kind: UploadKind): KnownBlock[] => [
  section(t(lang, `manage.import.intro.${kind}`)),
  context(t(lang, "manage.import.rules", { maxMb: UPLOAD_MAX_BYTES / 1024 / 1024 })),
];

/**
 * The upload modal: what the file holds, and the file input. After a check that found problems (or a
 * file that could not be read), the report or the error above the input for the corrected file.
 */
export function importModal(
  lang: Lang,
  kind: UploadKind,
  after?: { report: UploadReport; name: string } | { error: string },
): ModalView {
  const meta: ImportMeta = { k: kind, s: "check" };
  const blocks: KnownBlock[] = [...intro(lang, kind)];
  if (after && "report" in after)
    blocks.push(divider, ...reportBlocks(lang, after.name, after.report), divider);
  if (after && "error" in after) blocks.push(section(`⚠️ ${after.error}`));
  blocks.push(fileInput(lang, after !== undefined));
  return {
    type: "modal",
    callback_id: ADMIN_IMPORT_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, `manage.import.title.${kind}`)),
    submit: plain(t(lang, "manage.import.check")),
    close: plain(t(lang, "common.cancel")),
    blocks,
  };
}

/** The totals line of a report, in words (the importers' totals are counts by name). */
function totalsLine(lang: Lang, kind: UploadKind, r: UploadReport): string | null {
  const totals = r.totals ?? {};
  if (kind === "ratings" && r.totals) return t(lang, "manage.import.totals.ratings", totals);
  if (kind === "attendance" && r.totals && r.month)
    return t(lang, "manage.import.totals.attendance", { ...totals, month: periodName(lang, r.month) });
  return null;
}

/** A check's or an import's report: the counts, then every refused row, or what will be imported. */
export function reportBlocks(lang: Lang, name: string, r: UploadReport, kind?: UploadKind): KnownBlock[] {
  const taken = r.taken.filter((x) => x.line > 0);
  const refusedRows = new Set(r.refused.map((x) => x.line)).size;
  const head = [
    t(lang, "manage.import.summary", {
      name: escapeSlackText(name),
      rows: r.rows,
      taken: taken.length,
      refused: refusedRows,
    }),
  ];
  if (r.encoding !== "utf-8") head.push(t(lang, "manage.import.encoding"));
  const blocks: KnownBlock[] = [section(head.join("\n"))];
  const line = (n: number, text: string) => (n > 0 ? t(lang, "manage.import.line", { line: n, text }) : text);
  if (r.refused.length > 0) {
    blocks.push(section(t(lang, "manage.import.refused")));
    const problems = r.refused.map((p) => line(p.line, errorText(lang, p)));
    blocks.push(...chunked(cappedLines(lang, problems, 60), { lang, maxBlocks: 6 }));
    return blocks;
  }
  if (r.dryRun) blocks.push(section(t(lang, "manage.import.dry_ok")));
  const totals = kind ? totalsLine(lang, kind, r) : null;
  if (totals) blocks.push(context(totals));
  for (const x of r.taken.filter((y) => y.line === 0)) blocks.push(context(escapeSlackText(x.summary)));
  if (taken.length > 0) {
    blocks.push(
      section(
        t(lang, "manage.import.preview", { columns: t(lang, `manage.import.columns.${kind ?? r.kind}`) }),
      ),
    );
    const lines = taken.map((x) => line(x.line, escapeSlackText(x.summary)));
    blocks.push(...chunked(cappedLines(lang, lines, 20, lines.length), { lang, maxBlocks: 2 }));
  }
  return blocks;
}

/** A check that passed: the report, and "Import" to write it. */
export function importReportModal(
  lang: Lang,
  kind: UploadKind,
  file: { id: string; name: string },
  report: UploadReport,
): ModalView {
  const meta: ImportMeta = { k: kind, s: "confirm", f: file.id };
  return {
    type: "modal",
    callback_id: ADMIN_IMPORT_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, `manage.import.title.${kind}`)),
    submit: plain(t(lang, "manage.import.confirm")),
    close: plain(t(lang, "common.cancel")),
    blocks: reportBlocks(lang, file.name, report, kind),
  };
}

/** The import is written. */
export function importDoneView(lang: Lang, kind: UploadKind, name: string, r: UploadReport): ModalView {
  const text =
    kind === "attendance" && r.month
      ? t(lang, "manage.import.done_attendance", {
          name: escapeSlackText(name),
          month: periodName(lang, r.month),
          proposed: r.totals?.proposed ?? 0,
        })
      : t(lang, "manage.import.done", {
          name: escapeSlackText(name),
          taken: r.taken.filter((x) => x.line > 0).length,
        });
  const totals = totalsLine(lang, kind, r);
  return {
    type: "modal",
    title: plain(t(lang, "manage.import.done_title")),
    close: plain(t(lang, "common.close")),
    blocks: [section(text), ...(totals ? [context(totals)] : [])],
  };
}

/** Shown while work goes on past Slack's 3 seconds; replaced (views.update) once it is done. */
export function workingView(lang: Lang, title: string, text: string): ModalView {
  return {
    type: "modal",
    title: plain(clipText(title, 24)),
    close: plain(t(lang, "common.close")),
    blocks: [section(`⏳ ${text}`)],
  };
}

// ---------------------------------------------------------------------------------------------
// Center evaluations.

export interface EvaluationModalData {
  /** Open periods, the default first. */
  periods: readonly string[];
  /** The one selected (default: the first). */
  period?: string;
  /** The line confirming the last one saved. */
  saved?: string;
  /** Evaluations entered so far for the selected period. */
  count: number;
  /**
   * How many were saved in this modal: Slack keeps what an input holds across a view update while its
   * block_id stays the same, so the person and points blocks get a new id after each save (cleared).
   */
  round?: number;
}

export function evaluationModal(lang: Lang, data: EvaluationModalData): ModalView {
  const period = data.period && data.periods.includes(data.period) ? data.period : data.periods[0]!;
  const options = data.periods.map((p) => ({ text: plain(evaluationPeriodName(lang, p)), value: p }));
  const suffix = data.round ? `_${data.round}` : "";
  const blocks: KnownBlock[] = [];
  if (data.saved) blocks.push(section(data.saved));
  blocks.push(
    context(t(lang, "manage.eval.intro")),
    {
      type: "input",
      block_id: EVAL_FIELDS.period.block,
      label: plain(t(lang, "manage.eval.period")),
      element: {
        type: "static_select",
        action_id: EVAL_FIELDS.period.action,
        options,
        initial_option: options.find((o) => o.value === period)!,
      },
    },
    {
      type: "input",
      block_id: `${EVAL_FIELDS.target.block}${suffix}`,
      label: plain(t(lang, "manage.eval.target")),
      // Searched as it is typed (a center has thousands of people; a static list holds 100).
      element: {
        type: "external_select",
        action_id: EVAL_FIELDS.target.action,
        min_query_length: 0,
        placeholder: plain(t(lang, "manage.eval.target_placeholder")),
      },
    },
    {
      type: "input",
      block_id: `${EVAL_FIELDS.points.block}${suffix}`,
      label: plain(t(lang, "manage.eval.points")),
      element: {
        type: "number_input",
        action_id: EVAL_FIELDS.points.action,
        is_decimal_allowed: true,
        min_value: "0",
        max_value: "10",
      },
    },
    context(
      `${t(lang, "manage.eval.count", { period: evaluationPeriodName(lang, period), count: data.count })} ${t(lang, "manage.eval.csv_hint")}`,
    ),
  );
  return {
    type: "modal",
    callback_id: ADMIN_EVALUATE_CALLBACK,
    private_metadata: JSON.stringify({ r: data.round ?? 0 }),
    title: plain(t(lang, "manage.eval.title")),
    submit: plain(t(lang, "manage.eval.save")),
    close: plain(t(lang, "manage.eval.done")),
    blocks,
  };
}

/** What the target search answers: people and (for a year) windows, in groups; those not entered first. */
export function evaluationOptions(
  lang: Lang,
  targets: { people: readonly EvaluationTarget[]; windows: readonly EvaluationTarget[] },
) {
  const option = (x: EvaluationTarget) => {
    const label =
      x.type === "person" ? t(lang, "manage.eval.person", { name: x.name, window: x.window ?? "" }) : x.name;
    const text =
      x.pointsHundredths === null
        ? label
        : t(lang, "manage.eval.entered", { label, points: formatHundredths(x.pointsHundredths) });
    return { text: plain(clipText(text, 75)), value: `${x.type}:${x.id}`.slice(0, 150) };
  };
  const groups = [
    { label: plain(t(lang, "manage.eval.group_people")), options: targets.people.map(option) },
    { label: plain(t(lang, "manage.eval.group_windows")), options: targets.windows.map(option) },
  ].filter((g) => g.options.length > 0);
  return groups.length > 0 ? { option_groups: groups } : { options: [] };
}

// ---------------------------------------------------------------------------------------------
// Closing a month.

/** The close modal; null when no month can be closed now (the caller says so). */
export function closeMonthModal(
  lang: Lang,
  months: readonly ClosableMonth[],
  selected?: string,
): ModalView | null {
  if (months.length === 0) return null;
  const options = months.map((m) => ({
    text: plain(
      clipText(
        t(lang, m.state === "reopened" ? "manage.close.option_reopened" : "manage.close.option_open", {
          month: periodName(lang, m.month),
        }),
        75,
      ),
    ),
    value: m.month,
  }));
  const initial = options.find((o) => o.value === selected) ?? options[0]!;
  return {
    type: "modal",
    callback_id: ADMIN_CLOSE_CALLBACK,
    private_metadata: "{}",
    title: plain(t(lang, "manage.close.title")),
    submit: plain(t(lang, "manage.close.submit")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      section(t(lang, "manage.close.intro")),
      {
        type: "input",
        block_id: CLOSE_FIELDS.month.block,
        label: plain(t(lang, "manage.close.month")),
        element: {
          type: "static_select",
          action_id: CLOSE_FIELDS.month.action,
          options,
          initial_option: initial,
        },
      },
      {
        type: "input",
        block_id: CLOSE_FIELDS.reason.block,
        label: plain(t(lang, "manage.close.reason")),
        hint: plain(t(lang, "manage.close.reason_hint")),
        element: {
          type: "plain_text_input",
          action_id: CLOSE_FIELDS.reason.action,
          multiline: true,
          max_length: 500,
        },
      },
    ],
  };
}

/** The month is closed: who was evaluated, and that the messages are on their way. */
export function closeDoneView(
  lang: Lang,
  c: { month: string; closings: number; corrected: boolean; headCount: number },
): ModalView {
  return {
    type: "modal",
    title: plain(t(lang, "manage.close.done_title")),
    close: plain(t(lang, "common.close")),
    blocks: [
      section(
        t(lang, "manage.close.done", {
          month: periodName(lang, c.month),
          corrected: c.corrected ? t(lang, "manage.close.corrected", { closings: c.closings }) : "",
          n: c.headCount,
        }),
      ),
    ],
  };
}
