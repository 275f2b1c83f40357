// A user's language: Slack's locale, stored for everyone the organisation names (Person.locale for its
// people, UserLocale for center roles and parent-unit leaders; read from users.list by the locale sync,
// src/services/locales.ts, after an org import and daily). Read from the database only: nothing waits
// on Slack's Web API before a listener acks, nor inside a transaction (issue #9: a slow users.info
// made the ack late, and Slack gave up on the click). Chinese when nothing is known (RULES: interface
// Chinese by default). Someone with no stored locale is looked up with users.info after the listener
// has answered (refreshLocaleAfter): the answer is stored for an org user, and kept in memory (per
// database) for anyone else, so from their next contact on they are answered in their language.
import type { AnyMiddlewareArgs, Middleware, webApi } from "@slack/bolt";
import type { Db } from "../../db/client.ts";
import { isOrgUser, rememberLocale, rememberPersonLocale, storedLocale } from "../../services/locales.ts";
import { type Lang, langOf } from "./index.ts";

const outsiders = new WeakMap<Db, Map<string, string>>();

function memoOf(db: Db): Map<string, string> {
  const memo = outsiders.get(db) ?? new Map<string, string>();
  outsiders.set(db, memo);
  return memo;
}

/** The stored (or remembered) locale; null when none is known yet. No Slack call. */
export async function userLocale(db: Db, userId: string): Promise<string | null> {
  return (await storedLocale(db, userId)) ?? memoOf(db).get(userId) ?? null;
}

/**
 * The user's language from what is stored. `client` is not called: the locale of someone not known yet
 * is fetched after the ack (refreshLocaleAfter).
 */
export async function userLang(_client: webApi.WebClient, db: Db, userId: string): Promise<Lang> {
  return langOf(await userLocale(db, userId));
}

/** Asks Slack (users.info include_locale) for a user's locale and keeps it; null when Slack could not say. */
export async function refreshUserLocale(
  client: webApi.WebClient,
  db: Db,
  userId: string,
): Promise<string | null> {
  let locale: string | undefined;
  try {
    const r = await client.users.info({ user: userId, include_locale: true });
    locale = r.user?.locale;
  } catch {
    return null; // asked again on the next contact
  }
  if (!locale) return null;
  if (!(await rememberPersonLocale(db, userId, locale))) {
    if (await isOrgUser(db, userId)) await rememberLocale(db, userId, locale);
    else memoOf(db).set(userId, locale);
  }
  return locale;
}

/** The user a delivery comes from (command, interaction or event), if it names one. */
function senderOf(body: unknown): string | undefined {
  const b = body as { user?: { id?: unknown } | string; user_id?: unknown; event?: { user?: unknown } };
  const id =
    (typeof b.user === "object" ? b.user?.id : b.user) ?? b.user_id ?? (b.event ? b.event.user : undefined);
  return typeof id === "string" && /^[UW][A-Z0-9]+$/.test(id) ? id : undefined;
}

/**
 * Global middleware: once the listener has run (and so acked), a sender whose locale is not known is
 * looked up, for their next contact. Tracked like the listener (src/slack/inFlight.ts), so idle() waits.
 */
export function refreshLocaleAfter(db: Db): Middleware<AnyMiddlewareArgs> {
  return async ({ body, client, next, logger }) => {
    await next();
    const userId = senderOf(body);
    if (!userId || (await userLocale(db, userId))) return;
    await refreshUserLocale(client, db, userId).catch((e: unknown) =>
      logger.warn(`locale of ${userId}: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
}
