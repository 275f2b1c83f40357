// Sick leave's paperwork in the approvers' messages and the decision modal (RULES.md §3 二): the files
// the requester attached (a link to each, checked or not), the doctor's period inspection recorded and
// the period first asked for; at inspection's review of a long sick leave the doctor's period, at the
// deputy director's approval the period approved (may be shorter), at inspection's step the checks.
import type { HalfDayPoint } from "../../domain/calendar.ts";
import { ATTACHMENTS_PER_KIND, type AttachmentRow } from "../../services/attachments.ts";
import {
  doctorEndOf,
  isLongSick,
  mayShorten,
  recordsDoctorPeriod,
  type SickDecisionInput,
} from "../../services/sickLeave.ts";
import { type Lang, t } from "../i18n/index.ts";
import type { StepView } from "./approvals.ts";
import { escapeSlackText } from "./escape.ts";
import { context, type KnownBlock, mention, plain, when } from "./requests.ts";

/** The decision modal's fields (block ids, and each block's element has the same action_id). */
export const SICK_FIELDS = {
  doctorDate: "sick_doctor_date",
  doctorHalf: "sick_doctor_half",
  endDate: "sick_end_date",
  endHalf: "sick_end_half",
  checked: "sick_checked",
} as const;

/** A file's link as Slack renders it ("<permalink|name>"); the name alone when there is no permalink. */
function fileLink(a: AttachmentRow): string {
  const name = escapeSlackText(a.name || a.fileId);
  return /^https:\/\/[^\s|<>]+$/.test(a.permalink) ? `<${a.permalink}|${name}>` : name;
}

const endPoint = (date: string | null, half: string | null): HalfDayPoint | null =>
  date && half ? { date, half: half as HalfDayPoint["half"] } : null;

/** Lines for the approvers' step message: the doctor's period, the period asked, the attached files. */
export function sickStepLines(lang: Lang, v: Pick<StepView, "request" | "attachments">): string[] {
  const r = v.request;
  if (r.kind !== "sick") return [];
  const lines: string[] = [];
  const start = { date: r.startDate, half: r.startHalf };
  const doctor = doctorEndOf(r);
  if (doctor) lines.push(t(lang, "sick.doctor.line", { start, end: doctor, halfDays: r.doctorHalfDays }));
  const asked = endPoint(r.askedEndDate, r.askedEndHalf);
  if (asked) lines.push(t(lang, "sick.asked.line", { end: asked, halfDays: r.askedHalfDays }));
  const files = v.attachments ?? [];
  if (files.length > 0) {
    lines.push(t(lang, "sick.attachments"));
    for (const a of files)
      lines.push(
        t(lang, "sick.attachment.line", {
          kind: a.kind,
          link: fileLink(a),
          at: when(a.addedAt),
          checkedBy: a.checkedBy ? mention(a.checkedBy) : null,
          checkedAt: when(a.checkedAt),
        }),
      );
  }
  if (isLongSick(r) && !files.some((a) => a.kind === "designated_form"))
    lines.push(t(lang, "sick.attachments.none_long"));
  return lines;
}

function halfSelect(lang: Lang, blockId: string, label: string, initial: "am" | "pm"): KnownBlock {
  const opts = (["am", "pm"] as const).map((h) => ({ value: h, text: plain(t(lang, `req.half.${h}`)) }));
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    element: {
      type: "static_select",
      action_id: blockId,
      options: opts,
      initial_option: opts.find((o) => o.value === initial),
    },
  } as KnownBlock;
}

function datePicker(blockId: string, label: string, hint: string, initial: string | null): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: initial === null,
    label: plain(label),
    hint: plain(hint),
    element: { type: "datepicker", action_id: blockId, ...(initial ? { initial_date: initial } : {}) },
  } as KnownBlock;
}

/** What the approve modal adds for a sick leave at this step (nothing for other requests and steps). */
export function sickDecisionBlocks(lang: Lang, v: StepView): KnownBlock[] {
  const { request: r, step } = v;
  if (r.kind !== "sick") return [];
  const blocks: KnownBlock[] = [];
  const start = { date: r.startDate, half: r.startHalf };
  const asked = { start, end: { date: r.endDate, half: r.endHalf }, halfDays: r.halfDays };
  if (recordsDoctorPeriod(r, step)) {
    blocks.push(
      context(t(lang, "sick.modal.asked", asked)),
      datePicker(
        SICK_FIELDS.doctorDate,
        t(lang, "sick.modal.doctor_date"),
        t(lang, "sick.modal.doctor_hint"),
        r.doctorEndDate,
      ),
      halfSelect(
        lang,
        SICK_FIELDS.doctorHalf,
        t(lang, "sick.modal.doctor_half"),
        (r.doctorEndHalf as "am" | "pm" | null) ?? "pm",
      ),
    );
  }
  if (mayShorten(r, step)) {
    const doctor = doctorEndOf(r);
    blocks.push(
      context(
        [
          t(lang, "sick.modal.asked", asked),
          doctor
            ? t(lang, "sick.modal.doctor", { end: doctor, halfDays: r.doctorHalfDays })
            : t(lang, "sick.modal.doctor_none"),
        ].join("\n"),
      ),
    );
    if (doctor) {
      // Offered: the period asked, or the doctor's if it ends sooner (§3 二: no longer than the doctor's).
      const end =
        doctor.date < r.endDate || (doctor.date === r.endDate && doctor.half < r.endHalf)
          ? doctor
          : asked.end;
      blocks.push(
        datePicker(
          SICK_FIELDS.endDate,
          t(lang, "sick.modal.end_date"),
          t(lang, "sick.modal.end_hint"),
          end.date,
        ),
        halfSelect(lang, SICK_FIELDS.endHalf, t(lang, "sick.modal.end_half"), end.half as "am" | "pm"),
      );
    }
  }
  const unchecked = (v.attachments ?? []).filter((a) => a.checkedAt === null);
  if (step.approver === "inspection" && !step.outside && unchecked.length > 0) {
    blocks.push({
      type: "input",
      block_id: SICK_FIELDS.checked,
      optional: true,
      label: plain(t(lang, "sick.modal.check")),
      element: {
        type: "checkboxes",
        action_id: SICK_FIELDS.checked,
        // Slack: at most 10 options; a request holds at most 10 files (5 of each kind, attachments.ts).
        options: unchecked.slice(0, 10).map((a) => ({
          value: String(a.id),
          text: plain(
            t(lang, "sick.modal.check_option", { kind: a.kind, name: a.name || a.fileId }).slice(0, 75),
          ),
        })),
      },
    } as KnownBlock);
  }
  return blocks;
}

/** A view_submission's state.values (block id → action id → the element's state). */
type StateValues = Record<string, Record<string, unknown>>;
type ElementState = {
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[];
};
const stateOf = (values: StateValues, block: string) => values[block]?.[block] as ElementState | undefined;

function pointIn(values: StateValues, dateBlock: string, halfBlock: string): HalfDayPoint | null {
  const date = stateOf(values, dateBlock)?.selected_date;
  const half = stateOf(values, halfBlock)?.selected_option?.value;
  if (typeof date !== "string" || !date) return null;
  return { date, half: half === "am" ? "am" : "pm" };
}

/** The modal's sick-leave fields as the decision's input (fields the modal did not show are absent). */
export function sickDecisionInput(values: StateValues): SickDecisionInput {
  const checked = stateOf(values, SICK_FIELDS.checked)?.selected_options;
  return {
    doctorEnd: pointIn(values, SICK_FIELDS.doctorDate, SICK_FIELDS.doctorHalf),
    approvedEnd: pointIn(values, SICK_FIELDS.endDate, SICK_FIELDS.endHalf),
    checkedAttachmentIds: Array.isArray(checked)
      ? checked.map((o) => Number(o.value)).filter((n) => Number.isInteger(n) && n > 0)
      : [],
  };
}

/** Which modal field a refusal of the sick-leave part belongs to (null: not a field's). */
export function sickErrorField(code: string, v: { doctorEnd?: unknown }): string | null {
  if (code === "SICK.ATTACHMENT_NOT_FOUND" || code === "SICK.NOT_INSPECTION_STEP") return SICK_FIELDS.checked;
  if (!code.startsWith("SICK.") && code !== "LEAVE.ZERO_DAYS" && !code.startsWith("CALENDAR.")) return null;
  return v.doctorEnd ? SICK_FIELDS.doctorDate : SICK_FIELDS.endDate;
}

/** The request form's file_input for the certificate (sick leave only). */
export const CERTIFICATE_FILE = "req_certificate_file";
/** Slack's file_input takes 1–10 files (Block Kit reference); as many as one request keeps of a kind. */
export const CERTIFICATE_FILES_MAX = ATTACHMENTS_PER_KIND;

/**
 * The certificate's photo or scan, uploaded in the form (Slack's file_input: input blocks in modals
 * only; filetypes is "for convenience only", so the type is checked again on files.info).
 */
export function certificateFileInput(lang: Lang): KnownBlock {
  return {
    type: "input",
    block_id: CERTIFICATE_FILE,
    optional: true,
    label: plain(t(lang, "sick.form.file")),
    hint: plain(t(lang, "sick.form.file_hint")),
    element: {
      type: "file_input",
      action_id: CERTIFICATE_FILE,
      filetypes: ["jpg", "jpeg", "png", "heic", "webp", "gif", "pdf"],
      max_files: CERTIFICATE_FILES_MAX,
    },
  } as KnownBlock;
}

/** The ids of the files uploaded in the form's file_input (Slack sends the file objects). */
export function certificateFileIds(values: StateValues): string[] {
  const files = (values[CERTIFICATE_FILE]?.[CERTIFICATE_FILE] as { files?: { id?: unknown }[] } | undefined)
    ?.files;
  if (!Array.isArray(files)) return [];
  return files
    .map((f) => f?.id)
    .filter((id): id is string => typeof id === "string" && /^F[A-Z0-9]{1,30}$/.test(id))
    .slice(0, CERTIFICATE_FILES_MAX);
}
