// The App Home: buttons to start a request, my requests with their states (Withdraw while pending),
// approvals waiting for me with the decision buttons, and the month's score so far; for inspection and
// the director, monthly administration (blocks/admin.ts), and for the director the closed months.
import type { types } from "@slack/bolt";
import { catalogItem } from "../../domain/catalog.ts";
import { formatHundredths } from "../../domain/points.ts";
import type { PersonMonthResult } from "../../domain/scoring/types.ts";
import type { RequestWithSteps, StepWithRequest } from "../../services/requestQueries.ts";
import { type Lang, t } from "../i18n/index.ts";
import { decisionButtons } from "./approvals.ts";
import { periodName } from "./close.ts";
import { chunked, fitBlocks, itemsWithin, VIEW_MAX_BLOCKS } from "./fit.ts";
import {
  context,
  daysText,
  divider,
  type KnownBlock,
  kindName,
  type PersonRef,
  personText,
  plain,
  requestPeriod,
  section,
  stepName,
  WITHDRAW,
} from "./requests.ts";

export const HOME_NEW_LEAVE = "home_new_leave";
export const HOME_NEW_TRIP = "home_new_trip";

export interface HomeScore {
  month: string;
  lines: string[];
}

export interface HomeData {
  mine: RequestWithSteps[];
  waiting: (StepWithRequest & { requester: PersonRef })[];
  /** How many approvals wait in all, when `waiting` is only the first of them (default: its length). */
  waitingTotal?: number;
  score: HomeScore | null;
  mineLimit: number;
  /** Monthly administration for inspection and the director (blocks/admin.ts), before the director's section. */
  admin?: KnownBlock[];
  /** The director's close section (blocks/reopen.ts), shown last. */
  director?: KnownBlock[];
  /** Window leaders' meetings (blocks/meetings.ts, RULES.md §8), after the score. */
  meetings?: KnownBlock[];
  /** The coming week's uncovered absences (blocks/ab.ts, AB岗 RULES.md §8), after the approvals waiting. */
  ab?: KnownBlock[];
  /** Deductions the person can appeal or has under appeal (blocks/appeals.ts, RULES.md §8a), after the score. */
  appeals?: KnownBlock[];
}

function myRequestBlock(lang: Lang, r: RequestWithSteps): KnownBlock {
  const current = r.steps.find((s) => s.state === "pending");
  const state = t(lang, `req.state.${r.state}`);
  const where = current ? ` · ${stepName(lang, current)}` : "";
  const text = `*#${r.id} ${kindName(r.kind, lang)}* · ${requestPeriod(lang, r)} · ${t(lang, "req.days", { days: daysText(r.halfDays) })}\n${state}${where}`;
  const block: KnownBlock = { type: "section", text: { type: "mrkdwn", text } };
  if (r.state === "pending") {
    (block as types.SectionBlock).accessory = {
      type: "button",
      action_id: WITHDRAW,
      text: plain(t(lang, "req.status.withdraw")),
      value: String(r.id),
      confirm: {
        title: plain(t(lang, "req.status.withdraw_confirm_title")),
        text: plain(t(lang, "req.status.withdraw_confirm_text")),
        confirm: plain(t(lang, "req.status.withdraw")),
        deny: plain(t(lang, "common.cancel")),
      },
    };
  }
  return block;
}

/**
 * The Home tab within Slack's 100 blocks (issue #8): my requests, my score and the director's section
 * are short and shown whole; the approvals waiting for me get the rest, oldest first, and the ones
 * that do not fit are counted ("还有 N 项…") — they come up as the shown ones are decided.
 */
export function homeView(lang: Lang, data: HomeData): types.HomeView {
  const head: KnownBlock[] = [
    { type: "header", text: plain(t(lang, "req.home.title")) },
    {
      type: "actions",
      block_id: "home_new",
      elements: [
        {
          type: "button",
          action_id: HOME_NEW_LEAVE,
          style: "primary",
          text: plain(t(lang, "req.home.new_leave")),
          value: "leave",
        },
        {
          type: "button",
          action_id: HOME_NEW_TRIP,
          text: plain(t(lang, "req.home.new_trip")),
          value: "trip",
        },
      ],
    },
    divider,
    section(`*${t(lang, "req.home.waiting")}*`),
  ];
  const waitingTotal = data.waitingTotal ?? data.waiting.length;
  const rest: KnownBlock[] = [
    ...(data.ab?.length ? [divider, ...data.ab] : []),
    divider,
    section(`*${t(lang, "req.home.mine")}*`),
  ];
  if (data.mine.length === 0) rest.push(context(t(lang, "req.home.mine_none")));
  for (const r of data.mine) rest.push(myRequestBlock(lang, r));
  if (data.mine.length >= data.mineLimit) rest.push(context(t(lang, "req.home.more", { n: data.mineLimit })));
  rest.push(divider, section(`*${t(lang, "req.home.score")}*`));
  if (data.score) rest.push(...chunked(data.score.lines, { lang, maxBlocks: 3 }));
  else rest.push(context(t(lang, "req.home.score_none")));
  if (data.appeals) rest.push(...data.appeals);
  if (data.meetings) rest.push(...data.meetings);
  if (data.admin) rest.push(...data.admin);
  if (data.director) rest.push(...data.director);
  const waiting =
    waitingTotal === 0
      ? [context(t(lang, "req.home.waiting_none"))]
      : itemsWithin(
          lang,
          data.waiting,
          (s) => [waitingBlock(lang, s), decisionButtons(lang, s)],
          VIEW_MAX_BLOCKS - head.length - rest.length,
          waitingTotal,
        );
  return { type: "home", blocks: fitBlocks(lang, [...head, ...waiting, ...rest], VIEW_MAX_BLOCKS) };
}

function waitingBlock(lang: Lang, s: HomeData["waiting"][number]): KnownBlock {
  const r = s.request;
  const who = s.assigneeId ? "" : ` · ${t(lang, "req.anyone_inspection")}`;
  return section(
    `*#${r.id} ${kindName(r.kind, lang)}* · ${personText(lang, s.requester)}\n${requestPeriod(lang, r)} · ${t(lang, "req.days", { days: daysText(r.halfDays) })}\n${stepName(lang, s)}${who}`,
  );
}

/** The month so far for one person (/score and the Home tab): total, rank and every counted item. */
export function scoreLines(
  lang: Lang,
  month: string,
  headCount: number,
  p: PersonMonthResult | undefined,
  /** Records under appeal (RULES.md §8a): their lines say so, and still count. */
  underAppeal: ReadonlySet<number> = new Set(),
): string[] {
  if (!p) return [t(lang, "req.score.not_person")];
  const lines = [
    `*${t(lang, "req.score.title", { month: periodName(lang, month) })}*`,
    t(lang, "req.score.line", {
      base: formatHundredths(p.baseHundredths),
      bonus: formatHundredths(p.bonusHundredths),
      score: formatHundredths(p.scoreHundredths),
    }),
    t(lang, "req.score.rank", { rank: p.rank, of: headCount, band: p.band }),
  ];
  const counted = p.lines.filter((l) => l.counted);
  if (counted.length === 0) lines.push(t(lang, "req.score.none"));
  for (const l of counted) {
    const item = catalogItem(l.code);
    const sign = l.sign === "deduction" ? "−" : "+";
    const times = l.count > 1 ? ` ×${l.count}` : "";
    lines.push(
      t(lang, "req.score.item", {
        name: item ? item[lang] : l.code,
        points: `${sign}${formatHundredths(Math.abs(l.totalHundredths))}${times}`,
      }) + (l.recordId !== undefined && underAppeal.has(l.recordId) ? t(lang, "appeals.under_appeal") : ""),
    );
  }
  return lines;
}
