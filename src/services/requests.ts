// Submitting leave and trip requests (RULES.md §2, §3): validate, count the days on the kind's day basis,
// gather the year-to-date figures from the database, route, assign every step, and write the request
// with its whole chain in one transaction.
import type { HalfDayPoint } from "../domain/calendar.ts";
import { addDays, isIsoDate, shanghaiDate, shanghaiInstant, shanghaiTime, yearOf } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import {
  type Approver,
  REQUEST_KINDS,
  type RequestKind,
  type Role,
  type Route,
  type RouteFlag,
  routeRequest,
  type StepAction,
  TRIP_PURPOSES,
  type TripPurpose,
} from "../domain/routing.ts";
import type { PersonalLeaveCost } from "../domain/scoring/index.ts";
import { checkCover, halfDayBefore, liveRequests, overlappingRequest } from "./absences.ts";
import { advanceChain, audit, type RequestRow, type StepRow, type Tx } from "./approvals.ts";
import { type AttendanceSettings, afternoonStart } from "./closeSettings.ts";
import type { ServiceContext } from "./context.ts";
import { atMonth } from "./monthSettings.ts";
import type { Notify } from "./notify.ts";
import { hasCenterRole, inspectionMembers } from "./org.ts";
import { centerRow, personWithWindow } from "./orgLookups.ts";
import { personalLeaveCosts } from "./requestFacts.ts";
import { halfDaysByYear, yearShare } from "./yearParts.ts";

export type Certificate = "attached" | "confirmed";

export interface RequestInput {
  requesterId: string;
  kind: RequestKind;
  start: HalfDayPoint;
  end: HalfDayPoint;
  reason: string;
  /** Who covers the post (AB岗), as the requester suggests it; the window leader may change it (§3 五). */
  coverId?: string | null;
  purpose?: TripPurpose | null;
  place?: string | null;
  phone?: string | null;
  /** Sick leave: the hospital certificate is attached or its existence confirmed (§3 二). */
  certificate?: Certificate | null;
  /** Late request (补办) for an emergency such as acute illness, stated in the reason (§3 五). */
  emergency?: boolean;
  /** Detailed written explanation (详尽的调查说明) required with the outside steps (§3 一). */
  explanation?: string | null;
  /** Late request (补办): the inspection member who agreed before the absence started, and when. */
  priorConsentBy?: string | null;
  priorConsentAt?: Date | null;
}

export interface PlannedStep {
  seq: number;
  approver: Approver;
  action: StepAction;
  outside: boolean;
  /** The person who decides; null for inspection (any member) and outside steps (inspection records). */
  assigneeId: string | null;
}

export interface YearToDate {
  year: number;
  /** 事假 (the part not offset by annual leave) already booked this year, before this request. */
  personalHalfDays: number;
  sickHalfDays: number;
  /** Approved sick leave running continuously up to the day before this request starts. */
  precedingSickHalfDays: number;
  annualEntitlementHalfDays: number;
  annualRemainingHalfDays: number;
  /** This request's half days in the year (set by the service; a hand-made preview may leave it out). */
  halfDays?: number;
  /** A request crossing New Year (§2): each year's figures, oldest first (the first is this object's). */
  years?: YearToDate[];
}

/** What the request must still carry before it can be submitted. */
export type Requirement = "reason" | "certificate" | "explanation" | "trip_details" | "late_justification";

export interface RequestPreview {
  input: RequestInput;
  role: Role;
  windowId: string | null;
  windowLeaderId: string | null;
  halfDays: number;
  annualOffsetHalfDays: number;
  personalHalfDays: number;
  route: Route;
  steps: PlannedStep[];
  flags: RouteFlag[];
  ytd: YearToDate;
  /** Made after the absence began (its first half day's start time, Asia/Shanghai): 补办 (§3 五). */
  late: boolean;
  requires: Requirement[];
  /** 事假: the months whose S-ATT-PERSONAL deduction this request raises, told before submitting (§4). */
  cost: PersonalLeaveCost[];
}

export const TEXT_LIMITS = { reason: 300, place: 100, phone: 30, explanation: 1500, note: 500 } as const;

const KINDS = new Set<string>(REQUEST_KINDS.map((k) => k.kind));
const PURPOSES = new Set<string>(TRIP_PURPOSES.map((p) => p.purpose));

const before = halfDayBefore;
const prevHalf = (p: HalfDayPoint): HalfDayPoint =>
  p.half === "pm" ? { date: p.date, half: "am" } : { date: addDays(p.date, -1), half: "pm" };
const nextHalf = (p: HalfDayPoint): HalfDayPoint =>
  p.half === "am" ? { date: p.date, half: "pm" } : { date: addDays(p.date, 1), half: "am" };

/** Phone sanity (考评办法 三(一)2(1)⑤ contact phone): 7–15 digits, with optional +, spaces, dashes. */
export function isPlausiblePhone(phone: string): boolean {
  if (!/^\+?[\d\s-]+$/.test(phone)) return false;
  const digits = phone.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15;
}

function clean(input: RequestInput): RequestInput {
  const t = (s: string | null | undefined) => s?.trim() || null;
  const trip = input.kind === "trip";
  return {
    requesterId: input.requesterId,
    kind: input.kind,
    start: input.start,
    end: input.end,
    reason: input.reason?.trim() ?? "",
    coverId: t(input.coverId),
    purpose: trip ? (input.purpose ?? null) : null,
    place: trip ? t(input.place) : null,
    phone: trip ? t(input.phone) : null,
    certificate: input.kind === "sick" ? (input.certificate ?? null) : null,
    emergency: input.emergency === true,
    explanation: t(input.explanation),
    priorConsentBy: t(input.priorConsentBy),
    priorConsentAt: input.priorConsentAt ?? null,
  };
}

/**
 * Days, annual-leave offset, chain and flags of a request, without writing anything and without
 * insisting on the fields the chain requires (they are listed in `requires`). Codes:
 * REQUEST.UNKNOWN_REQUESTER, REQUEST.REQUESTER_INACTIVE, REQUEST.BAD_KIND, CALENDAR.BAD_DATE {date},
 * LEAVE.END_BEFORE_START, CALENDAR.YEAR_NOT_LOADED {year}, LEAVE.ZERO_DAYS, REQUEST.TEXT_TOO_LONG {field, max},
 * REQUEST.COVER_SELF, COVER.NOT_IN_CENTER, COVER.INACTIVE, COVER.AWAY (absences.ts checkCover),
 * LEAVE.OVERLAP {requestId, start, end}, ROUTE.* (routing), REQUEST.NO_WINDOW_LEADER,
 * REQUEST.NO_DEPUTY_DIRECTOR, REQUEST.NO_INSPECTION.
 */
export async function previewRequest(
  ctx: ServiceContext,
  input: RequestInput,
): Promise<Result<RequestPreview>> {
  return evaluate(ctx.db, ctx, clean(input));
}

/**
 * previewRequest plus the content the chain requires. Codes (in addition): LEAVE.REASON_REQUIRED,
 * TRIP.PURPOSE_REQUIRED, TRIP.PLACE_REQUIRED, TRIP.PHONE_REQUIRED, TRIP.PHONE_INVALID,
 * LEAVE.CERTIFICATE_REQUIRED {form}, LEAVE.EXPLANATION_REQUIRED, LEAVE.LATE_NEEDS_JUSTIFICATION {start, today},
 * LEAVE.CONSENT_INCOMPLETE, LEAVE.CONSENT_NOT_INSPECTION, LEAVE.CONSENT_AFTER_START.
 */
export async function validateRequest(
  ctx: ServiceContext,
  input: RequestInput,
): Promise<Result<RequestPreview>> {
  return evaluateComplete(ctx.db, ctx, clean(input));
}

export interface SubmitOutcome {
  request: RequestRow;
  steps: StepRow[];
  preview: RequestPreview;
  /** Steps now waiting for a decision (normally the first). */
  activated: StepRow[];
  filed: StepRow[];
  /** Set when the chain needs no decision at all (filing only from the start). */
  final: "approved" | null;
}

/** Validates (as validateRequest) and writes the request and all its steps in one transaction. */
export async function submitRequest(
  ctx: ServiceContext,
  input: RequestInput,
  /** Tells the people concerned, inside the transaction (src/services/notify.ts). */
  notify?: Notify<SubmitOutcome>,
): Promise<Result<SubmitOutcome>> {
  const data = clean(input);
  const now = ctx.clock.now();
  // Validation reads inside the transaction too, so two overlapping submissions cannot both pass.
  return ctx.db.$transaction(async (tx) => {
    const checked = await evaluateComplete(tx, ctx, data);
    if (!checked.ok) return checked;
    const p = checked.value;
    const request = await tx.request.create({
      data: {
        requesterId: data.requesterId,
        kind: data.kind,
        startDate: data.start.date,
        startHalf: data.start.half,
        endDate: data.end.date,
        endHalf: data.end.half,
        halfDays: p.halfDays,
        annualOffsetHalfDays: p.annualOffsetHalfDays,
        reason: data.reason,
        coverId: data.coverId ?? null,
        purpose: data.purpose ?? null,
        place: data.place ?? null,
        phone: data.phone ?? null,
        certificate: data.certificate ?? null,
        emergency: data.emergency === true,
        priorConsentBy: data.priorConsentBy ?? null,
        priorConsentAt: data.priorConsentAt ?? null,
        explanation: data.explanation ?? null,
        flags: JSON.stringify(p.flags),
        rule: p.route.rule,
        state: "pending",
        createdAt: now,
      },
    });
    await tx.approvalStep.createMany({
      data: p.steps.map((s) => ({
        requestId: request.id,
        seq: s.seq,
        approver: s.approver,
        action: s.action,
        outside: s.outside,
        assigneeId: s.assigneeId,
        state: "waiting",
      })),
    });
    await audit(tx, now, data.requesterId, "request.submit", "Request", request.id, null, {
      kind: data.kind,
      start: data.start,
      end: data.end,
      halfDays: p.halfDays,
      annualOffsetHalfDays: p.annualOffsetHalfDays,
      rule: p.route.rule,
      chain: p.steps.map((s) => `${s.approver}:${s.action}`),
    });
    const progress = await advanceChain(tx, request.id, 1, now);
    const steps = await tx.approvalStep.findMany({
      where: { requestId: request.id },
      orderBy: { seq: "asc" },
    });
    const saved = await tx.request.findUniqueOrThrow({ where: { id: request.id } });
    const submitted: SubmitOutcome = { request: saved, steps, preview: p, ...progress };
    await notify?.(tx, submitted);
    return ok(submitted);
  });
}

// ---------------------------------------------------------------------------------------------

async function evaluateComplete(
  db: Tx,
  ctx: ServiceContext,
  input: RequestInput,
): Promise<Result<RequestPreview>> {
  const previewed = await evaluate(db, ctx, input);
  if (!previewed.ok) return previewed;
  ctx = atMonth(ctx, input.start.date.slice(0, 7)); // its start month's settings (RULES.md §8a)
  const p = previewed.value;
  if (p.requires.includes("reason") && !input.reason) return err("LEAVE.REASON_REQUIRED");
  if (input.kind === "trip") {
    // 考评办法 三(一)2(1)⑤: a trip carries time, exact place and a contact phone.
    if (!input.purpose) return err("TRIP.PURPOSE_REQUIRED");
    if (!input.place) return err("TRIP.PLACE_REQUIRED");
    if (!input.phone) return err("TRIP.PHONE_REQUIRED");
    if (!isPlausiblePhone(input.phone)) return err("TRIP.PHONE_INVALID", { phone: input.phone });
  }
  if (p.requires.includes("certificate") && !input.certificate) {
    return err("LEAVE.CERTIFICATE_REQUIRED", {
      form: p.flags.includes("designated_hospital_form") ? "designated" : "hospital",
    });
  }
  if (p.requires.includes("explanation") && !input.explanation) return err("LEAVE.EXPLANATION_REQUIRED");
  const consent = await checkPriorConsent(db, ctx, input);
  if (!consent.ok) return consent;
  if (p.late && !(input.emergency || input.priorConsentBy)) {
    const now = ctx.clock.now();
    return err("LEAVE.LATE_NEEDS_JUSTIFICATION", {
      start: input.start.date,
      time: absenceStartTime(ctx.settings.operations.attendance, input.start),
      today: shanghaiDate(now),
      now: shanghaiTime(now),
    });
  }
  return ok(p);
}

/**
 * The wall-clock start of a half day (§3 五): the attendance setting's morning start, or its afternoon
 * start (summer hours included), 08:30 / 14:00 by default.
 */
function absenceStartTime(a: AttendanceSettings, p: HalfDayPoint): string {
  return p.half === "am" ? a.amStart : afternoonStart(a, p.date);
}

/**
 * When an absence begins (RULES.md §3 五): at the start of its first half day, not at midnight. A request
 * made after it is 补办; inspection's consent counts only when given at or before it.
 */
export function absenceStartsAt(a: AttendanceSettings, p: HalfDayPoint): Date {
  const [hh, mm] = absenceStartTime(a, p).split(":").map(Number) as [number, number];
  return shanghaiInstant(p.date, hh, mm);
}

/** The inspection consent recorded for a 补办 request: by an inspection member, before the absence began. */
async function checkPriorConsent(db: Tx, ctx: ServiceContext, input: RequestInput): Promise<Result<null>> {
  const by = input.priorConsentBy;
  const at = input.priorConsentAt;
  if (!by && !at) return ok(null);
  if (!by || !at || Number.isNaN(at.getTime())) return err("LEAVE.CONSENT_INCOMPLETE");
  if (!(await hasCenterRole(db, by, "inspection"))) return err("LEAVE.CONSENT_NOT_INSPECTION", { by });
  const attendance = ctx.settings.operations.attendance;
  if (at.getTime() > absenceStartsAt(attendance, input.start).getTime())
    return err("LEAVE.CONSENT_AFTER_START", {
      start: input.start.date,
      time: absenceStartTime(attendance, input.start),
    });
  return ok(null);
}

async function evaluate(db: Tx, ctx: ServiceContext, input: RequestInput): Promise<Result<RequestPreview>> {
  const person = await personWithWindow(db, input.requesterId);
  if (!person) return err("REQUEST.UNKNOWN_REQUESTER", { requesterId: input.requesterId });
  if (!person.active || person.leftOn) return err("REQUEST.REQUESTER_INACTIVE");
  if (!KINDS.has(input.kind)) return err("REQUEST.BAD_KIND", { kind: input.kind });
  if (input.kind === "trip" && input.purpose && !PURPOSES.has(input.purpose)) {
    return err("TRIP.PURPOSE_REQUIRED");
  }
  for (const p of [input.start, input.end]) {
    if (!isIsoDate(p?.date ?? "") || (p.half !== "am" && p.half !== "pm")) {
      return err("CALENDAR.BAD_DATE", { date: p?.date ?? "" });
    }
  }
  // A request is routed under the settings in force in its start month (RULES.md §8a).
  ctx = atMonth(ctx, input.start.date.slice(0, 7));
  const basis = ctx.settings.routing.dayBasis[input.kind];
  const counted = ctx.calendar.countHalfDays(input.start, input.end, basis);
  if (!counted.ok) return counted;
  const halfDays = counted.value;
  if (halfDays === 0) return err("LEAVE.ZERO_DAYS", { basis });

  for (const field of ["reason", "place", "phone", "explanation"] as const) {
    const v = input[field];
    if (v && v.length > TEXT_LIMITS[field])
      return err("REQUEST.TEXT_TOO_LONG", { field, max: TEXT_LIMITS[field] });
  }
  // The requester suggests the cover (§3 五): someone of the center, there on those half days.
  if (input.coverId) {
    const cover = await checkCover(db, input.coverId, input);
    if (!cover.ok) return cover;
  }

  const overlap = await overlappingRequest(db, input.requesterId, input.start, input.end);
  if (overlap) {
    return err("LEAVE.OVERLAP", {
      requestId: overlap.id,
      kind: overlap.kind,
      start: { date: overlap.startDate, half: overlap.startHalf },
      end: { date: overlap.endDate, half: overlap.endHalf },
    });
  }

  // The window's leader is routed with the leader table (§3), whatever the person row says.
  const window = person.window;
  const role: Role =
    person.role === "window_leader" || (window?.leaderId != null && window.leaderId === person.id)
      ? "window_leader"
      : "staff";
  const ytd = await yearToDate(db, ctx, input, halfDays, person.annualLeaveHalfDays);
  const routed = routeRequest(
    {
      kind: input.kind,
      role,
      halfDays,
      ytdPersonalHalfDays: ytd.personalHalfDays,
      ytdSickHalfDays: ytd.sickHalfDays,
      precedingSickHalfDays: ytd.precedingSickHalfDays,
      annualRemainingHalfDays: ytd.annualRemainingHalfDays,
      // Across New Year the year rules apply year by year (§2).
      ...(ytd.years
        ? {
            years: ytd.years.map((y) => ({
              year: y.year,
              halfDays: y.halfDays ?? 0,
              ytdPersonalHalfDays: y.personalHalfDays,
              ytdSickHalfDays: y.sickHalfDays,
              annualRemainingHalfDays: y.annualRemainingHalfDays,
            })),
          }
        : {}),
    },
    ctx.settings.routing,
  );
  if (!routed.ok) return routed;
  const route = routed.value;

  const steps: PlannedStep[] = [];
  const center = await centerRow(db);
  const inspection = await inspectionMembers(db);
  for (const [i, s] of route.steps.entries()) {
    let assigneeId: string | null = null;
    let outside = s.outside;
    switch (s.approver) {
      case "window_leader":
        if (!window?.leaderId || window.leaderId === person.id) {
          return err("REQUEST.NO_WINDOW_LEADER", { windowId: window?.id ?? null });
        }
        assigneeId = window.leaderId;
        break;
      case "deputy_director":
        if (!center?.deputyDirectorId) return err("REQUEST.NO_DEPUTY_DIRECTOR");
        assigneeId = center.deputyDirectorId;
        break;
      case "parent_unit_leader":
        // A parent-unit leader outside the workspace: inspection records their consent (§1).
        assigneeId = window?.parentUnitLeaderId ?? null;
        if (!assigneeId) outside = true;
        break;
      case "inspection":
      case "parent_unit_head":
      case "personnel_authority":
        break;
    }
    if (outside) assigneeId = null;
    if ((outside || s.approver === "inspection") && inspection.length === 0)
      return err("REQUEST.NO_INSPECTION");
    steps.push({ seq: i + 1, approver: s.approver, action: s.action, outside, assigneeId });
  }

  // 补办 (§3 五): made after the absence began, judged by the instant, not the date.
  const late =
    ctx.clock.now().getTime() > absenceStartsAt(ctx.settings.operations.attendance, input.start).getTime();
  const requires: Requirement[] = [];
  if (route.flags.includes("reason_required") || input.emergency) requires.push("reason");
  if (route.flags.includes("trip_details_required") || input.kind === "trip") requires.push("trip_details");
  if (route.flags.includes("hospital_certificate") || route.flags.includes("designated_hospital_form")) {
    requires.push("certificate");
  }
  if (route.flags.includes("written_explanation")) requires.push("explanation");
  if (late) requires.push("late_justification");
  const cost = await personalLeaveCosts(db, ctx, {
    requesterId: input.requesterId,
    kind: input.kind,
    startDate: input.start.date,
    startHalf: input.start.half,
    endDate: input.end.date,
    endHalf: input.end.half,
    halfDays,
    annualOffsetHalfDays: route.annualOffsetHalfDays,
  });

  return ok({
    input,
    role,
    windowId: window?.id ?? null,
    windowLeaderId: window?.leaderId ?? null,
    halfDays,
    annualOffsetHalfDays: route.annualOffsetHalfDays,
    personalHalfDays: route.personalHalfDays,
    route,
    steps,
    flags: route.flags,
    ytd,
    late,
    requires,
    cost,
  });
}

/**
 * Year-to-date figures (§3): days already booked (pending or approved) in the calendar year, before this
 * request. "Before" is the order of booking: everything already on the books counts, so splitting one
 * absence into several requests cannot dodge a tier. Across New Year (§2) each year counts only the days
 * that fall in it, of this request and of the booked ones (yearParts.ts): `years` holds each year's
 * figures when this request crosses it; the object's own figures are its start year's.
 */
async function yearToDate(
  db: Tx,
  ctx: ServiceContext,
  input: RequestInput,
  halfDays: number,
  annualEntitlementHalfDays: number,
): Promise<YearToDate> {
  const basisOf = (kind: string) => ctx.settings.routing.dayBasis[kind as RequestKind] ?? "working";
  const split = halfDaysByYear(ctx.calendar, basisOf(input.kind), input.start, input.end);
  const parts = split.ok ? split.value : [{ year: yearOf(input.start.date), halfDays }];
  const first = parts[0]!.year;
  const last = parts[parts.length - 1]!.year;
  const booked = await liveRequests(db, input.requesterId, `${first}-01-01`, `${last}-12-31`);
  const preceding = input.kind === "sick" ? await precedingSick(db, ctx, input) : 0;
  const figures = parts.map((part): YearToDate => {
    let personal = 0;
    let sick = 0;
    let annualUsed = 0;
    for (const r of booked) {
      const share = yearShare(ctx.calendar, basisOf(r.kind), r, part.year);
      if (r.kind === "personal") {
        personal += share.halfDays - share.annualOffsetHalfDays;
        annualUsed += share.annualOffsetHalfDays;
      } else if (r.kind === "sick") sick += share.halfDays;
      else if (r.kind === "annual") annualUsed += share.halfDays;
    }
    return {
      year: part.year,
      personalHalfDays: personal,
      sickHalfDays: sick,
      precedingSickHalfDays: preceding,
      annualEntitlementHalfDays,
      annualRemainingHalfDays: Math.max(0, annualEntitlementHalfDays - annualUsed),
      halfDays: part.halfDays,
    };
  });
  return parts.length > 1 ? { ...figures[0]!, years: figures } : figures[0]!;
}

/**
 * Approved sick leave running without a gap up to this request's start (§3 二(三) 连续): follows the
 * chain backwards; "no gap" means no half day between them counts on the sick-leave day basis.
 */
async function precedingSick(db: Tx, ctx: ServiceContext, input: RequestInput): Promise<number> {
  const basis = ctx.settings.routing.dayBasis.sick;
  const earlier = await db.request.findMany({
    where: {
      requesterId: input.requesterId,
      kind: "sick",
      state: "approved",
      endDate: { lte: input.start.date },
    },
    orderBy: [{ endDate: "desc" }, { endHalf: "desc" }],
    take: 200,
  });
  let total = 0;
  let cursor = input.start;
  for (const r of earlier) {
    const end: HalfDayPoint = { date: r.endDate, half: r.endHalf as "am" | "pm" };
    if (!before(end, cursor)) continue; // overlapping rows cannot exist; be safe
    const gapStart = nextHalf(end);
    const gapEnd = prevHalf(cursor);
    if (!before(gapEnd, gapStart)) {
      const gap = ctx.calendar.countHalfDays(gapStart, gapEnd, basis);
      if (!gap.ok || gap.value > 0) break;
    }
    total += r.halfDays;
    cursor = { date: r.startDate, half: r.startHalf as "am" | "pm" };
  }
  return total;
}
