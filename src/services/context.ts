// What every service needs, built once at start-up (main.ts) or per test (test/helpers/appHarness.ts).
import type { Db } from "../db/client.ts";
import type { WorkCalendar } from "../domain/calendar.ts";
import type { Clock } from "./clock.ts";
import type { Settings } from "./settings.ts";

export interface ServiceContext {
  db: Db;
  clock: Clock;
  calendar: WorkCalendar;
  settings: Settings;
}
