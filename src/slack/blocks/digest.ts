// Block Kit for the weekly digest (channel: names only, no private details, RULES.md §8) and the
// approval reminders (to the approver, then to inspection or the deputy director).
import type { DigestData } from "../../services/digest.ts";
import type { DueReminder } from "../../services/reminders.ts";
import { type Lang, t } from "../i18n/index.ts";
import { abDigestLines } from "./ab.ts";
import { periodName, type Rendered } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import { cappedLines, chunked, fitBlocks, MESSAGE_MAX_BLOCKS } from "./fit.ts";
import { kindName, periodText, requestPeriod, section, stepActor, stepName, when } from "./requests.ts";

// Thirty lines a list keep the channel post readable; the rest is counted ("and N more").
const LINES_MAX = 30;
const capped = (lang: Lang, lines: string[]) => cappedLines(lang, lines, LINES_MAX);

export function digestMessage(lang: Lang, d: DigestData): Rendered {
  const title = t(lang, "digest.title", { from: d.monday, to: d.sunday });
  const sep = lang === "zh" ? "、" : ", ";
  const away = d.away.map((a) =>
    t(lang, "digest.away_line", {
      name: escapeSlackText(a.name),
      window: escapeSlackText(a.window),
      kind: a.kind,
      period: periodText(lang, a.start, a.end),
    }),
  );
  const waiting = d.waiting.map((w) =>
    t(lang, "digest.waiting_line", {
      id: w.requestId,
      name: escapeSlackText(w.requesterName),
      period: periodText(lang, w.start, w.end),
      approver:
        `${t(lang, `req.approver.${w.approver}`)}${w.outside ? t(lang, "req.outside_suffix") : ""} ${stepActor(lang, w)}`.trim(),
      since: when(w.since),
    }),
  );
  const blocks = [
    section(title),
    ...chunked([
      t(lang, "digest.away_header"),
      ...(away.length ? capped(lang, away) : [t(lang, "digest.away_none")]),
    ]),
    ...chunked([
      t(lang, "digest.waiting_header"),
      ...(waiting.length ? capped(lang, waiting) : [t(lang, "digest.waiting_none")]),
    ]),
    // AB岗 (RULES.md §8): only when some absence of the week has nobody covering.
    ...chunked(abDigestLines(lang, d.uncovered ?? [])),
    section(`${t(lang, "digest.records_header")}\n${t(lang, "digest.records_line", d.lastWeek)}`),
    d.standings
      ? section(
          `${t(lang, "digest.standings_header", { month: periodName(lang, d.standings.month) })}\n${t(
            lang,
            "digest.standings_line",
            {
              n: d.standings.headCount,
              b1: d.standings.band1.length,
              windows: d.standings.topWindows.map(escapeSlackText).join(sep),
            },
          )}`,
        )
      : section(t(lang, "digest.standings_none")),
  ];
  return { text: title.replace(/\*/g, ""), blocks: fitBlocks(lang, blocks, MESSAGE_MAX_BLOCKS) };
}

export function reminderMessage(lang: Lang, r: DueReminder, requesterName: string): Rendered {
  const params = {
    requester: escapeSlackText(requesterName),
    kind: kindName(r.request.kind, lang),
    period: requestPeriod(lang, r.request),
    action: stepName(lang, r.step),
    approver: `${stepName(lang, r.step)} ${stepActor(lang, r.step)}`.trim(),
    who: stepActor(lang, r.step),
    days: r.days,
  };
  const text = t(lang, r.kind === "remind" ? "remind.step" : "remind.escalate", params);
  return { text, blocks: [section(text)] };
}
