// The scheduler: node-cron ticks every hour on the hour in Asia/Shanghai (whatever the server's time
// zone), and at start-up. Each tick decides from the Clock alone what is due and runs every due period
// that has no finished JobRun, so a job missed while the bot was down runs when it comes back:
//   - monthly close of month M: from 09:00 (runHour) on the first working day of M+1 on the calendar;
//   - quarterly close: once the quarter's months are closed and every center evaluation is entered
//     (otherwise the director and inspection are reminded once a day and the quarter stays pending);
//   - year close: once Q4 is closed and the year's evaluations are entered;
//   - weekly digest: 09:00 on the first working day of the week (Monday unless it is a holiday);
//   - 备案 summary: at runHour each working day, the filings since the previous working day's summary
//     to every inspection member (filing needs no decision, §3: one message a day, not one a filing);
//   - approval reminders and cover reminders (a staff absence starting by the next working day with
//     nobody named to cover, RULES.md §3 五): every tick on working days within working hours;
//   - W-AB proposals (AB岗, RULES.md §8): every tick, an absence whose first working half day has started
//     (08:30 / 14:00) with nobody covering goes to inspection once (services/abCover.ts);
//   - window leaders' meeting reminders (RULES.md §8): the day before a meeting, from runHour, any day;
//   - locale sync (users.list, src/services/locales.ts): daily from localeSyncHour (06:00), and on the
//     first tick after an org import; it runs first, so a close on the same tick already has the locales.
// Tests call `tick` with a fixed clock: the same path the cron takes.

import { randomUUID } from "node:crypto";
import os from "node:os";
import type { WebClient } from "@slack/web-api";
import cron from "node-cron";
import type { Db } from "../db/client.ts";
import { insertDoneJobRun, jobRunOutput, jobRunState } from "../db/jobRuns.ts";
import type { WorkCalendar } from "../domain/calendar.ts";
import {
  addDays,
  addMonths,
  CENTER_TZ,
  monthOf,
  monthsOfQuarter,
  quarterOf,
  shanghaiDate,
  shanghaiInstant,
  shanghaiTime,
  yearOf,
} from "../domain/dates.ts";
import { proposeUncoveredStarts } from "../services/abCover.ts";
import { monthAppealWindowEnds } from "../services/appeals.ts";
import { latestAuditId } from "../services/auditLog.ts";
import { loadWorkCalendar } from "../services/calendar.ts";
import { quarterResultFromDb } from "../services/closeQuarter.ts";
import { yearResultFromDb } from "../services/closeYear.ts";
import type { ServiceContext } from "../services/context.ts";
import { buildDigest, mondayOf } from "../services/digest.ts";
import {
  type LocaleSyncOptions,
  storedLocale,
  syncLocales,
  type UserDirectory,
} from "../services/locales.ts";
import { isClosed } from "../services/monthScores.ts";
import { periodRow } from "../services/monthStates.ts";
import { inspectionMembers } from "../services/org.ts";
import { centerExists, centerRow, personNames } from "../services/orgLookups.ts";
import { queueToInspection, sendDueCoverReminders, sendDueReminders } from "../services/reminders.ts";
import { filedBetween } from "../services/requestQueries.ts";
import { abProposalNotices } from "../slack/abFlow.ts";
import { queueAppealReminders } from "../slack/appealFlow.ts";
import { type FiledItem, filingSummaryMessage } from "../slack/blocks/approvals.ts";
import { coverReminderMessage } from "../slack/blocks/cover.ts";
import { digestMessage, reminderMessage } from "../slack/blocks/digest.ts";
import { langOf, t } from "../slack/i18n/index.ts";
import { queueMeetingReminders } from "../slack/meetingFlow.ts";
import { langIn, requesterLabel } from "../slack/requestFlow.ts";
import { userDirectoryOf } from "../slack/userDirectory.ts";
import { DEFAULT_EXPORT_DIR, remindEvaluations, runQuarterClose, runYearClose } from "./closeFlow.ts";
import { closeMonthJob } from "./closeWorker.ts";
import { createOutboxSender, enqueue, type OutboxSender } from "./outbox.ts";
import { jobDone, type RunnerOptions, runOnce } from "./runner.ts";

export const JOB = {
  closeMonth: "close-month",
  closeQuarter: "close-quarter",
  closeYear: "close-year",
  digest: "digest",
  filingSummary: "filing-summary",
  localeSync: "locale-sync",
  install: "scheduler",
} as const;

export interface SchedulerDeps {
  ctx: ServiceContext;
  /** This instance, in JobRun.owner. */
  owner: string;
  exportDir?: string;
  runner?: RunnerOptions;
  log?: (line: string) => void;
  /** Called after a tick queued messages (the outbox sender drains them). */
  onQueued?: () => void;
  /** Slack's users.list: when given, the tick runs the locale sync (startScheduler gives the bot's). */
  directory?: UserDirectory;
  localeSync?: LocaleSyncOptions;
}

export interface TickReport {
  today: string;
  ran: { job: string; period: string; status: string; detail?: string }[];
  waiting: { job: string; period: string; reason: string }[];
  reminders: number;
  /** Window leaders reminded to name a cover (one per request). */
  coverReminders: number;
  /** Window leaders' meetings whose day-before reminder went out (RULES.md §8). */
  meetingReminders: number;
  /** W-AB proposed to inspection this tick: absences that started with nobody covering (AB岗, §8). */
  abProposals?: number;
  /** Appeal reviewers reminded, or the director (RULES.md §8a). */
  appealReminders?: number;
}

export const SYSTEM_ACTOR = "scheduler";

/**
 * When the scheduler first ran (the install row, written once): periods before it were never the
 * bot's to close or digest. The first month closed is the `since` setting, else the install month.
 */
export async function schedulerInstall(ctx: ServiceContext): Promise<{ since: string; date: string }> {
  const now = ctx.clock.now();
  const date = shanghaiDate(now);
  await recordSchedulerInstall(ctx.db, now);
  return (await installedSince(ctx)) ?? { since: monthOf(date), date };
}

/** The install row as the scheduler's first tick at `now` writes it: once (a second instance or a later tick finds it there). */
export async function recordSchedulerInstall(db: Db, now: Date): Promise<void> {
  const date = shanghaiDate(now);
  await insertDoneJobRun(db, {
    job: JOB.install,
    period: "installed",
    owner: "scheduler",
    output: JSON.stringify({ month: monthOf(date), date }),
    at: now,
  });
}

/**
 * What schedulerInstall answers, without installing: null before the scheduler's first tick (the App
 * Home's close offers the months from `since` on, src/slack/adminFlow.ts).
 */
export async function installedSince(ctx: ServiceContext): Promise<{ since: string; date: string } | null> {
  const row = await jobRunOutput(ctx.db, JOB.install, "installed");
  if (!row) return null;
  const stored = JSON.parse(row.output ?? "{}") as { month?: string; date?: string };
  const installed = stored.date ?? shanghaiDate(row.startedAt);
  return {
    since: ctx.settings.operations.jobs.since ?? stored.month ?? monthOf(installed),
    date: installed,
  };
}

/** The context with a calendar that covers `year` if the database now has it (a `calendar import` since start-up). */
async function withCalendarFor(ctx: ServiceContext, years: readonly number[]): Promise<ServiceContext> {
  if (years.every((y) => ctx.calendar.coversYear(y))) return ctx;
  const fresh: WorkCalendar = await loadWorkCalendar(ctx.db);
  return { ...ctx, calendar: fresh };
}

async function notifyCalendarMissing(
  ctx: ServiceContext,
  year: number,
  what: string,
  today: string,
): Promise<void> {
  const center = await centerRow(ctx.db);
  const to = [
    ...new Set([center?.directorId, ...(await inspectionMembers(ctx.db))].filter((x): x is string => !!x)),
  ];
  for (const u of to) {
    const text = t(langOf(await storedLocale(ctx.db, u)), "remind.calendar_missing", { year, what });
    await enqueue(ctx.db, { key: `calendar-missing:${year}:${today}:${u}`, channel: u, text });
  }
}

/** One scheduling pass at ctx.clock.now(). */
export async function tick(deps: SchedulerDeps): Promise<TickReport> {
  const now = deps.ctx.clock.now();
  const today = shanghaiDate(now);
  const hhmm = shanghaiTime(now);
  const thisYear = yearOf(today);
  const ctx = await withCalendarFor(deps.ctx, [thisYear]);
  const ops = ctx.settings.operations.jobs;
  const report: TickReport = {
    today,
    ran: [],
    waiting: [],
    reminders: 0,
    coverReminders: 0,
    meetingReminders: 0,
  };
  const log = deps.log ?? (() => {});
  const exportDir = deps.exportDir ?? DEFAULT_EXPORT_DIR;
  const run = async (job: string, period: string, fn: () => Promise<unknown>) => {
    const outcome = await runOnce(ctx, { job, period, owner: deps.owner }, async () => fn(), deps.runner);
    const entry = {
      job,
      period,
      status: outcome.status === "skipped" ? `skipped:${outcome.reason}` : outcome.status,
      ...(outcome.status === "failed" ? { detail: outcome.error } : {}),
    };
    report.ran.push(entry);
    log(`job ${job} ${period}: ${entry.status}${entry.detail ? ` (${entry.detail})` : ""}`);
    return outcome;
  };
  /** An expected failure of a close is thrown, so the run is recorded failed and retried next tick. */
  const orThrow = (r: { ok: boolean; code?: string; detail?: unknown; value?: unknown }) => {
    if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.detail ?? {})}`);
    return r.value;
  };
  const { since, date: installed } = await schedulerInstall(ctx);
  const calendarMissing = new Set<number>();

  // ---- locales from Slack, before anything that sends messages: a failure (Slack down, rate limit
  // past its bounds) is recorded and retried next tick, and never holds up the closes.
  if (deps.directory) {
    const period = await localeSyncDue(ctx, ops.localeSyncHour);
    if (period) {
      const directory = deps.directory;
      await run(JOB.localeSync, period, async () => {
        // The org import this sync already sees: no import-triggered sync is due for it.
        const importId = (await latestAuditId(ctx.db, "org.import")) ?? 0;
        return { ...(await syncLocales(ctx.db, directory, deps.localeSync)), importId };
      });
    }
  }

  // ---- monthly closes, oldest first; a month not yet due (or failing) stops the later ones.
  const currentMonth = monthOf(today);
  for (let m = since; m < currentMonth; m = addMonths(m, 1)) {
    if (await jobDone(ctx.db, JOB.closeMonth, m)) continue;
    const next = addMonths(m, 1);
    if (!ctx.calendar.coversYear(yearOf(next))) {
      calendarMissing.add(yearOf(next));
      report.waiting.push({
        job: JOB.closeMonth,
        period: m,
        reason: `CALENDAR.YEAR_NOT_LOADED ${yearOf(next)}`,
      });
      break;
    }
    let due = shanghaiInstant(ctx.calendar.firstWorkingDayOfMonth(next), ops.runHour);
    // A month closes only once the appeal period of its last deductions has passed (RULES.md §8a): at
    // the run hour of the day after that deadline, when it ends later than the usual close.
    const appealsEnd = await monthAppealWindowEnds(ctx, m);
    if (appealsEnd && appealsEnd > due) due = shanghaiInstant(shanghaiDate(appealsEnd), ops.runHour);
    if (now < due) {
      report.waiting.push({ job: JOB.closeMonth, period: m, reason: `due ${due.toISOString()}` });
      break;
    }
    const period = await periodRow(ctx.db, m);
    if (period?.state === "reopened") {
      // The director reopened it for a correction: closing it again is the administrator's step.
      report.waiting.push({ job: JOB.closeMonth, period: m, reason: "reopened" });
      continue;
    }
    const outcome = await run(JOB.closeMonth, m, async () => {
      const r = orThrow(
        // In a worker thread in the bot (ctx.closeWorker): Slack's acks never wait for a close.
        await closeMonthJob(ctx, m, { actor: SYSTEM_ACTOR, exportDir, allowAlreadyClosed: true }),
      );
      return (r as { kind: string }).kind;
    });
    if (outcome.status === "failed") break;
  }

  // ---- quarterly and yearly closes: due once their months / quarters are closed.
  const firstQuarter = quarterOf(since);
  const atRunTime = hhmm >= `${String(ops.runHour).padStart(2, "0")}:00`;
  const workingToday = ctx.calendar.coversYear(thisYear) && ctx.calendar.isWorkingDay(today);
  for (let m = monthsOfQuarter(firstQuarter)[2]; m < currentMonth; m = addMonths(m, 3)) {
    const q = quarterOf(m);
    if (!(await isClosed(ctx.db, m))) break; // its last month is not closed yet
    if (await jobDone(ctx.db, JOB.closeQuarter, q)) continue;
    if ((await periodRow(ctx.db, q))?.state === "reopened") continue;
    const { result, open } = await quarterResultFromDb(ctx, q);
    if (open.length > 0) {
      report.waiting.push({ job: JOB.closeQuarter, period: q, reason: `months open: ${open.join(",")}` });
      break;
    }
    if (result.pending) {
      report.waiting.push({ job: JOB.closeQuarter, period: q, reason: "evaluations missing" });
      if (workingToday && atRunTime) await remindEvaluations(ctx, q, result.missingEvaluations, today);
      break;
    }
    await run(JOB.closeQuarter, q, async () => {
      const r = orThrow(await runQuarterClose(ctx, q, { actor: SYSTEM_ACTOR, allowAlreadyClosed: true }));
      return (r as { kind: string }).kind;
    });
  }
  for (let y = yearOf(since); y < thisYear; y++) {
    const year = String(y);
    if (!(await isClosed(ctx.db, `${year}-Q4`))) break;
    if (await jobDone(ctx.db, JOB.closeYear, year)) continue;
    if ((await periodRow(ctx.db, year))?.state === "reopened") continue;
    const { result } = await yearResultFromDb(ctx, year);
    if (result.pending) {
      report.waiting.push({ job: JOB.closeYear, period: year, reason: "evaluations missing" });
      if (workingToday && atRunTime)
        await remindEvaluations(
          ctx,
          year,
          [...result.missingEvaluations.people, ...result.missingEvaluations.windows],
          today,
        );
      break;
    }
    await run(JOB.closeYear, year, async () => {
      const r = orThrow(await runYearClose(ctx, year, { actor: SYSTEM_ACTOR, allowAlreadyClosed: true }));
      return (r as { kind: string }).kind;
    });
  }

  // ---- weekly digest: this week only (a digest of a week long gone is noise), at the run hour of
  // the week's first working day (a Monday holiday moves it; a year the calendar lacks: Monday).
  const monday = mondayOf(today);
  const week = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i));
  const digestDay = week.every((d) => ctx.calendar.coversYear(yearOf(d)))
    ? (week.find((d) => ctx.calendar.isWorkingDay(d)) ?? null)
    : monday;
  if (
    digestDay &&
    digestDay >= installed &&
    now >= shanghaiInstant(digestDay, ops.runHour) &&
    !(await jobDone(ctx.db, JOB.digest, monday))
  ) {
    await run(JOB.digest, monday, async () => {
      const center = await centerRow(ctx.db);
      if (!center) throw new Error("CLOSE.NO_CENTER");
      const msg = digestMessage("zh", await buildDigest(ctx, monday));
      await enqueue(ctx.db, { key: `digest:${monday}`, channel: center.channelId, ...msg });
      return "queued";
    });
  }

  // ---- 备案 summaries: each working day's (from the run hour), a missed one when the bot is back.
  for (const day of filingSummaryDays(ctx, installed)) {
    if (await jobDone(ctx.db, JOB.filingSummary, day)) continue;
    await run(JOB.filingSummary, day, async () => ({ filings: await queueFilingSummary(ctx, day) }));
  }

  // ---- approval reminders, on working days within working hours.
  if (workingToday && hhmm >= ops.remindFrom && hhmm < ops.remindUntil) {
    report.reminders = await queueReminders(ctx);
    report.coverReminders = await queueCoverReminders(ctx);
    // Appeals wait for their reviewer like approval steps (RULES.md §8a).
    report.appealReminders = await queueAppealReminders(ctx);
  }

  // ---- AB岗 (RULES.md §8): every tick (hourly, so within the hour of 08:30 / 14:00), an absence whose
  // first working half day has started with nobody covering is proposed to inspection as W-AB, once.
  report.abProposals = (
    await proposeUncoveredStarts(ctx, { actor: SYSTEM_ACTOR, since: installed }, abProposalNotices)
  ).length;

  // ---- window leaders' meetings (例会制度, RULES.md §8): the reminder the day before, from the run hour,
  // any day (a Monday meeting is reminded on Sunday); each meeting once, caught up until it starts.
  report.meetingReminders = await queueMeetingReminders(ctx);

  // Once a day, from the run hour: the close waits for the year's official schedule.
  if (atRunTime)
    for (const year of calendarMissing) await notifyCalendarMissing(ctx, year, "月度结算", today);
  deps.onQueued?.();
  return report;
}

/**
 * The locale sync's period due now, if any: the day of the latest localeSyncHour at or before now (a
 * bot started at 03:00 catches up on yesterday's), else the latest org import if that day's sync did
 * not see it ("import-<audit id>"). Nothing before the organisation is imported.
 */
export async function localeSyncDue(ctx: ServiceContext, hour: number): Promise<string | null> {
  if (!(await centerExists(ctx.db))) return null;
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const day = now >= shanghaiInstant(today, hour) ? today : addDays(today, -1);
  const daily = await jobRunState(ctx.db, JOB.localeSync, day);
  if (daily?.state !== "done") return day;
  const lastImport = await latestAuditId(ctx.db, "org.import");
  const seen = (JSON.parse(daily.output ?? "{}") as { importId?: number }).importId ?? 0;
  if (lastImport === null || lastImport <= seen) return null;
  const period = `import-${lastImport}`;
  return (await jobDone(ctx.db, JOB.localeSync, period)) ? null : period;
}

/** A missed 备案 summary is caught up for this many days back, no further (older news is noise). */
const FILING_SUMMARY_CATCH_UP_DAYS = 14;

/** The previous working day before `day` (the calendar covers both years, or null). */
function previousWorkingDay(ctx: ServiceContext, day: string): string | null {
  for (let d = addDays(day, -1), n = 0; n < 60; d = addDays(d, -1), n++) {
    if (!ctx.calendar.coversYear(yearOf(d))) return null;
    if (ctx.calendar.isWorkingDay(d)) return d;
  }
  return null;
}

/**
 * Working days whose 备案 summary is due now (from the run hour), oldest first, since the scheduler
 * was installed and within the catch-up window. Days the calendar does not cover are left out.
 */
export function filingSummaryDays(ctx: ServiceContext, installed: string): string[] {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const days: string[] = [];
  for (let i = FILING_SUMMARY_CATCH_UP_DAYS; i >= 0; i--) {
    const day = addDays(today, -i);
    if (day < installed || !ctx.calendar.coversYear(yearOf(day)) || !ctx.calendar.isWorkingDay(day)) continue;
    if (now >= shanghaiInstant(day, ctx.settings.operations.jobs.runHour)) days.push(day);
  }
  return days;
}

/**
 * Queues working day `day`'s 备案 summary to every inspection member: the filings recorded from the
 * previous working day's start to this day's start (weekends and holidays between go with it), so
 * consecutive summaries cover every filing once. Returns how many filings it lists (none: no message).
 */
export async function queueFilingSummary(ctx: ServiceContext, day: string): Promise<number> {
  const from = previousWorkingDay(ctx, day) ?? addDays(day, -1);
  const filed = await filedBetween(ctx.db, shanghaiInstant(from), shanghaiInstant(day));
  if (filed.length === 0) return 0;
  const items: FiledItem[] = [];
  for (const f of filed) items.push({ ...f, requester: await requesterLabel(ctx.db, f.request) });
  await queueToInspection(ctx.db, async (tx, to) => {
    const msg = filingSummaryMessage(await langIn(tx, to), { from, to: addDays(day, -1), items });
    await enqueue(tx, { key: `filing-summary:${day}:${to}`, channel: to, ...msg });
  });
  return filed.length;
}

/** Stamps and queues the approval reminders due now (each step reminded and escalated once). */
export async function queueReminders(ctx: ServiceContext): Promise<number> {
  const names = await personNames(ctx.db);
  const done = await sendDueReminders(ctx, async (tx, r) => {
    for (const to of r.to) {
      const msg = reminderMessage(
        langOf(await storedLocale(tx, to)),
        r,
        names.get(r.request.requesterId) ?? r.request.requesterId,
      );
      await enqueue(tx, { key: `${r.kind}:step:${r.step.id}:${to}`, channel: to, ...msg });
    }
  });
  return done.length;
}

/** Stamps and queues the cover reminders due now: each request's window leader once (§3 五). */
export async function queueCoverReminders(ctx: ServiceContext): Promise<number> {
  const done = await sendDueCoverReminders(ctx, async (tx, r) => {
    const msg = coverReminderMessage(langOf(await storedLocale(tx, r.leaderId)), r);
    await enqueue(tx, { key: `cover:request:${r.request.id}:${r.leaderId}`, channel: r.leaderId, ...msg });
  });
  return done.length;
}

export interface SchedulerHandle {
  /** Runs one tick now (what the cron does); resolves with its report. */
  tickNow(): Promise<TickReport | null>;
  stop(): Promise<void>;
}

/**
 * Starts the hourly cron (Asia/Shanghai), a catch-up tick now, and the outbox sender.
 * The lead wires it in src/main.ts: `const scheduler = startScheduler(ctx, slack.app.client)`.
 */
export function startScheduler(
  ctx: ServiceContext,
  slackClient: WebClient,
  opts: {
    exportDir?: string;
    log?: (line: string) => void;
    pollMs?: number;
    sendIntervalMs?: number;
    /** The app's sender (one per process: SlackAppHandle.outbox); without it the scheduler makes its own. */
    sender?: OutboxSender;
  } = {},
): SchedulerHandle {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const sender =
    opts.sender ??
    createOutboxSender(ctx.db, slackClient, {
      minIntervalMs: opts.sendIntervalMs ?? ctx.settings.operations.jobs.sendIntervalMs,
      log,
    });
  const deps: SchedulerDeps = {
    ctx,
    owner,
    exportDir: opts.exportDir ?? DEFAULT_EXPORT_DIR,
    log,
    onQueued: () => sender.kick(),
    directory: userDirectoryOf(slackClient),
  };
  let running: Promise<TickReport | null> | null = null;
  const tickNow = (): Promise<TickReport | null> => {
    // A tick still running (a long close) is not overlapped; the next hour catches up.
    if (running) return running;
    running = tick(deps)
      .catch((e: unknown) => {
        log(`scheduler tick failed: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = cron.schedule("0 * * * *", () => void tickNow(), {
    timezone: CENTER_TZ,
    name: "service-hall-tick",
  });
  sender.start(opts.pollMs ?? 5000);
  void tickNow();
  return {
    tickNow,
    async stop() {
      await task.stop();
      await task.destroy();
      await running;
      await sender.stop();
    },
  };
}
