// Block Kit for the monthly close (RULES.md §4(4), §8): the channel ranking (bands and names only,
// never a person's deductions or money), each person's private notice with every item and its rule,
// and the transfer recommendation for the director and deputy director.
import { catalogItem } from "../../domain/catalog.ts";
import { divRoundHalfUp, formatHundredths } from "../../domain/points.ts";
import type { MonthResult, PersonMonthResult, ScoreLine } from "../../domain/scoring/types.ts";
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

const bandName = (lang: Lang, band: number) =>
  lang === "zh" ? ["", "一档", "二档", "三档"][band]! : `band ${band}`;

// Three bands and the windows, 10 sections each (about a hundred names a section) stay within 50 blocks.
const RANKING_BLOCKS_PER_LIST = 10;

/** The channel's ranking: who is in which band, and the window ranking (§4(4), §8). */
export function rankingMessage(
  lang: Lang,
  input: {
    center: string;
    result: MonthResult;
    names: Names;
    corrected: boolean;
    reopenReason?: string | null;
    bandAmountsFen: readonly number[];
  },
): Rendered {
  const { result, names } = input;
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
  blocks.push(
    section(
      t(lang, "close.channel.intro", {
        n: result.headCount,
        b1: counts[0],
        b2: counts[1],
        b3: counts[2],
        a1: yuan(input.bandAmountsFen[0] ?? 0),
        a2: yuan(input.bandAmountsFen[1] ?? 0),
        a3: yuan(input.bandAmountsFen[2] ?? 0),
      }),
    ),
  );
  for (const band of [1, 2, 3]) {
    const members = result.people.filter((p) => p.band === band);
    if (members.length === 0) continue;
    blocks.push(
      ...chunked(
        [
          t(lang, "close.channel.band", { band, count: members.length }),
          ...members.map((p) =>
            t(lang, "close.channel.person", {
              rank: p.rank,
              name: escapeSlackText(names.person(p.id)),
              window: escapeSlackText(names.window(p.window)),
            }),
          ),
        ],
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

function rate(basis: Record<string, number> | undefined): string {
  const s = basis?.satisfied ?? 0;
  const b = basis?.basic ?? 0;
  const u = basis?.unsatisfied ?? 0;
  const all = s + b + u;
  return all === 0 ? "—" : formatHundredths(divRoundHalfUp((s + b) * 10000, all));
}

/** One line of the notice: the item, its rule (clause), points, and why it was or was not counted. */
export function noticeLine(lang: Lang, l: ScoreLine, names: Names): string {
  const item = catalogItem(l.code);
  const base = t(lang, "close.notice.line", {
    sign: l.sign,
    total: pts(l.totalHundredths),
    points: pts(l.pointsHundredths),
    count: l.count,
    code: l.code,
    name: item ? item[lang] : l.code,
    section: item?.section ?? "",
  });
  const notes: string[] = [];
  if (l.source === "automatic" && l.code === "S-ATT-PERSONAL")
    notes.push(t(lang, "close.notice.auto_personal", { halfDays: l.basis?.halfDays ?? 0 }));
  if (l.source === "automatic" && l.code === "S-EVAL-RATE")
    notes.push(
      t(lang, "close.notice.auto_rate", {
        rate: rate(l.basis),
        satisfied: l.basis?.satisfied ?? 0,
        basic: l.basis?.basic ?? 0,
        unsatisfied: l.basis?.unsatisfied ?? 0,
      }),
    );
  if (l.source === "leader_charge" && l.fromPerson)
    notes.push(t(lang, "close.notice.leader_charge", { from: escapeSlackText(names.person(l.fromPerson)) }));
  if (!l.counted && l.notCountedReason === "requires")
    notes.push(t(lang, "close.notice.not_counted_requires"));
  if (!l.counted && l.notCountedReason === "leader_only")
    notes.push(t(lang, "close.notice.not_counted_leader_only"));
  const text = notes.length ? `${base}\n      ${notes.join("；")}` : base;
  return l.counted ? `• ${text}` : `• ~${base}~ ${notes.join("；")}`;
}

// A person's items: 40 sections is far beyond any month, and leaves room for the summary and money.
const NOTICE_ITEM_BLOCKS = 40;

/** A person's private notice: score, every item with its rule, band, money and why half or none (§4(4), §8). */
export function noticeMessage(
  lang: Lang,
  input: {
    result: MonthResult;
    person: PersonMonthResult;
    names: Names;
    corrected: boolean;
    staffBonusCapHundredths: number;
  },
): Rendered {
  const { result, person: p, names } = input;
  const period = periodName(lang, result.month);
  const title = t(lang, "close.notice.title", { period, corrected: input.corrected });
  const blocks: KnownBlock[] = [
    section(title),
    section(
      t(lang, "close.notice.summary", {
        score: pts(p.scoreHundredths),
        base: pts(p.baseHundredths),
        bonus: pts(p.bonusHundredths),
        rank: p.rank,
        n: result.headCount,
        band: bandName(lang, p.band),
        amount: yuan(p.amountFen),
      }),
    ),
  ];
  if (p.lines.length === 0) blocks.push(section(t(lang, "close.notice.no_items")));
  else
    blocks.push(
      ...chunked([t(lang, "close.notice.items"), ...p.lines.map((l) => noticeLine(lang, l, names))], {
        lang,
        maxBlocks: NOTICE_ITEM_BLOCKS,
      }),
    );
  const money: string[] = [];
  if (p.bonusRawHundredths > p.bonusHundredths)
    money.push(
      t(lang, "close.notice.bonus_capped", {
        raw: pts(p.bonusRawHundredths),
        cap: pts(input.staffBonusCapHundredths),
      }),
    );
  money.push(t(lang, `close.notice.money_${p.moneyReason}`));
  if (p.secondment && p.secondment.halfDays > 0)
    money.push(
      t(lang, "close.notice.secondment", {
        days: p.secondment.halfDays / 2,
        workingDays: p.secondment.workingDays,
      }),
    );
  money.push(
    t(lang, "close.notice.band_rule", {
      n: result.headCount,
      b1: result.bandEdges.b1,
      b2: result.bandEdges.b2,
    }),
  );
  blocks.push(section(money.join("\n")));
  blocks.push(context(t(lang, "close.notice.footer")));
  const text = `${title.replace(/\*/g, "")} ${pts(p.scoreHundredths)}`;
  return { text, blocks: fitBlocks(lang, blocks, MESSAGE_MAX_BLOCKS, 1) };
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
