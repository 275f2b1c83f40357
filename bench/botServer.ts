// The real bot for the bench, as src/main.ts builds it (config → database → calendar → settings →
// createSlackApp with every listener and the replay guard), but on a fixed clock so the prepared
// requests and dates stay valid whatever day the bench runs. Child of bench/run.ts:
//   tsx bench/botServer.ts <db file> <slack api url> <signing secret> <now ISO>
// prints "stats <port>" (a loopback server answering the statements run so far, src/db/statements.ts),
// then "listening <port>".
import http from "node:http";
import { loadConfig } from "../src/config.ts";
import { createDb } from "../src/db/client.ts";
import { statementCount } from "../src/db/statements.ts";
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
const stats = http.createServer((_req, res) => res.end(JSON.stringify({ statements: statementCount() })));
await new Promise<void>((resolve) => stats.listen(0, "127.0.0.1", resolve));
process.stdout.write(`stats ${(stats.address() as { port: number }).port}\n`);
const { port } = await slack.start(0, "127.0.0.1");
process.stdout.write(`listening ${port}\n`);
process.on("SIGTERM", () => process.exit(0));
