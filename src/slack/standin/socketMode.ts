// A local stand-in for Slack's Socket Mode server (docs.slack.dev/apis/events-api/using-socket-mode,
// "Socket Mode implementation"): the app's Socket Mode client gets a single-use URL from
// `apps.connections.open` (the Web API stand-in, started with `{ socketMode }`), opens a WebSocket to it,
// and receives `hello`. Slack then delivers everything it would POST to a Request URL as an envelope
//   { envelope_id, type: "slash_commands" | "interactive" | "events_api", payload, accepts_response_payload }
// (events also carry retry_attempt / retry_reason) and waits up to 3 seconds for the app's ack
//   { envelope_id, payload? }
// — the same deadline as an HTTP response. Slack refreshes connections with
//   { type: "disconnect", reason: "refresh_requested" | "warning" | "link_disabled" | "too_many_websockets" }
// after which the client calls apps.connections.open again and reconnects. Loopback only.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** The app id Slack puts in connection URLs and hello (the one the payloads of slackHttp.ts carry). */
export const STANDIN_APP_ID = "A0STANDIN";
/** Slack allows an app at most 10 open Socket Mode connections; the 11th is told too_many_websockets. */
const MAX_CONNECTIONS = 10;
/** Seconds until Slack plans to refresh a connection (hello's debug_info); Slack's are a few hours. */
const APPROXIMATE_CONNECTION_TIME = 18060;

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";
export type DisconnectReason = "refresh_requested" | "warning" | "link_disabled" | "too_many_websockets";

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketAck {
  envelope_id: string;
  /** What the app answered with (response_action, options, a command's reply …); absent if none. */
  payload?: Record<string, unknown>;
  /** The connection the ack arrived on. */
  connection: number;
  /** It came after the deadline (Slack had already given up on the envelope). */
  late: boolean;
  /** The envelope had already been acknowledged. */
  repeated: boolean;
  /** No envelope with this id was ever delivered. */
  stray: boolean;
}

export interface SocketConnection {
  /** 1, 2, … in the order the app connected. */
  id: number;
  ticket: string;
  /** True once hello was sent. */
  greeted: boolean;
  /** Set when the socket closed (by either side). */
  closed: boolean;
  /** The reason of the disconnect message the stand-in sent on it, if any. */
  disconnectReason?: DisconnectReason;
}

export interface SocketModeStandInOptions {
  /** How long Slack waits for an ack (default 3,000 ms, Slack's deadline). */
  ackTimeoutMs?: number;
}

export interface SocketModeStandIn {
  /** Base address, ws://127.0.0.1:<port>/. */
  url: string;
  /**
   * A fresh single-use connection URL, `ws://127.0.0.1:<port>/link/?ticket=…&app_id=…` — what
   * apps.connections.open answers. A ticket that was used or never issued is refused at the handshake.
   */
  connectionUrl(): string;
  /** Every connection the app made, in order. */
  connections: SocketConnection[];
  /** Handshakes refused (unknown or reused ticket). */
  refused: string[];
  /** Resolves once `count` connections in total have been greeted with hello (2 = the first reconnect). */
  waitForConnection(count: number, timeoutMs?: number): Promise<SocketConnection>;
  /**
   * Delivers one envelope over the newest open connection and resolves with the app's ack; rejects when
   * there is no open connection (Slack would tell the user the app did not respond) or no ack comes
   * within the deadline (recorded in `unacked`).
   */
  send(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    more?: { retryAttempt?: number; retryReason?: string },
  ): Promise<SocketAck>;
  /**
   * Writes one text frame as it is on the newest open connection — something Slack would never send
   * (`null`, an envelope whose payload is not an object …), to prove the app survives it. With
   * `envelopeId`, resolves with the ack for that id (rejects after the deadline); without, at once.
   */
  sendRaw(frame: string, envelopeId?: string): Promise<SocketAck | undefined>;
  /** Every envelope delivered, in order. */
  envelopes: Envelope[];
  /** Every ack received, in order, including late, stray and repeated ones. */
  acks: SocketAck[];
  /** Envelopes whose ack did not arrive in time. */
  unacked: Envelope[];
  /**
   * Sends `{type:"disconnect", reason}` on the newest open connection (or the one given). For every
   * reason but "warning" (sent ahead of a refresh; the connection stays up) Slack then closes it.
   */
  disconnect(reason?: DisconnectReason, connectionId?: number): void;
  close(): Promise<void>;
}

interface Open {
  info: SocketConnection;
  ws: WebSocket;
}

interface Pending {
  envelope: Envelope;
  resolve: (ack: SocketAck) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

interface ConnectionWaiter {
  count: number;
  resolve: (c: SocketConnection) => void;
}

export async function startSocketModeStandIn(
  opts: SocketModeStandInOptions = {},
): Promise<SocketModeStandIn> {
  const ackTimeoutMs = opts.ackTimeoutMs ?? 3000;
  const tickets = new Set<string>();
  const connections: SocketConnection[] = [];
  const open: Open[] = [];
  const refused: string[] = [];
  const envelopes: Envelope[] = [];
  const acks: SocketAck[] = [];
  const unacked: Envelope[] = [];
  const pending = new Map<string, Pending>();
  const answered = new Set<string>();
  const waiters: ConnectionWaiter[] = [];
  let base = "";

  const greetedCount = () => connections.filter((c) => c.greeted).length;
  const notifyWaiters = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (greetedCount() >= w.count) {
        waiters.splice(i, 1);
        w.resolve(connections.filter((c) => c.greeted)[w.count - 1]!);
      }
    }
  };

  function onAck(conn: SocketConnection, raw: string) {
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      return; // Slack ignores what it cannot parse
    }
    if (!msg || typeof msg !== "object") return;
    const { envelope_id: id, payload } = msg as { envelope_id?: unknown; payload?: unknown };
    if (typeof id !== "string") return;
    const p = pending.get(id);
    const late = !p && unacked.some((e) => e.envelope_id === id);
    const repeated = answered.has(id);
    const ack: SocketAck = {
      envelope_id: id,
      connection: conn.id,
      late,
      repeated,
      stray: !p && !late && !repeated,
    };
    if (payload && typeof payload === "object" && Object.keys(payload).length > 0)
      ack.payload = payload as Record<string, unknown>;
    acks.push(ack);
    if (!p) return;
    pending.delete(id);
    answered.add(id);
    clearTimeout(p.timer);
    p.resolve(ack);
  }

  function onConnection(ws: WebSocket, ticket: string) {
    const info: SocketConnection = { id: connections.length + 1, ticket, greeted: false, closed: false };
    connections.push(info);
    const entry: Open = { info, ws };
    open.push(entry);
    ws.on("message", (data, isBinary) => {
      if (!isBinary) onAck(info, data.toString());
    });
    ws.on("close", () => {
      info.closed = true;
      const i = open.indexOf(entry);
      if (i >= 0) open.splice(i, 1);
    });
    ws.on("error", () => undefined); // a reset by the app is a close like any other
    if (open.length > MAX_CONNECTIONS) {
      sendDisconnect(entry, "too_many_websockets");
      return;
    }
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: open.length,
        debug_info: {
          host: "applink-standin",
          build_number: 1,
          approximate_connection_time: APPROXIMATE_CONNECTION_TIME,
        },
        connection_info: { app_id: STANDIN_APP_ID },
      }),
    );
    info.greeted = true;
    notifyWaiters();
  }

  function sendDisconnect(entry: Open, reason: DisconnectReason) {
    entry.info.disconnectReason = reason;
    entry.ws.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-standin" } }));
    if (reason !== "warning") entry.ws.close(1000, reason);
  }

  const server = http.createServer((_req, res) => {
    res.writeHead(426, { "content-type": "text/plain" }).end("upgrade required");
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/link/" || !tickets.delete(ticket)) {
      // A ticket is good for one connection: a reused or unknown one never reaches hello.
      refused.push(ticket);
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, ticket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `ws://127.0.0.1:${port}/`;

  return {
    url: base,
    connectionUrl() {
      const ticket = randomUUID();
      tickets.add(ticket);
      return `${base}link/?ticket=${ticket}&app_id=${STANDIN_APP_ID}`;
    },
    connections,
    refused,
    waitForConnection(count, timeoutMs = 15_000) {
      if (greetedCount() >= count) return Promise.resolve(connections.filter((c) => c.greeted)[count - 1]!);
      return new Promise<SocketConnection>((resolve, reject) => {
        const waiter: ConnectionWaiter = { count, resolve };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`socket stand-in: connection #${count} did not come within ${timeoutMs} ms`));
        }, timeoutMs);
        waiter.resolve = (c) => {
          clearTimeout(timer);
          resolve(c);
        };
        waiters.push(waiter);
      });
    },
    send(type, payload, more = {}) {
      const target = open.filter((o) => o.info.greeted && o.ws.readyState === o.ws.OPEN).at(-1);
      if (!target)
        return Promise.reject(new Error(`socket stand-in: no open connection to deliver ${type} on`));
      const envelope: Envelope = {
        envelope_id: randomUUID(),
        type,
        payload,
        // Slack takes a response in the ack for slash commands, view submissions and option requests.
        accepts_response_payload:
          type === "slash_commands" ||
          (type === "interactive" &&
            (payload.type === "view_submission" || payload.type === "block_suggestion")),
      };
      if (type === "events_api") {
        envelope.retry_attempt = more.retryAttempt ?? 0;
        envelope.retry_reason = more.retryReason ?? (more.retryAttempt ? "timeout" : "");
      }
      envelopes.push(envelope);
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelope.envelope_id);
          unacked.push(envelope);
          reject(
            new Error(
              `socket stand-in: no ack for ${type} envelope ${envelope.envelope_id} within ${ackTimeoutMs} ms`,
            ),
          );
        }, ackTimeoutMs);
        pending.set(envelope.envelope_id, { envelope, resolve, reject, timer });
        target.ws.send(JSON.stringify(envelope));
      });
    },
    sendRaw(frame, envelopeId) {
      const target = open.filter((o) => o.info.greeted && o.ws.readyState === o.ws.OPEN).at(-1);
      if (!target) return Promise.reject(new Error("socket stand-in: no open connection to send on"));
      if (envelopeId === undefined) {
        target.ws.send(frame);
        return Promise.resolve(undefined);
      }
      // Recorded as pending like an envelope, so its ack resolves the promise (and is not "stray").
      const envelope = { envelope_id: envelopeId, type: "events_api", payload: {} } as Envelope;
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          unacked.push(envelope);
          reject(new Error(`socket stand-in: no ack for raw frame ${envelopeId} within ${ackTimeoutMs} ms`));
        }, ackTimeoutMs);
        pending.set(envelopeId, { envelope, resolve, reject, timer });
        target.ws.send(frame);
      });
    },
    envelopes,
    acks,
    unacked,
    disconnect(reason = "refresh_requested", connectionId) {
      const entry = connectionId === undefined ? open.at(-1) : open.find((o) => o.info.id === connectionId);
      if (!entry) throw new Error("socket stand-in: no open connection to disconnect");
      sendDisconnect(entry, reason);
    },
    async close() {
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error("socket stand-in closed"));
      }
      pending.clear();
      for (const o of [...open]) o.ws.terminate();
      wss.close();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      });
    },
  };
}
