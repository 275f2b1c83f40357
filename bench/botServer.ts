// The real bot for the bench, as src/main.ts builds it (config → database → calendar → settings →
// createSlackApp with every listener and the replay guard), but on a fixed clock so the prepared
// requests and dates stay valid whatever day the bench runs. Child of bench/run.ts:
//   tsx bench/botServer.ts <db file> <slack api url> <signing secret> <now ISO>
// prints "stats <port>" (a loopback server answering the statements run so far, src/db/statements.ts;
// /loop and /loop/reset: the longest event-loop stall; /close: a monthly close in a worker thread), then
// "listening <port>".
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../src/config.ts";
import { createDb } from "../src/db/client.ts";
import { statementCount } from "../src/db/statements.ts";
import { runMonthCloseInWorker } from "../src/jobs/closeWorker.ts";
import { loadWorkCalendar } from "../src/services/calendar.ts";
import { fixedClock } from "../src/services/clock.ts";
import { loadSettings } from "../src/services/settings.ts";
import { createSlackApp } from "../src/slack/app.ts";

const [file, apiUrl, signingSecret, now] = process.argv.slice(2);
if (!file || !apiUrl || !signingSecret || !now)
  throw new Error("usage: botServer.ts <db> <api url> <secret> <now>");

const config = loadConfig({
  SLACK_BOT_TOKEN: "xoxb-bench",
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: apiUrl,
  DATABASE_URL: `file:${file}`,
  LOG_LEVEL: "error",
});
if (!config.ok) throw new Error(JSON.stringify(config.detail));
const db = createDb(config.value.databaseUrl);
const ctx = {
  db,
  clock: fixedClock(now),
  calendar: await loadWorkCalendar(db),
  settings: await loadSettings(db),
};
const slack = createSlackApp({ config: config.value, ctx });
// The bot's event loop, sampled every 10 ms: /loop answers the longest delay since the last /loop/reset.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const stats = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/loop/reset") {
    loop.reset();
    res.end("{}");
  } else if (url.pathname === "/loop") res.end(JSON.stringify({ maxStallMs: loop.max / 1e6 }));
  else if (url.pathname === "/close") {
    // The monthly close as the bot runs it (src/jobs/closeWorker.ts: a worker thread of this process),
    // of another file (the seeded large center, bench/run.ts), while the bench sends clicks.
    const q = (k: string) => url.searchParams.get(k) ?? "";
    const t0 = performance.now();
    runMonthCloseInWorker({
      url: `file:${q("db")}`,
      month: q("month"),
      now: q("now"),
      opts: { actor: "bench", exportDir: q("out") },
    }).then(
      (r) => res.end(JSON.stringify({ ms: performance.now() - t0, ok: r.ok, outcome: r })),
      (e: unknown) => res.end(JSON.stringify({ ok: false, error: String(e) })),
    );
  } else res.end(JSON.stringify({ statements: statementCount() }));
});
await new Promise<void>((resolve) => stats.listen(0, "127.0.0.1", resolve));
process.stdout.write(`stats ${(stats.address() as { port: number }).port}\n`);
const { port } = await slack.start(0, "127.0.0.1");
process.stdout.write(`listening ${port}\n`);
process.on("SIGTERM", () => process.exit(0));
