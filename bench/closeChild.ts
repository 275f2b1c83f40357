// Child process of the close benchmark:
//   tsx bench/closeChild.ts <db file> <month> <export dir> close|score
// "close": the monthly close exactly as the scheduler runs it (runMonthClose: score, workbooks, freeze,
// queue the channel post and every private notice). "score": only the scoring of the month from the
// database (scoreMonthFromDb), for the breakdown. Prints one JSON line with the wall time and this
// process's peak RSS, so the figures are the close's alone (the seeding ran in another process), and the
// longest event-loop stall while it ran (monitorEventLoopDelay): what a bot running the close in-process
// would make Slack's acks wait.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createDb } from "../src/db/client.ts";
import { addMonths, shanghaiInstant } from "../src/domain/dates.ts";
import { runMonthClose } from "../src/jobs/closeFlow.ts";
import { runMonthCloseInWorker } from "../src/jobs/closeWorker.ts";
import { loadWorkCalendar } from "../src/services/calendar.ts";
import { fixedClock } from "../src/services/clock.ts";
import { scoreMonthFromDb } from "../src/services/monthScores.ts";
import { loadSettings } from "../src/services/settings.ts";

const [file, month, exportDir, mode] = process.argv.slice(2);
if (!file || !month || !exportDir || !["close", "worker", "score"].includes(mode ?? ""))
  throw new Error("usage: tsx bench/closeChild.ts <db file> <month> <export dir> close|worker|score");

const db = createDb(`file:${file}`);
// The scheduler's moment: 00:30 on the first day of the next month, Shanghai time.
const clock = fixedClock(shanghaiInstant(`${addMonths(month, 1)}-01`, 0, 30));
const ctx = { db, clock, calendar: await loadWorkCalendar(db), settings: await loadSettings(db) };
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const t0 = performance.now();
let headCount: number;
if (mode === "close" || mode === "worker") {
  // "worker": the same close in a worker thread (src/jobs/closeWorker.ts); the stall measured is then
  // this thread's, the one that would be acking Slack.
  if (mode === "worker") {
    const res = await runMonthCloseInWorker({
      url: `file:${file}`,
      month,
      now: clock.now().toISOString(),
      opts: { actor: "bench", exportDir },
    });
    if (!res.ok) throw new Error(`close refused: ${res.code} ${JSON.stringify(res.detail)}`);
    if (res.value.kind !== "closed") throw new Error("month was already closed");
    headCount = res.value.headCount;
  } else {
    const res = await runMonthClose(ctx, month, { actor: "bench", exportDir });
    if (!res.ok) throw new Error(`close refused: ${res.code} ${JSON.stringify(res.detail)}`);
    if (res.value.kind !== "closed") throw new Error("month was already closed");
    headCount = res.value.closed.result.headCount;
  }
} else {
  headCount = (await scoreMonthFromDb(ctx, month)).headCount;
}
const ms = performance.now() - t0;
loop.disable();
// The histogram is in nanoseconds and includes the sampling resolution.
const maxStallMs = loop.max / 1e6;
const queued = await db.outboundMessage.count();
await db.$disconnect();
process.stdout.write(
  `${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, maxStallMs, headCount, queued })}\n`,
);
