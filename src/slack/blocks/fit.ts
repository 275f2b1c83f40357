// Keeping every message, modal and App Home within Slack's Block Kit limits without cutting silently
// (issue #8): lists are shown as far as they fit and end with "还有 N 项…" / "… and N more".
// Limits (Slack's Block Kit reference, docs.slack.dev/reference/block-kit): 50 blocks a message,
// 100 a modal or Home tab, 3,000 characters a text object; the stand-in enforces the same numbers
// (src/slack/standin/blockKit.ts).
import { type Lang, t } from "../i18n/index.ts";
import type { KnownBlock } from "./requests.ts";

export const MESSAGE_MAX_BLOCKS = 50;
export const VIEW_MAX_BLOCKS = 100;
/** A section's text, with room to spare under Slack's 3,000 characters. */
export const SECTION_TEXT_MAX = 2900;

/** "还有 N 项…" / "… and N more". */
export function moreLine(lang: Lang, count: number): string {
  return t(lang, "list.more", { count });
}

/** A text shortened to `max` characters, the cut marked with "…". */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// Built here rather than with requests.ts's section()/context(), which use this file's clipText.
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/** The first `max` lines and, when `total` (default: all lines) is more, the "and N more" line. */
export function cappedLines(
  lang: Lang,
  lines: readonly string[],
  max: number,
  total = lines.length,
): string[] {
  const shown = lines.slice(0, max);
  return total > shown.length ? [...shown, moreLine(lang, total - shown.length)] : shown;
}

/**
 * Lines as section blocks, each under the 3,000-character limit (a single overlong line is clipped),
 * in at most `maxBlocks` blocks: lines that do not fit are counted in a last "and N more" line.
 */
export function chunked(
  lines: readonly string[],
  opts: { lang?: Lang; maxBlocks?: number; limit?: number } = {},
): KnownBlock[] {
  const limit = opts.limit ?? SECTION_TEXT_MAX;
  const maxBlocks = opts.maxBlocks ?? Number.POSITIVE_INFINITY;
  const texts: string[] = [];
  let cur = "";
  let used = 0;
  for (const raw of lines) {
    const l = clipText(raw, limit);
    if (cur && cur.length + l.length + 1 > limit) {
      if (texts.length + 1 >= maxBlocks) break;
      texts.push(cur);
      cur = "";
    }
    cur = cur ? `${cur}\n${l}` : l;
    used += 1;
  }
  if (used < lines.length) {
    // Room for the "and N more" line: drop lines from the end of the last block until it fits.
    const more = (n: number) => moreLine(opts.lang ?? "zh", n);
    let kept = cur.split("\n");
    while (kept.length > 1 && [...kept, more(lines.length - used)].join("\n").length > limit) {
      kept = kept.slice(0, -1);
      used -= 1;
    }
    cur = [...kept, more(lines.length - used)].join("\n");
  }
  if (cur) texts.push(cur);
  return texts.map((x) => section(x));
}

/**
 * The items of a list, each rendered as one or more blocks, within `budget` blocks: the items that
 * fit, then a context line counting the rest ("and N more"). `total` is the list's full length when
 * `items` is already a first page of it (a query's limit).
 */
export function itemsWithin<T>(
  lang: Lang,
  items: readonly T[],
  render: (item: T) => KnownBlock[],
  budget: number,
  total = items.length,
): KnownBlock[] {
  const out: KnownBlock[] = [];
  let shown = 0;
  for (const item of items) {
    const blocks = render(item);
    // Keep one block free for the "and N more" line unless this is the last item of the list.
    const last = shown + 1 === total;
    if (out.length + blocks.length + (last ? 0 : 1) > budget) break;
    out.push(...blocks);
    shown += 1;
  }
  if (total > shown) out.push(context(moreLine(lang, total - shown)));
  return out;
}

/**
 * Last line of defence for a message or view built from parts that each fit: when the blocks still
 * exceed `max`, the blocks before the last `keepLast` (e.g. the buttons) are cut and the cut is said.
 */
export function fitBlocks(lang: Lang, blocks: KnownBlock[], max: number, keepLast = 0): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const tail = keepLast > 0 ? blocks.slice(-keepLast) : [];
  const head = blocks.slice(0, max - keepLast - 1);
  const dropped = blocks.length - head.length - tail.length;
  return [...head, context(t(lang, "list.cut", { count: dropped })), ...tail];
}
