// Wires the Bolt app (docs/architecture.md "Slack app"): receiver, replay guard, listeners. Nothing
// else happens here. HTTP mode serves POST /slack/events (commands, interactivity, options, events)
// and GET /healthz; Socket Mode (SLACK_APP_TOKEN) serves only /healthz over HTTP.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
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

/** True for an API on this machine (the stand-in): no retries, its answers are immediate and final. */
export function isLocalApi(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
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
  const clientOptions = {
    slackApiUrl: config.slackApiUrl,
    // Against the local stand-in a failure is the answer under test; against Slack keep WebClient's
    // default retry policy (the ack has already been sent, so a retry never costs the 3-second budget).
    ...(isLocalApi(config.slackApiUrl) ? { retryConfig: { retries: 0 } } : {}),
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
  if (socketMode) {
    app = new App({ ...common, socketMode: true, appToken: config.slackAppToken });
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
