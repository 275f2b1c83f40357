// Approval reminders (RULES.md §3): a step pending more than `remindAfterWorkingDays` working days
// reminds its approver once; after as many working days more it goes to inspection (督办), or, for a
// step inspection itself holds, to the deputy director. Each step is reminded and escalated at most
// once: the remindedAt/escalatedAt stamps are set by a conditional update, so two bot instances or a
// re-run never remind twice.
import type { Prisma } from "../db/client.ts";
import type { WorkCalendar } from "../domain/calendar.ts";
import { shanghaiDate, shanghaiInstant, shanghaiTime } from "../domain/dates.ts";
import { inspectionMembers, type RequestRow, type StepRow } from "./approvals.ts";
import { operationsSettings } from "./closeSettings.ts";
import type { ServiceContext } from "./context.ts";

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
  const n = operationsSettings(ctx.settings).jobs.remindAfterWorkingDays;
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
