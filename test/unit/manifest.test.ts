// manifest.yml against Slack's rules and against the code (issue #8 item 1). A manifest Slack refuses, a
// command Slack keeps for itself, an event or interactive endpoint the bot listens for but never receives,
// or a Web API call without its scope all look fine against our stand-in and fail only in a real workspace.
//
// Sources relied on (recorded here because Slack enforces them, not our stand-in):
// - Built-in slash commands: Slack help center, "Use built-in slash commands"
//   (https://slack.com/help/articles/201259356) and api.slack.com/interactivity/slash-commands ("Built-in
//   slash commands … such as /topic and /remind"). A built-in name never reaches an app.
// - Manifest fields: docs.slack.dev/reference/app-manifest; the field rules as @slack/web-api states them
//   (node_modules/@slack/web-api/dist/types/request/manifest.d.ts) and slackapi/manifest-schema
//   (schemas/manifest.schema.1.0.0.json):
//     display_information.name 1–35 characters; description 1–140; long_description 175–4,000;
//     background_color "#" + 3 or 6 hex digits;
//     features.bot_user.display_name 1–80 characters of a-z, 0-9, "-", "_", ".";
//     slash_commands: at most 50; command starts with "/", at most 32 characters including it (Slack's
//       form also wants it lowercase without spaces: /[a-z0-9_-]); description 1–2,000; usage_hint
//       1–1,000; url a full https URL;
//     event_subscriptions.request_url, interactivity.request_url, message_menu_options_url: https URLs;
//     bot_events at most 100; bot scopes at most 255.
// - Scopes: each method's page at api.slack.com/methods/<name> and event's page at
//   api.slack.com/events/<name> ("Required scopes"), kept in src/slack/scopes.ts.
import fs from "node:fs";
import path from "node:path";
import { App } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { loadConfig, STANDIN_SIGNING_SECRET } from "../../src/config.ts";
import { loadWorkCalendar } from "../../src/services/calendar.ts";
import { fixedClock } from "../../src/services/clock.ts";
import { loadSettings } from "../../src/services/settings.ts";
import { createSlackApp } from "../../src/slack/app.ts";
import {
  APP_TOKEN_METHOD_SCOPES,
  EVENT_SCOPES,
  METHOD_SCOPES,
  readManifest,
  SLASH_COMMAND_SCOPE,
  scopesAllow,
} from "../../src/slack/scopes.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const manifest = readManifest();

interface RawManifest {
  display_information?: {
    name?: string;
    description?: string;
    long_description?: string;
    background_color?: string;
  };
  features?: {
    app_home?: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    bot_user?: { display_name?: string };
    slash_commands?: Array<{ command: string; url?: string; description?: string; usage_hint?: string }>;
  };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled?: boolean; request_url?: string; message_menu_options_url?: string };
  };
}
const raw = manifest.raw as RawManifest;

/**
 * Slack's built-in slash commands (help center "Use built-in slash commands", plus the older names Slack
 * still reserves: /part = /leave, /invite_people, /remove = /kick). Slack will not route any of these to
 * an app; keeping extra names here costs nothing.
 */
const SLACK_BUILT_IN_COMMANDS = [
  "active",
  "apps",
  "archive",
  "away",
  "call",
  "clear",
  "close",
  "collapse",
  "dm",
  "dnd",
  "expand",
  "feed",
  "feedback",
  "giphy",
  "help",
  "huddle",
  "invite",
  "invite_people",
  "join",
  "kick",
  "leave",
  "me",
  "msg",
  "mute",
  "open",
  "part",
  "prefs",
  "remind",
  "remove",
  "rename",
  "search",
  "shortcuts",
  "shrug",
  "star",
  "status",
  "topic",
  "who",
].map((c) => `/${c}`);

describe("commands Slack allows", () => {
  test("no command in manifest.yml is one of Slack's built-in commands", () => {
    expect(manifest.commands.length).toBeGreaterThan(0);
    const reserved = manifest.commands.filter((c) => SLACK_BUILT_IN_COMMANDS.includes(c.toLowerCase()));
    expect(reserved, "Slack keeps these commands for itself; they never reach the bot").toEqual([]);
  });

  test("leave requests: /qingjia (请假) and its English alias /timeoff", () => {
    expect(manifest.commands).toEqual(expect.arrayContaining(["/qingjia", "/timeoff"]));
    expect(manifest.commands).not.toContain("/leave");
  });
});

// ---------------------------------------------------------------------------------------------
// The manifest against the listeners the real Bolt app registers.

const KINDS = ["command", "event", "message", "action", "view", "options", "shortcut", "function"] as const;
type Kind = (typeof KINDS)[number];
type Registered = Record<Kind, string[]>;

/** What the listener was registered for: a name, a RegExp's source, or a constraints object as JSON. */
function key(first: unknown): string {
  if (typeof first === "string") return first;
  if (first instanceof RegExp) return `RegExp:${first.source}`;
  if (typeof first === "function") return "(middleware)";
  return JSON.stringify(first);
}

describe("the manifest declares what the code listens for", () => {
  let testDb: TestDb;
  const registered = Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Registered;

  beforeAll(async () => {
    testDb = await createTestDb();
    const ctx = {
      db: testDb.db,
      clock: fixedClock("2026-07-15T02:00:00.000Z"),
      calendar: await loadWorkCalendar(testDb.db),
      settings: await loadSettings(testDb.db),
    };
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-manifest-test",
      SLACK_SIGNING_SECRET: STANDIN_SIGNING_SECRET,
      SLACK_BOT_USER_ID: "U0BOT",
      SLACK_BOT_ID: "B0BOT",
      DATABASE_URL: testDb.url,
    });
    if (!config.ok) throw new Error(JSON.stringify(config.detail));
    // Watch the registrations on Bolt's own App (the listeners still register: spies call through).
    const proto = App.prototype as unknown as Record<Kind, (...args: unknown[]) => unknown>;
    const spies = KINDS.map((k) => [k, vi.spyOn(proto, k)] as const);
    try {
      createSlackApp({ config: config.value, ctx, logLevel: "error" });
      for (const [k, spy] of spies) registered[k] = spy.mock.calls.map((args) => key(args[0]));
    } finally {
      for (const [, spy] of spies) spy.mockRestore();
    }
  });

  afterAll(async () => {
    await testDb?.close();
  });

  test("every command registered is declared, and every declared command is registered", () => {
    expect(registered.command.length).toBeGreaterThan(0);
    expect([...new Set(registered.command)].sort()).toEqual([...manifest.commands].sort());
  });

  test("every event listened for is a bot event, and every bot event is listened for", () => {
    const events = new Set(registered.event);
    // app.message() and app.event("message") receive message events; the bot answers DMs (message.im).
    const message = events.has("message") || registered.message.length > 0;
    events.delete("message");
    for (const e of events) expect(manifest.botEvents, `event ${e}`).toContain(e);
    if (message) expect(manifest.botEvents).toContain("message.im");
    for (const e of manifest.botEvents) {
      if (e.startsWith("message."))
        expect(message, `${e} is declared but nothing listens for messages`).toBe(true);
      else expect(events.has(e), `${e} is declared but nothing listens for it`).toBe(true);
    }
    expect(manifest.botEvents).toContain("app_home_opened");
    expect(registered.event.some((e) => e.startsWith("RegExp:"))).toBe(false);
  });

  test("interactivity is on exactly when actions, views or shortcuts are registered", () => {
    const interactive = registered.action.length + registered.view.length + registered.shortcut.length > 0;
    expect(interactive).toBe(true);
    expect(manifest.interactivity).toBe(interactive);
    // No shortcut or custom function is declared, so none may be registered (they would never arrive).
    expect(registered.shortcut).toEqual([]);
    expect(registered.function).toEqual([]);
  });

  test("options listeners have the options load URL (external_select), and only then", () => {
    expect(registered.options.length).toBeGreaterThan(0);
    expect(manifest.optionsUrl).toBe(registered.options.length > 0);
  });

  test("App Home: the Home tab is on for app_home_opened; DMs can be sent to the bot for message.im", () => {
    const home = raw.features?.app_home ?? {};
    expect(home.home_tab_enabled).toBe(registered.event.includes("app_home_opened"));
    if (manifest.botEvents.includes("message.im")) {
      expect(home.messages_tab_enabled).toBe(true);
      expect(home.messages_tab_read_only_enabled).toBe(false);
    }
  });

  test("every request URL is https and points at /slack/events (the HTTP receiver's one endpoint)", () => {
    const urls = [
      ...(raw.features?.slash_commands ?? []).map((c) => c.url),
      raw.settings?.event_subscriptions?.request_url,
      raw.settings?.interactivity?.request_url,
      raw.settings?.interactivity?.message_menu_options_url,
    ];
    // In Socket Mode Slack needs no URL; over HTTP every one must be there.
    if (!manifest.socketMode) for (const u of urls) expect(u).toBeTypeOf("string");
    const given = urls.filter((u): u is string => u !== undefined);
    for (const u of given) {
      const url = new URL(u);
      expect(url.protocol, u).toBe("https:");
      expect(url.pathname, u).toBe("/slack/events");
    }
    expect(new Set(given.map((u) => new URL(u).host)).size).toBeLessThanOrEqual(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Every Web API method the code calls, statically, against the method → scope table and the manifest.

/** Source files the bot runs (not the stand-in, which plays Slack, nor Prisma's generated client). */
function sourceFiles(dir: string): string[] {
  const skip = [path.join(ROOT, "src/slack/standin"), path.join(ROOT, "src/db/generated")];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (skip.includes(p)) return [];
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith(".ts") ? [p] : [];
  });
}

// Slack Web API method families: a string literal "family.method" names a method (e.g. one the outbox
// or a retry wrapper is handed by name).
const FAMILIES =
  "admin|api|apps|auth|bookmarks|bots|calls|canvases|channels|chat|conversations|dialog|dnd|emoji|files|groups|im|mpim|oauth|pins|reactions|reminders|rtm|search|stars|team|usergroups|users|views|workflows";

/** "users.csv", "files.json": a file name, not a method. */
const FILE_NAME = /\.(csv|json|xlsx|sql|md|txt|ics|db|ts)$/;

/**
 * Methods called in `text`: client.<ns>.<method>(…), apiCall("…"), filesUploadV2, "family.method" literals,
 * and (in Bolt listeners, `bolt`) say(…).
 */
function methodsCalled(text: string, bolt = false): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\bclient\.([a-z]+(?:\.[a-zA-Z]+)+)\s*\(/g)) found.push(m[1]!);
  for (const m of text.matchAll(/\bapiCall\(\s*["'`]([a-zA-Z.]+)["'`]/g)) found.push(m[1]!);
  // files.uploadV2 is @slack/web-api's helper over the two external-upload methods.
  if (/\bfilesUploadV2\s*\(/.test(text))
    found.push("files.getUploadURLExternal", "files.completeUploadExternal");
  // Bolt's say() is chat.postMessage (src/cli has a say() of its own that prints).
  if (bolt && /\bsay\s*\(/.test(text)) found.push("chat.postMessage");
  const literal = new RegExp(`["'\`]((?:${FAMILIES})\\.[a-zA-Z]+(?:\\.[a-zA-Z]+)?)["'\`]`, "g");
  for (const m of text.matchAll(literal)) if (!FILE_NAME.test(m[1]!)) found.push(m[1]!);
  return [...new Set(found)];
}

describe("every Web API method the code calls is covered by a declared scope", () => {
  const files = sourceFiles(path.join(ROOT, "src")).filter(
    (f) => !f.endsWith(path.join("slack", "scopes.ts")),
  );
  const called = new Map<string, string[]>();
  for (const f of files) {
    for (const m of methodsCalled(fs.readFileSync(f, "utf8"), f.startsWith(path.join(ROOT, "src/slack"))))
      called.set(m, [...(called.get(m) ?? []), path.relative(ROOT, f)]);
  }
  // Bolt itself calls auth.test at start unless given the bot ids (src/slack/app.ts); Socket Mode opens its
  // connection with apps.connections.open on the app-level token.
  called.set("auth.test", [...(called.get("auth.test") ?? []), "@slack/bolt App.init"]);
  called.set("apps.connections.open", ["@slack/socket-mode"]);

  test("the scan finds the calls we know are there", () => {
    for (const m of ["chat.postMessage", "chat.update", "views.open", "views.publish", "conversations.open"])
      expect(called.has(m), m).toBe(true);
    expect(called.has("files.completeUploadExternal")).toBe(true); // the monthly workbook (outbox)
  });

  test("each is in METHOD_SCOPES and allowed by manifest.yml's bot scopes", () => {
    const problems: string[] = [];
    for (const [method, where] of called) {
      if (method in APP_TOKEN_METHOD_SCOPES) continue; // app-level token (xapp-), not a bot scope
      if (!(method in METHOD_SCOPES)) problems.push(`${method} (${where[0]}) is not in METHOD_SCOPES`);
      else if (!scopesAllow(method, manifest.botScopes))
        problems.push(`${method} (${where[0]}) needs one of ${METHOD_SCOPES[method]!.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });

  test("no declared scope is unused (least privilege)", () => {
    const used = new Set<string>();
    for (const method of called.keys())
      for (const s of METHOD_SCOPES[method] ?? []) if (manifest.botScopes.includes(s)) used.add(s);
    for (const e of manifest.botEvents) for (const s of EVENT_SCOPES[e] ?? []) used.add(s);
    if (manifest.commands.length > 0) used.add(SLASH_COMMAND_SCOPE);
    // A bot event without an entry in EVENT_SCOPES would hide the scope it needs.
    for (const e of manifest.botEvents) expect(EVENT_SCOPES, `EVENT_SCOPES lacks ${e}`).toHaveProperty([e]);
    expect(manifest.botScopes.filter((s) => !used.has(s))).toEqual([]);
    for (const s of used) expect(manifest.botScopes).toContain(s);
  });

  test("the scanner sees each form of call", () => {
    expect(
      methodsCalled(
        [
          "await d.client.views.update({})",
          'await client.apiCall("users.list", {})',
          "await client.filesUploadV2({})",
          'enqueue({ method: "chat.update" })',
          "client.apps.connections.open()",
          'say("hi"); t("req.help.leave"); db.users.findMany(); read("users.csv")',
        ].join("\n"),
        true,
      ).sort(),
    ).toEqual([
      "apps.connections.open",
      "chat.postMessage",
      "chat.update",
      "files.completeUploadExternal",
      "files.getUploadURLExternal",
      "users.list",
      "views.update",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The fields Slack validates when the manifest is pasted.

describe("manifest field rules", () => {
  test("display information: name ≤ 35, description ≤ 140, long description 175–4,000, hex colour", () => {
    const d = raw.display_information ?? {};
    expect([...(d.name ?? "")].length).toBeGreaterThanOrEqual(1);
    expect([...(d.name ?? "")].length).toBeLessThanOrEqual(35);
    if (d.description !== undefined) expect([...d.description].length).toBeLessThanOrEqual(140);
    if (d.long_description !== undefined) {
      expect([...d.long_description].length).toBeGreaterThanOrEqual(175);
      expect([...d.long_description].length).toBeLessThanOrEqual(4000);
    }
    if (d.background_color !== undefined) expect(d.background_color).toMatch(/^#([0-9a-fA-F]{3}){1,2}$/);
    // The Chinese name stays where Slack allows it.
    expect(d.name).toBe("政务服务中心助手");
  });

  test("bot_user.display_name: 1–80 characters of a-z, 0-9, -, _, .", () => {
    expect(raw.features?.bot_user?.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  test("slash commands: lowercase name ≤ 32 with its slash; description ≤ 2,000; usage hint ≤ 1,000", () => {
    const commands = raw.features?.slash_commands ?? [];
    expect(commands.length).toBeLessThanOrEqual(50);
    expect(new Set(commands.map((c) => c.command)).size).toBe(commands.length);
    for (const c of commands) {
      expect(c.command).toMatch(/^\/[a-z0-9_-]+$/);
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect([...(c.description ?? "")].length, c.command).toBeGreaterThanOrEqual(1);
      expect([...(c.description ?? "")].length, c.command).toBeLessThanOrEqual(2000);
      if (c.usage_hint !== undefined) {
        expect([...c.usage_hint].length, c.command).toBeGreaterThanOrEqual(1);
        expect([...c.usage_hint].length, c.command).toBeLessThanOrEqual(1000);
      }
    }
  });

  test("bot events ≤ 100, bot scopes ≤ 255, no duplicates", () => {
    expect(manifest.botEvents.length).toBeLessThanOrEqual(100);
    expect(new Set(manifest.botEvents).size).toBe(manifest.botEvents.length);
    expect(manifest.botScopes.length).toBeLessThanOrEqual(255);
    expect(new Set(manifest.botScopes).size).toBe(manifest.botScopes.length);
  });
});
