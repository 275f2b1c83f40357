// Run-once claims for scheduled jobs: one JobRun(job, period) row per period is the claim, so a
// job runs once however many bot instances tick, and a run that crashed half-way is taken over
// after its heartbeat goes stale. The job's own writes must be idempotent (results upserted,
// outbound messages keyed): a takeover re-runs the job from the start.
import type { Db } from "../db/client.ts";
import { claimJobRun, failJobRun, finishJobRun, heartbeatJobRun, jobRunState } from "../db/jobRuns.ts";
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

/** Tries to claim (job, period); returns the attempt number, or why not. */
export async function claimJob(
  db: Db,
  clock: Clock,
  claim: JobClaim,
  staleAfterMs: number = DEFAULT_STALE_AFTER_MS,
): Promise<
  { claimed: true; attempt: number } | { claimed: false; reason: "already_done" | "running_elsewhere" }
> {
  return claimJobRun(db, clock.now(), claim, staleAfterMs);
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
  // Writes are single UPDATE statements guarded by owner and attempt (src/db/jobRuns.ts): a run that
  // was taken over can no longer touch the row.
  const heartbeat = () => heartbeatJobRun(db, claim, attempt, clock.now());
  const timer = setInterval(() => {
    heartbeat().catch(() => {
      // A missed heartbeat only risks a takeover, which the idempotent job tolerates.
    });
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  timer.unref();
  try {
    const output = await fn({ attempt, heartbeat });
    clearInterval(timer);
    await finishJobRun(db, claim, attempt, clock.now(), output === undefined ? null : JSON.stringify(output));
    return { status: "done", attempt, output };
  } catch (e) {
    clearInterval(timer);
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    await failJobRun(db, claim, attempt, clock.now(), error);
    return { status: "failed", attempt, error: e instanceof Error ? e.message : String(e) };
  }
}

/** True when (job, period) has a finished run. */
export async function jobDone(db: Db, job: string, period: string): Promise<boolean> {
  return (await jobRunState(db, job, period))?.state === "done";
}
