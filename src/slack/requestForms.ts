// From what Slack sends (modal state, quick-form text, the carried JSON of a confirmation) to a
// RequestInput, and the quick-form reply (preview with Submit, or a specific refusal).
import { z } from "zod";
import { shanghaiDate, shanghaiInstant } from "../domain/dates.ts";
import { REQUEST_KINDS, type RequestKind, TRIP_PURPOSES, type TripPurpose } from "../domain/routing.ts";
import { cleanText } from "../domain/text.ts";
import { suggestedCover } from "../services/abCover.ts";
import type { ServiceContext } from "../services/context.ts";
import { atMonth } from "../services/monthSettings.ts";
import { type RequestInput, validateRequest } from "../services/requests.ts";
import {
  type CarriedInput,
  context,
  F,
  type FormDraft,
  type KnownBlock,
  mention,
  quickConfirmBlocks,
} from "./blocks/requests.ts";
import { errorText, type Lang, t } from "./i18n/index.ts";
import { parseQuickForm, type QuickMode } from "./quickForm.ts";

const KIND_VALUES = REQUEST_KINDS.map((k) => k.kind) as [RequestKind, ...RequestKind[]];
const PURPOSE_VALUES = TRIP_PURPOSES.map((p) => p.purpose) as [TripPurpose, ...TripPurpose[]];
const half = z.enum(["am", "pm"]);
const point = z.object({ date: z.string(), half });

/** The JSON a confirmation carries (button value, private_metadata); checked again on the way back. */
export const carriedSchema = z.object({
  kind: z.enum(KIND_VALUES),
  start: point,
  end: point,
  reason: z.string().max(1000),
  coverId: z.string().nullish(),
  purpose: z.enum(PURPOSE_VALUES).nullish(),
  place: z.string().nullish(),
  phone: z.string().nullish(),
  certificate: z.enum(["attached", "confirmed"]).nullish(),
  emergency: z.boolean().optional(),
  explanation: z.string().nullish(),
  priorConsentBy: z.string().nullish(),
  priorConsentAt: z.string().nullish(),
}) satisfies z.ZodType<CarriedInput>;

export function inputFromCarried(requesterId: string, json: string): RequestInput | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = carriedSchema.safeParse(raw);
  if (!parsed.success) return null;
  const c = parsed.data;
  const at = c.priorConsentAt ? new Date(c.priorConsentAt) : null;
  // A button value or private_metadata comes back from Slack as sent, but a signed request can carry
  // anything: the free text is cleaned again, as at the first reading.
  const line = (v: string | null | undefined) => (v == null ? null : cleanText(v, { multiline: false }));
  return {
    requesterId,
    kind: c.kind,
    start: c.start,
    end: c.end,
    reason: cleanText(c.reason),
    coverId: c.coverId ?? null,
    purpose: c.purpose ?? null,
    place: line(c.place),
    phone: line(c.phone),
    certificate: c.certificate ?? null,
    emergency: c.emergency === true,
    explanation: c.explanation == null ? null : cleanText(c.explanation),
    priorConsentBy: c.priorConsentBy ?? null,
    priorConsentAt: at,
  };
}

// ---------------------------------------------------------------------------------------------
// Modal state → draft → input.

type StateValues = Record<string, Record<string, Record<string, unknown>>>;

const stateSchema = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));

function field(values: StateValues, id: string): Record<string, unknown> | undefined {
  return values[id]?.[id];
}
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
/** A typed value (modal values arrive unescaped: cleanText only); undefined when nothing is left. */
const typed = (v: unknown, multiline: boolean) =>
  str(typeof v === "string" ? cleanText(v, { multiline }) : v);
const selected = (el: Record<string, unknown> | undefined) =>
  str((el?.selected_option as { value?: unknown } | null | undefined)?.value);
const checked = (el: Record<string, unknown> | undefined) =>
  Array.isArray(el?.selected_options) && (el.selected_options as unknown[]).length > 0;

export function draftFromState(rawValues: unknown, fallbackKind: RequestKind): FormDraft {
  const parsed = stateSchema.safeParse(rawValues ?? {});
  const values: StateValues = parsed.success ? (parsed.data as StateValues) : {};
  const kind = selected(field(values, F.kind));
  const halfOf = (id: string) => {
    const v = selected(field(values, id));
    return v === "am" || v === "pm" ? v : undefined;
  };
  return {
    kind: KIND_VALUES.includes(kind as RequestKind) ? (kind as RequestKind) : fallbackKind,
    startDate: str(field(values, F.startDate)?.selected_date),
    startHalf: halfOf(F.startHalf),
    endDate: str(field(values, F.endDate)?.selected_date),
    endHalf: halfOf(F.endHalf),
    reason: typed(field(values, F.reason)?.value, true),
    coverId: str(field(values, F.cover)?.selected_user),
    purpose: selected(field(values, F.purpose)),
    place: typed(field(values, F.place)?.value, false),
    phone: typed(field(values, F.phone)?.value, false),
    certificate: checked(field(values, F.certificate)),
    explanation: typed(field(values, F.explanation)?.value, true),
    emergency: checked(field(values, F.emergency)),
    consentBy: str(field(values, F.consentBy)?.selected_user),
    consentDate: str(field(values, F.consentDate)?.selected_date),
    consentTime: str(field(values, F.consentTime)?.selected_time),
  };
}

export function inputFromDraft(requesterId: string, d: FormDraft, today: string): RequestInput {
  let priorConsentAt: Date | null = null;
  if (d.consentDate) {
    const [hh, mm] = (d.consentTime ?? "00:00").split(":").map(Number);
    priorConsentAt = shanghaiInstant(d.consentDate, hh ?? 0, mm ?? 0);
  }
  const startDate = d.startDate ?? today;
  return {
    requesterId,
    kind: d.kind,
    start: { date: startDate, half: d.startHalf ?? "am" },
    end: { date: d.endDate ?? startDate, half: d.endHalf ?? "pm" },
    reason: d.reason ?? "",
    coverId: d.coverId ?? null,
    purpose: PURPOSE_VALUES.includes(d.purpose as TripPurpose) ? (d.purpose as TripPurpose) : null,
    place: d.place ?? null,
    phone: d.phone ?? null,
    certificate: d.certificate ? "confirmed" : null,
    emergency: d.emergency === true,
    explanation: d.explanation ?? null,
    priorConsentBy: d.consentBy ?? null,
    priorConsentAt,
  };
}

/** The form field a refusal belongs to (response_action "errors"); null = show it on the dates. */
export function fieldOf(code: string, detail?: Record<string, unknown>): string {
  switch (code) {
    case "LEAVE.REASON_REQUIRED":
      return F.reason;
    case "TRIP.PURPOSE_REQUIRED":
      return F.purpose;
    case "TRIP.PLACE_REQUIRED":
      return F.place;
    case "TRIP.PHONE_REQUIRED":
    case "TRIP.PHONE_INVALID":
      return F.phone;
    case "LEAVE.CERTIFICATE_REQUIRED":
      return F.certificate;
    case "LEAVE.EXPLANATION_REQUIRED":
      return F.explanation;
    case "LEAVE.LATE_NEEDS_JUSTIFICATION":
      return F.emergency;
    case "LEAVE.CONSENT_INCOMPLETE":
    case "LEAVE.CONSENT_NOT_INSPECTION":
      return F.consentBy;
    case "LEAVE.CONSENT_AFTER_START":
      return F.consentDate;
    case "REQUEST.COVER_SELF":
    case "COVER.NOT_IN_CENTER":
    case "COVER.INACTIVE":
    case "COVER.AWAY":
      return F.cover;
    case "LEAVE.END_BEFORE_START":
      return F.endDate;
    case "REQUEST.TEXT_TOO_LONG": {
      const f = String(detail?.field ?? "");
      return (
        (
          { reason: F.reason, place: F.place, phone: F.phone, explanation: F.explanation } as Record<
            string,
            string
          >
        )[f] ?? F.reason
      );
    }
    case "REQUEST.UNKNOWN_REQUESTER":
    case "REQUEST.REQUESTER_INACTIVE":
    case "REQUEST.BAD_KIND":
    case "REQUEST.NO_WINDOW_LEADER":
    case "REQUEST.NO_DEPUTY_DIRECTOR":
    case "REQUEST.NO_INSPECTION":
      return F.kind;
    default:
      return F.startDate;
  }
}

// ---------------------------------------------------------------------------------------------
// Quick form: parse, validate, and answer with the preview (Submit / Cancel) or the refusal.

/** Refusals the one-line form cannot fix: the form has the fields for them. */
const NEEDS_FORM = new Set([
  "LEAVE.EXPLANATION_REQUIRED",
  "LEAVE.LATE_NEEDS_JUSTIFICATION",
  "LEAVE.CONSENT_INCOMPLETE",
  "LEAVE.CONSENT_NOT_INSPECTION",
  "LEAVE.CONSENT_AFTER_START",
]);

export type QuickReply = { ok: true; text: string; blocks: KnownBlock[] } | { ok: false; text: string };

export async function quickFormReply(
  ctx: ServiceContext,
  lang: Lang,
  requesterId: string,
  text: string,
  mode: QuickMode,
): Promise<QuickReply> {
  const help = t(lang, mode === "trip" ? "req.help.trip" : mode === "dm" ? "req.help.dm" : "req.help.leave");
  const parsed = parseQuickForm(text, mode, todayIn(ctx));
  if (!parsed.ok) return { ok: false, text: `${errorText(lang, parsed)}\n\n${help}` };
  const q = parsed.value;
  // AB岗 (RULES.md §8): the requester's B post is the suggested cover, named in the preview unless B is
  // away then too (the window leader arranges it; the preview says so). The form names another.
  const ab = await suggestedCover(ctx.db, requesterId, { start: q.start, end: q.end });
  const input: RequestInput = {
    requesterId,
    kind: q.kind,
    start: q.start,
    end: q.end,
    reason: q.reason,
    coverId: ab.backupId && !ab.backupAway ? ab.backupId : null,
    purpose: q.purpose ?? null,
    place: q.place ?? null,
    phone: q.phone ?? null,
    // Sick leave: the Submit button itself says "I have the hospital certificate" (§3 二).
    certificate: q.kind === "sick" ? "confirmed" : null,
  };
  const checked = await validateRequest(ctx, input);
  if (!checked.ok) {
    const extra = NEEDS_FORM.has(checked.code) ? `\n${t(lang, "req.quick.use_form")}` : "";
    return { ok: false, text: `${errorText(lang, checked)}${extra}` };
  }
  // The start month's day basis, as the request is routed (RULES.md §8a).
  const basis = atMonth(ctx, checked.value.input.start.date.slice(0, 7)).settings.routing.dayBasis[q.kind];
  const blocks = quickConfirmBlocks(lang, checked.value, basis);
  // Before the Submit / Cancel buttons (the last block).
  if (ab.backupId && ab.backupAway)
    blocks.splice(-1, 0, context(t(lang, "ab.preview.backup_away", { backup: mention(ab.backupId) })));
  return { ok: true, text: t(lang, "req.quick.intro"), blocks };
}

export const todayIn = (ctx: ServiceContext) => shanghaiDate(ctx.clock.now());
