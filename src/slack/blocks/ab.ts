// Block Kit for AB岗 (顶岗补位制度, RULES.md §8): the warning on the window leader's step, the coming
// week's uncovered absences (App Home, weekly digest), and the W-AB proposal inspection confirms or
// dismisses. The data comes from src/services/abCover.ts.
import type { AbProposal, AbStepNote, UncoveredAbsence } from "../../services/abCover.ts";
import { type Lang, t } from "../i18n/index.ts";
import type { Rendered } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { cappedLines, chunked } from "./fit.ts";
import { context, type KnownBlock, mention, periodText, plain, requestPeriod, section } from "./requests.ts";

export const AB_CONFIRM = "ab_proposal_confirm";
export const AB_DISMISS = "ab_proposal_dismiss";

/** An uncovered-absence list shows this many lines at most; the rest is counted. */
const UNCOVERED_MAX = 30;

const list = (lang: Lang, ids: readonly string[]) => ids.map(mention).join(lang === "zh" ? "、" : ", ");

/** The lines the leader's step adds (§8): A and B both away and who else is free, or the one-person window. */
export function abStepLines(lang: Lang, note: AbStepNote | null | undefined): string[] {
  if (!note) return [];
  if (note.single) return [t(lang, "ab.step.single", { requester: mention(note.requesterId) })];
  if (note.pairs.length === 0) return [];
  return [
    ...note.pairs.map((p) =>
      t(lang, "ab.step.both_away", {
        a: mention(p.aId),
        b: mention(p.bId),
        periods: p.periods.map((x) => periodText(lang, x.start, x.end)).join(lang === "zh" ? "；" : "; "),
      }),
    ),
    note.free.length > 0
      ? t(lang, "ab.step.free", { people: list(lang, note.free) })
      : t(lang, "ab.step.free_none"),
  ];
}

/** The warning as a block for the step message (nothing when there is nothing to say). */
export function abStepBlocks(lang: Lang, note: AbStepNote | null | undefined): KnownBlock[] {
  const lines = abStepLines(lang, note);
  return lines.length > 0 ? [section(lines.join("\n"))] : [];
}

/** One line per uncovered absence: who, window, when, and why nobody covers. */
export function uncoveredLines(lang: Lang, items: readonly UncoveredAbsence[]): string[] {
  return items.map((u) =>
    t(lang, "ab.uncovered.line", {
      id: u.requestId,
      name: escapeSlackText(u.name),
      window: escapeSlackText(u.windowName),
      period: periodText(lang, u.start, u.end),
      why:
        u.why === "none"
          ? t(lang, "ab.uncovered.none")
          : t(lang, "ab.uncovered.cover_away", { cover: mention(u.coverId ?? "") }),
      state: t(lang, `req.state.${u.state}`),
    }),
  );
}

/** The App Home's section: the coming week's uncovered absences (nothing when there are none). */
export function abHomeBlocks(lang: Lang, items: readonly UncoveredAbsence[], to: string): KnownBlock[] {
  if (items.length === 0) return [];
  return [
    section(`*${t(lang, "ab.home.header", { to })}*`),
    ...chunked(cappedLines(lang, uncoveredLines(lang, items), UNCOVERED_MAX), { lang, maxBlocks: 2 }),
  ];
}

/** The digest's lines (header first), empty when every absence of the week is covered. */
export function abDigestLines(lang: Lang, items: readonly UncoveredAbsence[]): string[] {
  if (items.length === 0) return [];
  return [t(lang, "ab.digest.header"), ...cappedLines(lang, uncoveredLines(lang, items), UNCOVERED_MAX)];
}

/** To inspection: W-AB proposed for an absence that started with nobody covering, Confirm / Dismiss. */
export function abProposalMessage(lang: Lang, p: AbProposal): Rendered {
  const text = t(lang, "ab.propose.title", {
    window: escapeSlackText(p.windowName),
    name: escapeSlackText(p.requesterName),
    id: p.request.id,
  });
  const why = p.coverId
    ? t(lang, "ab.propose.cover_away", { cover: mention(p.coverId) })
    : t(lang, "ab.propose.no_cover");
  const value = String(p.record.id);
  return {
    text,
    blocks: [
      section(
        `*${text}*\n${t(lang, "ab.propose.body", {
          requester: mention(p.request.requesterId),
          period: requestPeriod(lang, p.request),
          why,
          date: p.record.date,
        })}`,
      ),
      context(t(lang, "ab.propose.hint")),
      {
        type: "actions",
        block_id: `ab_proposal_${value}`,
        elements: [
          {
            type: "button",
            action_id: AB_CONFIRM,
            style: "primary",
            text: plain(t(lang, "ab.propose.confirm")),
            value,
          },
          { type: "button", action_id: AB_DISMISS, text: plain(t(lang, "ab.propose.dismiss")), value },
        ],
      } as KnownBlock,
    ],
  };
}

/** The line that replaces the buttons once inspection decided. */
export function abDecidedLine(lang: Lang, d: { by: string; confirmed: boolean; month: string }): string {
  return t(lang, d.confirmed ? "ab.propose.confirmed" : "ab.propose.dismissed", {
    by: mention(d.by),
    month: d.month,
  });
}

/** The proposal as decided: the same message, the buttons replaced by who decided (each member's copy). */
export function abProposalDecidedMessage(
  lang: Lang,
  p: AbProposal,
  d: { by: string; confirmed: boolean },
): Rendered {
  const msg = abProposalMessage(lang, p);
  const line = abDecidedLine(lang, { ...d, month: p.record.month });
  return {
    text: `${msg.text} — ${line}`,
    blocks: [...msg.blocks.filter((b) => b.type !== "actions"), context(line)],
  };
}
