// Messages in Chinese (default) and English (when the Slack user's locale starts with "en").
// Each area keeps its table in ./messages/<area>.ts as `{ zh: {...}, en: {...} }`; add the area to
// TABLES below. A value is a template with {name} placeholders or a function of the params.
// Params are inserted as given: text a person typed must go through escapeSlackText first
// (src/slack/blocks/escape.ts). Every domain error code has a message `error.<CODE>`.
import { escapeSlackText } from "../blocks/escape.ts";
import { ab } from "./messages/ab.ts";
import { admin } from "./messages/admin.ts";
import { appeals } from "./messages/appeals.ts";
import { charts } from "./messages/charts.ts";
import { close } from "./messages/close.ts";
import { common } from "./messages/common.ts";
import { meetings } from "./messages/meetings.ts";
import { notice } from "./messages/notice.ts";
import { org } from "./messages/org.ts";
import { records } from "./messages/records.ts";
import { requests } from "./messages/requests.ts";
import { sick } from "./messages/sick.ts";

export type Lang = "zh" | "en";
export type Params = Record<string, unknown>;
export type Message = string | ((p: Params) => string);
export type MessageTable = Record<string, Message>;
export interface AreaMessages {
  zh: MessageTable;
  en: MessageTable;
}

// Add your area here (one line); keys must be unique across areas.
const TABLES: readonly AreaMessages[] = [
  common,
  org,
  records,
  close,
  requests,
  notice,
  admin,
  ab,
  meetings,
  sick,
  appeals,
  charts,
];

const MERGED: Record<Lang, Map<string, Message>> = { zh: new Map(), en: new Map() };
for (const table of TABLES) {
  for (const lang of ["zh", "en"] as const) {
    for (const [k, v] of Object.entries(table[lang])) MERGED[lang].set(k, v);
  }
}

/** "en-US", "en-GB" → en; anything else (zh-CN, unknown, none) → zh. */
export function langOf(locale: string | null | undefined): Lang {
  return typeof locale === "string" && locale.toLowerCase().startsWith("en") ? "en" : "zh";
}

function render(m: Message, params: Params): string {
  if (typeof m === "function") return m(params);
  return m.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message `key` in the locale's language; falls back to Chinese, then to the key itself. */
export function t(locale: Lang | string | null | undefined, key: string, params: Params = {}): string {
  const lang = locale === "zh" || locale === "en" ? locale : langOf(locale);
  const m = MERGED[lang].get(key) ?? MERGED.zh.get(key);
  return m === undefined ? key : render(m, params);
}

export function hasMessage(key: string, lang: Lang = "zh"): boolean {
  return MERGED[lang].has(key);
}

/**
 * The text of an expected failure (a Result error): `error.<CODE>` with its detail as params.
 * String details are escaped: they often echo what the person typed (a code, a window id, a date).
 */
export function errorText(
  locale: Lang | string | null | undefined,
  e: { code: string; detail?: Params },
): string {
  const key = `error.${e.code}`;
  if (!hasMessage(key)) return t(locale, "error.unexpected_code", { code: escapeSlackText(e.code) });
  const params: Params = {};
  for (const [k, v] of Object.entries(e.detail ?? {}))
    params[k] = typeof v === "string" ? escapeSlackText(v) : v;
  return t(locale, key, params);
}

/** All areas, for the completeness test. */
export function messageTables(): readonly AreaMessages[] {
  return TABLES;
}
