// The JobRun table: run-once claims for scheduled jobs (src/jobs/runner.ts) and the scheduler's install
// row (src/jobs/scheduler.ts). One (job, period) row per period is the claim; every write after it is a
// single UPDATE guarded by owner and attempt, so a run that was taken over can no longer touch the row.
import type { Db } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";

export interface JobRunClaim {
  job: string;
  period: string;
  owner: string;
}

/**
 * Claims (job, period) at `now`: attempt 1 for a new row; a failed run, or a running one whose heartbeat
 * is older than `staleAfterMs`, is taken over with the next attempt.
 */
export async function claimJobRun(
  db: Db,
  now: Date,
  claim: JobRunClaim,
  staleAfterMs: number,
): Promise<
  { claimed: true; attempt: number } | { claimed: false; reason: "already_done" | "running_elsewhere" }
> {
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
  const existing = await db.jobRun.findUnique({
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

/** Refreshes the heartbeat of the run `attempt` of `owner`, while it is still running. */
export async function heartbeatJobRun(db: Db, claim: JobRunClaim, attempt: number, now: Date): Promise<void> {
  const { job, period, owner } = claim;
  await db.$executeRaw`UPDATE "JobRun" SET heartbeatAt = ${now}
      WHERE job = ${job} AND period = ${period} AND owner = ${owner} AND attempt = ${attempt} AND state = 'running'`;
}

/** Marks the run done with its output (JSON text, or null). */
export async function finishJobRun(
  db: Db,
  claim: JobRunClaim,
  attempt: number,
  now: Date,
  output: string | null,
): Promise<void> {
  const { job, period, owner } = claim;
  await db.$executeRaw`UPDATE "JobRun" SET state = 'done', finishedAt = ${now}, heartbeatAt = ${now},
      output = ${output} WHERE job = ${job} AND period = ${period} AND owner = ${owner} AND attempt = ${attempt}`;
}

/** Marks the run failed with its error (cut to 4,000 characters). */
export async function failJobRun(
  db: Db,
  claim: JobRunClaim,
  attempt: number,
  now: Date,
  error: string,
): Promise<void> {
  const { job, period, owner } = claim;
  await db.$executeRaw`UPDATE "JobRun" SET state = 'failed', finishedAt = ${now}, error = ${error.slice(0, 4000)}
      WHERE job = ${job} AND period = ${period} AND owner = ${owner} AND attempt = ${attempt}`;
}

/** The state and output of (job, period), or null when it never ran. */
export async function jobRunState(
  db: Db,
  job: string,
  period: string,
): Promise<{ state: string; output: string | null } | null> {
  return db.jobRun.findUnique({
    where: { job_period: { job, period } },
    select: { state: true, output: true },
  });
}

/** Writes a finished (job, period) row once; false when it already exists. */
export async function insertDoneJobRun(
  db: Db,
  row: { job: string; period: string; owner: string; output: string; at: Date },
): Promise<boolean> {
  try {
    await db.jobRun.create({
      data: {
        job: row.job,
        period: row.period,
        state: "done",
        owner: row.owner,
        output: row.output,
        startedAt: row.at,
        heartbeatAt: row.at,
        finishedAt: row.at,
      },
    });
    return true;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return false;
  }
}

/** The output and start of (job, period), or null when it never ran. */
export async function jobRunOutput(
  db: Db,
  job: string,
  period: string,
): Promise<{ output: string | null; startedAt: Date } | null> {
  return db.jobRun.findUnique({
    where: { job_period: { job, period } },
    select: { output: true, startedAt: true },
  });
}
