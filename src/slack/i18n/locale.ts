// A user's language: Slack's locale (users.info include_locale), cached on Person.locale for the
// center's people and in memory (per database) for everyone else, e.g. inspection members who are not
// evaluated. Chinese when Slack cannot tell (RULES: interface Chinese by default).
import type { webApi } from "@slack/bolt";
import type { Db } from "../../db/client.ts";
import { type Lang, langOf } from "./index.ts";

const outsiders = new WeakMap<Db, Map<string, string>>();

export async function userLocale(client: webApi.WebClient, db: Db, userId: string): Promise<string | null> {
  const person = await db.person.findUnique({ where: { id: userId }, select: { locale: true } });
  if (person?.locale) return person.locale;
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
  if (person) await db.person.update({ where: { id: userId }, data: { locale } });
  else memo.set(userId, locale);
  return locale;
}

export async function userLang(client: webApi.WebClient, db: Db, userId: string): Promise<Lang> {
  return langOf(await userLocale(client, db, userId));
}
