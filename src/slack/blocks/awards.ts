// Block Kit for the quarter and year awards (RULES.md §5, §7): the director's proposal with every
// other candidate's reasons, Confirm and one Edit button per award kind, the edit modal of one kind
// (a multi-select of its candidates: a message could not hold a button per candidate, issue #8), and
// the channel announcement once confirmed.
import type { Hundredths } from "../../domain/points.ts";
import type { QuarterResult, YearResult } from "../../domain/scoring/types.ts";
import { AWARD_MAX, type AwardKind, type AwardRow } from "../../services/closeQuarter.ts";
import { type Lang, t } from "../i18n/index.ts";
import { type Names, pts, type Rendered } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { chunked, clipText, fitBlocks, MESSAGE_MAX_BLOCKS } from "./fit.ts";
import { pagedOptions } from "./records.ts";
import { context, divider, type KnownBlock, type ModalView, plain, section } from "./requests.ts";

export const AWARDS_CONFIRM = "awards_confirm";
/**
 * One per award kind: "awards_edit:<kind>" (action ids must differ within a block); the value is an
 * EditValue (JSON). The listener matches AWARDS_EDIT_PATTERN.
 */
export const AWARDS_EDIT = "awards_edit";
export const AWARDS_EDIT_PATTERN = /^awards_edit:/;
export const awardEditActionId = (kind: AwardKind) => `${AWARDS_EDIT}:${kind}`;
export const AWARDS_EDIT_CALLBACK = "awards_edit_modal";
/** The edit modal's multi-select (block id and action id). */
export const AWARDS_PICK = "awards_pick";

/** What an Edit button carries: the period and the award kind to edit. */
export interface EditValue {
  p: string;
  k: AwardKind;
}

/** The edit modal's private_metadata: the kind, and the proposal message to redraw once saved. */
export interface AwardEditMeta extends EditValue {
  c?: string; // channel of the proposal message
  ts?: string;
}

/** Everything the proposal, the edit modal and the announcement are drawn from (services' AwardView). */
export interface ProposalInput {
  period: string;
  result: QuarterResult | YearResult;
  awards: readonly AwardRow[];
  names: Names;
  /** Window → leader's name (a leading window's leader is also 优秀窗口负责人, §7). */
  leaders: ReadonlyMap<string, string>;
  quotas: Partial<Record<AwardKind, number>>;
  corrected: boolean;
}

const OTHERS_MAX = 40;
/** Sections per list of the proposal: a hundred names or more each, 4 kinds + 2 lists stay within 50. */
const LIST_BLOCKS = 4;
const OPTION_TEXT_MAX = 75;

export function periodTitle(lang: Lang, period: string): string {
  if (period.includes("Q")) {
    const q = Number(period.slice(6));
    return lang === "zh" ? `${period.slice(0, 4)}年第${["一", "二", "三", "四"][q - 1]}季度` : period;
  }
  return lang === "zh" ? `${period}年` : period;
}

interface Candidate {
  id: string;
  scoreHundredths: Hundredths | null;
  eligible: boolean;
  reasons: readonly (string | number)[];
}

interface Group {
  kind: AwardKind;
  target: "person" | "window";
  quota: number | null;
  candidates: Candidate[];
}

function groupsOf(
  period: string,
  result: QuarterResult | YearResult,
  quotas: Partial<Record<AwardKind, number>>,
): Group[] {
  if ("quarter" in result) {
    return [
      {
        kind: "star",
        target: "person",
        quota: quotas.star ?? null,
        candidates: result.people.map((p) => ({
          id: p.id,
          scoreHundredths: p.scoreHundredths,
          eligible: p.starEligible,
          reasons: p.reasons,
        })),
      },
      {
        kind: "leading_window",
        target: "window",
        quota: quotas.leading_window ?? null,
        candidates: result.windows.map((w) => ({
          id: w.id,
          scoreHundredths: w.scoreHundredths,
          eligible: w.leadingEligible,
          reasons: w.reasons,
        })),
      },
    ];
  }
  void period;
  // Anyone with a year score may be proposed (closeYear.ts yearEligibility).
  const people = result.people.map((p) => ({
    id: p.id,
    scoreHundredths: p.scoreHundredths,
    eligible: p.scoreHundredths !== null,
    reasons: [],
  }));
  const windows = result.windows.map((w) => ({
    id: w.id,
    scoreHundredths: w.scoreHundredths,
    eligible: w.scoreHundredths !== null,
    reasons: [],
  }));
  return [
    { kind: "excellent_staff", target: "person", quota: quotas.excellent_staff ?? null, candidates: people },
    { kind: "window_prize_1", target: "window", quota: quotas.window_prize_1 ?? null, candidates: windows },
    { kind: "window_prize_2", target: "window", quota: quotas.window_prize_2 ?? null, candidates: windows },
    { kind: "window_prize_3", target: "window", quota: quotas.window_prize_3 ?? null, candidates: windows },
  ];
}

const score = (h: Hundredths | null) => (h === null ? "" : pts(h));

const nameOf = (names: Names, target: "person" | "window", id: string) =>
  escapeSlackText(target === "person" ? names.person(id) : names.window(id));

/** Proposed (not removed) awards as "kind:target". */
const standing = (awards: readonly AwardRow[]) =>
  new Set(awards.filter((a) => a.state !== "removed").map((a) => `${a.kind}:${a.targetId}`));

/** The director's proposal: each kind's names, everyone else's reasons, Confirm and Edit per kind. */
export function proposalMessage(lang: Lang, input: ProposalInput): Rendered {
  const { period, awards, names } = input;
  const isQuarter = period.includes("Q");
  const title = t(lang, isQuarter ? "awards.quarter.title" : "awards.year.title", {
    period: periodTitle(lang, period),
    corrected: input.corrected,
  });
  const confirmed = awards.some((a) => a.state === "confirmed");
  const blocks: KnownBlock[] = [section(title)];
  const groups = groupsOf(period, input.result, input.quotas);
  const taken = standing(awards);

  for (const g of groups) {
    const chosen = g.candidates.filter((c) => taken.has(`${g.kind}:${c.id}`));
    const kindName = t(lang, `awards.kind.${g.kind}`);
    const header =
      g.quota === null
        ? t(lang, "awards.proposed_header_plain", { kind: kindName, count: chosen.length })
        : t(lang, "awards.proposed_header", { kind: kindName, count: chosen.length, quota: g.quota });
    const lines = chosen.map((c, i) =>
      g.kind === "leading_window" && input.leaders.has(c.id)
        ? t(lang, "awards.line_window", {
            rank: i + 1,
            name: nameOf(names, g.target, c.id),
            score: score(c.scoreHundredths),
            leader: escapeSlackText(input.leaders.get(c.id)!),
          })
        : t(lang, "awards.line", {
            rank: i + 1,
            name: nameOf(names, g.target, c.id),
            score: score(c.scoreHundredths),
          }),
    );
    blocks.push(
      ...chunked([header, ...(lines.length ? lines : [t(lang, "awards.none")])], {
        lang,
        maxBlocks: LIST_BLOCKS,
      }),
    );
  }

  // Everyone else with their reasons (quarter only: the year has no eligibility rules).
  if (isQuarter) {
    for (const g of groups) {
      const others = g.candidates.filter((c) => !taken.has(`${g.kind}:${c.id}`));
      if (others.length === 0) continue;
      const lines = others.slice(0, OTHERS_MAX).map((c) =>
        c.eligible
          ? t(lang, "awards.other_eligible", {
              name: nameOf(names, g.target, c.id),
              score: score(c.scoreHundredths),
            })
          : t(lang, g.target === "person" ? "awards.other_reasons" : "awards.other_window_reasons", {
              name: nameOf(names, g.target, c.id),
              score: score(c.scoreHundredths),
              reasons: c.reasons,
            }),
      );
      if (others.length > OTHERS_MAX)
        lines.push(t(lang, "awards.more", { count: others.length - OTHERS_MAX, period }));
      blocks.push(divider);
      blocks.push(
        ...chunked(
          [
            t(lang, g.target === "person" ? "awards.others_header" : "awards.others_windows_header"),
            ...lines,
          ],
          { lang, maxBlocks: LIST_BLOCKS },
        ),
      );
    }
  }

  if (!confirmed) {
    const edit = (kind: AwardKind) => {
      const value: EditValue = { p: period, k: kind };
      return {
        type: "button",
        action_id: awardEditActionId(kind),
        text: plain(t(lang, "awards.edit_kind", { kind: t(lang, `awards.kind.${kind}`) })),
        value: JSON.stringify(value),
      };
    };
    blocks.push({
      type: "actions",
      block_id: `awards_${period}`,
      elements: [
        {
          type: "button",
          action_id: AWARDS_CONFIRM,
          style: "primary",
          text: plain(t(lang, "awards.confirm")),
          value: period,
        },
        ...groups.map((g) => edit(g.kind)),
      ],
    } as unknown as KnownBlock);
  }
  // One block is kept free for the confirmation note (awardConfirm.ts); the buttons always stay.
  return {
    text: title.replace(/\*/g, ""),
    blocks: fitBlocks(lang, blocks, MESSAGE_MAX_BLOCKS - 1, confirmed ? 0 : 1),
  };
}

interface PickOption {
  text: { type: "plain_text"; text: string; emoji: boolean };
  value: string;
}

/** The candidates the director may pick for one kind, best first, and those proposed now. */
function pickList(lang: Lang, input: ProposalInput, kind: AwardKind) {
  const group = groupsOf(input.period, input.result, input.quotas).find((g) => g.kind === kind);
  const taken = standing(input.awards);
  const elsewhere = new Set(
    input.awards.filter((a) => a.state !== "removed" && a.kind !== kind).map((a) => a.targetId),
  );
  const candidates = group?.candidates ?? [];
  const chosenIds = input.awards
    .filter((a) => a.state !== "removed" && a.kind === kind)
    .map((a) => a.targetId);
  const listed = candidates.filter(
    (c) => taken.has(`${kind}:${c.id}`) || (c.eligible && !elsewhere.has(c.id)),
  );
  // A proposed target the result no longer lists (e.g. left the roster) can still be taken out.
  const known = new Set(candidates.map((c) => c.id));
  for (const id of chosenIds)
    if (!known.has(id)) listed.push({ id, scoreHundredths: null, eligible: false, reasons: [] });
  const target = group?.target ?? "person";
  const option = (c: Candidate): PickOption => ({
    // Option text is plain text: the name as typed, no mrkdwn escaping.
    text: plain(
      clipText(
        t(lang, "awards.option", {
          name: target === "person" ? input.names.person(c.id) : input.names.window(c.id),
          score: score(c.scoreHundredths),
        }).trim(),
        OPTION_TEXT_MAX,
      ),
    ),
    value: c.id,
  });
  const options = listed.map(option);
  const chosen = new Set(chosenIds);
  return { group, options, initial: options.filter((o) => chosen.has(o.value)) };
}

/**
 * The edit modal of one award kind: a multi-select of its candidates with those proposed now
 * selected. Up to 100 candidates in one list; more (300 people for 优秀窗口工作人员) in groups of
 * 100, best score first (Slack: 100 options a select, or 100 option groups of 100).
 */
export function awardEditModal(lang: Lang, input: ProposalInput, meta: AwardEditMeta): ModalView {
  const { group, options, initial } = pickList(lang, input, meta.k);
  const kindName = t(lang, `awards.kind.${meta.k}`);
  const blocks: KnownBlock[] = [
    section(
      t(lang, "awards.modal_intro", {
        period: periodTitle(lang, input.period),
        kind: kindName,
        quota: group?.quota ?? null,
      }),
    ),
  ];
  if (options.length === 0) blocks.push(section(t(lang, "awards.none")));
  else {
    const max = AWARD_MAX[meta.k];
    const list = pagedOptions(options, (from, to) => t(lang, "awards.options_group", { from, to }));
    blocks.push({
      type: "input",
      block_id: AWARDS_PICK,
      optional: true,
      label: plain(t(lang, "awards.modal_label")),
      element: {
        type: "multi_static_select",
        action_id: AWARDS_PICK,
        placeholder: plain(t(lang, "awards.modal_placeholder")),
        ...list,
        ...(initial.length ? { initial_options: initial } : {}),
        // §5/§7 caps (竞跑之星 15, 领跑窗口 8); unless more are proposed already (ties), to take some out.
        ...(max !== undefined && initial.length <= max ? { max_selected_items: max } : {}),
      },
    } as unknown as KnownBlock);
  }
  blocks.push(
    context(t(lang, input.period.includes("Q") ? "awards.modal_note_quarter" : "awards.modal_note_year")),
  );
  return {
    type: "modal",
    callback_id: AWARDS_EDIT_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, "awards.modal_title")),
    ...(options.length ? { submit: plain(t(lang, "awards.modal_save")) } : {}),
    close: plain(t(lang, "common.cancel")),
    blocks,
  };
}

/** The channel announcement of confirmed awards. */
export function announcementMessage(
  lang: Lang,
  input: { period: string; awards: readonly AwardRow[]; names: Names; leaders: ReadonlyMap<string, string> },
): Rendered {
  const isQuarter = input.period.includes("Q");
  const title = t(lang, isQuarter ? "awards.announce_quarter" : "awards.announce_year", {
    period: periodTitle(lang, input.period),
  });
  const kinds: AwardKind[] = isQuarter
    ? ["star", "leading_window"]
    : ["excellent_staff", "window_prize_1", "window_prize_2", "window_prize_3"];
  const confirmed = input.awards.filter((a) => a.state === "confirmed");
  const lines = kinds.map((k) =>
    t(lang, "awards.announce_line", {
      kind: t(lang, `awards.kind.${k}`),
      names: confirmed
        .filter((a) => a.kind === k)
        .map((a) =>
          escapeSlackText(
            k === "star" || k === "excellent_staff"
              ? input.names.person(a.targetId)
              : input.names.window(a.targetId),
          ),
        ),
    }),
  );
  const leading = confirmed.filter((a) => a.kind === "leading_window" && input.leaders.has(a.targetId));
  if (leading.length > 0)
    lines.push(
      t(lang, "awards.announce_leaders", {
        names: leading
          .map((a) => escapeSlackText(input.leaders.get(a.targetId)!))
          .join(lang === "zh" ? "、" : ", "),
      }),
    );
  return { text: title.replace(/\*/g, ""), blocks: [section(title), ...chunked(lines)] };
}

export function confirmedNote(lang: Lang, by: string): KnownBlock {
  return context(t(lang, "awards.confirmed", { by: `<@${by}>` }));
}
