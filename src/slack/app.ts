// Wires the Bolt app (docs/architecture.md "Slack app"): receiver, replay guard, listeners. Nothing
// else happens here. HTTP mode serves POST /slack/events (commands, interactivity, options, events)
// and GET /healthz; Socket Mode (SLACK_APP_TOKEN) serves only /healthz over HTTP.
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AckFn,
  App,
  HTTPReceiver,
  LogLevel,
  type ReceiverEvent,
  ReceiverMultipleAckError,
  SocketModeReceiver,
} from "@slack/bolt";
import type { Config, LogLevel as ConfigLogLevel } from "../config.ts";
import { databaseAnswers } from "../db/health.ts";
import { createOutboxSender, type OutboxSender, onOutboxQueued, type SenderOptions } from "../jobs/outbox.ts";
import type { ServiceContext } from "../services/context.ts";
import { refreshLocaleAfter } from "./i18n/locale.ts";
import {
  BODY_LIMIT_BYTES,
  guardHttpListener,
  guardSocketModeClient,
  httpProcessEventErrorHandler,
  socketProcessEventErrorHandler,
} from "./inboundGuard.ts";
import { createInFlight } from "./inFlight.ts";
import { registerListeners } from "./listeners/index.ts";
import { replayGuard } from "./replayGuard.ts";

type BoltApp = App;

export interface SlackAppOptions {
  config: Config;
  ctx: ServiceContext;
  /** Overrides config.logLevel (tests pass "error"). */
  logLevel?: ConfigLogLevel;
  /** The outbox sender's settings (tests: a clock of their own, short backoffs; the demo: one lane). */
  outbox?: SenderOptions;
  /** Overrides SLACK_CALL_TIMEOUT_MS (tests of a Slack that does not answer). */
  slackCallTimeoutMs?: number;
  /** Where a month closed from the App Home writes its workbooks (default: the scheduler's, data/exports). */
  exportDir?: string;
}

export interface SlackAppHandle {
  app: BoltApp;
  /** Listens on `port` (default config.port; 0 = any free port) and `host` (default: all interfaces). */
  start(port?: number, host?: string): Promise<{ port: number }>;
  /**
   * Resolves once every listener has finished, including work done after its ack, and the outbox has
   * nothing left it can send now (rows waiting out a backoff stay queued).
   */
  idle(): Promise<void>;
  /** The app's outbox sender: woken by every change that queued messages; main.ts also polls it. */
  outbox: OutboxSender;
  /** Stops taking requests, then waits for running listeners. */
  stop(): Promise<void>;
}

const LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
} as const;

/** True for an API on this machine (the stand-in). */
export function isLocalApi(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
}

/**
 * The App for Socket Mode. Bolt's HTTPReceiver throws ReceiverMultipleAckError on a second ack(); its
 * SocketModeReceiver only logs a warning (SocketModeResponseAck: "TODO: (semver:major) this should throw").
 * replayGuard tells "a listener already answered" from "nobody answered" by that error, so without it
 * every command and click over Socket Mode was also answered "nobody handled this" (SLACK.UNHANDLED).
 * Each delivery's ack is made to throw as over HTTP.
 */
class SocketModeApp extends App {
  override processEvent(event: ReceiverEvent): Promise<void> {
    const ack = event.ack as AckFn<unknown>;
    let acked = false;
    return super.processEvent({
      ...event,
      ack: async (response?: unknown) => {
        if (acked) throw new ReceiverMultipleAckError();
        acked = true;
        await ack(response);
      },
    });
  }
}

/**
 * @slack/socket-mode's own retry policy for apps.connections.open (its default when given none). A
 * reconnect after Slack refreshes the connection must outlast a network blip: with no retries a request
 * error there ends in an unhandled rejection (SocketModeClient.delayReconnectAttempt), i.e. a crash.
 */
const SOCKET_MODE_RETRY = { retries: 100, factor: 1.3 };

/** A Web API call that has not answered in this long is given up (WebClient's default waits forever). */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

/**
 * The one WebClient setting, for Slack and for the stand-in alike (issue #8: tests prove what production
 * runs): a bounded timeout, no WebClient retries, and a 429 handed back at once instead of a silent wait.
 * Our code retries, honouring Retry-After: the outbox (src/jobs/outbox.ts) for every message that follows
 * a change, and requestFlow's honouringRetryAfter (bounded) for a listener's own reply and modals.
 */
export function slackClientOptions(slackApiUrl: string) {
  return {
    slackApiUrl,
    timeout: SLACK_CALL_TIMEOUT_MS,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}

function healthHandler(ctx: ServiceContext) {
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    void databaseAnswers(ctx.db).then((ok) => {
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { ok: true } : { ok: false, error: "database" }));
    });
  };
}

export function createSlackApp({
  config,
  ctx,
  logLevel,
  outbox: outboxOptions,
  slackCallTimeoutMs,
  exportDir,
}: SlackAppOptions): SlackAppHandle {
  const level = LEVELS[logLevel ?? config.logLevel];
  const knownBot = config.slackBotUserId !== undefined && config.slackBotId !== undefined;
  const clientOptions = {
    ...slackClientOptions(config.slackApiUrl),
    ...(slackCallTimeoutMs !== undefined ? { timeout: slackCallTimeoutMs } : {}),
  };
  const socketMode = config.slackAppToken !== undefined;
  const common = {
    token: config.slackBotToken,
    // Given both ids Bolt skips auth.test; otherwise start() calls it once (deferInitialization).
    ...(knownBot ? { botId: config.slackBotId, botUserId: config.slackBotUserId } : {}),
    tokenVerificationEnabled: !knownBot,
    deferInitialization: true,
    logLevel: level,
    clientOptions,
  };

  let app: BoltApp;
  let healthServer: http.Server | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  if (socketMode) {
    socketReceiver = new SocketModeReceiver({
      appToken: config.slackAppToken!,
      logLevel: level,
      // apps.connections.open goes to SLACK_API_URL like every other call (the stand-in in tests), with
      // the app token, through options of its own: App({socketMode}) hands SocketModeClient the very
      // object the listeners' WebClients are built from, and SocketModeClient writes its retry policy
      // into it. Unlike a listener's call, a reconnect has no outbox behind it: it retries, and waits out
      // a 429's Retry-After (the method is Tier 1, 1+ a minute) rather than fail.
      installerOptions: {
        clientOptions: { ...clientOptions, retryConfig: SOCKET_MODE_RETRY, rejectRateLimitedCalls: false },
      },
      processEventErrorHandler: socketProcessEventErrorHandler,
    });
    app = new SocketModeApp({ ...common, receiver: socketReceiver });
    // Malformed envelopes are acknowledged and dropped before the Socket Mode client trips over them.
    guardSocketModeClient(socketReceiver.client, app.logger);
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: config.slackSigningSecret,
      endpoints: "/slack/events",
      // Slack gets its HTTP response when the listener acks, not when it finishes: the slow part
      // (Slack API calls) runs after. Listeners whose work must not be lost write before they ack.
      processBeforeResponse: false,
      customRoutes: [{ path: "/healthz", method: ["GET"], handler: healthHandler(ctx) }],
      logLevel: level,
      bodyLimit: BODY_LIMIT_BYTES,
      processEventErrorHandler: httpProcessEventErrorHandler,
    });
    app = new App({ ...common, receiver });
    // Body cap, signature headers and the body's shape are checked before Bolt reads anything
    // (src/slack/inboundGuard.ts: issue #9, findings 4 and 10).
    receiver.requestListener = guardHttpListener(receiver.requestListener, {
      signingSecret: config.slackSigningSecret,
      logger: app.logger,
      endpoint: "/slack/events",
    });
  }

  const inFlight = createInFlight();
  app.use(inFlight.middleware);
  app.use(replayGuard({ db: ctx.db, clock: ctx.clock }));
  // After the listener (so after the ack; never for a replay): the sender's Slack locale, if unknown.
  app.use(refreshLocaleAfter(ctx.db));
  registerListeners(app, ctx, exportDir !== undefined ? { exportDir } : {});
  app.error(async (e) => {
    app.logger.error(e);
  });

  // Everything a change queued goes out through this sender, woken as soon as the change commits
  // (src/jobs/outbox.ts); per conversation at Slack's pace (operations.jobs.sendIntervalMs).
  const outbox = createOutboxSender(ctx.db, app.client, {
    minIntervalMs: ctx.settings.operations.jobs.sendIntervalMs,
    log: (line) => app.logger.warn(line),
    ...outboxOptions,
  });
  const stopWaking = onOutboxQueued(ctx.db, () => outbox.kick());
  const idle = async () => {
    // Listeners may queue while the outbox drains, and a drain may follow a listener: until both rest.
    for (let round = 0; round < 100; round++) {
      await inFlight.idle();
      await outbox.drain();
      if (!inFlight.busy()) return;
    }
  };

  let initialized = false;
  return {
    app,
    outbox,
    async start(port = config.port, host) {
      if (!initialized) {
        await app.init();
        initialized = true;
      }
      if (socketMode) {
        await app.start();
        healthServer = http.createServer((req, res) => {
          if (req.method === "GET" && req.url === "/healthz") return healthHandler(ctx)(req, res);
          res.writeHead(404).end();
        });
        const server = healthServer;
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(port, host, () => resolve());
        });
        return { port: (server.address() as AddressInfo).port };
      }
      const server = (await app.start(host === undefined ? port : { port, host })) as http.Server;
      return { port: (server.address() as AddressInfo).port };
    },
    idle,
    async stop() {
      // Bolt's SocketModeReceiver.stop() does not wait for the socket to close; disconnect() does.
      await socketReceiver?.client.disconnect();
      await app.stop();
      await idle();
      stopWaking();
      await outbox.stop();
      if (healthServer) {
        const server = healthServer;
        healthServer = undefined;
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
