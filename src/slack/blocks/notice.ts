// Block Kit for the monthly private notice (RULES.md §4(4), §8): a person can check their money from it.
// The score as one sum (100 − deductions + bonus), every line with its date, item, points, code, clause,
// filer and note (automatic items with their basis), the rank and band with ties, the money worked out
// (band amount × full / half / 0, then the secondment), the window's lines for its leader (a linked
// window item names the person whose act caused it), and until the deadline a button to question it:
// the modal, the message to inspection and the person's confirmation (§8a; the appeal comes later).
import { catalogItem } from "../../domain/catalog.ts";
import { divRoundHalfUp, formatHundredths } from "../../domain/points.ts";
import type { ScoringSettings } from "../../domain/scoring/settings.ts";
import type {
  MonthResult,
  PersonMonthResult,
  ScoreLine,
  WindowMonthResult,
} from "../../domain/scoring/types.ts";
import {
  type NoticeQuestionOutcome,
  type NoticeQuestionView,
  type NoticeRecord,
  QUESTION_MAX,
} from "../../services/noticeQuestions.ts";
import { type Lang, t } from "../i18n/index.ts";
import { type Names, periodName, type Rendered, yuan } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { chunked, clipText, fitBlocks, MESSAGE_MAX_BLOCKS } from "./fit.ts";
import { context, type KnownBlock, type ModalView, mention, plain, section } from "./requests.ts";

export const NOTICE_QUESTION = "notice_question";
export const NOTICE_QUESTION_CALLBACK = "notice_question_modal";

export interface NoticeQuestionMeta {
  month: string;
}

/** The settings a notice explains. */
export type NoticeScoring = Pick<
  ScoringSettings,
  | "staffBonusCapHundredths"
  | "windowBonusCapHundredths"
  | "secondmentReduction"
  | "fullMoneyMinHundredths"
  | "moneyMinHundredths"
  | "bandSharesPercent"
  | "staffRateMinPercent"
>;

/** What the lines of a notice are read with: names, the records behind them, the settings. */
export interface LineContext {
  names: Names;
  records: ReadonlyMap<number, NoticeRecord>;
  scoring: NoticeScoring;
}

const pts = formatHundredths;
/** Yuan as people write it: 40000 → "400", 38636 → "386.36". */
const money = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : yuan(fen));

const ZH_NUMERALS = "一二三四五六七八九十";
const arabic = (zh: string) => String(ZH_NUMERALS.indexOf(zh) + 1 || zh);

/** A clause in the reader's language: "考评办法 三(一)2(4)②" → "evaluation rules, part 3(1), item 2(4)②". */
function clauseText(lang: Lang, clause: string): string {
  if (lang === "zh") return clause;
  const m = /^考评办法\s*([一二三四五六七八九十])\(([一二三四五六七八九十])\)(.*)$/.exec(clause);
  if (!m) return clause;
  return `evaluation rules, part ${arabic(m[1]!)}(${arabic(m[2]!)})${m[3] ? `, item ${m[3]}` : ""}`;
}

/** The rating counts of a rate line and (满意 + 基本满意) / all with two decimals ("—" without ratings). */
function rating(basis: Record<string, number> | undefined) {
  const satisfied = basis?.satisfied ?? 0;
  const basic = basis?.basic ?? 0;
  const unsatisfied = basis?.unsatisfied ?? 0;
  const all = satisfied + basic + unsatisfied;
  const rate = all === 0 ? "—" : formatHundredths(divRoundHalfUp((satisfied + basic) * 10000, all));
  return { rate, satisfied, basic, unsatisfied };
}

const filerText = (r: NoticeRecord) => (r.filerName ? escapeSlackText(r.filerName) : mention(r.filedBy));

/** The record behind a line (none for automatic lines, or a result frozen before lines carried it). */
const recordOf = (l: ScoreLine, c: Pick<LineContext, "records">) =>
  l.recordId === undefined ? undefined : c.records.get(l.recordId);

/** Why an automatic, charged, linked or not counted line is what it is: the lines under it. */
function lineNotes(lang: Lang, l: ScoreLine, c: LineContext): string[] {
  const rec = recordOf(l, c);
  const notes: string[] = [];
  if (l.source === "leader_charge" && l.fromPerson)
    notes.push(t(lang, "notice.leader_charge", { from: escapeSlackText(c.names.person(l.fromPerson)) }));
  if (rec?.note && l.source === "filed")
    notes.push(t(lang, "notice.note", { note: escapeSlackText(rec.note) }));
  if (l.source === "automatic") {
    if (l.code === "S-ATT-PERSONAL")
      notes.push(t(lang, "notice.auto_personal", { halfDays: l.basis?.halfDays ?? 0 }));
    else if (l.code === "S-EVAL-RATE")
      notes.push(t(lang, "notice.auto_rate", { ...rating(l.basis), min: c.scoring.staffRateMinPercent }));
    else if (l.code === "W-EVAL-RATE95" || l.code === "W-EVAL-RATE97")
      notes.push(t(lang, "notice.window_rate", rating(l.basis)));
    else if (l.code === "W-STAFF-CONTRACT")
      notes.push(
        t(lang, "notice.window_contract", {
          nonEstablishment: l.basis?.nonEstablishment ?? 0,
          people: l.basis?.people ?? 0,
        }),
      );
  }
  // A linked window item (§6) names the person whose act caused it; the person's own line says what
  // the same act cost the window.
  if (rec?.linkedFrom && l.source === "filed") {
    const from = catalogItem(rec.linkedFrom.code);
    notes.push(
      t(lang, "notice.window_caused_by", {
        person: escapeSlackText(c.names.person(rec.linkedFrom.personId ?? "")),
        item: from ? from[lang] : rec.linkedFrom.code,
      }),
    );
  }
  if (rec && l.source === "filed")
    for (const w of rec.linked) {
      const item = catalogItem(w.code);
      notes.push(
        t(lang, "notice.linked_window", {
          name: item ? item[lang] : w.code,
          total: pts(w.totalHundredths),
          code: w.code,
        }),
      );
    }
  if (!l.counted && l.notCountedReason === "requires") notes.push(t(lang, "notice.not_counted_requires"));
  if (!l.counted && l.notCountedReason === "leader_only")
    notes.push(t(lang, "notice.not_counted_leader_only"));
  // §8 per-month items: at most their range a month.
  const item = catalogItem(l.code);
  if (!l.counted && l.notCountedReason === "month_cap")
    notes.push(t(lang, "notice.not_counted_month_cap", { max: pts(item?.max ?? 0) }));
  if (l.cappedFromHundredths !== undefined)
    notes.push(
      t(lang, "notice.month_capped", {
        filed: pts(l.cappedFromHundredths),
        max: pts(item?.max ?? 0),
        counted: pts(l.totalHundredths),
      }),
    );
  return notes;
}

/**
 * One line of a notice: "11月13日 长时间看手机 −5（S-DIS-PHONE，考评办法 三(一)2(4)②，孙立新）" and,
 * indented under it, the filer's note and why an automatic or charged line is what it is. A line that
 * does not count is struck through.
 */
export function noticeLine(lang: Lang, l: ScoreLine, c: LineContext): string {
  const item = catalogItem(l.code);
  const rec = recordOf(l, c);
  const refs = [
    l.count > 1 ? `${l.count} × ${pts(l.pointsHundredths)}` : "",
    l.code,
    item ? clauseText(lang, item.section) : "",
    l.source === "automatic" ? t(lang, "notice.automatic") : rec ? filerText(rec) : "",
  ].filter((x) => x !== "");
  const head = t(lang, "notice.line", {
    date: l.source === "automatic" ? "" : (rec?.date ?? ""),
    name: item ? item[lang] : l.code,
    sign: l.sign,
    total: pts(l.totalHundredths),
    refs: refs.join(lang === "zh" ? "，" : ", "),
  });
  const notes = lineNotes(lang, l, c).map((n) => `\n      ${n}`);
  // 申诉中 (RULES.md §8a): the line still counts until the appeal is decided.
  if (rec?.underAppeal) notes.unshift(`\n      ${t(lang, "appeals.under_appeal").trim()}`);
  return l.counted ? `• ${head}${notes.join("")}` : `• ~${head}~${notes.join("")}`;
}

/** Lines by date (the order things happened), automatic ones last; the index into `lines` kept. */
function byDate(lines: readonly ScoreLine[], c: Pick<LineContext, "records">): { l: ScoreLine; i: number }[] {
  const key = (l: ScoreLine) => (l.source === "automatic" ? "9999" : (recordOf(l, c)?.date ?? "9998"));
  // Each line's key once, not per comparison (5,000 notices of one close, issue #11).
  return lines
    .map((l, i) => ({ l, i, k: key(l) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
}

/** The money before the secondment reduction: the band's amount in full, halved, or none (§4(4)). */
const beforeSecondment = (p: PersonMonthResult) =>
  p.moneyReason === "full"
    ? p.bandAmountFen
    : p.moneyReason === "half"
      ? divRoundHalfUp(p.bandAmountFen, 2)
      : 0;

/**
 * How many people share each rank and each band, counted once per result: the close renders 5,000
 * notices of one result, and counting per notice was 5,000 × 5,000 comparisons (issue #11).
 */
const tallies = new WeakMap<MonthResult, { rank: Map<number, number>; band: Map<number, number> }>();
function tally(result: MonthResult): { rank: Map<number, number>; band: Map<number, number> } {
  let found = tallies.get(result);
  if (!found) {
    found = { rank: new Map(), band: new Map() };
    for (const x of result.people) {
      found.rank.set(x.rank, (found.rank.get(x.rank) ?? 0) + 1);
      found.band.set(x.band, (found.band.get(x.band) ?? 0) + 1);
    }
    tallies.set(result, found);
  }
  return found;
}

/** "*考评分*：100 − 扣分 16 + 加分 0 = *84 分*", the rank with ties, the money worked out. */
function summaryText(lang: Lang, result: MonthResult, p: PersonMonthResult, scoring: NoticeScoring): string {
  const tie = tally(result).rank.get(p.rank) ?? 0;
  const bandCount = tally(result).band.get(p.band) ?? 0;
  const seconded =
    p.secondment && p.secondment.halfDays > 0 && beforeSecondment(p) > 0
      ? scoring.secondmentReduction === "whole"
        ? t(lang, "notice.money_seconded_whole")
        : t(lang, "notice.money_seconded_proportional", {
            halfDays: p.secondment.halfDays,
            workingDays: p.secondment.workingDays,
          })
      : "";
  return [
    t(lang, "notice.score", {
      deductions: pts(p.deductionsHundredths),
      bonus: pts(p.bonusHundredths),
      score: pts(p.scoreHundredths),
      capped: p.bonusRawHundredths > p.bonusHundredths,
      raw: pts(p.bonusRawHundredths),
      cap: pts(scoring.staffBonusCapHundredths),
    }),
    t(lang, "notice.rank", { n: result.headCount, rank: p.rank, tie, band: p.band, bandCount }),
    t(lang, "notice.money", {
      band: p.band,
      bandAmount: money(p.bandAmountFen),
      reason: p.moneyReason,
      seconded,
      amount: money(p.amountFen),
    }),
  ].join("\n");
}

/** Why the money is what it is, and how the bands are cut (ties included). */
function rulesText(lang: Lang, result: MonthResult, p: PersonMonthResult, scoring: NoticeScoring): string {
  const counts = [1, 2, 3].map((b) => tally(result).band.get(b) ?? 0);
  const out = [
    t(lang, `notice.money_${p.moneyReason}`, {
      full: pts(scoring.fullMoneyMinHundredths),
      min: pts(scoring.moneyMinHundredths),
    }),
  ];
  // The secondment reduces money there is (§4 ⑧); with none to pay it changes nothing.
  if (p.secondment && p.secondment.halfDays > 0 && beforeSecondment(p) > 0)
    out.push(
      t(lang, "notice.secondment", {
        halfDays: p.secondment.halfDays,
        workingDays: p.secondment.workingDays,
      }),
    );
  out.push(
    t(lang, "notice.band_rule", {
      p1: scoring.bandSharesPercent[0],
      p2: scoring.bandSharesPercent[1],
      b1: result.bandEdges.b1,
      b2: result.bandEdges.b2,
      c1: counts[0],
      c2: counts[1],
      c3: counts[2],
    }),
  );
  return out.join("\n");
}

/** The window's score and lines, for its leader. */
function windowBlocks(lang: Lang, result: MonthResult, w: WindowMonthResult, c: LineContext): KnownBlock[] {
  const head = [
    t(lang, "notice.window_title", { window: escapeSlackText(c.names.window(w.id)) }),
    t(lang, "notice.window_score", {
      mean: pts(w.peopleMeanHundredths),
      deductions: pts(w.deductionsHundredths),
      bonus: pts(w.bonusHundredths),
      score: pts(w.scoreHundredths),
      capped: w.bonusRawHundredths > w.bonusHundredths,
      raw: pts(w.bonusRawHundredths),
      cap: pts(c.scoring.windowBonusCapHundredths),
      rank: w.rank,
      count: result.windows.length,
    }),
  ].join("\n");
  if (w.lines.length === 0) return [section(`${head}\n${t(lang, "notice.window_no_items")}`)];
  return chunked([head, ...byDate(w.lines, c).map(({ l }) => noticeLine(lang, l, c))], {
    lang,
    maxBlocks: NOTICE_WINDOW_BLOCKS,
  });
}

// 40 records of 500-character notes take about ten sections; 30 leave room for everything else within
// Slack's 50 blocks a message (title and sums 1, rules 1, window 8, question 1).
const NOTICE_ITEM_BLOCKS = 30;
const NOTICE_WINDOW_BLOCKS = 8;

export interface NoticeInput {
  result: MonthResult;
  person: PersonMonthResult;
  names: Names;
  corrected: boolean;
  records: ReadonlyMap<number, NoticeRecord>;
  scoring: NoticeScoring;
  /** Last day to question the notice (YYYY-MM-DD); without it, no button. */
  deadline?: string;
}

/** A person's private notice (§4(4), §8): what they can check their score and money against. */
export function noticeMessage(lang: Lang, input: NoticeInput): Rendered {
  const { result, person: p } = input;
  const c: LineContext = { names: input.names, records: input.records, scoring: input.scoring };
  const title = t(lang, "notice.title", {
    period: periodName(lang, result.month),
    corrected: input.corrected,
  });
  const blocks: KnownBlock[] = [
    section(`${title}\n${summaryText(lang, result, p, input.scoring)}`),
    context(rulesText(lang, result, p, input.scoring)),
  ];
  if (p.lines.length === 0) blocks.push(section(t(lang, "notice.no_items")));
  else
    blocks.push(
      ...chunked(
        [
          t(lang, "notice.items", { count: p.lines.length }),
          ...byDate(p.lines, c).map(({ l }) => noticeLine(lang, l, c)),
        ],
        { lang, maxBlocks: NOTICE_ITEM_BLOCKS },
      ),
    );
  const w = p.role === "window_leader" ? result.windows.find((x) => x.id === p.window) : undefined;
  if (w) blocks.push(...windowBlocks(lang, result, w, c));
  if (input.deadline)
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: t(lang, "notice.question", { deadline: input.deadline }) },
      accessory: {
        type: "button",
        action_id: NOTICE_QUESTION,
        text: plain(t(lang, "notice.question_button")),
        value: result.month,
      },
    });
  else blocks.push(context(t(lang, "notice.question_closed")));
  const text = `${title.replace(/\*/g, "")} ${pts(p.scoreHundredths)}`;
  return { text, blocks: fitBlocks(lang, blocks, MESSAGE_MAX_BLOCKS, 1) };
}

// Slack: a multi_static_select holds at most 100 options, an option's text 75 characters.
const MAX_OPTIONS = 100;

/** The question modal: the result in one line, the records to point at, the question. */
export function questionModal(lang: Lang, v: NoticeQuestionView): ModalView {
  const c = { records: v.records };
  const p = v.person;
  const meta: NoticeQuestionMeta = { month: v.month };
  const options = byDate(p.lines, c)
    .slice(0, MAX_OPTIONS)
    .map(({ l, i }) => {
      const item = catalogItem(l.code);
      const rec = recordOf(l, c);
      return {
        text: plain(
          clipText(
            t(lang, "notice.option", {
              date: l.source === "automatic" ? "" : (rec?.date ?? ""),
              name: item ? item[lang] : l.code,
              sign: l.sign,
              total: pts(l.totalHundredths),
            }),
            75,
          ),
        ),
        value: String(i),
      };
    });
  const blocks: KnownBlock[] = [
    section(
      t(lang, "notice.modal_intro", {
        period: periodName(lang, v.month),
        score: pts(p.scoreHundredths),
        band: p.band,
        amount: money(p.amountFen),
        deadline: v.deadline,
      }),
    ),
  ];
  if (options.length > 0)
    blocks.push({
      type: "input",
      block_id: "lines",
      optional: true,
      label: plain(t(lang, "notice.modal_lines")),
      hint: plain(t(lang, "notice.modal_lines_hint")),
      element: {
        type: "multi_static_select",
        action_id: "lines",
        placeholder: plain(t(lang, "notice.modal_lines_placeholder")),
        options,
      },
    });
  blocks.push({
    type: "input",
    block_id: "question",
    label: plain(t(lang, "notice.modal_question")),
    element: {
      type: "plain_text_input",
      action_id: "question",
      multiline: true,
      max_length: QUESTION_MAX,
      placeholder: plain(t(lang, "notice.modal_question_placeholder")),
    },
  });
  return {
    type: "modal",
    callback_id: NOTICE_QUESTION_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, "notice.modal_title")),
    submit: plain(t(lang, "notice.modal_submit")),
    close: plain(t(lang, "common.cancel")),
    blocks,
  };
}

/** What the person typed, escaped once and quoted line by line. */
const quoted = (text: string) =>
  escapeSlackText(text)
    .split("\n")
    .map((x) => `>${x}`)
    .join("\n");

/** To each inspection member: who asks, the question, the result and the records it is about. */
export function questionMessage(
  lang: Lang,
  o: NoticeQuestionOutcome,
  input: { names: Names; headCount: number; scoring: NoticeScoring },
): Rendered {
  const c: LineContext = { names: input.names, records: o.records, scoring: input.scoring };
  const p = o.person;
  const title = t(lang, "notice.inspection_title", {
    person: mention(p.id),
    window: escapeSlackText(input.names.window(p.window)),
    period: periodName(lang, o.month),
  });
  const picked = o.lines.length > 0 ? o.lines.map((i) => ({ l: p.lines[i]!, i })) : byDate(p.lines, c);
  const blocks: KnownBlock[] = [
    section(title),
    section(t(lang, "notice.inspection_question", { question: quoted(o.question) })),
    context(
      t(lang, "notice.inspection_summary", {
        deductions: pts(p.deductionsHundredths),
        bonus: pts(p.bonusHundredths),
        score: pts(p.scoreHundredths),
        rank: p.rank,
        n: input.headCount,
        band: p.band,
        amount: money(p.amountFen),
      }),
    ),
  ];
  if (picked.length > 0)
    blocks.push(
      ...chunked(
        [
          t(lang, o.lines.length > 0 ? "notice.inspection_lines" : "notice.inspection_all_lines"),
          ...picked.map(({ l }) => noticeLine(lang, l, c)),
        ],
        { lang, maxBlocks: NOTICE_ITEM_BLOCKS },
      ),
    );
  blocks.push(context(t(lang, "notice.inspection_footer", { deadline: o.deadline })));
  return { text: title.replace(/\*/g, ""), blocks: fitBlocks(lang, blocks, MESSAGE_MAX_BLOCKS) };
}

/** To the person once their question is queued for inspection. */
export function questionSentMessage(lang: Lang, o: NoticeQuestionOutcome): Rendered {
  const text = t(lang, "notice.question_sent", {
    period: periodName(lang, o.month),
    question: quoted(o.question),
  });
  return { text: clipText(text, 3000), blocks: [section(text)] };
}
