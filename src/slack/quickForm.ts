// The one-line forms of /qingjia (/timeoff), /trip and a DM to the bot (RULES.md §3):
//   /qingjia <kind> <start>[am|pm] [<end>[am|pm]] <reason…>
//   /trip  <purpose> <start>[am|pm] [<end>[am|pm]] <place> <phone> [<reason…>]
//   DM:    <kind> … as /qingjia; 出差|因公外出|trip <purpose> … as /trip
// Dates as people type them ("2026-12-01", "12月1日", "12/1", "明天", "下周一"; src/domain/typedDate.ts
// reads them from today, which the caller passes); the half may be glued on or the next word (am/pm,
// 上午/下午, AM/PM). A start without a half means the morning, an end without a half the afternoon
// (whole days). With only one date, a bare date is that whole day, "am"/"pm" that half day only.
import type { HalfDayPoint } from "../domain/calendar.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { parseRequestKind, parseTripPurpose, type RequestKind, type TripPurpose } from "../domain/routing.ts";
import { readTypedDate, type TypedDate } from "../domain/typedDate.ts";

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

export type DateWord = TypedDate;

/**
 * One word read as a date, for every one-line form (these, and /deduct /bonus), `today` being the
 * Shanghai date it was typed on (src/domain/typedDate.ts lists the forms). undefined when the word does
 * not look like a date at all; QUICK.BAD_DATE {token} when it does but is no real date (2026-11-31,
 * 2/30, 11月31日, 2026-12-01晚上), so it never slips into the text after it.
 */
export function readDateWord(word: string, today: string): Result<DateWord> | undefined {
  return readTypedDate(word, today);
}

interface DateToken extends DateWord {
  /** Tokens used (2 when the half was a separate word). */
  used: number;
}

/** Reads a date (and its half) at tokens[i]; undefined when tokens[i] does not look like a date at all. */
function readDate(tokens: Token[], i: number, today: string): Result<DateToken> | undefined {
  const tok = tokens[i];
  if (!tok) return undefined;
  const word = readDateWord(tok.text, today);
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
  today: string,
): Result<{ start: HalfDayPoint; end: HalfDayPoint; used: number }> {
  const first = readDate(tokens, i, today);
  if (first === undefined) return err("QUICK.DATE_MISSING", { token: tokens[i]?.text ?? "" });
  if (!first.ok) return first;
  const second = readDate(tokens, i + first.value.used, today);
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

function parseTrip(text: string, tokens: Token[], i: number, today: string): Result<QuickForm> {
  if (i >= tokens.length) return err("QUICK.PURPOSE_MISSING");
  const purpose = readWords(tokens, i, parseTripPurpose);
  if (!purpose) return err("QUICK.UNKNOWN_PURPOSE", { word: tokens[i]!.text });
  const period = readPeriod(tokens, i + purpose.used, today);
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

/**
 * Parses the text of /qingjia (/timeoff), /trip or a DM typed on `today` (Shanghai; relative dates
 * such as 明天 count from it). Codes: QUICK.* with the offending word.
 */
export function parseQuickForm(text: string, mode: QuickMode, today: string): Result<QuickForm> {
  const tokens = tokenize(text);
  if (tokens.length === 0) return err("QUICK.EMPTY");
  if (mode === "trip") return parseTrip(text, tokens, 0, today);
  const kind = readWords(tokens, 0, parseRequestKind);
  if (!kind) return err("QUICK.UNKNOWN_KIND", { word: tokens[0]!.text });
  if (kind.value === "trip") return parseTrip(text, tokens, kind.used, today);
  const period = readPeriod(tokens, kind.used, today);
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
