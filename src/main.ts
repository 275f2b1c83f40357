// Start-up: config → migrations → database → calendar and settings → Slack app → scheduler.
// Every start-up failure prints one clear line (two for the calendar: Chinese and English) and exits 1.
import { type Config, configOrExit, withStandIn } from "./config.ts";
import { createDb, databaseFilePath } from "./db/client.ts";
import { applyMigrations } from "./db/migrate.ts";
import { shanghaiDate, yearOf } from "./domain/dates.ts";
import { startScheduler } from "./jobs/scheduler.ts";
import { installProcessGuards } from "./processGuards.ts";
import { assertCalendarCovers, loadWorkCalendar } from "./services/calendar.ts";
import { systemClock } from "./services/clock.ts";
import type { ServiceContext } from "./services/context.ts";
import { followClock } from "./services/monthSettings.ts";
import { showOrg } from "./services/org.ts";
import { contextSettings } from "./services/settings.ts";
import { createSlackApp } from "./slack/app.ts";
import { type SlackStandIn, startSlackStandIn } from "./slack/standin/index.ts";
import { seedStandInFromStoredOrg } from "./slack/standin/workspace.ts";

async function main(): Promise<void> {
  // Log and keep serving on a stray rejection; log and exit (for the supervisor) on an uncaught exception.
  installProcessGuards();
  let config: Config = configOrExit();
  let standIn: SlackStandIn | undefined;
  if (config.standIn) {
    // Demo mode, asked for with SERVICE_HALL_DEMO=1: the built-in stand-in (nothing leaves this machine).
    standIn = await startSlackStandIn();
    config = withStandIn(config, standIn.url);
  }
  if (config.demo)
    process.stdout.write(
      `demo mode (SERVICE_HALL_DEMO=1): not connected to Slack; Slack stand-in at ${config.slackApiUrl}\n`,
    );

  const migrations = applyMigrations(databaseFilePath(config.databaseUrl));
  if (migrations.applied.length)
    process.stdout.write(`migrations applied: ${migrations.applied.join(", ")}\n`);
  const db = createDb(config.databaseUrl);
  const clock = systemClock;
  const calendar = await loadWorkCalendar(db);
  assertCalendarCovers(calendar, yearOf(shanghaiDate(clock.now())));
  // The current month's settings and every version (a period is scored under its own: RULES.md §8a).
  const settings = await contextSettings(db, clock);
  // The monthly close runs in a worker thread on the same database file (src/jobs/closeWorker.ts).
  const ctx: ServiceContext = followClock({
    db,
    clock,
    calendar,
    ...settings,
    closeWorker: { url: config.databaseUrl },
  });
  // The built-in stand-in is as strict as Slack: it knows only the workspace's members and channel.
  if (standIn) seedStandInFromStoredOrg(standIn, await showOrg(db));

  const slack = createSlackApp({ config, ctx });
  const { port } = await slack.start();
  process.stdout.write(
    `service-hall-bot listening on port ${port} (${config.slackAppToken ? "Socket Mode" : "HTTP /slack/events"})\n`,
  );

  // Cron jobs (Asia/Shanghai): monthly/quarterly/yearly close, weekly digest, reminders, outbox;
  // catches up at once on anything due while the bot was down.
  // One outbox sender: the app's (woken by every change that queues messages), polled by the scheduler
  // for rows whose backoff has ended.
  const scheduler = startScheduler(ctx, slack.app.client, { sender: slack.outbox });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    await scheduler.stop().catch(() => undefined);
    await slack.stop().catch(() => undefined);
    await db.$disconnect();
    await standIn?.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e: unknown) => {
  process.stderr.write(`start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
