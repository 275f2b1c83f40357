// Run-once claims for scheduled jobs: one JobRun(job, period) row per period is the claim, so a
// job runs once however many bot instances tick, and a run that crashed half-way is taken over
// after its heartbeat goes stale. The job's own writes must be idempotent (results upserted,
// outbound messages keyed): a takeover re-runs the job from the start.
import type { Db } from "../db/client.ts";
import type { Clock } from "../services/clock.ts";

export interface JobClaim {
  job: string;
  period: string;
  /** Who runs it: host:pid:random, so a takeover and the log show which instance did what. */
  owner: string;
}

export interface RunnerOptions {
  /** A running claim whose heartbeat is older than this is taken to have crashed. */
  staleAfterMs?: number;
  /** How often the running job refreshes its heartbeat. */
  heartbeatMs?: number;
}

export const DEFAULT_STALE_AFTER_MS = 10 * 60_000;
export const DEFAULT_HEARTBEAT_MS = 60_000;

export interface JobHandle {
  attempt: number;
  /** Refreshes the heartbeat now (long jobs may call it between steps; a timer also does). */
  heartbeat(): Promise<void>;
}

export type RunOutcome<T> =
  | { status: "done"; attempt: number; output: T }
  | { status: "failed"; attempt: number; error: string }
  | { status: "skipped"; reason: "already_done" | "running_elsewhere" };

interface ClaimRow {
  state: string;
  attempt: number;
  heartbeatAt: Date;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

/** Tries to claim (job, period); returns the attempt number, or why not. */
export async function claimJob(
  db: Db,
  clock: Clock,
  claim: JobClaim,
  staleAfterMs: number = DEFAULT_STALE_AFTER_MS,
): Promise<
  { claimed: true; attempt: number } | { claimed: false; reason: "already_done" | "running_elsewhere" }
> {
  const now = clock.now();
  try {
    // The insert is the claim: the (job, period) primary key lets exactly one instance win.
    await db.jobRun.create({
      data: {
        job: claim.job,
        period: claim.period,
        state: "running",
        owner: claim.owner,
        attempt: 1,
        startedAt: now,
        heartbeatAt: now,
      },
    });
    return { claimed: true, attempt: 1 };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const existing: ClaimRow | null = await db.jobRun.findUnique({
    where: { job_period: { job: claim.job, period: claim.period } },
    select: { state: true, attempt: true, heartbeatAt: true },
  });
  if (!existing) return { claimed: false, reason: "running_elsewhere" };
  if (existing.state === "done") return { claimed: false, reason: "already_done" };
  const stale = existing.state === "failed" || now.getTime() - existing.heartbeatAt.getTime() > staleAfterMs;
  if (!stale) return { claimed: false, reason: "running_elsewhere" };
  // Take over only the row as we read it: if another instance got there first, attempt or
  // heartbeat has moved and this matches nothing. One plain UPDATE (no BEGIN…COMMIT around it),
  // so a competing writer never waits on a lock held across an await.
  const taken = await db.$executeRaw`
    UPDATE "JobRun" SET state = 'running', owner = ${claim.owner}, attempt = ${existing.attempt + 1},
      startedAt = ${now}, heartbeatAt = ${now}, finishedAt = NULL, error = NULL
    WHERE job = ${claim.job} AND period = ${claim.period} AND state = ${existing.state}
      AND attempt = ${existing.attempt} AND heartbeatAt = ${existing.heartbeatAt}`;
  return taken === 1
    ? { claimed: true, attempt: existing.attempt + 1 }
    : { claimed: false, reason: "running_elsewhere" };
}

/**
 * Runs `fn` once for (job, period) across restarts and instances. A crash leaves the row
 * "running" with an old heartbeat; the next tick after `staleAfterMs` takes it over.
 */
export async function runOnce<T>(
  ctx: { db: Db; clock: Clock },
  claim: JobClaim,
  fn: (job: JobHandle) => Promise<T>,
  options: RunnerOptions = {},
): Promise<RunOutcome<T>> {
  const { db, clock } = ctx;
  const got = await claimJob(db, clock, claim, options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  if (!got.claimed) return { status: "skipped", reason: got.reason };
  const attempt = got.attempt;
  const { job: jobName, period, owner } = claim;
  // Writes are single UPDATE statements guarded by owner and attempt: a run that was taken over
  // can no longer touch the row.
  const heartbeat = async () => {
    await db.$executeRaw`UPDATE "JobRun" SET heartbeatAt = ${clock.now()}
      WHERE job = ${jobName} AND period = ${period} AND owner = ${owner} AND attempt = ${attempt} AND state = 'running'`;
  };
  const timer = setInterval(() => {
    heartbeat().catch(() => {
      // A missed heartbeat only risks a takeover, which the idempotent job tolerates.
    });
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  timer.unref();
  try {
    const output = await fn({ attempt, heartbeat });
    clearInterval(timer);
    const json = output === undefined ? null : JSON.stringify(output);
    await db.$executeRaw`UPDATE "JobRun" SET state = 'done', finishedAt = ${clock.now()}, heartbeatAt = ${clock.now()},
      output = ${json} WHERE job = ${jobName} AND period = ${period} AND owner = ${owner} AND attempt = ${attempt}`;
    return { status: "done", attempt, output };
  } catch (e) {
    clearInterval(timer);
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    await db.$executeRaw`UPDATE "JobRun" SET state = 'failed', finishedAt = ${clock.now()}, error = ${error.slice(0, 4000)}
      WHERE job = ${jobName} AND period = ${period} AND owner = ${owner} AND attempt = ${attempt}`;
    return { status: "failed", attempt, error: e instanceof Error ? e.message : String(e) };
  }
}

/** True when (job, period) has a finished run. */
export async function jobDone(db: Db, job: string, period: string): Promise<boolean> {
  const row = await db.jobRun.findUnique({
    where: { job_period: { job, period } },
    select: { state: true },
  });
  return row?.state === "done";
}
