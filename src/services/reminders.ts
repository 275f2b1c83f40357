// Approval reminders (RULES.md §3): a step pending more than `remindAfterWorkingDays` working days
// reminds its approver once; after as many working days more it goes to inspection (督办), or, for a
// step inspection itself holds, to the deputy director. Each step is reminded and escalated at most
// once: the remindedAt/escalatedAt stamps are set by a conditional update, so two bot instances or a
// re-run never remind twice.
// Cover reminders (RULES.md §3 五, "a leader who has named nobody is reminded before the absence
// starts"): a pending or approved request of window staff with no cover, starting today or by the next
// working day, reminds the requester's window leader once (Request.coverRemindedAt, stamped the same way).
import type { Db, Prisma } from "../db/client.ts";
import type { WorkCalendar } from "../domain/calendar.ts";
import { addDays, shanghaiDate, shanghaiInstant, shanghaiTime } from "../domain/dates.ts";
import type { RequestRow, StepRow } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import { coverLeaderOf } from "./cover.ts";
import { inspectionMembers } from "./org.ts";

/**
 * Runs `queue` for every inspection member inside one transaction (the daily 备案 summary): the messages
 * are queued for all of them or for none, and a re-run after a crash queues them whole.
 */
export async function queueToInspection(
  db: Db,
  queue: (tx: Prisma.TransactionClient, to: string) => Promise<void>,
): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const to of await inspectionMembers(tx)) await queue(tx, to);
  });
}

/** The instant `n` working days after `at` (from the next working day's start when `at` is a day off). */
export function afterWorkingDays(calendar: WorkCalendar, at: Date, n: number): Date {
  const date = shanghaiDate(at);
  if (calendar.isWorkingDay(date)) {
    const [hh, mm] = shanghaiTime(at).split(":").map(Number) as [number, number];
    return shanghaiInstant(calendar.addWorkingDays(date, n), hh, mm);
  }
  return shanghaiInstant(calendar.addWorkingDays(calendar.nextWorkingDay(date), n));
}

export interface DueReminder {
  kind: "remind" | "escalate";
  step: StepRow;
  request: RequestRow;
  /** Who is told. */
  to: string[];
  /** Working days waited (the threshold crossed). */
  days: number;
}

/**
 * Finds and stamps the reminders due at `now`; `publish` queues their messages inside the same
 * transaction as the stamp. Steps of requests in years the calendar lacks are skipped.
 */
export async function sendDueReminders(
  ctx: ServiceContext,
  publish: (tx: Prisma.TransactionClient, r: DueReminder) => Promise<void>,
): Promise<DueReminder[]> {
  const { db, calendar } = ctx;
  const now = ctx.clock.now();
  const n = ctx.settings.operations.jobs.remindAfterWorkingDays;
  const steps = await db.approvalStep.findMany({
    where: { state: "pending", escalatedAt: null, activatedAt: { not: null }, request: { state: "pending" } },
    include: { request: true },
    orderBy: { id: "asc" },
  });
  const inspectors = await inspectionMembers(db);
  const center = await db.center.findUnique({ where: { id: 1 } });
  const done: DueReminder[] = [];
  for (const s of steps) {
    const { request, ...step } = s;
    let due: DueReminder | null = null;
    try {
      if (!step.remindedAt) {
        if (now >= afterWorkingDays(calendar, step.activatedAt!, n)) {
          // Inspection and outside steps have no single assignee: every inspection member is told.
          const to =
            step.assigneeId && step.approver !== "inspection" && !step.outside
              ? [step.assigneeId]
              : inspectors;
          due = { kind: "remind", step, request, to, days: n };
        }
      } else if (now >= afterWorkingDays(calendar, step.remindedAt, n)) {
        const to =
          step.approver === "inspection" || step.outside ? [center?.deputyDirectorId ?? ""] : inspectors;
        due = { kind: "escalate", step, request, to: to.filter(Boolean), days: 2 * n };
      }
    } catch {
      continue; // a year the calendar does not cover: the scheduler reports it once
    }
    if (!due) continue;
    const stamped = await db.$transaction(async (tx) => {
      const field = due.kind === "remind" ? { remindedAt: null } : { escalatedAt: null };
      const data = due.kind === "remind" ? { remindedAt: now } : { escalatedAt: now };
      const c = await tx.approvalStep.updateMany({
        where: { id: step.id, state: "pending", ...field },
        data,
      });
      if (c.count !== 1) return false;
      await publish(tx, due);
      return true;
    });
    if (stamped) done.push(due);
  }
  return done;
}

export interface DueCoverReminder {
  request: RequestRow;
  /** The requester's window leader, who is told. */
  leaderId: string;
  requesterName: string;
  windowName: string;
  /** When the absence starts, seen from now: today, tomorrow, or later (after a weekend or holiday). */
  starts: "today" | "tomorrow" | "later";
}

/**
 * Finds and stamps the cover reminders due at `now`: requests of window staff, pending or approved,
 * with no cover, starting from today up to the next working day (a weekend or holiday start in between
 * is reminded on the last working day before it). `publish` queues the message inside the stamping
 * transaction; a request is reminded once, even if its leader names nobody after.
 */
export async function sendDueCoverReminders(
  ctx: ServiceContext,
  publish: (tx: Prisma.TransactionClient, r: DueCoverReminder) => Promise<void>,
): Promise<DueCoverReminder[]> {
  const { db, calendar } = ctx;
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  let horizon: string;
  try {
    horizon = calendar.nextWorkingDay(today);
  } catch {
    // Next year's schedule not loaded (late December): tomorrow is the safe guess, never too late.
    horizon = addDays(today, 1);
  }
  const requests = await db.request.findMany({
    where: {
      state: { in: ["pending", "approved"] },
      coverId: null,
      coverRemindedAt: null,
      startDate: { gte: today, lte: horizon },
    },
    orderBy: { id: "asc" },
  });
  const done: DueCoverReminder[] = [];
  for (const request of requests) {
    const person = await db.person.findUnique({
      where: { id: request.requesterId },
      include: { window: true },
    });
    // Staff of a window only: a window leader arranges their own absence (§3 五).
    if (person?.role !== "staff") continue;
    const leaderId = await coverLeaderOf(db, request);
    if (!leaderId) continue;
    const due: DueCoverReminder = {
      request,
      leaderId,
      requesterName: person.name,
      windowName: person.window?.name ?? "",
      starts:
        request.startDate === today
          ? "today"
          : request.startDate === addDays(today, 1)
            ? "tomorrow"
            : "later",
    };
    const stamped = await db.$transaction(async (tx) => {
      const c = await tx.request.updateMany({
        where: { id: request.id, coverId: null, coverRemindedAt: null },
        data: { coverRemindedAt: now },
      });
      if (c.count !== 1) return false;
      await publish(tx, due);
      return true;
    });
    if (stamped) done.push(due);
  }
  return done;
}
