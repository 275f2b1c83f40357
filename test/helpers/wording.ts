// What no message may say (issue #10, "Words"): the checks of test/unit/wording.test.ts, kept here so
// that any test holding a rendered message (a block builder's output, a stand-in transcript) can apply
// them too. Each check names the rule it enforces; `wordingProblems` returns every rule a text breaks.

export type WordingLang = "zh" | "en";

/** CJK ideographs and CJK punctuation (、。「」“” are only in Chinese text; full-width forms too). */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]/;

/**
 * Doubled characters that are Chinese words (重叠词) or two words meeting (可以|以后), not typos. A
 * doubled character found in none of these ("已已", "的的") fails; add an entry only when the text means it.
 */
const ZH_DOUBLES_MEANT = [
  "人人",
  "常常",
  "天天",
  "一一",
  "谢谢",
  "刚刚",
  "渐渐",
  "看看",
  "个个",
  "可以以后",
  "所以以",
  "联系系统",
];

/** The doubled characters of a Chinese text that none of ZH_DOUBLES_MEANT explains. */
function zhDoubles(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/([\u4e00-\u9fff])\1/g)) {
    const at = m.index;
    const meant = ZH_DOUBLES_MEANT.some((w) => {
      // The entry covers the double wherever the double sits inside it.
      for (let k = w.indexOf(m[0]); k >= 0; k = w.indexOf(m[0], k + 1))
        if (text.slice(at - k, at - k + w.length) === w) return true;
      return false;
    });
    if (!meant) out.push(m[0]);
  }
  return out;
}

/** A catalog code: S-ATT-LATE, W-FIRSTASK, S-BON-ACTIVITY. */
const CATALOG_CODE = /\b[SW]-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\b/g;

/** Backtick spans (usage examples: `/deduct @person CODE …`) and quoted echoes of what someone typed. */
const QUOTED = /`[^`]*`|“[^”]*”|"[^"]*"/g;

/**
 * Where a catalog code may stand: inside brackets that directly follow the item's name, as in
 * "迟到早退（S-ATT-LATE，考评办法 三(一)2(1)①）" or "Late or left early (S-ATT-LATE)". That is: the code
 * is inside an open (…) or （…） group, and the opening bracket follows a word (in English after one
 * space), not a colon or the start of a line. Codes in
 * a backtick span or in quotes (an echo of what was typed) are allowed as they are.
 */
function misplacedCodes(text: string): string[] {
  const blanked = text.replace(QUOTED, (m) => " ".repeat(m.length));
  const out: string[] = [];
  for (const m of blanked.matchAll(CATALOG_CODE)) {
    const before = blanked.slice(0, m.index);
    // The innermost bracket still open at the code.
    let depth = 0;
    let open = -1;
    for (let i = before.length - 1; i >= 0; i--) {
      const c = before[i]!;
      if (c === ")" || c === "）") depth++;
      else if (c === "(" || c === "（") {
        if (depth === 0) {
          open = i;
          break;
        }
        depth--;
      }
    }
    // The name ends right before the bracket (English puts one space between).
    const name = before.slice(0, open).replace(/ $/, "");
    const named = open > 0 && name.length > 0 && !/[\s:：]$/.test(name);
    if (!named) out.push(m[0]);
  }
  return out;
}

export interface WordingRule {
  id: string;
  /** The offending pieces of `text` (empty: the rule holds). */
  find(text: string, lang: WordingLang): string[];
}

const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[0]);

export const WORDING_RULES: readonly WordingRule[] = [
  {
    // Inspectors and the director are never told to run a terminal command (issue #10): App Home has
    // the buttons. The operators' own messages (the CLI prints them) are exempted by key, not here.
    id: "cli-command",
    find: (text) =>
      all(
        /npm run|\bcli --|\bnpx |\bclose-month\b|\bimport (?:ratings|attendance|evaluations|calendar)\b|\bcalendar import\b|\(export \d{4}/g,
        text,
      ),
  },
  {
    // Rules are cited in words ("请销假制度第三条（一）…"), never as the route's code ("§3(一) staff 0.5<d≤3").
    id: "code-style-rule",
    find: (text) =>
      all(/§|(?:^|[^A-Za-z])d\s?[≤<>≥]\s?\d|\d\s?[≤<>≥]\s?d(?![A-Za-z])|\+outside\(|\+long sick\(/g, text),
  },
  {
    // snake_case identifiers (window_leader, home_unit) are code, not words.
    id: "identifier",
    find: (text) => all(/\b[a-z]+_[a-z_]+\b/g, text.replace(QUOTED, " ")),
  },
  { id: "catalog-code-outside-brackets", find: (text) => misplacedCodes(text) },
  {
    // "已已", "的的", "the the": a word or character written twice by mistake.
    id: "doubled-word",
    find: (text, lang) => {
      const en = all(/\b([A-Za-z]+)\s+\1\b/gi, text);
      const zh = zhDoubles(text);
      return lang === "zh" ? [...zh, ...en] : en;
    },
  },
  {
    // Slack adds "(optional)" / "（选填）" to an optional input itself: a label saying so doubles it.
    id: "optional-in-label",
    find: (text) => all(/[（(][^（）()]*(?:可不填|选填|optional)[^（）()]*[）)]/gi, text),
  },
  { id: "chinese-in-english", find: (text, lang) => (lang === "en" ? all(new RegExp(CJK, "g"), text) : []) },
  // One register: 您, not 你.
  { id: "register", find: (text, lang) => (lang === "zh" ? all(/你/g, text) : []) },
  // The old terms.
  { id: "old-term", find: (text, lang) => (lang === "zh" ? all(/在考评人数/g, text) : []) },
];

/** "rule-id: piece" for every rule `text` breaks. */
export function wordingProblems(text: string, lang: WordingLang): string[] {
  return WORDING_RULES.flatMap((r) => [...new Set(r.find(text, lang))].map((piece) => `${r.id}: ${piece}`));
}
