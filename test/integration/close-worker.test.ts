// The monthly close in a worker thread (issue #11): the bot (main.ts sets ctx.closeWorker) runs the
// scheduler's and the App Home's close there, so its event loop keeps acking Slack. The worker opens
// its own connection to the file and runs the same runMonthClose; what it freezes and queues is what
// the close in this thread freezes and queues.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/client.ts";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { closeMonthJob } from "../../src/jobs/closeWorker.ts";
import { tick } from "../../src/jobs/scheduler.ts";
import { closeContext, file, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG } from "../helpers/org.ts";

const NOW = "2026-08-03T01:00:00.000Z"; // Monday 09:00 in Shanghai, July over

/** What a close leaves behind, comparable across two files (paths aside: each has its own folder). */
async function frozen(db: Db) {
  const [people, windows, periods, messages] = await Promise.all([
    db.personMonthResult.findMany({ orderBy: [{ month: "asc" }, { personId: "asc" }] }),
    db.windowMonthResult.findMany({ orderBy: [{ month: "asc" }, { windowId: "asc" }] }),
    db.period.findMany({ select: { period: true, state: true, closings: true }, orderBy: { period: "asc" } }),
    db.outboundMessage.findMany({
      select: { key: true, channel: true, text: true, blocks: true, fileName: true, state: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return { people, windows, periods, messages };
}

describe("the monthly close in a worker thread", () => {
  let t: TestDb;
  let ctx: TestContext;
  let dir: string;
  let copy: { file: string; url: string; db: Db };
  beforeEach(async () => {
    ({ t, ctx } = await closeContext(NOW));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-close-worker-"));
    await file(ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-07-08", { note: "上班看视频" });
    await file(ctx, { person: ORG.taxStaff2 }, "S-ATT-NOPUNCH", "2026-07-09");
    await file(ctx, { person: ORG.taxStaff1 }, "S-BON-WORKLOAD", "2026-07-20", { points: "2" });
    await file(ctx, { person: ORG.estateLeader }, "S-ATT-LATE", "2026-07-23");
    // A second file with the same data: one close runs here, the other in the worker.
    const copyFile = path.join(dir, "copy.db");
    await t.db.$executeRawUnsafe("VACUUM INTO ?", copyFile);
    copy = { file: copyFile, url: `file:${copyFile}`, db: createDb(`file:${copyFile}`) };
  });
  afterEach(async () => {
    await copy.db.$disconnect();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("freezes and queues what the close in this thread does, and answers in brief", async () => {
    const here = await closeMonthJob(ctx, "2026-07", { actor: "t", exportDir: path.join(dir, "here") });
    const there = await closeMonthJob({ ...ctx, db: copy.db, closeWorker: { url: copy.url } }, "2026-07", {
      actor: "t",
      exportDir: path.join(dir, "worker"),
    });
    expect(here).toEqual({
      ok: true,
      value: { kind: "closed", month: "2026-07", closings: 1, corrected: false, headCount: 6, transfers: 0 },
    });
    expect(there).toEqual(here);
    const [a, b] = [await frozen(t.db), await frozen(copy.db)];
    expect(a.people).toHaveLength(6);
    expect(a.messages.length).toBeGreaterThan(6);
    expect(b).toEqual(a);
    // Both workbooks were placed under the worker's export folder too.
    expect(fs.readdirSync(path.join(dir, "worker", "2026-07")).sort()).toEqual(
      fs.readdirSync(path.join(dir, "here", "2026-07")).sort(),
    );
    // A refusal crosses the thread as a Result: the month is closed now.
    expect(
      await closeMonthJob({ ...ctx, db: copy.db, closeWorker: { url: copy.url } }, "2026-07", {
        actor: "t",
        exportDir: path.join(dir, "worker"),
      }),
    ).toMatchObject({ ok: false, code: "CLOSE.ALREADY_CLOSED" });
  });

  it("the scheduler's month close goes to the worker when the context names a file", async () => {
    // The worker is given the copy: the month closes there, which only a close in the worker can do.
    ctx.clock.set(shanghaiInstant("2026-07-15", 10));
    const deps = { ctx: { ...ctx, closeWorker: { url: copy.url } }, owner: "t", exportDir: dir };
    await tick(deps); // installed in July: July is the first month it closes
    // Well after July's close is due (the scheduler's own test pins the exact hour).
    ctx.clock.set(shanghaiInstant("2026-08-20", 10));
    const report = await tick(deps);
    expect(report.ran.filter((r) => r.job === "close-month")).toMatchObject([{ period: "2026-07" }]);
    expect((await frozen(copy.db)).periods).toEqual([{ period: "2026-07", state: "closed", closings: 1 }]);
    expect((await frozen(t.db)).periods).toEqual([]);
  });
});
