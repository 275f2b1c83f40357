// Load generation for the bench: signed Slack requests built up front, replayed by autocannon at a
// fixed concurrency, each body sent exactly once (a resent body would be a replay the bot ignores).
import autocannon from "autocannon";
import { createSlackHttp, type SlackHttpOptions } from "../src/slack/standin/slackHttp.ts";

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  name: string;
  requests: number;
  seconds: number;
  /** Completed requests per second over the run. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  errors: number;
  non2xx: number;
  /** Responses by HTTP status, e.g. { "200": 4000 }. */
  statuses: Record<string, number>;
}

/**
 * Builds requests with the same helper the end-to-end tests use (so bodies and signatures are exactly
 * Slack's), capturing them instead of sending. `build` calls the helper's send* methods.
 */
export async function captureRequests(
  signingSecret: string,
  build: (http: ReturnType<typeof createSlackHttp>) => Promise<unknown>,
  opts: Omit<SlackHttpOptions, "appUrl" | "signingSecret"> = {},
): Promise<SignedRequest[]> {
  const captured: SignedRequest[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    // The stand-in issuing a response_url for a request being built is a real call.
    if (String(url).endsWith("/standin/response_url")) return realFetch(url, init);
    if (!String(url).endsWith("/slack/events"))
      throw new Error(`unexpected fetch while capturing: ${String(url)}`);
    captured.push({
      body: String(init?.body ?? ""),
      headers: { ...(init?.headers as Record<string, string>) },
    });
    return new Response("", { status: 200 });
  }) as typeof fetch;
  try {
    await build(createSlackHttp({ ...opts, appUrl: "http://capture.invalid", signingSecret }));
  } finally {
    globalThis.fetch = realFetch;
  }
  return captured;
}

/**
 * Sends every request once over `connections` keep-alive connections; latency is request → full response.
 * Without `overallRate` each connection sends its next request as soon as the previous one is answered
 * (saturation: throughput, and latency including queueing).
 */
export async function runLoad(
  name: string,
  url: string,
  requests: SignedRequest[],
  connections = 50,
  /** Requests per second over all connections (an offered load); default: as fast as answers come. */
  overallRate?: number,
): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: `${url}/slack/events`,
    method: "POST",
    // autocannon refuses more connections than requests (--quick sends a handful).
    connections: Math.max(1, Math.min(connections, requests.length)),
    amount: requests.length,
    timeout: 30,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const r = requests[next++ % requests.length]!;
          return { ...req, method: "POST", body: r.body, headers: r.headers };
        },
      },
    ],
  });
  return {
    name,
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count]),
    ),
  };
}
