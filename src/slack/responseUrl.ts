// Where the bot may post a reply it was not handed in the request itself: only Slack's own response
// URLs. Slack issues them on https://hooks.slack.com (docs.slack.dev/interactivity/handling-user-
// interaction, "message responses"); the Slack stand-in (tests, demo, bench) issues them on its own
// host, the one SLACK_API_URL names. A URL carried through private_metadata comes back in a
// view_submission, and anyone holding the signing secret can put anything there: posting to it
// unchecked would make the bot send a colleague's record to any address (issue #9, finding 7).
// Every post to a carried URL goes through isSlackResponseUrl first, and a delivery whose own
// response_url is not Slack's goes no further than responseUrlGuard.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";

/** The host Slack issues response URLs on. */
export const SLACK_RESPONSE_HOST = "hooks.slack.com";
/** Slack's response URLs are short; anything longer is not one. */
const MAX_URL_LENGTH = 2000;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Is `url` a response URL Slack (or the stand-in SLACK_API_URL points at) issued? True only for
 * https://hooks.slack.com/…, or for a URL with the same scheme, host and port as `slackApiUrl`
 * (the WebClient's `slackApiUrl`, from config.slackApiUrl). No credentials in the URL.
 */
export function isSlackResponseUrl(url: unknown, slackApiUrl: string): boolean {
  if (typeof url !== "string" || url.length > MAX_URL_LENGTH) return false;
  const u = parse(url);
  if (!u || u.username || u.password) return false;
  if (u.protocol === "https:" && u.host === SLACK_RESPONSE_HOST) return true;
  const api = parse(slackApiUrl);
  return api !== undefined && u.protocol === api.protocol && u.host === api.host;
}

type Body = Record<string, unknown>;

/**
 * Every response URL a delivery carries that Bolt could post to: `response_url` (commands, block
 * actions) and `response_urls[].response_url` (view_submission).
 */
function carriedUrls(body: Body): string[] {
  const urls: unknown[] = [body.response_url];
  if (Array.isArray(body.response_urls))
    for (const r of body.response_urls)
      urls.push(typeof r === "object" && r !== null ? (r as Body).response_url : r);
  return urls.filter((u): u is string => typeof u === "string" && u !== "");
}

/**
 * Global middleware (before the listeners): a delivery whose response_url is not Slack's is
 * acknowledged and goes no further, so Bolt's respond() never posts to an address a forged request
 * named. Only a holder of the signing secret can send one; it is logged.
 */
export function responseUrlGuard(): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, next, logger, client } = args;
    const bad = carriedUrls(body as unknown as Body).find((u) => !isSlackResponseUrl(u, client.slackApiUrl));
    if (bad === undefined) {
      await next();
      return;
    }
    logger.warn(
      `delivery refused: its response_url is not Slack's (${JSON.stringify(String(bad).slice(0, 100))})`,
    );
    const ack = (args as { ack?: () => Promise<void> }).ack;
    await ack?.();
  };
}
