// Block Kit for the monthly close (RULES.md §4(4), §8): the channel ranking (bands and names only,
// never a person's deductions or money) and the transfer recommendation for the director and deputy
// director. Each person's private notice is in notice.ts.
import { divRoundHalfUp, formatHundredths } from "../../domain/points.ts";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "../../domain/scoring/settings.ts";
import type { MonthResult, PersonMonthResult } from "../../domain/scoring/types.ts";
import { type Lang, t } from "../i18n/index.ts";
import { escapeSlackText } from "./escape.ts";
import { chunked, fitBlocks, MESSAGE_MAX_BLOCKS } from "./fit.ts";
import { context, divider, type KnownBlock, plain, section } from "./requests.ts";

export const TRANSFER_CONFIRM = "close_transfer_confirm";
export const TRANSFER_DISMISS = "close_transfer_dismiss";

export interface Rendered {
  text: string;
  blocks: KnownBlock[];
}

/** Money in yuan with two decimals: 45000 → "450.00". */
export const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
export const pts = formatHundredths;

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026年7月" / "July 2026". */
export function periodName(lang: Lang, month: string): string {
  const y = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  return lang === "zh" ? `${y}年${m}月` : `${EN_MONTHS[m - 1] ?? month.slice(5, 7)} ${y}`;
}

export interface Names {
  person(id: string): string;
  window(id: string): string;
}

// Three bands and the windows, 10 sections each (about a hundred names a section) stay within 50 blocks.
const RANKING_BLOCKS_PER_LIST = 10;

/** The score rules the channel post states (RULES.md §4(4)); the defaults are the seed's. */
export type RankingRules = Pick<
  ScoringSettings,
  "bandSharesPercent" | "moneyMinHundredths" | "fullMoneyMinHundredths"
>;

/** Whole percent of a head count, rounded half up: 35 of 42 → 83. */
const percentOf = (count: number, of: number) => (of === 0 ? 0 : divRoundHalfUp(count * 100, of));

/** People of one rank, in rank order: a tie is one group (competition ranking, §4(4)). */
function rankGroups(people: readonly PersonMonthResult[]): PersonMonthResult[][] {
  const groups: PersonMonthResult[][] = [];
  for (const p of people) {
    const last = groups.at(-1);
    if (last && last[0]!.rank === p.rank) last.push(p);
    else groups.push([p]);
  }
  return groups;
}

// A tie of more people than this is listed one line per window under "并列第 N 名：M 人".
const TIE_INLINE_MAX = 3;
const TIE_LINE_MAX = 1500;

/** Names joined with `sep`, in as many pieces as keep each under `max` characters. */
function pieces(items: readonly string[], sep: string, max: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const x of items) {
    if (cur && cur.length + sep.length + x.length > max) {
      out.push(cur);
      cur = "";
    }
    cur = cur ? `${cur}${sep}${x}` : x;
  }
  return cur ? [...out, cur] : out;
}

/** A band's ranking lines: one line a rank; a tie grouped (inline when small, else one line per window). */
function bandLines(lang: Lang, members: readonly PersonMonthResult[], names: Names): string[] {
  const sep = lang === "zh" ? "、" : ", ";
  const person = (p: PersonMonthResult) =>
    t(lang, "close.channel.person_in", {
      name: escapeSlackText(names.person(p.id)),
      window: escapeSlackText(names.window(p.window)),
    });
  return rankGroups(members).flatMap((group) => {
    const rank = group[0]!.rank;
    if (group.length === 1) {
      const p = group[0]!;
      return [
        t(lang, "close.channel.person", {
          rank,
          name: escapeSlackText(names.person(p.id)),
          window: escapeSlackText(names.window(p.window)),
        }),
      ];
    }
    if (group.length <= TIE_INLINE_MAX)
      return [t(lang, "close.channel.tie_inline", { rank, people: group.map(person).join(sep) })];
    const byWindow = new Map<string, string[]>();
    for (const p of group)
      byWindow.set(p.window, [...(byWindow.get(p.window) ?? []), escapeSlackText(names.person(p.id))]);
    return [
      t(lang, "close.channel.tie_header", { rank, count: group.length }),
      ...[...byWindow].flatMap(([w, ns]) =>
        // A window's line stays well under a section's 3,000 characters: a long one goes on in a second.
        pieces(ns, sep, TIE_LINE_MAX).map((part) =>
          t(lang, "close.channel.tie_window", { window: escapeSlackText(names.window(w)), names: part }),
        ),
      ),
    ];
  });
}

/**
 * How ties moved the band edges, in words (§4(4): people tied across an edge all get the better band, so
 * band 1 can hold more than 70 %): one entry per band whose last rank's tie runs past its edge.
 */
function tiesPastEdges(result: MonthResult, counts: readonly number[]) {
  const edges = [result.bandEdges.b1, result.bandEdges.b2];
  const out: Array<{ band: number; rank: number; tied: number; count: number; pct: number }> = [];
  for (const band of [1, 2]) {
    const members = result.people.filter((p) => p.band === band);
    const last = members.at(-1);
    if (!last) continue;
    const tied = members.filter((p) => p.rank === last.rank).length;
    if (last.rank + tied - 1 > edges[band - 1]! && tied > 1)
      out.push({
        band,
        rank: last.rank,
        tied,
        count: counts[band - 1]!,
        pct: percentOf(counts[band - 1]!, result.headCount),
      });
  }
  return out;
}

/**
 * The channel's ranking: who is in which band, and the window ranking (§4(4), §8). Ties are grouped; the
 * band shares are the real ones (ties can push band 1 past 70 %), and a band's amount is named only when
 * someone in it received that amount (never a person's own money: that goes privately).
 */
export function rankingMessage(
  lang: Lang,
  input: {
    center: string;
    result: MonthResult;
    names: Names;
    corrected: boolean;
    reopenReason?: string | null;
    bandAmountsFen: readonly number[];
    rules?: RankingRules;
  },
): Rendered {
  const { result, names } = input;
  const rules = input.rules ?? DEFAULT_SCORING_SETTINGS;
  const period = periodName(lang, result.month);
  const title = t(lang, "close.channel.title", {
    center: escapeSlackText(input.center),
    period,
    corrected: input.corrected,
  });
  const counts = [1, 2, 3].map((b) => result.people.filter((p) => p.band === b).length);
  const blocks: KnownBlock[] = [section(title)];
  if (input.corrected && input.reopenReason)
    blocks.push(
      context(t(lang, "close.channel.corrected_note", { reason: escapeSlackText(input.reopenReason) })),
    );
  const paid = [1, 2, 3]
    .filter((b) => result.people.some((p) => p.band === b && p.amountFen === input.bandAmountsFen[b - 1]))
    .map((band) => ({ band, amount: yuan(input.bandAmountsFen[band - 1] ?? 0) }));
  blocks.push(
    section(
      [
        t(lang, "close.channel.intro", {
          n: result.headCount,
          bands: counts.map((count, i) => ({ band: i + 1, count, pct: percentOf(count, result.headCount) })),
        }),
        [
          t(lang, "close.channel.band_rule", {
            shares: rules.bandSharesPercent,
            b1: result.bandEdges.b1,
            b2: result.bandEdges.b2,
          }),
          ...tiesPastEdges(result, counts).map((x) => t(lang, "close.channel.tie_push", x)),
        ].join(lang === "zh" ? "" : " "),
        t(lang, "close.channel.money", {
          paid,
          full: pts(rules.fullMoneyMinHundredths),
          min: pts(rules.moneyMinHundredths),
        }),
      ].join("\n"),
    ),
  );
  for (const band of [1, 2, 3]) {
    const members = result.people.filter((p) => p.band === band);
    if (members.length === 0) continue;
    blocks.push(
      ...chunked(
        [t(lang, "close.channel.band", { band, count: members.length }), ...bandLines(lang, members, names)],
        { lang, maxBlocks: RANKING_BLOCKS_PER_LIST },
      ),
    );
  }
  if (result.windows.length > 0) {
    blocks.push(divider);
    blocks.push(
      ...chunked(
        [
          t(lang, "close.channel.windows"),
          ...result.windows.map((w) =>
            t(lang, "close.channel.window", {
              rank: w.rank,
              window: escapeSlackText(names.window(w.id)),
              score: pts(w.scoreHundredths),
            }),
          ),
        ],
        { lang, maxBlocks: RANKING_BLOCKS_PER_LIST },
      ),
    );
  }
  blocks.push(context(t(lang, "close.channel.footer")));
  return { text: title.replace(/\*/g, ""), blocks: fitBlocks(lang, blocks, MESSAGE_MAX_BLOCKS, 1) };
}

/** The transfer recommendation with Confirm / Dismiss (value: the Award id). */
export function transferMessage(
  lang: Lang,
  input: {
    awardId: number;
    name: string;
    window: string;
    month: string;
    score: number;
    n: number;
    prevMonth: string;
    prevScore: number | null;
  },
): Rendered {
  const text = t(lang, "close.transfer.text", {
    name: escapeSlackText(input.name),
    window: escapeSlackText(input.window),
    month: periodName(lang, input.month),
    score: pts(input.score),
    n: input.n,
    prev: periodName(lang, input.prevMonth),
    prevScore: input.prevScore === null ? "—" : pts(input.prevScore),
  });
  return {
    text: `${t(lang, "close.transfer.title").replace(/\*/g, "")} ${input.name}`,
    blocks: [
      section(t(lang, "close.transfer.title")),
      section(text),
      {
        type: "actions",
        block_id: `transfer_${input.awardId}`,
        elements: [
          {
            type: "button",
            action_id: TRANSFER_CONFIRM,
            style: "danger",
            text: plain(t(lang, "close.transfer.confirm")),
            value: String(input.awardId),
          },
          {
            type: "button",
            action_id: TRANSFER_DISMISS,
            text: plain(t(lang, "close.transfer.dismiss")),
            value: String(input.awardId),
          },
        ],
      },
    ],
  };
}

/** The recommendation once decided (buttons gone). */
export function transferDecided(
  lang: Lang,
  original: readonly KnownBlock[],
  confirmed: boolean,
  by: string,
): Rendered {
  const note = t(lang, confirmed ? "close.transfer.confirmed" : "close.transfer.dismissed", {
    by: `<@${by}>`,
  });
  const kept = original.filter((b) => b.type !== "actions");
  return { text: note, blocks: [...kept, context(note)] };
}

export function transferAnnouncement(lang: Lang, name: string, window: string): Rendered {
  const text = t(lang, "close.transfer.announce", {
    name: escapeSlackText(name),
    window: escapeSlackText(window),
  });
  return { text: text.replace(/\*/g, ""), blocks: [section(text)] };
}

export const ATTENDANCE_CONFIRM = "attendance_confirm";

/** To inspection after an attendance import: the proposals' totals and Confirm all (value: the month). */
export function attendanceReviewMessage(
  lang: Lang,
  input: { month: string; totals: Record<string, number> },
): Rendered {
  const title = t(lang, "import.attendance.title", { month: periodName(lang, input.month) });
  const summary = t(lang, "import.attendance.summary", {
    total: input.totals.proposed ?? 0,
    late: input.totals.late ?? 0,
    nopunch: input.totals.nopunch ?? 0,
    offpost: input.totals.offpost ?? 0,
    absent: input.totals.absent ?? 0,
  });
  return {
    text: `${title.replace(/\*/g, "")} ${summary}`,
    blocks: [
      section(title),
      section(summary),
      {
        type: "actions",
        block_id: `attendance_${input.month}`,
        elements: [
          {
            type: "button",
            action_id: ATTENDANCE_CONFIRM,
            style: "primary",
            text: plain(t(lang, "import.attendance.confirm")),
            value: input.month,
          },
        ],
      },
    ],
  };
}
