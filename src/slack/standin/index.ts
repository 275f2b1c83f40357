// A local stand-in for the Slack Web API (docs/architecture.md "Slack stand-in"): answers the methods
// the bot uses the way Slack does, records every call, and fails a method on request (ok:false or
// HTTP 429). Used by the tests, `npm run demo`, the bench, and by main.ts when no tokens are set
// outside production. It accepts what @slack/web-api's WebClient sends: application/x-www-form-urlencoded
// with nested values JSON-stringified, multipart/form-data (binary arguments, file uploads) and JSON.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInCall {
  method: string;
  args: Record<string, unknown>;
  /** Epoch ms when the stand-in received the call. */
  at: number;
  /** Set when the call was answered with a failure queued by failNext. */
  failed?: string | { status: 429; retryAfter: number };
  /** What the stand-in answered (e.g. views.open's `view` with its id); set once the reply is built. */
  response?: Record<string, unknown>;
}

export interface StandInUser {
  locale?: string;
  name?: string;
  realName?: string;
  tz?: string;
}

export type StandInFailure = string | { status: 429; retryAfter: number };

export interface SlackStandIn {
  /** Base URL of the Web API, ending in `/api/` (what WebClient's slackApiUrl expects). */
  url: string;
  /** Every call in arrival order, including failed ones and response_url posts (method "response_url"). */
  calls: StandInCall[];
  callsTo(method: string): StandInCall[];
  /** The next call to `method` fails: a Slack error code (HTTP 200, ok:false) or HTTP 429 with Retry-After. */
  failNext(method: string, error: StandInFailure): void;
  /** Slack users known to users.info; unknown well-formed ids get a default Chinese-locale user. */
  users: Map<string, StandInUser>;
  /** The DM channel id the stand-in uses for a user (what conversations.open returns). */
  dmChannel(userId: string): string;
  /** A fresh response_url for a slash command or interaction; posts to it are recorded as "response_url". */
  responseUrl(): string;
  /** Bytes uploaded through files.getUploadURLExternal's URL, by file id. */
  uploads: Map<string, { filename: string; bytes: Buffer }>;
  /** Resolves with the first call (already recorded or future) to `method` that satisfies `match`. */
  waitFor(method: string, match?: (c: StandInCall) => boolean, timeoutMs?: number): Promise<StandInCall>;
  /** Forgets recorded calls (not users, failures or messages). */
  clear(): void;
  close(): Promise<void>;
}

export const STANDIN_TEAM_ID = "T0STANDIN";
export const STANDIN_BOT_USER_ID = "U0BOT";
export const STANDIN_BOT_ID = "B0BOT";

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

export async function startSlackStandIn(opts: { port?: number } = {}): Promise<SlackStandIn> {
  const calls: StandInCall[] = [];
  const failures = new Map<string, StandInFailure[]>();
  const users = new Map<string, StandInUser>();
  const uploads = new Map<string, { filename: string; bytes: Buffer }>();
  const pendingUploads = new Map<string, { filename: string; length: number }>();
  const messages = new Map<string, StoredMessage>();
  const views = new Map<string, Json>();
  const dms = new Map<string, string>();
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

  const fail = (error: string): Reply => ({ body: { ok: false, error } });
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  // Posting to a user id (U…/W…) lands in the app's DM with that user, as on Slack.
  const resolveChannel = (channel: string) =>
    /^[UW][A-Z0-9]+$/.test(channel) ? dmChannel(channel) : channel;

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

  function viewReply(view: unknown, id: string, extra: Json = {}): Reply {
    if (!view || typeof view !== "object") return fail("invalid_arguments");
    const stored: Json = {
      ...(view as Json),
      id,
      team_id: STANDIN_TEAM_ID,
      state: { values: {} },
      hash: nextId("h"),
      app_id: "A0STANDIN",
      bot_id: STANDIN_BOT_ID,
      ...extra,
    };
    views.set(id, stored);
    return { body: { ok: true, view: stored } };
  }

  // Each handler answers like the Slack method of that name (the fields the bot and tests read).
  const methods: Record<string, (a: Json) => Reply> = {
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
    "chat.postMessage": (a) => {
      const channel = str(a.channel);
      if (!channel) return fail("channel_not_found");
      if (a.text === undefined && a.blocks === undefined && a.attachments === undefined)
        return fail("no_text");
      const msg: StoredMessage = {
        channel: resolveChannel(channel),
        ts: nextTs(),
        text: a.text,
        blocks: a.blocks,
      };
      messages.set(`${msg.channel}/${msg.ts}`, msg);
      return {
        body: {
          ok: true,
          channel: msg.channel,
          ts: msg.ts,
          message: {
            type: "message",
            user: STANDIN_BOT_USER_ID,
            bot_id: STANDIN_BOT_ID,
            text: a.text ?? "",
            blocks: a.blocks,
            ts: msg.ts,
            thread_ts: a.thread_ts,
          },
        },
      };
    },
    "chat.update": (a) => {
      const channel = str(a.channel);
      const ts = str(a.ts);
      if (!channel) return fail("channel_not_found");
      if (!ts) return fail("message_not_found");
      const msg = messages.get(`${resolveChannel(channel)}/${ts}`);
      if (!msg) return fail("message_not_found");
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
      const key = `${resolveChannel(String(a.channel ?? ""))}/${String(a.ts ?? "")}`;
      if (!messages.delete(key)) return fail("message_not_found");
      return { body: { ok: true, channel: a.channel, ts: a.ts } };
    },
    "chat.postEphemeral": (a) => {
      if (!str(a.channel)) return fail("channel_not_found");
      if (!str(a.user)) return fail("user_not_found");
      if (a.text === undefined && a.blocks === undefined && a.attachments === undefined)
        return fail("no_text");
      return { body: { ok: true, message_ts: nextTs() } };
    },
    "chat.getPermalink": (a) => ({
      body: {
        ok: true,
        channel: a.channel,
        permalink: `https://standin.slack.local/archives/${String(a.channel)}/p${String(a.message_ts).replace(".", "")}`,
      },
    }),
    "conversations.open": (a) => {
      const ids = String(a.users ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length === 0) return fail("users_list_not_supplied");
      const id = ids.length === 1 ? dmChannel(ids[0]!) : `G${ids.join("").replace(/[^A-Z0-9]/g, "")}`;
      return { body: { ok: true, channel: { id } } };
    },
    "views.open": (a) => (str(a.trigger_id) ? viewReply(a.view, nextId("V")) : fail("invalid_trigger_id")),
    "views.push": (a) => (str(a.trigger_id) ? viewReply(a.view, nextId("V")) : fail("invalid_trigger_id")),
    "views.update": (a) => {
      const id =
        str(a.view_id) ??
        [...views.values()].find((v) => a.external_id && v.external_id === a.external_id)?.id;
      if (typeof id !== "string" || !views.has(id)) return fail("not_found");
      return viewReply(a.view, id);
    },
    "views.publish": (a) => {
      const user = str(a.user_id);
      if (!user) return fail("invalid_arguments");
      const id = `VHOME${user}`;
      return viewReply(a.view, id);
    },
    "users.info": (a) => {
      const id = str(a.user);
      if (!id || !/^[UW][A-Z0-9]+$/.test(id)) return fail("user_not_found");
      const includeLocale = a.include_locale === true || a.include_locale === "true";
      return { body: { ok: true, user: userRecord(id, includeLocale) } };
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
    "files.completeUploadExternal": (a) => {
      const files = Array.isArray(a.files) ? (a.files as Json[]) : [];
      if (files.length === 0) return fail("invalid_arguments");
      const out: Json[] = [];
      for (const f of files) {
        const id = String(f.id ?? "");
        const up = uploads.get(id);
        if (!up) return fail("file_not_found");
        out.push({ id, name: up.filename, title: f.title ?? up.filename, size: up.bytes.length });
      }
      const channel = str(a.channel_id);
      if (channel) {
        const msg: StoredMessage = {
          channel: resolveChannel(channel),
          ts: nextTs(),
          text: a.initial_comment,
        };
        messages.set(`${msg.channel}/${msg.ts}`, msg);
      }
      return { body: { ok: true, files: out } };
    },
  };

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

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
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

    // A response_url (slash commands, interactions): Slack answers a bare "ok".
    if (/^\/response\/[\w-]+$/.test(path)) {
      const args = await parseArgs(req, raw);
      record({
        method: "response_url",
        args: { ...args, url: `${base.replace(/api\/$/, "")}${path.slice(1)}` },
        at: Date.now(),
      });
      return send(res, { body: "ok" });
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

    const queued = failures.get(method);
    const failure = queued?.shift();
    if (failure !== undefined) {
      record({ method, args, at, failed: failure });
      if (typeof failure === "string") return send(res, fail(failure));
      return send(res, {
        status: 429,
        headers: { "retry-after": String(failure.retryAfter) },
        body: { ok: false, error: "ratelimited" },
      });
    }
    const handler = methods[method];
    const reply = !handler ? fail("unknown_method") : !token ? fail("not_authed") : handler(args);
    record({
      method,
      args,
      at,
      response: typeof reply.body === "string" ? { text: reply.body } : reply.body,
    });
    return send(res, reply);
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
    users,
    dmChannel,
    responseUrl: () => `http://127.0.0.1:${port}/response/${randomUUID()}`,
    uploads,
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
