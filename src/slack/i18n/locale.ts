// A user's language: Slack's locale, stored for everyone the organisation names (Person.locale for its
// people, UserLocale for center roles and parent-unit leaders; read from users.list by the daily locale
// sync, src/services/locales.ts). A user with none stored yet is asked with users.info (include_locale)
// on contact: the answer is stored for an org user, kept in memory (per database) for anyone else.
// Chinese when Slack cannot tell (RULES: interface Chinese by default).
import type { webApi } from "@slack/bolt";
import type { Db } from "../../db/client.ts";
import { isOrgUser, rememberLocale, storedLocale } from "../../services/locales.ts";
import { type Lang, langOf } from "./index.ts";

const outsiders = new WeakMap<Db, Map<string, string>>();

export async function userLocale(client: webApi.WebClient, db: Db, userId: string): Promise<string | null> {
  const stored = await storedLocale(db, userId);
  if (stored) return stored;
  const memo = outsiders.get(db) ?? new Map<string, string>();
  outsiders.set(db, memo);
  const known = memo.get(userId);
  if (known) return known;
  let locale: string | undefined;
  try {
    const r = await client.users.info({ user: userId, include_locale: true });
    locale = r.user?.locale;
  } catch {
    return null; // not cached: asked again next time
  }
  if (!locale) return null;
  const person = await db.person.findUnique({ where: { id: userId }, select: { id: true } });
  if (person) await db.person.update({ where: { id: userId }, data: { locale } });
  else if (await isOrgUser(db, userId)) await rememberLocale(db, userId, locale);
  else memo.set(userId, locale);
  return locale;
}

export async function userLang(client: webApi.WebClient, db: Db, userId: string): Promise<Lang> {
  return langOf(await userLocale(client, db, userId));
}
