// The one-line forms of /qingjia (/timeoff), /trip and a DM to the bot (RULES.md §3):
//   /qingjia <kind> <start>[am|pm] [<end>[am|pm]] <reason…>
//   /trip  <purpose> <start>[am|pm] [<end>[am|pm]] <place> <phone> [<reason…>]
//   DM:    <kind> … as /qingjia; 出差|因公外出|trip <purpose> … as /trip
// Dates are YYYY-MM-DD; the half may be glued on or the next word (am/pm, 上午/下午, AM/PM).
// A start without a half means the morning, an end without a half the afternoon (whole days).
// With only one date, a bare date is that whole day, "am"/"pm" that half day only.
import type { HalfDayPoint } from "../domain/calendar.ts";
import { isIsoDate } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { parseRequestKind, parseTripPurpose, type RequestKind, type TripPurpose } from "../domain/routing.ts";

export interface QuickForm {
  kind: RequestKind;
  start: HalfDayPoint;
  end: HalfDayPoint;
  reason: string;
  purpose?: TripPurpose;
  place?: string;
  phone?: string;
}

export type QuickMode = "leave" | "trip" | "dm";

const HALF_WORDS: Record<string, "am" | "pm"> = { am: "am", pm: "pm", 上午: "am", 下午: "pm" };
const DATE_WITH_HALF = /^(\d{4}-\d{1,2}-\d{1,2})(am|pm|上午|下午)?$/i;

interface Token {
  text: string;
  /** Offset just past the token in the original text (the reason keeps its own spacing). */
  end: number;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ text: m[0], end: (m.index ?? 0) + m[0].length });
  return out;
}

/** "2026-12-1" → "2026-12-01" (people drop leading zeros); null when not a real date. */
function normalizeDate(d: string): string | null {
  const [y, m, day] = d.split("-");
  const iso = `${y}-${m?.padStart(2, "0")}-${day?.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

export interface DateWord {
  date: string;
  /** A half glued on ("2026-12-01pm", "2026-12-01上午"); null when there is none. */
  half: "am" | "pm" | null;
}

/**
 * One word read as a date, for every one-line form (these, and /deduct /bonus): "2026-12-01",
 * "2026-12-1", with a half glued on. undefined when the word does not look like a date at all;
 * QUICK.BAD_DATE {token} when it does but is not a real YYYY-MM-DD date (2026-11-31, 2026-02-30,
 * 2026/12/01, 2026.12.01, 2026年12月1日, 2026-12-01晚上), so it never slips into the text after it.
 */
export function readDateWord(word: string): Result<DateWord> | undefined {
  const m = DATE_WITH_HALF.exec(word);
  if (!m) return /^\d{2,4}[-/.年]\d/.test(word) ? err("QUICK.BAD_DATE", { token: word }) : undefined;
  const date = normalizeDate(m[1]!);
  if (!date) return err("QUICK.BAD_DATE", { token: word });
  return ok({ date, half: m[2] ? HALF_WORDS[m[2].toLowerCase()]! : null });
}

interface DateToken extends DateWord {
  /** Tokens used (2 when the half was a separate word). */
  used: number;
}

/** Reads a date (and its half) at tokens[i]; undefined when tokens[i] does not look like a date at all. */
function readDate(tokens: Token[], i: number): Result<DateToken> | undefined {
  const tok = tokens[i];
  if (!tok) return undefined;
  const word = readDateWord(tok.text);
  if (!word?.ok) return word;
  const { date, half: glued } = word.value;
  if (glued) return ok({ date, half: glued, used: 1 });
  const next = tokens[i + 1]?.text.toLowerCase();
  if (next && Object.hasOwn(HALF_WORDS, next)) return ok({ date, half: HALF_WORDS[next]!, used: 2 });
  return ok({ date, half: null, used: 1 });
}

/** The kind (or purpose) may be several words in English ("personal leave", "site survey"). */
function readWords<T>(
  tokens: Token[],
  i: number,
  parse: (w: string) => T | undefined,
): { value: T; used: number } | undefined {
  for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
    const word = tokens
      .slice(i, i + n)
      .map((t) => t.text)
      .join(" ");
    const value = parse(word);
    if (value !== undefined) return { value, used: n };
  }
  return undefined;
}

/** Start and (optional) end dates from tokens[i]. */
function readPeriod(
  tokens: Token[],
  i: number,
): Result<{ start: HalfDayPoint; end: HalfDayPoint; used: number }> {
  const first = readDate(tokens, i);
  if (first === undefined) return err("QUICK.DATE_MISSING", { token: tokens[i]?.text ?? "" });
  if (!first.ok) return first;
  const second = readDate(tokens, i + first.value.used);
  if (second !== undefined && !second.ok) return second;
  const s = first.value;
  if (second === undefined) {
    // One date: bare = the whole day; with a half = that half only.
    const half = s.half;
    return ok({
      start: { date: s.date, half: half ?? "am" },
      end: { date: s.date, half: half ?? "pm" },
      used: s.used,
    });
  }
  const e = second.value;
  return ok({
    start: { date: s.date, half: s.half ?? "am" },
    end: { date: e.date, half: e.half ?? "pm" },
    used: s.used + e.used,
  });
}

function rest(text: string, tokens: Token[], i: number): string {
  const from = i === 0 ? 0 : tokens[i - 1]!.end;
  return i >= tokens.length ? "" : text.slice(from).trim();
}

function parseTrip(text: string, tokens: Token[], i: number): Result<QuickForm> {
  if (i >= tokens.length) return err("QUICK.PURPOSE_MISSING");
  const purpose = readWords(tokens, i, parseTripPurpose);
  if (!purpose) return err("QUICK.UNKNOWN_PURPOSE", { word: tokens[i]!.text });
  const period = readPeriod(tokens, i + purpose.used);
  if (!period.ok) return period;
  let j = i + purpose.used + period.value.used;
  const place = tokens[j]?.text;
  if (!place) return err("QUICK.PLACE_MISSING");
  j++;
  const phone = tokens[j]?.text;
  if (!phone) return err("QUICK.PHONE_MISSING");
  j++;
  return ok({
    kind: "trip",
    start: period.value.start,
    end: period.value.end,
    purpose: purpose.value,
    place,
    phone,
    reason: rest(text, tokens, j),
  });
}

/** Parses the text of /qingjia (/timeoff), /trip or a DM. Codes: QUICK.* with the offending word. */
export function parseQuickForm(text: string, mode: QuickMode): Result<QuickForm> {
  const tokens = tokenize(text);
  if (tokens.length === 0) return err("QUICK.EMPTY");
  if (mode === "trip") return parseTrip(text, tokens, 0);
  const kind = readWords(tokens, 0, parseRequestKind);
  if (!kind) return err("QUICK.UNKNOWN_KIND", { word: tokens[0]!.text });
  if (kind.value === "trip") return parseTrip(text, tokens, kind.used);
  const period = readPeriod(tokens, kind.used);
  if (!period.ok) return period;
  return ok({
    kind: kind.value,
    start: period.value.start,
    end: period.value.end,
    reason: rest(text, tokens, kind.used + period.value.used),
  });
}

/** True when a DM looks like an attempt at the quick form (its first word names a kind). */
export function looksLikeQuickForm(text: string): boolean {
  const tokens = tokenize(text);
  return tokens.length > 0 && readWords(tokens, 0, parseRequestKind) !== undefined;
}
