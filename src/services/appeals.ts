// Appeals (申诉, RULES.md §8a): a person contests a deduction within `operations.notices.appealWorkingDays`
// working days of its private notice (the DM queued in the filing's transaction, so Record.filedAt),
// with a reason. The reviewer is the deputy director, or the director when the deputy filed the record,
// is its target or appeals it. The reviewer upholds (the record stays) or revokes it with a note (the
// revoke of src/services/records.ts, in the decision's transaction); the appellant and the filer are
// told (the notify port). Until decided the record is "under appeal" and still counts.
// Decisions where RULES.md leaves room:
// - A window record is appealed by the window's leader (the window has no voice of its own; the leader
//   receives its notices).
// - One appeal per record (Appeal.recordId is unique): a decided appeal is final, a second click files
//   nothing. Only deductions, only active records (not proposed, revoked or dismissed).
// - The director may decide any appeal (the head of the center; the reminders escalate to them).
// - A revoke of a record in a closed month is a correction of a closed month, which only the director's
//   reopen allows (§4(4), §8a "as any correction"): the decision is refused with APPEALS.MONTH_CLOSED
//   and the director is asked to reopen it (the edge queues the ask with the Reopen button); once
//   reopened, the reviewer revokes and the month's re-close sends the corrected notices. The revoke is
//   not applied behind the director's back, and a month is never reopened by anyone else.
import type { Db, Prisma } from "../db/client.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { catalogItem } from "../domain/catalog.ts";
import { addDays, shanghaiDate, shanghaiInstant } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { cleanText } from "../domain/text.ts";
import type { ServiceContext } from "./context.ts";
import { questionDeadline } from "./noticeQuestions.ts";
import type { Notify } from "./notify.ts";
import { hasCenterRole } from "./org.ts";
import { centerRow } from "./orgLookups.ts";
import {
  isMonthClosed,
  MAX_NOTE_LENGTH,
  type RecordRow,
  type RevokeOutcome,
  revokeOnAppeal,
} from "./records.ts";
import { afterWorkingDays } from "./reminders.ts";

type Tx = Db | Prisma.TransactionClient;
export type AppealRow = Prisma.AppealModel;

/** Longest appeal reason or decision note (it travels in a DM, like a record's note). */
export const MAX_APPEAL_TEXT = MAX_NOTE_LENGTH;

export type AppealErrorCode =
  | "APPEALS.RECORD_NOT_FOUND"
  | "APPEALS.NOT_DEDUCTION"
  | "APPEALS.NOT_ACTIVE"
  | "APPEALS.NOT_TARGET"
  | "APPEALS.PAST_DEADLINE"
  | "APPEALS.ALREADY_APPEALED"
  | "APPEALS.REASON_REQUIRED"
  | "APPEALS.TOO_LONG"
  | "APPEALS.NO_CENTER"
  | "APPEALS.NOT_FOUND"
  | "APPEALS.NOT_REVIEWER"
  | "APPEALS.ALREADY_DECIDED"
  | "APPEALS.NOTE_REQUIRED"
  | "APPEALS.MONTH_CLOSED";

export interface AppealOutcome {
  appeal: AppealRow;
  record: RecordRow;
}

export interface DecisionOutcome extends AppealOutcome {
  decision: "uphold" | "revoke";
  /** The revoke's outcome (the record and the records filed with it), for "revoke". */
  revoked?: RevokeOutcome;
}

class Refused extends Error {
  constructor(readonly result: Result<never>) {
    super("refused");
  }
}

/** The person who may appeal a record: its person, or for a window record the window's leader. */
export async function appellantOf(db: Tx, record: RecordRow): Promise<string | null> {
  if (record.personId) return record.personId;
  if (!record.windowId) return null;
  const w = await db.window.findUnique({ where: { id: record.windowId }, select: { leaderId: true } });
  return w?.leaderId ?? null;
}

/**
 * The last day (inclusive, Shanghai) to appeal a record and the instant it ends: N working days after
 * the day of its private notice (sent with the filing), on the work calendar (a year it lacks counts
 * Monday to Friday, as the monthly notice's question window does).
 */
export function appealDeadline(
  ctx: Pick<ServiceContext, "calendar" | "settings">,
  filedAt: Date,
): { day: string; endsAt: Date } {
  const day = questionDeadline(
    ctx.calendar,
    ctx.settings.operations.notices.appealWorkingDays,
    shanghaiDate(filedAt),
  );
  return { day, endsAt: shanghaiInstant(addDays(day, 1)) };
}

/** The reviewer (§8a): the deputy director, or the director when the deputy filed it, is its target or appeals. */
export function reviewerFor(
  center: { directorId: string; deputyDirectorId: string },
  record: RecordRow,
  appellant: string,
): string {
  const deputy = center.deputyDirectorId;
  const conflicted =
    !deputy || record.filedBy === deputy || record.personId === deputy || appellant === deputy;
  return conflicted ? center.directorId : deputy;
}

function cleaned(text: string): string {
  return cleanText(text).trim();
}

/**
 * Whether `actor` may appeal the record now (what fileAppeal checks before writing; the Appeal button
 * asks it before opening the modal). Codes as fileAppeal's.
 */
export async function appealable(
  ctx: ServiceContext,
  actor: string,
  recordId: number,
  tx: Tx = ctx.db,
): Promise<Result<{ record: RecordRow; appellant: string; deadline: { day: string; endsAt: Date } }>> {
  const record = await tx.record.findUnique({ where: { id: recordId } });
  if (!record) return err("APPEALS.RECORD_NOT_FOUND", { id: recordId });
  const appellant = await appellantOf(tx, record);
  if (!appellant || appellant !== actor) return err("APPEALS.NOT_TARGET", { id: record.id });
  if (catalogItem(record.code)?.sign !== "deduction") return err("APPEALS.NOT_DEDUCTION", { id: record.id });
  const existing = await tx.appeal.findUnique({ where: { recordId: record.id } });
  if (existing) return err("APPEALS.ALREADY_APPEALED", { id: record.id, state: existing.state });
  if (record.state !== "active") return err("APPEALS.NOT_ACTIVE", { id: record.id, state: record.state });
  const deadline = appealDeadline(ctx, record.filedAt);
  if (ctx.clock.now() >= deadline.endsAt)
    return err("APPEALS.PAST_DEADLINE", { id: record.id, deadline: deadline.day });
  return ok({ record, appellant, deadline });
}

/**
 * Files an appeal against a record. Codes: APPEALS.RECORD_NOT_FOUND {id}, APPEALS.NOT_DEDUCTION {id},
 * APPEALS.NOT_ACTIVE {id, state}, APPEALS.NOT_TARGET {id}, APPEALS.PAST_DEADLINE {id, deadline},
 * APPEALS.ALREADY_APPEALED {id, state}, APPEALS.REASON_REQUIRED, APPEALS.TOO_LONG {max}, APPEALS.NO_CENTER.
 */
export async function fileAppeal(
  ctx: ServiceContext,
  input: { actor: string; recordId: number; reason: string },
  notify?: Notify<AppealOutcome>,
): Promise<Result<AppealOutcome>> {
  const reason = cleaned(input.reason);
  if (!reason) return err("APPEALS.REASON_REQUIRED");
  if (reason.length > MAX_APPEAL_TEXT) return err("APPEALS.TOO_LONG", { max: MAX_APPEAL_TEXT });
  const now = ctx.clock.now();
  try {
    return await ctx.db.$transaction(async (tx) => {
      const checked = await appealable(ctx, input.actor, input.recordId, tx);
      if (!checked.ok) throw new Refused(checked);
      const { record, appellant, deadline } = checked.value;
      const center = await centerRow(tx);
      if (!center) throw new Refused(err("APPEALS.NO_CENTER"));
      let appeal: AppealRow;
      try {
        appeal = await tx.appeal.create({
          data: {
            recordId: record.id,
            month: record.month,
            appellantId: appellant,
            reason,
            filedAt: now,
            deadline: deadline.endsAt,
            reviewerId: reviewerFor(center, record, appellant),
          },
        });
      } catch (e) {
        // Two clicks at once: the unique key keeps one.
        if (isUniqueViolation(e))
          throw new Refused(err("APPEALS.ALREADY_APPEALED", { id: record.id, state: "open" }));
        throw e;
      }
      await tx.auditLog.create({
        data: {
          at: now,
          actorId: input.actor,
          action: "appeal.file",
          entity: "Appeal",
          entityId: String(appeal.id),
          after: JSON.stringify(appeal),
          note: `record #${record.id}`,
        },
      });
      const outcome = { appeal, record };
      await notify?.(tx, outcome);
      return ok(outcome);
    });
  } catch (e) {
    if (e instanceof Refused) return e.result as Result<never>;
    throw e;
  }
}

/** May `actor` decide `appeal`: its reviewer, or the director. */
async function mayDecide(tx: Tx, appeal: AppealRow, actor: string): Promise<boolean> {
  if (appeal.reviewerId === actor) return true;
  const center = await centerRow(tx);
  return center?.directorId === actor || (await hasCenterRole(tx, actor, "director"));
}

/**
 * Decides an open appeal: "uphold" (the record stays) or "revoke" (revoked through records.ts with the
 * note). Codes: APPEALS.NOT_FOUND {id}, APPEALS.NOT_REVIEWER {id, reviewer}, APPEALS.ALREADY_DECIDED
 * {id, state}, APPEALS.NOTE_REQUIRED, APPEALS.TOO_LONG {max}, APPEALS.MONTH_CLOSED {id, month} (a revoke
 * in a closed month: the director reopens it first), and the revoke's RECORDS.* codes.
 */
export async function decideAppeal(
  ctx: ServiceContext,
  input: { actor: string; appealId: number; decision: "uphold" | "revoke"; note: string },
  notify?: Notify<DecisionOutcome>,
): Promise<Result<DecisionOutcome>> {
  const note = cleaned(input.note);
  if (!note) return err("APPEALS.NOTE_REQUIRED");
  if (note.length > MAX_APPEAL_TEXT) return err("APPEALS.TOO_LONG", { max: MAX_APPEAL_TEXT });
  const now = ctx.clock.now();
  try {
    return await ctx.db.$transaction(async (tx) => {
      const appeal = await tx.appeal.findUnique({ where: { id: input.appealId } });
      if (!appeal) throw new Refused(err("APPEALS.NOT_FOUND", { id: input.appealId }));
      if (!(await mayDecide(tx, appeal, input.actor)))
        throw new Refused(err("APPEALS.NOT_REVIEWER", { id: appeal.id, reviewer: appeal.reviewerId }));
      if (appeal.state !== "open")
        throw new Refused(err("APPEALS.ALREADY_DECIDED", { id: appeal.id, state: appeal.state }));
      const state = input.decision === "uphold" ? "upheld" : "revoked";
      let revoked: RevokeOutcome | undefined;
      if (input.decision === "revoke") {
        if (await isMonthClosed(tx, appeal.month))
          throw new Refused(err("APPEALS.MONTH_CLOSED", { id: appeal.id, month: appeal.month }));
        const r = await revokeOnAppeal(ctx, tx, {
          actor: input.actor,
          id: appeal.recordId,
          reason: `申诉 #${appeal.id}: ${note}`.slice(0, MAX_NOTE_LENGTH),
        });
        if (!r.ok) throw new Refused(r as Result<never>);
        revoked = r.value;
      }
      // Conditional: of two decisions at once, one wins.
      const c = await tx.appeal.updateMany({
        where: { id: appeal.id, state: "open" },
        data: { state, decidedBy: input.actor, decidedAt: now, note },
      });
      if (c.count !== 1)
        throw new Refused(err("APPEALS.ALREADY_DECIDED", { id: appeal.id, state: "decided" }));
      await tx.auditLog.create({
        data: {
          at: now,
          actorId: input.actor,
          action: `appeal.${input.decision}`,
          entity: "Appeal",
          entityId: String(appeal.id),
          before: JSON.stringify({ state: "open" }),
          after: JSON.stringify({ state, decidedBy: input.actor }),
          note,
        },
      });
      const row = (await tx.appeal.findUnique({ where: { id: appeal.id } }))!;
      const record = (await tx.record.findUnique({ where: { id: appeal.recordId } }))!;
      const outcome: DecisionOutcome = {
        appeal: row,
        record,
        decision: input.decision,
        ...(revoked ? { revoked } : {}),
      };
      await notify?.(tx, outcome);
      return ok(outcome);
    });
  } catch (e) {
    if (e instanceof Refused) return e.result as Result<never>;
    throw e;
  }
}

export async function getAppeal(db: Tx, id: number): Promise<AppealOutcome | null> {
  const appeal = await db.appeal.findUnique({ where: { id } });
  if (!appeal) return null;
  const record = await db.record.findUnique({ where: { id: appeal.recordId } });
  return record ? { appeal, record } : null;
}

/** Ids of records under appeal (open appeals), among `recordIds` or all. */
export async function recordsUnderAppeal(db: Tx, recordIds?: readonly number[]): Promise<Set<number>> {
  const rows = await db.appeal.findMany({
    where: { state: "open", ...(recordIds ? { recordId: { in: [...recordIds] } } : {}) },
    select: { recordId: true },
  });
  return new Set(rows.map((r) => r.recordId));
}

/** Appeals of a month, oldest first (`state` to pick the open ones). */
export async function appealsOfMonth(db: Tx, month: string, state?: "open"): Promise<AppealRow[]> {
  return db.appeal.findMany({ where: { month, ...(state ? { state } : {}) }, orderBy: { id: "asc" } });
}

/** Open appeals (the CLI's `appeal list`), oldest first. */
export async function openAppeals(db: Tx): Promise<AppealRow[]> {
  return db.appeal.findMany({ where: { state: "open" }, orderBy: { id: "asc" } });
}

/** A month's appeal counts for its workbook's summary sheet. */
export async function appealStats(
  db: Tx,
  month: string,
): Promise<{ filed: number; upheld: number; revoked: number; open: number }> {
  const rows = await db.appeal.groupBy({ by: ["state"], where: { month }, _count: { _all: true } });
  const n = (s: string) => rows.find((r) => r.state === s)?._count._all ?? 0;
  return {
    filed: rows.reduce((a, r) => a + r._count._all, 0),
    upheld: n("upheld"),
    revoked: n("revoked"),
    open: n("open"),
  };
}

/**
 * When a month's appeals can no longer be filed: the appeal deadline of its last-filed deduction (the
 * monthly close waits for it, §8a). Null when the month has no active deduction.
 */
export async function monthAppealWindowEnds(
  ctx: Pick<ServiceContext, "db" | "calendar" | "settings">,
  month: string,
): Promise<Date | null> {
  const last = await ctx.db.record.findFirst({
    where: { month, state: "active" },
    orderBy: { filedAt: "desc" },
    select: { filedAt: true },
  });
  return last ? appealDeadline(ctx, last.filedAt).endsAt : null;
}

export interface DueAppealReminder {
  kind: "remind" | "escalate";
  appeal: AppealRow;
  to: string[];
  days: number;
}

/**
 * Reminds the reviewer of an open appeal after `remindAfterWorkingDays` working days, then (as many
 * again) the director — like approval steps (src/services/reminders.ts), each once: stamped by a
 * conditional update in the transaction that queues the message.
 */
export async function sendDueAppealReminders(
  ctx: ServiceContext,
  publish: (tx: Prisma.TransactionClient, r: DueAppealReminder) => Promise<void>,
): Promise<DueAppealReminder[]> {
  const now = ctx.clock.now();
  const n = ctx.settings.operations.jobs.remindAfterWorkingDays;
  const open = await ctx.db.appeal.findMany({
    where: { state: "open", escalatedAt: null },
    orderBy: { id: "asc" },
  });
  const center = await centerRow(ctx.db);
  const done: DueAppealReminder[] = [];
  for (const appeal of open) {
    let due: DueAppealReminder | null = null;
    try {
      if (!appeal.remindedAt) {
        if (now >= afterWorkingDays(ctx.calendar, appeal.filedAt, n))
          due = { kind: "remind", appeal, to: [appeal.reviewerId], days: n };
      } else if (now >= afterWorkingDays(ctx.calendar, appeal.remindedAt, n)) {
        const director = center?.directorId ?? "";
        // The director as reviewer has nobody above: reminded again instead.
        due = { kind: "escalate", appeal, to: [director].filter(Boolean), days: 2 * n };
      }
    } catch {
      continue; // a year the calendar does not cover
    }
    if (!due) continue;
    const stamped = await ctx.db.$transaction(async (tx) => {
      const where = due.kind === "remind" ? { remindedAt: null } : { escalatedAt: null };
      const data = due.kind === "remind" ? { remindedAt: now } : { escalatedAt: now };
      const c = await tx.appeal.updateMany({ where: { id: appeal.id, state: "open", ...where }, data });
      if (c.count !== 1) return false;
      await publish(tx, due);
      return true;
    });
    if (stamped) done.push(due);
  }
  return done;
}

export interface AppealableRecord {
  record: RecordRow;
  underAppeal: boolean;
  /** Within the appeal period and never appealed. */
  canAppeal: boolean;
}

/**
 * A person's active deductions of `month` they may appeal or have under appeal (their own records, and
 * their window's for its leader): what /score and App Home list with the Appeal button.
 */
export async function appealableRecords(
  ctx: ServiceContext,
  personId: string,
  month: string,
): Promise<AppealableRecord[]> {
  const led = await ctx.db.window.findMany({ where: { leaderId: personId }, select: { id: true } });
  const records = await ctx.db.record.findMany({
    where: {
      month,
      state: "active",
      OR: [{ personId }, ...(led.length > 0 ? [{ windowId: { in: led.map((w) => w.id) } }] : [])],
    },
    orderBy: { id: "asc" },
  });
  const deductions = records.filter((r) => catalogItem(r.code)?.sign === "deduction");
  const appeals = await ctx.db.appeal.findMany({
    where: { recordId: { in: deductions.map((r) => r.id) } },
    select: { recordId: true, state: true },
  });
  const byRecord = new Map(appeals.map((a) => [a.recordId, a.state]));
  const now = ctx.clock.now();
  return deductions.map((record) => ({
    record,
    underAppeal: byRecord.get(record.id) === "open",
    canAppeal: !byRecord.has(record.id) && now < appealDeadline(ctx, record.filedAt).endsAt,
  }));
}
