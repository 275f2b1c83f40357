// What every service needs, built once at start-up (main.ts) or per test (test/helpers/appHarness.ts).
import type { Db } from "../db/client.ts";
import type { WorkCalendar } from "../domain/calendar.ts";
import type { Clock } from "./clock.ts";
import type { Settings, SettingsTimeline } from "./settings.ts";

export interface ServiceContext {
  db: Db;
  clock: Clock;
  calendar: WorkCalendar;
  /** The settings in force in the current month (the UI, the jobs' schedule); a period's own: monthSettings.ts. */
  settings: Settings;
  /**
   * Every stored setting version, read with `settings` (RULES.md §8a: a month is scored, a request routed,
   * under the settings of its month). Absent (contexts built in code with settings of their own): every
   * month uses `settings`.
   */
  settingsTimeline?: SettingsTimeline;
  /**
   * The monthly close in a worker thread on this database file (src/jobs/closeWorker.ts): the bot's
   * (main.ts), so that its event loop keeps acking Slack during a close (issue #11). Absent: in this
   * thread (tests, the demo, the CLI).
   */
  closeWorker?: { url: string };
}
