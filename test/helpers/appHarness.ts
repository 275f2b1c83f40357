// The real app on 127.0.0.1 for e2e tests: a temp migrated SQLite file, the Slack stand-in, a fixed
// clock, the package's working calendar (through src/services/calendar.ts), the stored settings, the
// organisation fixture, and a signed-request client.
//
//   const h = await startAppHarness();            // seeded with test/helpers/org.ts's fixture
//   const res = await h.slack.sendCommand("/deduct", "", { id: ORG.inspector1 });
//   h.standIn.callsTo("views.open") …
//   await h.close();
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import type { LogLevel } from "../../src/config.ts";
import { loadConfig, STANDIN_SIGNING_SECRET } from "../../src/config.ts";
import type { SenderOptions } from "../../src/jobs/outbox.ts";
import { assertCalendarCovers, loadWorkCalendar } from "../../src/services/calendar.ts";
import { fixedClock } from "../../src/services/clock.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { syncLocales } from "../../src/services/locales.ts";
import type { OrgFile } from "../../src/services/org.ts";
import { contextSettings } from "../../src/services/settings.ts";
import { createSlackApp, type SlackAppHandle, slackClientOptions } from "../../src/slack/app.ts";
import { createSlackSocket } from "../../src/slack/standin/socketClient.ts";
import { type SocketModeStandIn, startSocketModeStandIn } from "../../src/slack/standin/socketMode.ts";
import { seedStandInWorkspace } from "../../src/slack/standin/workspace.ts";
import { userDirectoryOf } from "../../src/slack/userDirectory.ts";
import { createTestDb, type TestDb } from "./db.ts";
import { ORG, orgFixture, seedOrg } from "./org.ts";
import { createSlackHttp, type SlackHttp } from "./slackHttp.ts";
import { type SlackStandIn, startSlackStandIn } from "./slackStandIn.ts";

/** Default "now": Wednesday 2026-07-15 10:00 in Shanghai. */
export const HARNESS_NOW = "2026-07-15T02:00:00.000Z";

export interface HarnessOptions {
  /** The fixed instant (default HARNESS_NOW). */
  now?: string;
  /** The organisation to import; `false` for an empty database. Default: test/helpers/org.ts. */
  org?: OrgFile | false;
  /** Runs after the org import and before settings/calendar are loaded (extra rows, Setting rows …). */
  seed?: (db: TestDb["db"]) => Promise<void>;
  /**
   * Slack users' locales (users.list and users.info), e.g. { U1STAFF1: "en-US" }. The org's are stored
   * before the app starts, as the scheduler's locale sync does after an org import.
   */
  locales?: Record<string, string>;
  /** The app's outbox sender settings (a controllable clock, short backoffs). */
  outbox?: SenderOptions;
  /** The app's Slack call timeout (default src/slack/app.ts SLACK_CALL_TIMEOUT_MS). */
  slackCallTimeoutMs?: number;
  /** Pass the bot ids so the app skips auth.test at start (default: it calls auth.test once). */
  knownBot?: boolean;
  logLevel?: LogLevel;
  /**
   * How Slack reaches the app: "http" (default) signed POSTs to /slack/events; "socket" Socket Mode
   * (SLACK_APP_TOKEN, no signing secret) through the Socket Mode stand-in, `slack` sending envelopes.
   */
  transport?: "http" | "socket";
}

export interface AppHarness {
  /** The app's base URL (http://127.0.0.1:<port>). */
  url: string;
  port: number;
  standIn: SlackStandIn;
  /** The Socket Mode stand-in (transport "socket"): connections, envelopes, acks, disconnect(). */
  socket?: SocketModeStandIn;
  slack: SlackHttp;
  db: TestDb["db"];
  dbFile: string;
  clock: ReturnType<typeof fixedClock>;
  ctx: ServiceContext & { clock: ReturnType<typeof fixedClock> };
  app: SlackAppHandle;
  org: OrgFile | null;
  /** Where a month closed from the App Home writes its workbooks (a temp folder, removed at close). */
  exportDir: string;
  close(): Promise<void>;
}

export async function startAppHarness(opts: HarnessOptions = {}): Promise<AppHarness> {
  const testDb = await createTestDb();
  const socket = opts.transport === "socket" ? await startSocketModeStandIn() : undefined;
  const standIn = await startSlackStandIn({ socketMode: socket });
  try {
    const org = opts.org === false ? null : await seedOrg(testDb.db, opts.org ?? orgFixture());
    // The strict stand-in knows only the workspace's members: the org's people and roles, the fixture's
    // ids (tests with no org use them too), and the center channel with the bot invited.
    seedStandInWorkspace(standIn, org ?? orgFixture(), {
      moreUsers: Object.values(ORG).filter((id) => /^[UW]/.test(id)),
      locales: opts.locales ?? {},
    });
    if (opts.seed) await opts.seed(testDb.db);
    // The locale sync the scheduler runs after an org import (src/services/locales.ts): the bot answers
    // in a person's language from the database, never asking Slack before it acks.
    if (org)
      await syncLocales(
        testDb.db,
        userDirectoryOf(new WebClient("xoxb-test", slackClientOptions(standIn.url))),
        { minIntervalMs: 0 },
      );
    standIn.clear(); // tests see the app's calls only

    const clock = fixedClock(opts.now ?? HARNESS_NOW);
    const calendar = await loadWorkCalendar(testDb.db);
    assertCalendarCovers(calendar, Number((opts.now ?? HARNESS_NOW).slice(0, 4)));
    const ctx = { db: testDb.db, clock, calendar, ...(await contextSettings(testDb.db, clock)) };

    const env: Record<string, string> = {
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: STANDIN_SIGNING_SECRET,
      SLACK_API_URL: standIn.url,
      DATABASE_URL: testDb.url,
      PORT: "0",
    };
    if (opts.knownBot) Object.assign(env, { SLACK_BOT_USER_ID: "U0BOT", SLACK_BOT_ID: "B0BOT" });
    if (socket) {
      delete env.SLACK_SIGNING_SECRET; // Socket Mode needs none (src/config.ts)
      env.SLACK_APP_TOKEN = "xapp-1-A0STANDIN-1-test";
    }
    const config = loadConfig(env);
    if (!config.ok) throw new Error(`harness config: ${JSON.stringify(config.detail)}`);

    const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-harness-exports-"));
    const app = createSlackApp({
      config: config.value,
      ctx,
      exportDir,
      logLevel: opts.logLevel ?? "error",
      ...(opts.outbox ? { outbox: opts.outbox } : {}),
      ...(opts.slackCallTimeoutMs !== undefined ? { slackCallTimeoutMs: opts.slackCallTimeoutMs } : {}),
    });
    const { port } = await app.start(0, "127.0.0.1");
    const url = `http://127.0.0.1:${port}`;
    const slack = socket
      ? createSlackSocket({ socket, standIn, afterResponse: () => app.idle() })
      : createSlackHttp({
          appUrl: url,
          signingSecret: STANDIN_SIGNING_SECRET,
          standIn,
          afterResponse: () => app.idle(),
        });
    return {
      url,
      port,
      standIn,
      socket,
      slack,
      db: testDb.db,
      dbFile: testDb.file,
      clock,
      ctx,
      app,
      org,
      exportDir,
      async close() {
        await app.stop().catch(() => undefined);
        await socket?.close();
        await standIn.close();
        await testDb.close();
        fs.rmSync(exportDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await socket?.close();
    await standIn.close();
    await testDb.close();
    throw e;
  }
}
