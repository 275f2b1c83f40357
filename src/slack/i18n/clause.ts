// A clause of the center's rules as a reader of each language cites it. The catalog (src/domain/catalog.ts)
// and the messages cite the seed texts in Chinese ("考评办法 三(一)2(4)②", "请销假制度 五"); English
// messages must not carry Chinese inside their sentences (issue #10), so there the text is named in
// English and its numbering kept: a part's numeral (三) becomes Roman (III), a bracketed one ((一)) Arabic
// ((1)), and Arabic numbers and circled numbers (②) stay: "Evaluation rules III(1)2(4)②".
import type { Lang } from "./index.ts";

const TEXTS: ReadonlyArray<readonly [string, string]> = [
  ["考评办法", "Evaluation rules"],
  ["请销假制度", "Leave rules"],
  ["顶岗补位制度", "Cover rules"],
  ["例会制度", "Meeting rules"],
];

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 as a number; NaN for anything else. */
function chineseNumber(s: string): number {
  const m = /^([二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === "") return Number.NaN;
  if (!m[2]) return m[1] && m[3] ? Number.NaN : DIGITS[(m[1] ?? m[3])!]!;
  return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[3] ? DIGITS[m[3]]! : 0);
}

function roman(n: number): string {
  const parts: Array<[number, string]> = [
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  let left = n;
  for (const [v, s] of parts)
    while (left >= v) {
      out += s;
      left -= v;
    }
  return out;
}

const NUMERAL = "[一二三四五六七八九十]+";

/**
 * "考评办法 三(一)2(4)②" → "Evaluation rules III(1)2(4)②" in English; unchanged in Chinese.
 * "请销假制度第三条（一）" → "Leave rules art. 3(1)" (as the approval messages cite articles). Text it does not know is left as it is.
 */
export function clauseText(lang: Lang, clause: string): string {
  if (lang === "zh") return clause;
  let out = clause;
  for (const [zh, en] of TEXTS) out = out.replaceAll(zh, en);
  out = out
    .replace(new RegExp(`\\s*第(${NUMERAL})条`, "g"), (_, n: string) => ` art. ${chineseNumber(n)}`)
    .replace(new RegExp(`[（(](${NUMERAL})[)）]`, "g"), (whole, n: string) => {
      const v = chineseNumber(n);
      return Number.isNaN(v) ? whole : `(${v})`;
    })
    .replace(new RegExp(NUMERAL, "g"), (n) => {
      const v = chineseNumber(n);
      return Number.isNaN(v) ? n : roman(v);
    });
  return out;
}
