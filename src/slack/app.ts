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
import type { ServiceContext } from "../services/context.ts";
import { createInFlight } from "./inFlight.ts";
import { registerListeners } from "./listeners/index.ts";
import { replayGuard } from "./replayGuard.ts";

type BoltApp = App;

export interface SlackAppOptions {
  config: Config;
  ctx: ServiceContext;
  /** Overrides config.logLevel (tests pass "error"). */
  logLevel?: ConfigLogLevel;
}

export interface SlackAppHandle {
  app: BoltApp;
  /** Listens on `port` (default config.port; 0 = any free port) and `host` (default: all interfaces). */
  start(port?: number, host?: string): Promise<{ port: number }>;
  /** Resolves once every listener has finished, including work done after its ack. */
  idle(): Promise<void>;
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
 * Our code retries, honouring Retry-After: the outbox (src/jobs/outbox.ts) for queued messages, and
 * requestFlow's honouringRetryAfter (bounded) for a listener's calls after its ack.
 */
export function slackClientOptions(slackApiUrl: string) {
  return {
    slackApiUrl,
    timeout: SLACK_CALL_TIMEOUT_MS,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}

async function healthy(ctx: ServiceContext): Promise<boolean> {
  try {
    await ctx.db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

function healthHandler(ctx: ServiceContext) {
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    void healthy(ctx).then((ok) => {
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { ok: true } : { ok: false, error: "database" }));
    });
  };
}

export function createSlackApp({ config, ctx, logLevel }: SlackAppOptions): SlackAppHandle {
  const level = LEVELS[logLevel ?? config.logLevel];
  const knownBot = config.slackBotUserId !== undefined && config.slackBotId !== undefined;
  const clientOptions = slackClientOptions(config.slackApiUrl);
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
    });
    app = new SocketModeApp({ ...common, receiver: socketReceiver });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: config.slackSigningSecret,
      endpoints: "/slack/events",
      // Slack gets its HTTP response when the listener acks, not when it finishes: the slow part
      // (Slack API calls) runs after. Listeners whose work must not be lost write before they ack.
      processBeforeResponse: false,
      customRoutes: [{ path: "/healthz", method: ["GET"], handler: healthHandler(ctx) }],
      logLevel: level,
    });
    app = new App({ ...common, receiver });
  }

  const inFlight = createInFlight();
  app.use(inFlight.middleware);
  app.use(replayGuard({ db: ctx.db, clock: ctx.clock }));
  registerListeners(app, ctx);
  app.error(async (e) => {
    app.logger.error(e);
  });

  let initialized = false;
  return {
    app,
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
    idle: () => inFlight.idle(),
    async stop() {
      // Bolt's SocketModeReceiver.stop() does not wait for the socket to close; disconnect() does.
      await socketReceiver?.client.disconnect();
      await app.stop();
      await inFlight.idle();
      if (healthServer) {
        const server = healthServer;
        healthServer = undefined;
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
