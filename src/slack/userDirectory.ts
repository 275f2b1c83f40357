// The UserDirectory port of the locale sync (src/services/locales.ts) over Slack's users.list
// (api.slack.com/methods/users.list: scope users:read, Tier 2, include_locale, cursor-paged).
import { webApi } from "@slack/bolt";
import type { UserDirectory } from "../services/locales.ts";
import { slackClientOptions } from "./app.ts";

/**
 * The directory for a bot token at an API URL, with the one WebClient setting (slackClientOptions): a 429
 * comes back at once instead of a sleep inside the client, so the sync decides how long it waits for
 * Retry-After, within its bounds, and paces its pages; the sync is retried by its job, not by WebClient.
 */
export function slackUserDirectory(opts: { token: string | undefined; slackApiUrl: string }): UserDirectory {
  const client = new webApi.WebClient(opts.token, {
    ...slackClientOptions(opts.slackApiUrl),
    logLevel: webApi.LogLevel.ERROR,
  });
  return {
    async listUsers({ cursor, limit }) {
      try {
        const r = await client.users.list({ limit, include_locale: true, ...(cursor ? { cursor } : {}) });
        return {
          ok: true,
          members: (r.members ?? [])
            .filter((m): m is typeof m & { id: string } => typeof m.id === "string")
            .map((m) => ({ id: m.id, locale: m.locale, deleted: m.deleted === true })),
          nextCursor: r.response_metadata?.next_cursor ?? "",
        };
      } catch (e) {
        if ((e as { code?: unknown }).code === webApi.ErrorCode.RateLimitedError)
          return { ok: false, retryAfterSec: (e as webApi.WebAPIRateLimitedError).retryAfter };
        throw e;
      }
    },
  };
}

/** The directory behind a WebClient already set up for the workspace (the bot's app.client). */
export function userDirectoryOf(client: webApi.WebClient): UserDirectory {
  return slackUserDirectory({ token: client.token, slackApiUrl: client.slackApiUrl });
}

/** The directory of the workspace `loadSlackApiConfig` names (admin commands), or null. */
export function userDirectoryFor(slack: { token: string; slackApiUrl: string } | null): UserDirectory | null {
  return slack ? slackUserDirectory(slack) : null;
}
