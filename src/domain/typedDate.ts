// A date as people type it in the one-line forms (/qingjia, /timeoff, /trip, a DM; /deduct, /bonus):
//   2026-11-04, 2026-11-4, 2026/11/04, 2026.11.04, 2026年11月4日   (a year given)
//   11月4日, 11月4号, 11月4, 11/4, 11-4                                (no year: see below)
//   今天 明天 后天 大后天 昨天 前天, today tomorrow yesterday
//   周一…周日 / 星期一…星期日 / 礼拜一…  (the coming one, today included); 本周X / 这周X (this week's);
//   下周X (next week's); 上周X (last week's) — weeks start on Monday, as in China
// each optionally followed by its half, glued on: am/pm, 上午/下午 ("11月4日下午", "明天上午", "2026/11/04pm").
// Full-width digits and separators (１１／４) read as their ASCII forms.
//
// A date without a year is the first one on or after 60 days before today, so within a year that starts
// two months back: on 2026-12-20 "1/5" is 2027-01-05; on 2027-01-03 "12/30" is 2026-12-30 (a record or a
// late request of last week); on 2026-11-04 "9/10" is 2026-09-10 (55 days back) but "8/1" is 2027-08-01.
// Relative words need today: the caller passes it (from ctx.clock), so this stays pure.
import { addDays, daysBetween, isIsoDate, weekday } from "./dates.ts";
import { err, ok, type Result } from "./result.ts";

export interface TypedDate {
  date: string;
  /** A half glued on ("2026-12-01pm", "明天下午"); null when there is none. */
  half: "am" | "pm" | null;
}

/** How far back a date without a year may lie before it is read as next year's. */
export const YEARLESS_DAYS_BACK = 60;

const HALVES: Record<string, "am" | "pm"> = { am: "am", pm: "pm", 上午: "am", 下午: "pm" };
const HALF_SUFFIX = /^(.+?)(am|pm|上午|下午)$/i;

const WITH_YEAR = [/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/];
const WITHOUT_YEAR = [/^(\d{1,2})月(\d{1,2})[日号]?$/, /^(\d{1,2})([-/])(\d{1,2})$/];
/** Shaped like a date (digits and a date separator) though perhaps not a real one: refused, not text. */
const LOOKS_LIKE_DATE = /^(?:\d{2,4}[-/.年]\d|\d{1,2}月\d|\d{1,2}[-/]\d{1,2}(?:[日号]|am|pm|上午|下午)?$)/i;

const RELATIVE: Record<string, number> = {
  今天: 0,
  today: 0,
  明天: 1,
  tomorrow: 1,
  后天: 2,
  大后天: 3,
  昨天: -1,
  yesterday: -1,
  前天: -2,
};

const WEEKDAY = /^(上|本|这|下)?(?:周|星期|礼拜)([一二三四五六日天])$/;
const WEEKDAY_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/** １１／４ → 11/4. */
function halfWidth(word: string): string {
  return word.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** The first real date `m`-`d` on or after YEARLESS_DAYS_BACK days before today; null when none is real. */
function yearFor(m: number, d: number, today: string): string | null {
  const y = Number(today.slice(0, 4));
  for (const year of [y - 1, y, y + 1]) {
    const date = iso(year, m, d);
    if (isIsoDate(date) && daysBetween(today, date) >= -YEARLESS_DAYS_BACK) return date;
  }
  return null;
}

/** 下周一 and the like, from today (weeks run Monday to Sunday). */
function weekdayDate(which: string | undefined, day: number, today: string): string {
  const todayNumber = weekday(today) || 7; // Sunday is the week's 7th day
  const thisWeek = addDays(today, day - todayNumber);
  if (which === "本" || which === "这") return thisWeek;
  if (which === "下") return addDays(thisWeek, 7);
  if (which === "上") return addDays(thisWeek, -7);
  return addDays(today, (day - todayNumber + 7) % 7); // the coming one
}

function dateOf(body: string, today: string): string | null | undefined {
  for (const re of WITH_YEAR) {
    const m = re.exec(body);
    if (m) {
      const date = iso(Number(m[1]), Number(m.at(-2)), Number(m.at(-1)));
      return isIsoDate(date) ? date : null;
    }
  }
  for (const re of WITHOUT_YEAR) {
    const m = re.exec(body);
    if (m) return yearFor(Number(m[1]), Number(m.at(-1)), today);
  }
  const word = body.toLowerCase();
  // Own keys only: "constructor" is text, not Object.prototype's.
  if (Object.hasOwn(RELATIVE, word)) return addDays(today, RELATIVE[word]!);
  const w = WEEKDAY.exec(body);
  if (w) return weekdayDate(w[1], WEEKDAY_NUMBER[w[2]!]!, today);
  return undefined;
}

/**
 * One word read as a date for the one-line forms, `today` being the Shanghai date the person typed it
 * on. undefined when the word does not look like a date at all (it is then the form's text);
 * QUICK.BAD_DATE {token} when it looks like one but is no real date (2026-11-31, 2/30, 11月31日, 13/1,
 * 2026-12-01晚上), so that it never slips into the text after it.
 */
export function readTypedDate(word: string, today: string): Result<TypedDate> | undefined {
  const w = halfWidth(word.trim());
  const glued = HALF_SUFFIX.exec(w);
  const tries: Array<[string, "am" | "pm" | null]> = [[w, null]];
  if (glued) tries.unshift([glued[1]!, HALVES[glued[2]!.toLowerCase()]!]);
  for (const [body, half] of tries) {
    const date = dateOf(body, today);
    if (date === null) return err("QUICK.BAD_DATE", { token: word });
    if (date !== undefined) return ok({ date, half });
  }
  return LOOKS_LIKE_DATE.test(w) ? err("QUICK.BAD_DATE", { token: word }) : undefined;
}
