// What reaches Bolt at all (issue #9, findings 4 and 10). Bolt's receivers trust the shape of what they
// are given: a signed `payload=null` (or a JSON `null`, `[]`, `"x"`, an interaction without a user …)
// threw inside HTTPReceiver's fire-and-forget request handler, an unhandled rejection that ended the
// process; and HTTPReceiver read bodies of up to 4 MB before it checked the signature. Here, before Bolt:
//
// HTTP (POST /slack/events), in this order, each refusal answered at once and nothing else done:
//   1. a declared Content-Length over BODY_LIMIT_BYTES → 413, before reading a byte;
//   2. signature headers missing, malformed, or a timestamp more than 5 minutes from now → 401, before
//      reading the body (Slack signs every request; its `ssl_check`, which Bolt takes unsigned, is the
//      one exception, read up to 1 KB);
//   3. the body, counted while it is read: past BODY_LIMIT_BYTES → 413, the rest discarded unread;
//   4. the v0 signature (docs.slack.dev/authentication/verifying-requests-from-slack) → 401;
//   5. the parsed body: not what Slack sends in a way Bolt would trip over (deliveryProblem) → 400.
// Then Bolt's own receiver, with the body already read (it checks the signature again).
//
// Socket Mode: every WebSocket frame goes through the same deliveryProblem before the Socket Mode client
// sees it; a malformed envelope is acknowledged (so Slack does not redeliver it) and dropped.
//
// Why 256 KB: the largest thing Slack sends an app is a view_submission or a block_actions from a modal,
// which carries the whole view back with its state. Slack refuses to open a view over 250 KB
// (views.open / views.push: `view_too_large`) and ours are small: inputs of at most 500 characters,
// private_metadata under Slack's 3,000, lists capped by src/slack/blocks/fit.ts. A slash command is a few
// KB at most; events are smaller still. 256 KB is far above anything this app can be sent, and 50 hostile
// connections can make the bot hold at most 12.5 MB instead of 200 MB.
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from "node:http";
import {
  HTTPModuleFunctions,
  isValidSlackRequest,
  type Logger,
  type ReceiverProcessEventErrorHandlerArgs,
  type SocketModeReceiverProcessEventErrorHandlerArgs,
} from "@slack/bolt";

/** The largest request body accepted on /slack/events, in bytes (see above for why). */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** An unsigned body is read only to recognise Slack's `ssl_check=1&token=…`. */
const UNSIGNED_BODY_LIMIT_BYTES = 1024;
/** Slack's replay window: a request whose timestamp is further than this from now is refused. */
export const SIGNATURE_MAX_AGE_S = 5 * 60;
/** A client still sending after its refusal is cut off after this long. */
const LINGER_MS = 1000;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Interaction types Bolt routes (helpers.getTypeAndConversation) and that this app may be sent. */
const INTERACTION_TYPES = new Set([
  "block_actions",
  "block_suggestion",
  "view_submission",
  "view_closed",
  "shortcut",
  "message_action",
]);

/**
 * What is wrong with a delivery's body in a way Bolt itself would fail on before any listener runs (an
 * exception in its routing, or a delivery it cannot route and never acknowledges); undefined when Bolt can
 * take it. Mirrors what Bolt 5 dereferences in App.processEvent, buildSource and getTypeAndConversation.
 * Finer checks (a user id that is not a string, actions that are not a list …) are replayGuard's
 * `malformed`, answered in the reply so the person is told.
 */
export function deliveryProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return "the body must be a JSON object";
  // Answered by Bolt's receiver itself, never routed.
  if (body.ssl_check === "1" || body.type === "url_verification") return undefined;
  if (body.event !== undefined) {
    const event = body.event;
    if (!isRecord(event)) return "event must be an object";
    if (typeof event.type !== "string") return "event.type must be a string";
    for (const key of ["channel", "user"] as const)
      if (key in event && typeof event[key] !== "string" && !isRecord(event[key]))
        return `event.${key} must be a string or an object`;
    for (const key of ["item", "subteam"] as const)
      if (key in event && !isRecord(event[key])) return `event.${key} must be an object`;
    const auth = body.authorizations;
    if (auth !== undefined && !(Array.isArray(auth) && auth.every(isRecord)))
      return "authorizations must be a list of objects";
    return undefined;
  }
  if (body.command !== undefined) {
    // Form fields, one value each (a repeated field would arrive as a list).
    for (const [key, value] of Object.entries(body))
      if (typeof value !== "string") return `${key} must be a single string`;
    // Slack sends these with every command; the listeners answer through response_url (found by the
    // fuzz test: a command without one threw "respond is not a function" after its ack).
    for (const key of ["user_id", "response_url", "trigger_id"] as const)
      if (!body[key]) return `${key} is missing`;
    return undefined;
  }
  if (typeof body.type !== "string") return "type must be a string";
  if (!INTERACTION_TYPES.has(body.type))
    return `type ${JSON.stringify(body.type.slice(0, 40))} is not handled`;
  // Bolt routes a block_actions by its `actions` (helpers.getTypeAndConversation); without them it
  // routes nothing and never answers (Slack would be told 404 after 3 s).
  if (body.type === "block_actions" && body.actions === undefined) return "actions is missing";
  if (body.user === undefined || body.user === null) return "user is missing";
  // Bolt destructures the first action (`[payload] = actions`): a number or an object would throw.
  // Other wrong shapes (a string, an empty list) are replayGuard's to refuse, in the reply.
  if (body.actions !== undefined && !Array.isArray(body.actions) && typeof body.actions !== "string")
    return "actions must be a list";
  if (body.channel === null) return "channel must be an object";
  if ((body.type === "view_submission" || body.type === "view_closed") && !isRecord(body.view))
    return "view must be an object";
  const urls = body.response_urls;
  if (urls !== undefined && !(Array.isArray(urls) && urls.every(isRecord)))
    return "response_urls must be a list of objects";
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The net under deliveryProblem. An error of a listener or a middleware ends in app.error (Bolt's
// processEvent catches it); what escapes processEvent failed in Bolt's own routing before any listener
// ran, on a delivery of a shape deliveryProblem did not foresee. That is the request's fault, not the
// bot's: answered 400 over HTTP (Bolt would answer 500, and Slack would retry it), and acknowledged over
// Socket Mode (Bolt would leave it unacknowledged, and Slack would deliver it again).

const isAuthorizationError = (e: unknown) =>
  typeof e === "object" && e !== null && (e as { code?: unknown }).code === "slack_bolt_authorization_error";

export async function httpProcessEventErrorHandler(
  args: ReceiverProcessEventErrorHandlerArgs,
): Promise<boolean> {
  if (isAuthorizationError(args.error)) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
  args.logger.warn(`delivery Bolt could not route refused: ${args.error.message}`);
  if (!args.response.headersSent) args.response.writeHead(400).end();
  return false;
}

export async function socketProcessEventErrorHandler(
  args: SocketModeReceiverProcessEventErrorHandlerArgs,
): Promise<boolean> {
  args.logger.warn(`Socket Mode delivery Bolt could not route dropped: ${args.error.message}`);
  return true;
}

// ---------------------------------------------------------------------------------------------
// HTTP

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return typeof v === "string" ? v : undefined;
};

/** The signature headers as Slack sends them, and a timestamp within the replay window. */
function signatureHeadersOk(headers: IncomingHttpHeaders, nowMs: number): boolean {
  const signature = header(headers, "x-slack-signature");
  const timestamp = header(headers, "x-slack-request-timestamp");
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return false;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= SIGNATURE_MAX_AGE_S;
}

type Read = { ok: true; body: Buffer } | { ok: false; reason: "too_large" | "aborted" };

/** Reads the body, counting bytes as they come; stops at the first byte past `limit`. */
function readBody(req: IncomingMessage, limit: number): Promise<Read> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (r: Read) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return settle({ ok: false, reason: "too_large" });
      chunks.push(chunk);
    };
    const onEnd = () => settle({ ok: true, body: Buffer.concat(chunks) });
    const onAbort = () => settle({ ok: false, reason: "aborted" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  });
}

/**
 * Answers `status` with no body. When the body was not (fully) read the connection is closed: Node
 * discards what still arrives, and a client that keeps sending is cut off after LINGER_MS.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, unread: boolean): void {
  if (res.headersSent) return;
  res.writeHead(status, unread ? { connection: "close" } : {});
  res.end(() => {
    if (unread) setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
}

export interface HttpGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** The events path (Bolt's `endpoints`). */
  endpoint: string;
  now?: () => number;
}

/**
 * Wraps Bolt's HTTPReceiver request listener (`receiver.requestListener`) with the checks above; other
 * paths (GET /healthz …) go straight to it.
 */
export function guardHttpListener(inner: RequestListener, opts: HttpGuardOptions): RequestListener {
  const now = opts.now ?? Date.now;
  const log = opts.logger;

  async function events(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const declared = header(req.headers, "content-length");
    if (declared !== undefined && !/^\d{1,15}$/.test(declared)) return refuse(req, res, 400, true);
    const length = declared === undefined ? undefined : Number(declared);
    if (length !== undefined && length > BODY_LIMIT_BYTES) {
      log.warn(`request refused: body of ${length} bytes over the ${BODY_LIMIT_BYTES}-byte limit`);
      return refuse(req, res, 413, true);
    }
    const form = header(req.headers, "content-type") === "application/x-www-form-urlencoded";
    if (!signatureHeadersOk(req.headers, now())) {
      if (form && length !== undefined && length <= UNSIGNED_BODY_LIMIT_BYTES) {
        const read = await readBody(req, UNSIGNED_BODY_LIMIT_BYTES);
        if (read.ok && new URLSearchParams(read.body.toString()).get("ssl_check") === "1") {
          Object.assign(req, { rawBody: Buffer.from("ssl_check=1") });
          return inner(req, res);
        }
      }
      log.warn("request refused: signature headers missing, malformed or outside the 5-minute window");
      return refuse(req, res, 401, true);
    }
    const read = await readBody(req, BODY_LIMIT_BYTES);
    if (!read.ok) {
      if (read.reason === "aborted") return refuse(req, res, 400, true); // the client went away
      log.warn(`request refused: body over the ${BODY_LIMIT_BYTES}-byte limit`);
      return refuse(req, res, 413, true);
    }
    const text = read.body.toString();
    const verified = isValidSlackRequest({
      signingSecret: opts.signingSecret,
      body: text,
      headers: {
        "x-slack-signature": header(req.headers, "x-slack-signature")!,
        "x-slack-request-timestamp": Number(header(req.headers, "x-slack-request-timestamp")),
      },
    });
    if (!verified) {
      log.warn("request refused: signature mismatch");
      return refuse(req, res, 401, false);
    }
    // From here on Bolt finds the body already read (HTTPModuleFunctions.bufferIncomingMessage).
    const buffered = Object.assign(req, { rawBody: read.body });
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      log.warn("request refused: body is not what its content type says");
      return refuse(req, res, 400, false);
    }
    if (isRecord(body) && body.type === "app_rate_limited") {
      // Slack telling us it dropped events (Events API rate limit): nothing to route, only to note.
      log.warn("Slack reports the app was rate limited (app_rate_limited)");
      res.writeHead(200).end();
      return;
    }
    const problem = deliveryProblem(body);
    if (problem) {
      log.warn(`malformed delivery refused: ${problem}`);
      return refuse(req, res, 400, false);
    }
    inner(buffered, res);
  }

  return (req, res) => {
    let path: string;
    try {
      path = new URL(req.url ?? "/", "http://localhost").pathname;
    } catch {
      return refuse(req, res, 400, true);
    }
    if (req.method !== "POST" || path !== opts.endpoint) return inner(req, res);
    events(req, res).catch((e: unknown) => {
      log.error(`request failed: ${e instanceof Error ? e.message : String(e)}`);
      refuse(req, res, 400, true);
    });
  };
}

// ---------------------------------------------------------------------------------------------
// Socket Mode

/** The part of @slack/socket-mode's SocketModeClient (v2) used here. */
interface SocketClientInternals {
  onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void>;
  send(envelopeId: string, body?: Json): Promise<void>;
  removeAllListeners(event: string): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

const ENVELOPE_TYPES = new Set(["events_api", "slash_commands", "interactive"]);
const CONTROL_TYPES = new Set(["hello", "disconnect"]);

/**
 * Puts deliveryProblem in front of the Socket Mode client. The client parses each frame and dereferences
 * `payload.event.type` itself (SocketModeClient.onWebSocketMessage, an async handler whose failure is an
 * unhandled rejection), so the frame is checked before it gets there: the handler registered for
 * `ws_message` is replaced by one that checks, then calls it.
 */
export function guardSocketModeClient(client: object, logger: Logger): void {
  const c = client as SocketClientInternals;
  const original = c.onWebSocketMessage.bind(client);
  const ackAndDrop = (envelopeId: unknown, why: string) => {
    logger.warn(`malformed Socket Mode message dropped: ${why}`);
    if (typeof envelopeId === "string" && envelopeId !== "")
      c.send(envelopeId, {}).catch((e: unknown) =>
        logger.warn(`ack of a dropped envelope failed: ${String(e)}`),
      );
  };
  c.removeAllListeners("ws_message");
  c.on("ws_message", (data: string | ArrayBuffer, isBinary: boolean) => {
    if (!isBinary) {
      let msg: unknown;
      try {
        msg = JSON.parse(typeof data === "string" ? data : Buffer.from(data).toString("utf8"));
      } catch {
        return logger.warn("Socket Mode message that is not JSON dropped");
      }
      if (!isRecord(msg)) return logger.warn("Socket Mode message that is not an object dropped");
      const type = msg.type;
      if (typeof type !== "string" || !(ENVELOPE_TYPES.has(type) || CONTROL_TYPES.has(type)))
        return ackAndDrop(msg.envelope_id, `unknown message type ${JSON.stringify(type)}`);
      if (ENVELOPE_TYPES.has(type)) {
        if (typeof msg.envelope_id !== "string" || msg.envelope_id === "")
          return logger.warn("Socket Mode envelope without an envelope_id dropped");
        const problem =
          type === "events_api" && !(isRecord(msg.payload) && isRecord(msg.payload.event))
            ? "events_api payload without an event"
            : deliveryProblem(msg.payload);
        if (problem) return ackAndDrop(msg.envelope_id, problem);
      }
    }
    original(data, isBinary).catch((e: unknown) =>
      logger.error(`Socket Mode message failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  });
}
