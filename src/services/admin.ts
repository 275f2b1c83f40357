// Monthly administration without a terminal (issue #10): what inspection and the director do each month
// from the App Home — import the rating-device, attendance, secondment and evaluation CSVs with the same
// importers (and dry run) as the CLI, enter center evaluations, close or re-close a month, see the job
// runs and the outbox, and send failed messages again. Only inspection members and the director may:
// every use case here checks the actor's role first (ADMIN.NOT_ALLOWED), and every change is logged
// (the importers, setEvaluation and the close write their own AuditLog rows; a retry writes one here).
// The CLI stays for operators and calls the importers directly.
import { addMonths, isMonth, monthOf, monthsOfQuarter, quarterOf, shanghaiDate } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { cleanText } from "../domain/text.ts";
import { audit } from "./approvals.ts";
import { isDirector } from "./closeMonth.ts";
import type { ServiceContext } from "./context.ts";
import { type AttendanceImported, importAttendance } from "./imports/attendance.ts";
import { decodeCsvBytes, type ImportReport } from "./imports/common.ts";
import { type EvaluationInput, importEvaluations, setEvaluation } from "./imports/evaluations.ts";
import { importRatings } from "./imports/ratings.ts";
import { importSecondments } from "./imports/secondments.ts";
import { isClosed } from "./monthScores.ts";
import type { Notify } from "./notify.ts";
import { hasCenterRole } from "./org.ts";

export type AdminRole = "director" | "inspection";

/** The actor's administrative role, if any: the director (Center.directorId or the role) or inspection. */
export async function adminRole(ctx: ServiceContext, userId: string): Promise<AdminRole | null> {
  if (await isDirector(ctx, userId)) return "director";
  if (await hasCenterRole(ctx.db, userId, "inspection")) return "inspection";
  return null;
}

/** Code: ADMIN.NOT_ALLOWED. */
export async function requireAdmin(ctx: ServiceContext, actor: string): Promise<Result<AdminRole>> {
  const role = await adminRole(ctx, actor);
  return role ? ok(role) : err("ADMIN.NOT_ALLOWED");
}

// ---------------------------------------------------------------------------------------------
// CSV uploads: the CLI's importers, all or nothing, with their dry run and row report.

export const UPLOAD_KINDS = ["ratings", "attendance", "secondments", "evaluations"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];
export const isUploadKind = (s: unknown): s is UploadKind => UPLOAD_KINDS.includes(s as UploadKind);

/**
 * The largest CSV taken from Slack: a month of a large center's punches is well under it (5,000
 * people × 22 days × 4 punches ≈ 440,000 rows would not be; the attendance machine exports per hall).
 */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

export interface UploadReport extends ImportReport {
  /** The attendance import's month. */
  month?: string;
  encoding: "utf-8" | "gb18030";
}

/**
 * Checks (`dryRun`) or imports a CSV the actor uploaded. `notify` is the attendance import's: the
 * proposals' review messages for inspection, queued in the import's transaction.
 * Codes: ADMIN.NOT_ALLOWED, ADMIN.FILE_TOO_LARGE {name, sizeMb, maxMb}.
 */
export async function importUpload(
  ctx: ServiceContext,
  kind: UploadKind,
  file: { name: string; bytes: Uint8Array },
  opts: { actor: string; dryRun: boolean; notify?: Notify<AttendanceImported> },
): Promise<Result<UploadReport>> {
  const role = await requireAdmin(ctx, opts.actor);
  if (!role.ok) return role;
  if (file.bytes.length > UPLOAD_MAX_BYTES) return err("ADMIN.FILE_TOO_LARGE", tooLarge(file));
  const { text, encoding } = decodeCsvBytes(file.bytes);
  const base = { actor: opts.actor, dryRun: opts.dryRun };
  const report: ImportReport & { month?: string } =
    kind === "ratings"
      ? await importRatings(ctx, text, base)
      : kind === "attendance"
        ? await importAttendance(ctx, text, { ...base, ...(opts.notify ? { notify: opts.notify } : {}) })
        : kind === "secondments"
          ? await importSecondments(ctx, text, base)
          : await importEvaluations(ctx, text, base);
  return ok({ ...report, encoding });
}

/** The detail of ADMIN.FILE_TOO_LARGE. */
export function tooLarge(file: { name: string; bytes?: Uint8Array; size?: number }): Record<string, unknown> {
  const size = file.size ?? file.bytes?.length ?? 0;
  return {
    name: file.name,
    sizeMb: (size / 1024 / 1024).toFixed(1),
    maxMb: UPLOAD_MAX_BYTES / 1024 / 1024,
  };
}

// ---------------------------------------------------------------------------------------------
// Center evaluations (RULES.md §5, §7), one at a time.

/** Enters or changes one center evaluation (setEvaluation's codes, and ADMIN.NOT_ALLOWED). */
export async function enterEvaluation(
  ctx: ServiceContext,
  input: EvaluationInput & { actor: string },
): ReturnType<typeof setEvaluation> {
  const role = await requireAdmin(ctx, input.actor);
  if (!role.ok) return role;
  return setEvaluation(ctx, input);
}

/**
 * The periods evaluations may be entered for now, the likeliest first: the quarter just ended, this
 * quarter, and at the turn of a year the year just ended (or this year in its last quarter); closed
 * ones are left out.
 */
export async function evaluationPeriods(ctx: ServiceContext): Promise<string[]> {
  const month = monthOf(shanghaiDate(ctx.clock.now()));
  const quarter = quarterOf(month);
  const previous = quarterOf(addMonths(monthsOfQuarter(quarter)[0], -1));
  const candidates = [previous, quarter];
  if (previous.endsWith("Q4")) candidates.push(previous.slice(0, 4));
  if (quarter.endsWith("Q4")) candidates.push(quarter.slice(0, 4));
  const open: string[] = [];
  for (const p of candidates) if (!(await isClosed(ctx.db, p))) open.push(p);
  return open;
}

export interface EvaluationTarget {
  type: "person" | "window";
  id: string;
  name: string;
  /** A person's window. */
  window?: string;
  /** The evaluation already entered for the period, in hundredths. */
  pointsHundredths: number | null;
}

/**
 * Who can be evaluated for `period` matching `query` (a name or id, any part): the active people of
 * the windows, and for a year the windows; those without an evaluation first. At most `limit` of each.
 */
export async function evaluationTargets(
  ctx: ServiceContext,
  period: string,
  query: string,
  limit: number,
): Promise<{ people: EvaluationTarget[]; windows: EvaluationTarget[] }> {
  const q = query.trim();
  const match = q ? { OR: [{ name: { contains: q } }, { id: { contains: q } }] } : {};
  const entered = new Map(
    (await ctx.db.centerEvaluation.findMany({ where: { period } })).map((e) => [
      `${e.targetType}:${e.targetId}`,
      e.pointsHundredths,
    ]),
  );
  const byMissing = (a: EvaluationTarget, b: EvaluationTarget) =>
    Number(a.pointsHundredths !== null) - Number(b.pointsHundredths !== null) || a.id.localeCompare(b.id);
  const people = (
    await ctx.db.person.findMany({
      where: { active: true, windowId: { not: null }, ...match },
      include: { window: { select: { name: true } } },
      orderBy: { id: "asc" },
    })
  )
    .map(
      (p): EvaluationTarget => ({
        type: "person",
        id: p.id,
        name: p.name,
        window: p.window?.name ?? "",
        pointsHundredths: entered.get(`person:${p.id}`) ?? null,
      }),
    )
    .sort(byMissing)
    .slice(0, limit);
  // Windows get a center evaluation for the year only (RULES.md §7; EVAL.QUARTER_WINDOW).
  const windows = /^\d{4}$/.test(period)
    ? (await ctx.db.window.findMany({ where: match, orderBy: { id: "asc" } }))
        .map(
          (w): EvaluationTarget => ({
            type: "window",
            id: w.id,
            name: w.name,
            pointsHundredths: entered.get(`window:${w.id}`) ?? null,
          }),
        )
        .sort(byMissing)
        .slice(0, limit)
    : [];
  return { people, windows };
}

/** How many evaluations `period` has so far. */
export async function evaluationCount(ctx: ServiceContext, period: string): Promise<number> {
  return ctx.db.centerEvaluation.count({ where: { period } });
}

// ---------------------------------------------------------------------------------------------
// Closing a month by hand (RULES.md §4(4)): a month the scheduler has not closed yet, or one the
// director reopened for a correction (the scheduler leaves those to a person).

export const CLOSE_REASON_MAX = 500;

export interface ClosableMonth {
  month: string;
  state: "open" | "reopened";
}

/**
 * Months that may be closed now: every reopened month, and the months from `since` (the scheduler's
 * first month: earlier ones were never the bot's; null: none) up to last month that are not closed —
 * at most the last `recent` of them.
 */
export async function closableMonths(
  ctx: ServiceContext,
  opts: { since: string | null; recent?: number },
): Promise<ClosableMonth[]> {
  const current = monthOf(shanghaiDate(ctx.clock.now()));
  const rows = await ctx.db.period.findMany({ where: { state: { in: ["closed", "reopened"] } } });
  const state = new Map(rows.filter((r) => isMonth(r.period)).map((r) => [r.period, r.state]));
  const out: ClosableMonth[] = [];
  for (let i = 1; i <= (opts.recent ?? 3); i++) {
    const m = addMonths(current, -i);
    if (opts.since === null || m < opts.since) break;
    if (!state.has(m)) out.push({ month: m, state: "open" });
  }
  for (const [m, s] of state) if (s === "reopened") out.push({ month: m, state: "reopened" });
  return out.sort((a, b) => b.month.localeCompare(a.month)).slice(0, 100);
}

/**
 * A person's request to close `month` now: their role, the month, and the reason that is logged with
 * the close. Codes: ADMIN.NOT_ALLOWED, CLOSE.BAD_MONTH {month}, ADMIN.CLOSE_REASON_REQUIRED {max}.
 */
export async function checkCloseRequest(
  ctx: ServiceContext,
  input: { actor: string; month: string; reason: string },
): Promise<Result<{ month: string; reason: string }>> {
  const role = await requireAdmin(ctx, input.actor);
  if (!role.ok) return role;
  if (!isMonth(input.month)) return err("CLOSE.BAD_MONTH", { month: input.month });
  const reason = cleanText(input.reason).trim();
  if (reason.length === 0 || reason.length > CLOSE_REASON_MAX)
    return err("ADMIN.CLOSE_REASON_REQUIRED", { max: CLOSE_REASON_MAX });
  return ok({ month: input.month, reason });
}

// ---------------------------------------------------------------------------------------------
// Jobs and the outbox (what `jobs list` shows on a terminal), and failed messages sent again.

export interface AdminOverview {
  outbox: { queued: number; sending: number; failed: number };
  /** The latest failed messages, newest first. */
  failures: { id: number; channel: string; error: string; at: Date }[];
  /** The latest job runs, newest first (the scheduler's install row left out). */
  jobs: { job: string; period: string; state: string; at: Date; error: string | null }[];
}

export async function adminOverview(
  ctx: ServiceContext,
  opts: { failures?: number; jobs?: number } = {},
): Promise<AdminOverview> {
  const { db } = ctx;
  const [counts, failed, runs] = await Promise.all([
    db.outboundMessage.groupBy({
      by: ["state"],
      where: { state: { in: ["queued", "sending", "failed"] } },
      _count: { _all: true },
    }),
    db.outboundMessage.findMany({
      where: { state: "failed" },
      orderBy: { id: "desc" },
      take: opts.failures ?? 3,
      select: { id: true, channel: true, error: true, createdAt: true, sentAt: true },
    }),
    db.jobRun.findMany({
      where: { period: { not: "installed" } },
      orderBy: { startedAt: "desc" },
      take: opts.jobs ?? 5,
    }),
  ]);
  const count = (s: string) => counts.find((c) => c.state === s)?._count._all ?? 0;
  return {
    outbox: { queued: count("queued"), sending: count("sending"), failed: count("failed") },
    failures: failed.map((f) => ({
      id: f.id,
      channel: f.channel,
      error: firstLine(f.error ?? ""),
      at: f.createdAt,
    })),
    jobs: runs.map((r) => ({
      job: r.job,
      period: r.period,
      state: r.state,
      at: r.finishedAt ?? r.startedAt,
      error: r.error ? firstLine(r.error) : null,
    })),
  };
}

const firstLine = (s: string) => s.split("\n")[0]!.slice(0, 300);

/**
 * Failed messages back to the queue (after the cause is fixed, e.g. the bot invited to the channel),
 * logged. The caller wakes the outbox. Code: ADMIN.NOT_ALLOWED.
 */
export async function retryFailedMessages(
  ctx: ServiceContext,
  actor: string,
): Promise<Result<{ count: number }>> {
  const role = await requireAdmin(ctx, actor);
  if (!role.ok) return role;
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const n = await tx.outboundMessage.updateMany({
      where: { state: "failed" },
      data: { state: "queued", attempts: 0, nextAt: null, claimedAt: null },
    });
    if (n.count > 0)
      await audit(
        tx,
        now,
        actor,
        "outbox.retry",
        "OutboundMessage",
        "failed",
        { failed: n.count },
        { queued: n.count },
      );
    return ok({ count: n.count });
  });
}
