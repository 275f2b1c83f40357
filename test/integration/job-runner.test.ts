import { execFile } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { enqueue } from "../../src/jobs/outbox.ts";
import { claimJob, jobDone, runOnce } from "../../src/jobs/runner.ts";
import { fixedClock } from "../../src/services/clock.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";

const MIN = 60_000;

describe("runOnce", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.close();
  });

  it("runs a period once, also after a restart (a new runner on the same file)", async () => {
    const clock = fixedClock("2026-08-03T01:00:00Z");
    let runs = 0;
    const first = await runOnce(
      { db: t.db, clock },
      { job: "close-month", period: "2026-07", owner: "a" },
      async () => {
        runs++;
        return { closed: 42 };
      },
    );
    expect(first).toEqual({ status: "done", attempt: 1, output: { closed: 42 } });

    // "Restart": a fresh client on the same file, an hour later.
    const again = createDb(t.url);
    clock.advance(60 * MIN);
    const second = await runOnce(
      { db: again, clock },
      { job: "close-month", period: "2026-07", owner: "b" },
      async () => {
        runs++;
      },
    );
    await again.$disconnect();
    expect(second).toEqual({ status: "skipped", reason: "already_done" });
    expect(runs).toBe(1);
    const row = await t.db.jobRun.findUniqueOrThrow({
      where: { job_period: { job: "close-month", period: "2026-07" } },
    });
    expect(row.state).toBe("done");
    expect(row.owner).toBe("a");
    expect(JSON.parse(row.output ?? "null")).toEqual({ closed: 42 });
    // Another period of the same job is its own claim.
    expect(await jobDone(t.db, "close-month", "2026-08")).toBe(false);
  });

  it("a run that crashed half-way is taken over once its heartbeat is stale, and re-runs idempotently", async () => {
    const clock = fixedClock("2026-08-03T01:00:00Z");
    const claim = { job: "close-month", period: "2026-07", owner: "crashed" };
    const messages = ["a", "b", "c"];
    // The crashed instance claimed the period and queued its first message, then died
    // (nothing marks the row: it stays "running" with the heartbeat of the crash).
    expect(await claimJob(t.db, clock, claim)).toEqual({ claimed: true, attempt: 1 });
    await enqueue(t.db, { key: "close:2026-07:a", channel: "C1", text: "a" });

    const job = async () => {
      for (const m of messages) await enqueue(t.db, { key: `close:2026-07:${m}`, channel: "C1", text: m });
      return messages.length;
    };
    // Still fresh: another instance must not start it a second time.
    clock.advance(5 * MIN);
    expect(
      await runOnce({ db: t.db, clock }, { ...claim, owner: "b" }, job, { staleAfterMs: 10 * MIN }),
    ).toEqual({
      status: "skipped",
      reason: "running_elsewhere",
    });
    // Past the stale limit: taken over as attempt 2.
    clock.advance(6 * MIN);
    const outcome = await runOnce({ db: t.db, clock }, { ...claim, owner: "b" }, job, {
      staleAfterMs: 10 * MIN,
    });
    expect(outcome).toEqual({ status: "done", attempt: 2, output: 3 });
    const rows = await t.db.outboundMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.text)).toEqual(["a", "b", "c"]);
    const run = await t.db.jobRun.findUniqueOrThrow({
      where: { job_period: { job: "close-month", period: "2026-07" } },
    });
    expect([run.state, run.owner, run.attempt]).toEqual(["done", "b", 2]);
  });

  it("a failed run is recorded with its error and retried on the next tick", async () => {
    const clock = fixedClock("2026-08-03T01:00:00Z");
    const claim = { job: "digest", period: "2026-08-03", owner: "a" };
    const failed = await runOnce({ db: t.db, clock }, claim, async () => {
      throw new Error("Slack down");
    });
    expect(failed).toEqual({ status: "failed", attempt: 1, error: "Slack down" });
    const row = await t.db.jobRun.findUniqueOrThrow({
      where: { job_period: { job: "digest", period: "2026-08-03" } },
    });
    expect(row.state).toBe("failed");
    expect(row.error).toContain("Slack down");

    const retried = await runOnce({ db: t.db, clock }, claim, async () => "ok");
    expect(retried).toEqual({ status: "done", attempt: 2, output: "ok" });
  });

  it("heartbeats keep a long run from being taken over", async () => {
    const clock = fixedClock("2026-08-03T01:00:00Z");
    const claim = { job: "close-quarter", period: "2026-Q3", owner: "a" };
    let other: unknown;
    await runOnce(
      { db: t.db, clock },
      claim,
      async (job) => {
        clock.advance(9 * MIN);
        await job.heartbeat();
        clock.advance(9 * MIN); // 18 min after the start, 9 after the last heartbeat
        other = await runOnce({ db: t.db, clock }, { ...claim, owner: "b" }, async () => "second", {
          staleAfterMs: 10 * MIN,
        });
      },
      { staleAfterMs: 10 * MIN },
    );
    expect(other).toEqual({ status: "skipped", reason: "running_elsewhere" });
  });

  it("two instances (two clients on one SQLite file) racing for the same period: exactly one runs it", async () => {
    const clock = fixedClock("2026-08-03T01:00:00Z");
    const a = createDb(t.url);
    const b = createDb(t.url);
    try {
      const executed: string[] = [];
      const periods = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09"];
      const outcomes = await Promise.all(
        periods.flatMap((period) =>
          [
            ["a", a],
            ["b", b],
          ].map(([owner, db]) =>
            runOnce(
              { db: db as typeof a, clock },
              { job: "close-month", period, owner: owner as string },
              async () => {
                executed.push(`${period}:${owner}`);
                await new Promise((r) => setTimeout(r, 5));
                await enqueue(db as typeof a, {
                  key: `close:${period}:channel`,
                  channel: "C1",
                  text: period,
                });
              },
            ),
          ),
        ),
      );
      expect(outcomes.filter((o) => o.status === "done")).toHaveLength(periods.length);
      expect(outcomes.filter((o) => o.status === "skipped")).toHaveLength(periods.length);
      expect(executed.map((e) => e.split(":")[0]).sort()).toEqual(periods);
      expect(await t.db.outboundMessage.count()).toBe(periods.length);
    } finally {
      await a.$disconnect();
      await b.$disconnect();
    }
  });

  it("two instances both seeing a stale run: only one takes it over", async () => {
    const clock = fixedClock("2026-08-03T01:00:00Z");
    await claimJob(t.db, clock, { job: "close-month", period: "2026-07", owner: "dead" });
    clock.advance(60 * MIN);
    const a = createDb(t.url);
    const b = createDb(t.url);
    try {
      const got = await Promise.all([
        claimJob(a, clock, { job: "close-month", period: "2026-07", owner: "a" }),
        claimJob(b, clock, { job: "close-month", period: "2026-07", owner: "b" }),
      ]);
      expect(got.filter((g) => g.claimed)).toEqual([{ claimed: true, attempt: 2 }]);
    } finally {
      await a.$disconnect();
      await b.$disconnect();
    }
  });

  it("two processes on one SQLite file: each period runs exactly once", { timeout: 90_000 }, async () => {
    const worker = path.join(import.meta.dirname, "workers", "runner-race.ts");
    const periods = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
    const run = (owner: string) =>
      new Promise<Record<string, string>>((resolve, reject) => {
        execFile(
          "npx",
          ["tsx", worker, t.file, owner, ...periods],
          { cwd: path.resolve(import.meta.dirname, "../..") },
          (e, out, err) =>
            e
              ? reject(new Error(`${e.message}\n${err}`))
              : resolve(JSON.parse(out) as Record<string, string>),
        );
      });
    const [a, b] = await Promise.all([run("proc-a"), run("proc-b")]);
    for (const p of periods) expect([a[p], b[p]].sort()).toEqual(["done", "skipped"]);
    const rows = await t.db.outboundMessage.findMany({ where: { key: { startsWith: "race:" } } });
    expect(rows.map((r) => r.text).sort()).toEqual(periods);
    expect(await t.db.jobRun.count({ where: { job: "race", state: "done" } })).toBe(periods.length);
  });
});
