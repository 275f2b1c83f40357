// Block Kit for the quarter and year awards (RULES.md §5, §7): the director's proposal with every
// other candidate's reasons, Confirm / Edit, the edit mode with Add / Remove per candidate, and the
// channel announcement once confirmed.
import type { Hundredths } from "../../domain/points.ts";
import type { QuarterResult, YearResult } from "../../domain/scoring/types.ts";
import type { AwardKind, AwardRow } from "../../services/closeQuarter.ts";
import { type Lang, t } from "../i18n/index.ts";
import { chunked, type Names, pts, type Rendered } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { context, divider, type KnownBlock, plain, section } from "./requests.ts";

export const AWARDS_CONFIRM = "awards_confirm";
export const AWARDS_EDIT = "awards_edit";
export const AWARDS_DONE = "awards_done";
export const AWARDS_TOGGLE = "awards_toggle";

/** What an Add/Remove button carries. */
export interface ToggleValue {
  p: string; // period
  k: AwardKind;
  id: string; // target
  i: 0 | 1; // include?
}

const OTHERS_MAX = 40;
const EDIT_ADD_MAX = 10;

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
  const people = result.people.map((p) => ({
    id: p.id,
    scoreHundredths: p.scoreHundredths,
    eligible: true,
    reasons: [],
  }));
  const windows = result.windows.map((w) => ({
    id: w.id,
    scoreHundredths: w.scoreHundredths,
    eligible: true,
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

/** The director's proposal; `editing` shows Add/Remove per candidate. */
export function proposalMessage(
  lang: Lang,
  input: {
    period: string;
    result: QuarterResult | YearResult;
    awards: readonly AwardRow[];
    names: Names;
    /** Window → leader's name (a leading window's leader is also 优秀窗口负责人, §7). */
    leaders: ReadonlyMap<string, string>;
    quotas: Partial<Record<AwardKind, number>>;
    corrected: boolean;
    editing?: boolean;
  },
): Rendered {
  const { period, awards, names } = input;
  const isQuarter = period.includes("Q");
  const title = t(lang, isQuarter ? "awards.quarter.title" : "awards.year.title", {
    period: periodTitle(lang, period),
    corrected: input.corrected,
  });
  const confirmed = awards.some((a) => a.state === "confirmed");
  const blocks: KnownBlock[] = [section(title)];
  const nameOf = (target: "person" | "window", id: string) =>
    escapeSlackText(target === "person" ? names.person(id) : names.window(id));
  const groups = groupsOf(period, input.result, input.quotas);
  const taken = new Set(awards.filter((a) => a.state !== "removed").map((a) => `${a.kind}:${a.targetId}`));
  const placedAnywhere = new Set(awards.filter((a) => a.state !== "removed").map((a) => a.targetId));
  const editButtons: KnownBlock[] = [];

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
            name: nameOf(g.target, c.id),
            score: score(c.scoreHundredths),
            leader: escapeSlackText(input.leaders.get(c.id)!),
          })
        : t(lang, "awards.line", {
            rank: i + 1,
            name: nameOf(g.target, c.id),
            score: score(c.scoreHundredths),
          }),
    );
    blocks.push(...chunked([header, ...(lines.length ? lines : [t(lang, "awards.none")])]));
    if (input.editing && !confirmed) {
      for (const c of chosen)
        editButtons.push(
          toggleSection(lang, period, g.kind, c.id, `${kindName}：${nameOf(g.target, c.id)}`, false),
        );
      const addable = g.candidates
        .filter((c) => c.eligible && !placedAnywhere.has(c.id))
        .slice(0, EDIT_ADD_MAX);
      for (const c of addable)
        editButtons.push(
          toggleSection(
            lang,
            period,
            g.kind,
            c.id,
            `${kindName}：${nameOf(g.target, c.id)} ${score(c.scoreHundredths)}`,
            true,
          ),
        );
    }
  }

  // Everyone else with their reasons (quarter only: the year has no eligibility rules).
  if (isQuarter) {
    for (const g of groups) {
      const others = g.candidates.filter((c) => !taken.has(`${g.kind}:${c.id}`));
      if (others.length === 0) continue;
      const lines = others.slice(0, OTHERS_MAX).map((c) =>
        c.eligible
          ? t(lang, "awards.other_eligible", {
              name: nameOf(g.target, c.id),
              score: score(c.scoreHundredths),
            })
          : t(lang, g.target === "person" ? "awards.other_reasons" : "awards.other_window_reasons", {
              name: nameOf(g.target, c.id),
              score: score(c.scoreHundredths),
              reasons: c.reasons,
            }),
      );
      if (others.length > OTHERS_MAX)
        lines.push(t(lang, "awards.more", { count: others.length - OTHERS_MAX, period }));
      blocks.push(divider);
      blocks.push(
        ...chunked([
          t(lang, g.target === "person" ? "awards.others_header" : "awards.others_windows_header"),
          ...lines,
        ]),
      );
    }
  }

  if (!confirmed) {
    if (input.editing) blocks.push(divider, ...editButtons);
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
        input.editing
          ? {
              type: "button",
              action_id: AWARDS_DONE,
              text: plain(t(lang, "awards.done_editing")),
              value: period,
            }
          : { type: "button", action_id: AWARDS_EDIT, text: plain(t(lang, "awards.edit")), value: period },
      ],
    });
  }
  // Slack allows 50 blocks: keep the title, the buttons, and as much as fits between.
  const trimmed =
    blocks.length > 50 ? [...blocks.slice(0, 49 - (confirmed ? 0 : 1)), ...blocks.slice(-1)] : blocks;
  return { text: title.replace(/\*/g, ""), blocks: trimmed };
}

function toggleSection(
  lang: Lang,
  period: string,
  kind: AwardKind,
  id: string,
  label: string,
  include: boolean,
): KnownBlock {
  const value: ToggleValue = { p: period, k: kind, id, i: include ? 1 : 0 };
  return {
    type: "section",
    text: { type: "mrkdwn", text: label.slice(0, 2900) },
    accessory: {
      type: "button",
      action_id: AWARDS_TOGGLE,
      ...(include ? { style: "primary" as const } : {}),
      text: plain(t(lang, include ? "awards.add" : "awards.remove")),
      value: JSON.stringify(value),
    },
  } as KnownBlock;
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
