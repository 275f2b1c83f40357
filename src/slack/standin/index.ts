// A local stand-in for the Slack Web API (docs/architecture.md "Slack stand-in"), as strict as Slack
// (issue #8): it answers the methods the bot uses the way Slack does — including Slack's refusals —
// records every call, and fails a method on request (ok:false or HTTP 429). Used by the tests,
// `npm run demo`, the bench, and by main.ts when asked for. It accepts what @slack/web-api's WebClient
// sends: application/x-www-form-urlencoded with nested values JSON-stringified, multipart/form-data
// (binary arguments, file uploads) and JSON.
//
// What it refuses, each as Slack answers (the method pages at docs.slack.dev/reference/methods/<name>):
// - Block Kit limits on messages (`invalid_blocks`) and views (`invalid_arguments`): ./blockKit.ts.
// - `no_text` for a message with neither text, blocks nor attachments.
// - `channel_not_found` for an unknown conversation, a private channel the bot is not in, and a user
//   ID given to chat.update/chat.delete ("For direct messages, ensure that this value is a DM ID
//   (starts with D) instead of a User ID"); `not_in_channel` for a post or file share in a channel
//   the bot was not invited to (a post needs `chat:write.public` otherwise; a file share always needs
//   membership); `user_not_in_channel` for an ephemeral message to a non-member.
// - trigger_id: issued by newTrigger() (the signed-request helper asks for one per payload), good for
//   3 seconds and one exchange: `invalid_trigger_id`, `expired_trigger_id`, `exchanged_trigger_id`.
// - views.update: `not_found` for an unknown view, `hash_conflict` for a hash that is not the view's
//   current one (docs.slack.dev/surfaces/modals "Avoiding race conditions").
// - response_url: 5 posts within 30 minutes (docs.slack.dev/interactivity/handling-user-interaction);
//   afterwards HTTP 404 `used_url` / `expired_url`; an invalid message HTTP 400 `invalid_blocks` /
//   `no_text`, as incoming webhooks answer (docs.slack.dev/messaging/sending-messages-using-incoming-
//   webhooks "Handling errors"). Slack's pages do not give the texts for a used-up or expired
//   response_url; `used_url` / `expired_url` are the ones developers report (unverified offline).
// - users.info / conversations.open: `user_not_found` for a user the workspace does not have.
// - `missing_scope` (with `needed` and `provided`) for a method outside manifest.yml's bot scopes
//   (src/slack/scopes.ts); `unknown_method`; `not_authed`; `not_allowed_token_type` for an app token.
// - Rate limits: HTTP 429 `ratelimited` with Retry-After (seconds), per RATE_LIMITS below.
// - Files a person uploaded (a modal's file_input, put here with addFile): files.info answers Slack's
//   file object (docs.slack.dev/reference/objects/file-object) or `file_not_found`; its url_private /
//   url_private_download are served by GET only with a token in the Authorization header ("Bearer
//   xoxb-…", holding files:read), as Slack requires (docs.slack.dev/messaging/working-with-files
//   "Downloading files"). Without one Slack answers no error but its sign-in page: a redirect to an HTML
//   page, which a careless client saves as the file. The stand-in does the same; each download is
//   recorded as method "file_download" (failNext("file_download", …) fails the next one).
// And, on request, what Slack does on a bad day: an HTTP 5xx, a call held without an answer (the
// caller's timeout ends it; the call is never carried out), a slow answer (failNext, outage).
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { APP_TOKEN_METHOD_SCOPES, METHOD_SCOPES, readManifest, scopesAllow } from "../scopes.ts";
import { type BlockKitProblem, checkMessage, checkView } from "./blockKit.ts";
import type { SocketModeStandIn } from "./socketMode.ts";

export interface StandInCall {
  method: string;
  args: Record<string, unknown>;
  /** Epoch ms when the stand-in received the call. */
  at: number;
  /** Set when the call was answered with a failure queued by failNext or an outage, or 429 by the rate limits. */
  failed?: StandInFailure;
  /** What the stand-in answered (e.g. views.open's `view` with its id); set once the reply is built. */
  response?: Record<string, unknown>;
}

export interface StandInUser {
  locale?: string;
  name?: string;
  realName?: string;
  tz?: string;
}

/** A file in the workspace, as a person uploaded it (a modal's file_input) — see addFile. */
export interface StandInFile {
  id: string;
  name: string;
  title: string;
  /** Slack's file type: the extension in lower case, e.g. "csv". */
  filetype: string;
  mimetype: string;
  bytes: Buffer;
  /** Who uploaded it. */
  user: string;
  /** Epoch seconds. */
  created: number;
}

export interface StandInChannel {
  name: string;
  isPrivate: boolean;
  /** Members by user id; the bot is a member when it was invited (STANDIN_BOT_USER_ID in the set). */
  members: Set<string>;
  /** Every workspace member is in it (#general). */
  everyone: boolean;
}

/**
 * A Slack error (HTTP 200, ok:false); HTTP 429 with Retry-After; an HTTP 5xx; `hang`: no answer at all
 * (the call is not carried out; the connection is dropped at recover() or close()); `delayMs`: the call
 * is carried out and answered that much later.
 */
export type StandInFailure =
  | string
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 | 504 }
  | { hang: true }
  | { delayMs: number };

export interface StandInOptions {
  port?: number;
  /** Epoch ms for trigger ids, response_urls and rate limits (default Date.now); tests step it. */
  now?: () => number;
  /** The bot token's scopes (default: manifest.yml's bot scopes, what installing the app grants). */
  scopes?: readonly string[];
  /** Answers apps.connections.open with its connection URLs (Socket Mode, ./socketMode.ts). */
  socketMode?: Pick<SocketModeStandIn, "connectionUrl">;
}

export interface SlackStandIn {
  /** Base URL of the Web API, ending in `/api/` (what WebClient's slackApiUrl expects). */
  url: string;
  /** Every call in arrival order, including failed ones and response_url posts (method "response_url"). */
  calls: StandInCall[];
  callsTo(method: string): StandInCall[];
  /** The next call to `method` fails: a Slack error code (HTTP 200, ok:false) or HTTP 429 with Retry-After. */
  failNext(method: string, error: StandInFailure): void;
  /**
   * Every Web API call (auth.test aside) fails this way until recover(): Slack down (HTTP 500) or not
   * answering (`hang`). Queued failNext failures wait.
   */
  outage(failure: StandInFailure): void;
  /** Ends the outage; calls held without an answer are dropped (their callers have given up). */
  recover(): void;
  /** The workspace's users (users.info, users.list, conversations.open); anyone else is user_not_found. */
  users: Map<string, StandInUser>;
  /** Conversations other than DMs, by id; C0GENERAL (#general, everyone, bot not invited) is there. */
  channels: Map<string, StandInChannel>;
  /** Adds (or replaces) a channel; `botInvited` puts the bot among its members. */
  addChannel(
    id: string,
    opts?: { name?: string; members?: readonly string[]; botInvited?: boolean; isPrivate?: boolean },
  ): StandInChannel;
  /** The bot token's scopes; a method none of them allows is answered missing_scope. */
  scopes: string[];
  /** The DM channel id the stand-in uses for a user (what conversations.open returns). */
  dmChannel(userId: string): string;
  /** A fresh trigger_id, as Slack puts in a command or interaction payload: one exchange within 3 s. */
  newTrigger(): string;
  /** A fresh response_url for a slash command or interaction; posts to it are recorded as "response_url". */
  responseUrl(): string;
  /** Bytes uploaded through files.getUploadURLExternal's URL, by file id. */
  uploads: Map<string, { filename: string; bytes: Buffer }>;
  /** Files people uploaded (addFile), by id. */
  files: Map<string, StandInFile>;
  /**
   * A person uploads a file (what a modal's file_input does before the view is submitted): its id,
   * which files.info then knows and whose url_private serves the bytes to the bot's token.
   */
  addFile(f: { name: string; bytes: Buffer | string; user?: string; mimetype?: string }): string;
  /** The file object files.info answers for `id` (also what a file_input's state carries), if any. */
  fileInfo(id: string): Record<string, unknown> | undefined;
  /** Resolves with the first call (already recorded or future) to `method` that satisfies `match`. */
  waitFor(method: string, match?: (c: StandInCall) => boolean, timeoutMs?: number): Promise<StandInCall>;
  /** Forgets recorded calls (not users, channels, failures, messages or rate-limit state). */
  clear(): void;
  close(): Promise<void>;
}

export const STANDIN_TEAM_ID = "T0STANDIN";
export const STANDIN_BOT_USER_ID = "U0BOT";
export const STANDIN_BOT_ID = "B0BOT";
export const STANDIN_GENERAL_CHANNEL = "C0GENERAL";

/** A trigger_id is good for one exchange within 3 seconds (docs.slack.dev/interactivity "trigger_id"). */
export const TRIGGER_TTL_MS = 3000;
/** A response_url takes 5 posts within 30 minutes (docs.slack.dev/interactivity/handling-user-interaction). */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

/**
 * Slack's rate limits, per method per workspace per app (docs.slack.dev/apis/web-api/rate-limits):
 * Tier 1 "1+ per minute, a small amount of burst", Tier 2 "20+", Tier 3 "50+ … sporadic bursts",
 * Tier 4 "100+ … generous burst behavior". The tier of each method is on its page ("Rate limits").
 * The tiers are minimums, so each bucket refills at the tier's number and holds one minute's worth as
 * its burst: strict like Slack, not stricter. chat.postMessage is "Special": "one message per second
 * per channel, short bursts >1 allowed" plus a workspace-wide limit of "several hundred messages per
 * minute"; the per-channel burst (25) is what clients measure against Slack (PSSlack issue #52).
 * chat.getPermalink and auth.test are "Special" without a number; they get Tier 4.
 */
export const RATE_LIMITS: Readonly<Record<string, { perMinute: number; burst: number; tier: string }>> = {
  "apps.connections.open": { perMinute: 1, burst: 5, tier: "Tier 1" },
  "auth.test": { perMinute: 100, burst: 100, tier: "Special" },
  "chat.postMessage": { perMinute: 300, burst: 300, tier: "Special (workspace-wide)" },
  "chat.update": { perMinute: 50, burst: 50, tier: "Tier 3" },
  "chat.delete": { perMinute: 50, burst: 50, tier: "Tier 3" },
  "chat.postEphemeral": { perMinute: 100, burst: 100, tier: "Tier 4" },
  "chat.getPermalink": { perMinute: 100, burst: 100, tier: "Special" },
  "conversations.open": { perMinute: 50, burst: 50, tier: "Tier 3" },
  "users.info": { perMinute: 100, burst: 100, tier: "Tier 4" },
  "users.list": { perMinute: 20, burst: 20, tier: "Tier 2" },
  "views.open": { perMinute: 100, burst: 100, tier: "Tier 4" },
  "views.push": { perMinute: 100, burst: 100, tier: "Tier 4" },
  "views.update": { perMinute: 100, burst: 100, tier: "Tier 4" },
  "views.publish": { perMinute: 100, burst: 100, tier: "Tier 4" },
  "files.getUploadURLExternal": { perMinute: 100, burst: 100, tier: "Tier 4" },
  "files.completeUploadExternal": { perMinute: 100, burst: 100, tier: "Tier 4" },
  "files.info": { perMinute: 100, burst: 100, tier: "Tier 4" },
};
/** chat.postMessage per channel: 1 a second, bursts of 25. */
export const POST_PER_CHANNEL = { perMinute: 60, burst: 25 } as const;

// Arguments WebClient JSON-encodes; only these are parsed back so a user's text that happens to look
// like JSON stays a string.
const JSON_ARGS = new Set([
  "blocks",
  "attachments",
  "view",
  "files",
  "metadata",
  "options",
  "user_auth_blocks",
  "unfurls",
]);

type Json = Record<string, unknown>;
type Reply = { status?: number; headers?: Record<string, string>; body: Json | string };

interface StoredMessage {
  channel: string;
  ts: string;
  text?: unknown;
  blocks?: unknown;
}

interface Waiter {
  method: string;
  match: (c: StandInCall) => boolean;
  resolve: (c: StandInCall) => void;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A conversation a message can go to, or why not. */
type Target = { ok: true; id: string; channel?: StandInChannel } | { ok: false; error: string };

export async function startSlackStandIn(opts: StandInOptions = {}): Promise<SlackStandIn> {
  const now = opts.now ?? Date.now;
  const calls: StandInCall[] = [];
  const failures = new Map<string, StandInFailure[]>();
  let down: StandInFailure | undefined;
  const held = new Set<http.ServerResponse>();
  const users = new Map<string, StandInUser>([[STANDIN_BOT_USER_ID, { name: "service-hall-bot" }]]);
  const channels = new Map<string, StandInChannel>();
  const scopes = [...(opts.scopes ?? readManifest().botScopes)];
  const uploads = new Map<string, { filename: string; bytes: Buffer }>();
  const files = new Map<string, StandInFile>();
  const pendingUploads = new Map<string, { filename: string; length: number }>();
  const messages = new Map<string, StoredMessage>();
  const views = new Map<string, Json>();
  const dms = new Map<string, string>();
  const groups = new Set<string>();
  const triggers = new Map<string, { issued: number; used: boolean }>();
  const responseUrls = new Map<string, { issued: number; uses: number }>();
  const buckets = new Map<string, Bucket>();
  const waiters: Waiter[] = [];
  let seq = 0;
  let base = "";

  const nextTs = () => {
    seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, "0")}`;
  };
  const nextId = (prefix: string) => {
    seq += 1;
    return `${prefix}${String(seq).padStart(8, "0")}`;
  };
  const dmChannel = (userId: string) => {
    let id = dms.get(userId);
    if (!id) {
      id = `D${userId.replace(/^[UW]/, "")}`;
      dms.set(userId, id);
    }
    return id;
  };
  const addChannel: SlackStandIn["addChannel"] = (id, o = {}) => {
    const members = new Set(o.members ?? []);
    if (o.botInvited) members.add(STANDIN_BOT_USER_ID);
    const channel: StandInChannel = {
      name: o.name ?? id.toLowerCase(),
      isPrivate: o.isPrivate ?? false,
      members,
      everyone: false,
    };
    channels.set(id, channel);
    return channel;
  };
  channels.set(STANDIN_GENERAL_CHANNEL, {
    name: "general",
    isPrivate: false,
    members: new Set(),
    everyone: true,
  });
  const record = (call: StandInCall) => {
    calls.push(call);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.method === call.method && w.match(call)) {
        waiters.splice(i, 1);
        w.resolve(call);
      }
    }
  };

  const fail = (error: string, extra: Json = {}): Reply => ({ body: { ok: false, error, ...extra } });
  const problem = (p: BlockKitProblem): Reply =>
    fail(p.error, { errors: [p.detail], response_metadata: { messages: [p.detail] } });
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const isUserId = (id: string) => /^[UW][A-Z0-9]+$/.test(id);
  const botIn = (c: StandInChannel) => c.members.has(STANDIN_BOT_USER_ID);
  const inChannel = (c: StandInChannel, userId: string) => c.everyone || c.members.has(userId);
  const hasText = (a: Json) => a.text !== undefined || a.blocks !== undefined || a.attachments !== undefined;

  /**
   * Where a message for `channel` goes. A user id is the app's DM with that user (chat.postMessage
   * allows it; `userIdAllowed` false for chat.update/chat.delete, which need the D… id). `share` is a
   * file share: it needs the bot in the channel even with chat:write.public.
   */
  function target(channel: string | undefined, o: { userIdAllowed: boolean; share?: boolean }): Target {
    if (!channel) return { ok: false, error: "channel_not_found" };
    if (isUserId(channel)) {
      if (!o.userIdAllowed || !users.has(channel)) return { ok: false, error: "channel_not_found" };
      return { ok: true, id: dmChannel(channel) };
    }
    if (channel.startsWith("D")) {
      // The app's DM with a workspace member exists once either side opened it; the stand-in has one
      // for every known user (the id dmChannel gives).
      const known =
        [...dms.values()].includes(channel) ||
        users.has(`U${channel.slice(1)}`) ||
        users.has(`W${channel.slice(1)}`);
      return known ? { ok: true, id: channel } : { ok: false, error: "channel_not_found" };
    }
    if (groups.has(channel)) return { ok: true, id: channel };
    const c = channels.get(channel);
    // A private channel the bot is not in does not exist for the bot.
    if (!c || (c.isPrivate && !botIn(c))) return { ok: false, error: "channel_not_found" };
    if (!botIn(c) && (o.share || !scopes.includes("chat:write.public")))
      return { ok: false, error: "not_in_channel" };
    return { ok: true, id: channel, channel: c };
  }

  function userRecord(id: string, includeLocale: boolean): Json {
    const u = users.get(id) ?? {};
    const name = u.name ?? id.toLowerCase();
    const user: Json = {
      id,
      team_id: STANDIN_TEAM_ID,
      name,
      real_name: u.realName ?? u.name ?? id,
      tz: u.tz ?? "Asia/Shanghai",
      tz_offset: 28800,
      is_bot: id === STANDIN_BOT_USER_ID,
      deleted: false,
      profile: { real_name: u.realName ?? u.name ?? id, display_name: name },
    };
    if (includeLocale) user.locale = u.locale ?? "zh-CN";
    return user;
  }

  function newTrigger(): string {
    seq += 1;
    // Slack's shape: "12345.98765.abcd2358fdea".
    const id = `${Math.floor(now() / 1000)}.${seq}.${randomBytes(8).toString("hex")}`;
    triggers.set(id, { issued: now(), used: false });
    return id;
  }

  /** Checks a trigger_id without using it up (a refused view does not cost the trigger). */
  function triggerProblem(raw: unknown): string | undefined {
    const id = str(raw);
    const t = id ? triggers.get(id) : undefined;
    if (!t) return "invalid_trigger_id";
    if (t.used) return "exchanged_trigger_id";
    if (now() - t.issued > TRIGGER_TTL_MS) return "expired_trigger_id";
    return undefined;
  }

  function storeView(view: Json, id: string, extra: Json = {}): Reply {
    const stored: Json = {
      ...view,
      id,
      team_id: STANDIN_TEAM_ID,
      state: { values: {} },
      hash: `${Math.floor(now() / 1000)}.${nextId("h")}`,
      app_id: "A0STANDIN",
      bot_id: STANDIN_BOT_ID,
      ...extra,
    };
    views.set(id, stored);
    return { body: { ok: true, view: stored } };
  }

  /** views.open / views.push: a modal for a fresh trigger. */
  function openView(a: Json): Reply {
    const bad = triggerProblem(a.trigger_id);
    if (bad) return fail(bad);
    const view = a.view as Json | undefined;
    if (!view || typeof view !== "object" || view.type !== "modal")
      return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] must be a modal view"] } });
    const p = checkView(view);
    if (p) return problem(p);
    triggers.get(String(a.trigger_id))!.used = true;
    return storeView(view, nextId("V"));
  }

  function storeMessage(channel: string, a: Json): StoredMessage {
    const msg: StoredMessage = { channel, ts: nextTs(), text: a.text, blocks: a.blocks };
    messages.set(`${msg.channel}/${msg.ts}`, msg);
    return msg;
  }

  /** Where a file's bytes are served (Slack: https://files.slack.com/files-pri/<team>-<file>/<name>). */
  const fileUrl = (f: StandInFile, download: boolean) =>
    `${base.replace(/api\/$/, "")}files-pri/${STANDIN_TEAM_ID}-${f.id}/${download ? "download/" : ""}${encodeURIComponent(f.name)}`;

  function addFile(f: { name: string; bytes: Buffer | string; user?: string; mimetype?: string }): string {
    const id = nextId("F");
    const ext = /\.([A-Za-z0-9]+)$/.exec(f.name)?.[1]?.toLowerCase() ?? "binary";
    files.set(id, {
      id,
      name: f.name,
      title: f.name,
      filetype: ext,
      mimetype: f.mimetype ?? (ext === "csv" ? "text/csv" : "application/octet-stream"),
      bytes: Buffer.isBuffer(f.bytes) ? f.bytes : Buffer.from(f.bytes, "utf8"),
      user: f.user ?? STANDIN_BOT_USER_ID,
      created: Math.floor(now() / 1000),
    });
    return id;
  }

  /** Slack's file object (the fields the bot reads, and enough of the rest to look like one). */
  function fileInfo(id: string): Json | undefined {
    const f = files.get(id);
    if (!f) return undefined;
    return {
      id: f.id,
      created: f.created,
      timestamp: f.created,
      name: f.name,
      title: f.title,
      mimetype: f.mimetype,
      filetype: f.filetype,
      pretty_type: f.filetype.toUpperCase(),
      user: f.user,
      user_team: STANDIN_TEAM_ID,
      editable: false,
      size: f.bytes.length,
      mode: "hosted",
      is_external: false,
      is_public: false,
      url_private: fileUrl(f, false),
      url_private_download: fileUrl(f, true),
      permalink: `https://standin.slack.local/files/${f.user}/${f.id}/${encodeURIComponent(f.name)}`,
    };
  }

  // Each handler answers like the Slack method of that name (the fields the bot and tests read).
  const methods: Record<string, (a: Json, token: string) => Reply> = {
    "auth.test": () => ({
      body: {
        ok: true,
        url: "https://standin.slack.local/",
        team: "Stand-in",
        user: "service-hall-bot",
        team_id: STANDIN_TEAM_ID,
        user_id: STANDIN_BOT_USER_ID,
        bot_id: STANDIN_BOT_ID,
        is_enterprise_install: false,
      },
    }),
    // docs.slack.dev/reference/methods/apps.connections.open: only an app-level token (xapp-…, scope
    // connections:write) may call it, and each answer is a new single-use WebSocket URL. With no Socket
    // Mode stand-in attached no app-level token exists here: Slack answers an unknown token invalid_auth.
    "apps.connections.open": (_a, token) =>
      !token.startsWith("xapp-")
        ? fail("not_allowed_token_type")
        : opts.socketMode
          ? { body: { ok: true, url: opts.socketMode.connectionUrl() } }
          : fail("invalid_auth"),
    "chat.postMessage": (a) => {
      const to = target(str(a.channel), { userIdAllowed: true });
      if (!to.ok) return fail(to.error);
      if (!hasText(a)) return fail("no_text");
      const p = checkMessage(a);
      if (p) return problem(p);
      // Slack truncates text over 40,000 characters and posts the rest (chat.postMessage "Truncating content").
      const text = typeof a.text === "string" && a.text.length > 40_000 ? a.text.slice(0, 40_000) : a.text;
      const msg = storeMessage(to.id, { ...a, text });
      return {
        body: {
          ok: true,
          channel: msg.channel,
          ts: msg.ts,
          message: {
            type: "message",
            user: STANDIN_BOT_USER_ID,
            bot_id: STANDIN_BOT_ID,
            text: text ?? "",
            blocks: a.blocks,
            ts: msg.ts,
            thread_ts: a.thread_ts,
          },
        },
      };
    },
    "chat.update": (a) => {
      const to = target(str(a.channel), { userIdAllowed: false });
      if (!to.ok) return fail(to.error === "not_in_channel" ? "channel_not_found" : to.error);
      const ts = str(a.ts);
      const msg = ts ? messages.get(`${to.id}/${ts}`) : undefined;
      if (!msg) return fail("message_not_found");
      if (!hasText(a)) return fail("no_text");
      const p = checkMessage(a);
      if (p) return problem(p);
      if (a.text !== undefined) msg.text = a.text;
      if (a.blocks !== undefined) msg.blocks = a.blocks;
      return {
        body: {
          ok: true,
          channel: msg.channel,
          ts,
          text: msg.text ?? "",
          message: { type: "message", user: STANDIN_BOT_USER_ID, text: msg.text ?? "", blocks: msg.blocks },
        },
      };
    },
    "chat.delete": (a) => {
      const to = target(str(a.channel), { userIdAllowed: false });
      if (!to.ok) return fail(to.error === "not_in_channel" ? "channel_not_found" : to.error);
      if (!messages.delete(`${to.id}/${String(a.ts ?? "")}`)) return fail("message_not_found");
      return { body: { ok: true, channel: to.id, ts: a.ts } };
    },
    "chat.postEphemeral": (a) => {
      const to = target(str(a.channel), { userIdAllowed: true });
      if (!to.ok) return fail(to.error);
      const user = str(a.user);
      if (!user || !users.has(user)) return fail("user_not_found");
      if (to.channel && !inChannel(to.channel, user)) return fail("user_not_in_channel");
      if (!hasText(a)) return fail("no_text");
      const p = checkMessage(a);
      if (p) return problem(p);
      return { body: { ok: true, message_ts: nextTs() } };
    },
    "chat.getPermalink": (a) => {
      const channel = String(a.channel ?? "");
      if (!messages.has(`${channel}/${String(a.message_ts ?? "")}`)) return fail("message_not_found");
      return {
        body: {
          ok: true,
          channel,
          permalink: `https://standin.slack.local/archives/${channel}/p${String(a.message_ts).replace(".", "")}`,
        },
      };
    },
    "conversations.open": (a) => {
      const ids = String(a.users ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length === 0) return fail("users_list_not_supplied");
      if (ids.some((id) => !users.has(id))) return fail("user_not_found");
      if (ids.length === 1) return { body: { ok: true, channel: { id: dmChannel(ids[0]!) } } };
      const id = `G${ids.join("").replace(/[^A-Z0-9]/g, "")}`;
      groups.add(id);
      return { body: { ok: true, channel: { id } } };
    },
    "views.open": openView,
    "views.push": openView,
    "views.update": (a) => {
      const id =
        str(a.view_id) ??
        [...views.values()].find((v) => a.external_id && v.external_id === a.external_id)?.id;
      const current = typeof id === "string" ? views.get(id) : undefined;
      if (!current) return fail("not_found");
      if (str(a.hash) && a.hash !== current.hash) return fail("hash_conflict");
      const view = a.view as Json | undefined;
      const p = checkView(view);
      if (p) return problem(p);
      return storeView(view!, String(id));
    },
    "views.publish": (a) => {
      const user = str(a.user_id);
      if (!user) return fail("invalid_arguments");
      const view = a.view as Json | undefined;
      if (!view || typeof view !== "object" || view.type !== "home")
        return fail("invalid_arguments", {
          response_metadata: { messages: ["[ERROR] must be a home view"] },
        });
      const id = `VHOME${user}`;
      if (str(a.hash) && a.hash !== views.get(id)?.hash) return fail("hash_conflict");
      const p = checkView(view);
      if (p) return problem(p);
      return storeView(view, id);
    },
    "users.info": (a) => {
      const id = str(a.user);
      if (!id || !users.has(id)) return fail("user_not_found");
      const includeLocale = a.include_locale === true || a.include_locale === "true";
      return { body: { ok: true, user: userRecord(id, includeLocale) } };
    },
    // users.list (api.slack.com/methods/users.list): every member of the workspace — the bot user, and
    // deleted users and bots too — paged by cursor (api.slack.com/apis/pagination: `limit` at most 1,000,
    // 100–200 recommended; no limit = the whole set; an empty next_cursor ends it). The cursor is
    // opaque, base64 of "user:<next id>" like Slack's; one that names no member is `invalid_cursor`.
    "users.list": (a) => {
      const ids = [...new Set([STANDIN_BOT_USER_ID, ...users.keys()])];
      const includeLocale = a.include_locale === true || a.include_locale === "true";
      const asked = Number(a.limit ?? 0);
      const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 1000) : ids.length;
      const cursor = str(a.cursor);
      let start = 0;
      if (cursor) {
        const decoded = Buffer.from(cursor, "base64").toString("utf8");
        start = decoded.startsWith("user:") ? ids.indexOf(decoded.slice(5)) : -1;
        if (start < 0) return fail("invalid_cursor");
      }
      const next = ids[start + limit];
      return {
        body: {
          ok: true,
          members: ids.slice(start, start + limit).map((id) => userRecord(id, includeLocale)),
          cache_ts: Math.floor(Date.now() / 1000),
          response_metadata: { next_cursor: next ? Buffer.from(`user:${next}`).toString("base64") : "" },
        },
      };
    },
    "files.getUploadURLExternal": (a) => {
      const filename = str(a.filename);
      const length = Number(a.length);
      if (!filename || !Number.isInteger(length) || length <= 0) return fail("invalid_arguments");
      const fileId = nextId("F");
      pendingUploads.set(fileId, { filename, length });
      return {
        body: { ok: true, upload_url: `${base.replace(/api\/$/, "")}upload/${fileId}`, file_id: fileId },
      };
    },
    // files.info (docs.slack.dev/reference/methods/files.info): the file object, or file_not_found.
    "files.info": (a) => {
      const id = str(a.file);
      if (!id) return fail("invalid_arguments");
      const file = fileInfo(id);
      if (!file) return fail("file_not_found");
      return { body: { ok: true, file, comments: [], response_metadata: { next_cursor: "" } } };
    },
    "files.completeUploadExternal": (a) => {
      const files = Array.isArray(a.files) ? (a.files as Json[]) : [];
      if (files.length === 0) return fail("invalid_arguments");
      const channel = str(a.channel_id);
      // Sharing a file needs the bot in the channel, whatever chat:write.public allows for messages.
      const to = channel ? target(channel, { userIdAllowed: true, share: true }) : undefined;
      if (to && !to.ok) return fail(to.error);
      const out: Json[] = [];
      for (const f of files) {
        const id = String(f.id ?? "");
        const up = uploads.get(id);
        if (!up) return fail("file_not_found");
        out.push({ id, name: up.filename, title: f.title ?? up.filename, size: up.bytes.length });
      }
      if (to?.ok) storeMessage(to.id, { text: a.initial_comment });
      return { body: { ok: true, files: out } };
    },
  };

  /** Takes one call from `key`'s bucket; the seconds to wait when it is empty. */
  function take(key: string, limit: { perMinute: number; burst: number }): number | undefined {
    const t = now();
    const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) * limit.perMinute) / 60_000);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil(((1 - b.tokens) * 60) / limit.perMinute));
  }

  /** Retry-After seconds when this call is over a rate limit. */
  function rateLimited(method: string, a: Json): number | undefined {
    const limit = RATE_LIMITS[method];
    if (!limit) return undefined;
    if (method === "chat.postMessage") {
      const to = target(str(a.channel), { userIdAllowed: true });
      const channel = to.ok ? to.id : String(a.channel ?? "");
      const wait = take(`${method}#${channel}`, POST_PER_CHANNEL);
      if (wait !== undefined) return wait;
    }
    return take(method, limit);
  }

  async function readBody(req: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  async function parseArgs(req: http.IncomingMessage, raw: Buffer): Promise<Json> {
    const type = String(req.headers["content-type"] ?? "").toLowerCase();
    const args: Json = {};
    if (type.startsWith("application/json")) {
      const parsed = raw.length ? (JSON.parse(raw.toString("utf8")) as unknown) : {};
      if (parsed && typeof parsed === "object") Object.assign(args, parsed);
    } else if (type.startsWith("multipart/form-data")) {
      const form = await new Response(raw, { headers: { "content-type": type } }).formData();
      for (const [k, v] of form.entries()) {
        args[k] = typeof v === "string" ? v : Buffer.from(await (v as Blob).arrayBuffer());
      }
    } else {
      for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) args[k] = v;
    }
    for (const k of Object.keys(args)) {
      const v = args[k];
      if (JSON_ARGS.has(k) && typeof v === "string" && /^\s*[[{]/.test(v)) {
        try {
          args[k] = JSON.parse(v);
        } catch {
          // Slack would answer invalid_blocks/invalid_arguments; keep the string so the handler sees it.
        }
      }
    }
    return args;
  }

  function send(res: http.ServerResponse, reply: Reply) {
    const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, {
      "content-type": typeof reply.body === "string" ? "text/plain" : "application/json; charset=utf-8",
      ...reply.headers,
    });
    res.end(body);
  }

  /** A post to a response_url: 5 within 30 minutes; a message as chat.postMessage checks it. */
  function respondTo(id: string, a: Json): Reply {
    const entry = responseUrls.get(id);
    // Slack's answers to a response_url are plain text with an HTTP status, as for incoming webhooks.
    if (!entry) return { status: 404, body: "no_service" };
    if (now() - entry.issued > RESPONSE_URL_TTL_MS) return { status: 404, body: "expired_url" };
    if (entry.uses >= RESPONSE_URL_USES) return { status: 404, body: "used_url" };
    const deleting = a.delete_original === true || a.delete_original === "true";
    if (!deleting) {
      if (!hasText(a)) return { status: 400, body: "no_text" };
      if (checkMessage(a)) return { status: 400, body: "invalid_blocks" };
    }
    entry.uses += 1;
    return { body: "ok" };
  }

  /**
   * GET of a file's url_private(_download): the bytes for a request with a token that may read files;
   * anything else is redirected to the sign-in page, as Slack does (no error code, an HTML page).
   */
  function download(req: http.IncomingMessage, res: http.ServerResponse, fileId: string) {
    const f = files.get(fileId);
    const auth = String(req.headers.authorization ?? "");
    const token = /^Bearer (xox[bp]-\S+)$/.exec(auth)?.[1];
    const allowed = token !== undefined && scopes.includes("files:read");
    const queued = failures.get("file_download")?.shift();
    record({
      method: "file_download",
      args: { file_id: fileId, authorized: allowed },
      at: Date.now(),
      ...(queued !== undefined ? { failed: queued } : {}),
    });
    if (queued !== undefined) {
      const status = typeof queued === "object" && "status" in queued ? queued.status : 404;
      return send(res, { status, body: "stand-in: unavailable" });
    }
    if (!allowed) {
      const origin = base.replace(/api\/$/, "");
      res.writeHead(302, { location: `${origin}signin?redir=${encodeURIComponent(req.url ?? "/")}` });
      res.end();
      return;
    }
    if (!f) return send(res, { status: 404, body: "file not found" });
    res.writeHead(200, {
      "content-type": f.mimetype,
      "content-length": String(f.bytes.length),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`,
    });
    res.end(f.bytes);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (req.method === "GET") {
      const file = /^\/files-pri\/T\w+-(F\w+)(?:\/download)?\/[^/]+$/.exec(path);
      if (file) return download(req, res, file[1]!);
      // Slack's sign-in page, where a file request without a token lands.
      if (path === "/signin")
        return send(res, {
          headers: { "content-type": "text/html; charset=utf-8" },
          body: "<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body>Sign in to Stand-in</body></html>",
        });
    }
    if (req.method !== "POST") return send(res, { status: 405, body: "method not allowed" });
    const raw = await readBody(req);

    // The URL files.getUploadURLExternal handed out: WebClient posts the bytes as multipart field "body".
    const upload = /^\/upload\/(F\w+)$/.exec(path);
    if (upload) {
      const fileId = upload[1]!;
      const pending = pendingUploads.get(fileId);
      if (!pending) return send(res, { status: 404, body: "unknown upload" });
      const args = await parseArgs(req, raw);
      const bytes = Buffer.isBuffer(args.body) ? args.body : Buffer.from(String(args.body ?? ""));
      uploads.set(fileId, { filename: pending.filename, bytes });
      record({
        method: "upload",
        args: { file_id: fileId, filename: pending.filename, length: bytes.length },
        at: Date.now(),
      });
      return send(res, { body: `OK - ${bytes.length}` });
    }

    // For a driver in another process (the bench builds its signed requests there): a fresh
    // response_url, as responseUrl() gives in-process. Not a Slack API; Slack issues them itself.
    if (path === "/standin/response_url") return send(res, { body: issueResponseUrl() });

    // A response_url (slash commands, interactions): Slack answers a bare "ok".
    const response = /^\/response\/([\w-]+)$/.exec(path);
    if (response) {
      const args = await parseArgs(req, raw);
      const url = `${base.replace(/api\/$/, "")}${path.slice(1)}`;
      const queued = failures.get("response_url")?.shift();
      const reply: Reply =
        queued === undefined
          ? respondTo(response[1]!, args)
          : typeof queued === "string"
            ? { status: 404, body: queued }
            : "retryAfter" in queued
              ? { status: 429, headers: { "retry-after": String(queued.retryAfter) }, body: "rate_limited" }
              : { status: "status" in queued ? queued.status : 500, body: "stand-in: unavailable" };
      const ok = reply.body === "ok";
      record({
        method: "response_url",
        args: { ...args, url },
        at: Date.now(),
        ...(queued !== undefined ? { failed: queued } : {}),
        response: ok ? { ok: true } : { ok: false, error: String(reply.body), status: reply.status },
      });
      return send(res, reply);
    }

    const m = /^\/api\/([\w.]+)$/.exec(path);
    if (!m) return send(res, { status: 404, body: "not found" });
    const method = m[1]!;
    let args: Json;
    try {
      args = await parseArgs(req, raw);
    } catch {
      return send(res, { body: { ok: false, error: "invalid_form_data" } });
    }
    const auth = String(req.headers.authorization ?? "");
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : args.token;
    delete args.token;
    const at = Date.now();

    const failure = down !== undefined && method !== "auth.test" ? down : failures.get(method)?.shift();
    if (failure !== undefined && typeof failure === "object" && "delayMs" in failure)
      await new Promise((r) => setTimeout(r, failure.delayMs));
    else if (failure !== undefined) {
      record({ method, args, at, failed: failure });
      if (typeof failure === "string") return send(res, fail(failure));
      if ("hang" in failure) {
        held.add(res);
        return;
      }
      if (failure.status !== 429)
        return send(res, { status: failure.status, body: `stand-in: HTTP ${failure.status}` });
      return send(res, {
        status: 429,
        headers: { "retry-after": String(failure.retryAfter) },
        body: { ok: false, error: "ratelimited" },
      });
    }
    const handler = methods[method];
    const appTokenMethod = method in APP_TOKEN_METHOD_SCOPES;
    let reply: Reply;
    if (!handler) reply = fail("unknown_method");
    else if (!token) reply = fail("not_authed");
    else if (!appTokenMethod && String(token).startsWith("xapp-")) reply = fail("not_allowed_token_type");
    else if (!appTokenMethod && METHOD_SCOPES[method] !== undefined && !scopesAllow(method, scopes))
      reply = fail("missing_scope", { needed: METHOD_SCOPES[method]!.join(","), provided: scopes.join(",") });
    else {
      const wait = rateLimited(method, args);
      if (wait !== undefined) {
        const failed = { status: 429 as const, retryAfter: wait };
        record({ method, args, at, failed, response: { ok: false, error: "ratelimited" } });
        return send(res, {
          status: 429,
          headers: { "retry-after": String(wait) },
          body: { ok: false, error: "ratelimited" },
        });
      }
      reply = handler(args, String(token));
    }
    record({
      method,
      args,
      at,
      response: typeof reply.body === "string" ? { text: reply.body } : reply.body,
    });
    return send(res, reply);
  }

  function issueResponseUrl(): string {
    const id = randomUUID();
    responseUrls.set(id, { issued: now(), uses: 0 });
    return `${base.replace(/api\/$/, "")}response/${id}`;
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: e instanceof Error ? e.message : String(e) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/api/`;

  return {
    url: base,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext(method, error) {
      const q = failures.get(method) ?? [];
      q.push(error);
      failures.set(method, q);
    },
    outage(failure) {
      down = failure;
    },
    recover() {
      down = undefined;
      for (const res of held) res.destroy();
      held.clear();
    },
    users,
    channels,
    addChannel,
    scopes,
    dmChannel,
    newTrigger,
    responseUrl: issueResponseUrl,
    uploads,
    files,
    addFile,
    fileInfo,
    waitFor(method, match = () => true, timeoutMs = 5000) {
      const found = calls.find((c) => c.method === method && match(c));
      if (found) return Promise.resolve(found);
      return new Promise<StandInCall>((resolve, reject) => {
        const waiter: Waiter = { method, match, resolve };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`stand-in: no ${method} call within ${timeoutMs} ms`));
        }, timeoutMs);
        waiter.resolve = (c) => {
          clearTimeout(timer);
          resolve(c);
        };
        waiters.push(waiter);
      });
    },
    clear() {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
