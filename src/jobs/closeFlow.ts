// The close flows shared by the scheduler and the CLI: run the close service and, inside its freezing
// transaction, queue what goes to Slack (keyed, so a re-run queues nothing twice): the ranking and the
// workbook to the center's channel, each person's private notice in their language, the transfer
// flags to the director and deputy director only (RULES.md §4(4), §8), the award proposals to the director.
import path from "node:path";
import { previousMonth } from "../domain/dates.ts";
import type { Result } from "../domain/result.ts";
import type { MonthResult } from "../domain/scoring/types.ts";
import { appealsOfMonth } from "../services/appeals.ts";
import { auditCount } from "../services/auditLog.ts";
import { type CloseMonthOutcome, closeMonth } from "../services/closeMonth.ts";
import { closeQuarter, loadAwardView } from "../services/closeQuarter.ts";
import { closeYear } from "../services/closeYear.ts";
import type { ServiceContext } from "../services/context.ts";
import type { AttendanceImported } from "../services/imports/attendance.ts";
import { storedLocale, storedLocales } from "../services/locales.ts";
import { previousMonthResult } from "../services/monthScores.ts";
import { atMonth, forMonth } from "../services/monthSettings.ts";
import { periodRow } from "../services/monthStates.ts";
import { noticeDeadline, noticeRecords } from "../services/noticeQuestions.ts";
import type { Notify } from "../services/notify.ts";
import { inspectionMembers } from "../services/org.ts";
import { centerRow, personNames, windowRows } from "../services/orgLookups.ts";
import { currentMonth } from "../services/settings.ts";
import { appealsOpenAtCloseText } from "../slack/blocks/appeals.ts";
import { proposalMessage } from "../slack/blocks/awards.ts";
import { attendanceReviewMessage, rankingMessage, transferMessage } from "../slack/blocks/close.ts";
import { cappedLines } from "../slack/blocks/fit.ts";
import { noticeMessage } from "../slack/blocks/notice.ts";
import { type Lang, langOf, t } from "../slack/i18n/index.ts";
import { trendChartPath, windowChartPath } from "./charts.ts";
import { type DbTx, enqueue, enqueuePosts, type OutboundInput } from "./outbox.ts";

export const DEFAULT_EXPORT_DIR = path.resolve("data/exports");

/** Notices rendered between two turns of the event loop in a close. */
const NOTICE_BATCH = 250;

/**
 * A user's language from the stored Slack locale: a person's, or a center role's (director, deputy
 * director, inspection) — read by the locale sync; Chinese when unknown.
 */
async function langFor(tx: DbTx, userId: string): Promise<Lang> {
  return langOf(await storedLocale(tx, userId));
}

export async function runMonthClose(
  ctx: ServiceContext,
  month: string,
  opts: {
    actor: string;
    exportDir?: string;
    allowAlreadyClosed?: boolean;
    reason?: string;
    /** Each person's 12-month chart after their notice (default true; a test of 300 notices skips it). */
    trendCharts?: boolean;
  },
): Promise<Result<CloseMonthOutcome>> {
  // The month is scored and announced under the settings in force in it (RULES.md §8a), read now.
  ctx = await forMonth(ctx, month);
  // Read before the transaction: inside it only `tx` may be used (one SQLite connection).
  const previous: MonthResult | undefined = await previousMonthResult(ctx, month);
  const stored = await periodRow(ctx.db, month);
  return closeMonth(ctx, month, {
    actor: opts.actor,
    exportDir: opts.exportDir ?? DEFAULT_EXPORT_DIR,
    allowAlreadyClosed: opts.allowAlreadyClosed ?? false,
    ...(opts.reason ? { reason: opts.reason } : {}),
    previous: previous ?? null,
    publish: async (tx, closed) => {
      const key = `close:${month}:c${closed.closings}`;
      const names = {
        person: (id: string) => closed.people.get(id)?.name ?? id,
        window: (id: string) => closed.windowNames.get(id) ?? id,
      };
      const ranking = rankingMessage("zh", {
        center: closed.center.name,
        result: closed.result,
        names,
        corrected: closed.corrected,
        reopenReason: stored?.reopenReason ?? null,
        bandAmountsFen: ctx.settings.scoring.bandAmountsFen,
        rules: ctx.settings.scoring,
      });
      await enqueue(tx, { key: `${key}:channel`, channel: closed.center.channelId, ...ranking });
      await enqueue(tx, {
        key: `${key}:workbook`,
        channel: closed.center.channelId,
        text: t("zh", "close.file.comment", {
          period: `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`,
        }),
        filePath: closed.workbookPath,
        fileName: closed.workbookName,
      });
      // The window scores as bars, this month and last (issue #13): drawn by the sender before upload.
      await enqueue(tx, {
        key: `${key}:chart`,
        channel: closed.center.channelId,
        text: t("zh", "charts.windows.comment", { month }),
        filePath: windowChartPath(path.dirname(closed.workbookPath), closed.closings),
        fileName: t("zh", "charts.windows.file", { center: closed.center.name, month }),
      });
      // The full workbook (scores, money, every record) goes privately to the director and inspection.
      for (const to of new Set([closed.center.directorId, ...(await inspectionMembers(tx))])) {
        await enqueue(tx, {
          key: `${key}:full-workbook:${to}`,
          channel: to,
          text: t(await langFor(tx, to), "close.file.full_comment", {
            period: `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`,
          }),
          filePath: closed.fullWorkbookPath,
          fileName: closed.fullWorkbookName,
        });
      }
      // Appeals still undecided at the close (RULES.md §8a): listed to the director; their records count.
      const openAppeals = await appealsOfMonth(tx, month, "open");
      if (openAppeals.length > 0) {
        const to = closed.center.directorId;
        const text = appealsOpenAtCloseText(await langFor(tx, to), month, openAppeals);
        await enqueue(tx, { key: `${key}:appeals-open:${to}`, channel: to, text });
      }
      // Each notice shows its lines' records (date, note, filer) and, until the deadline counted from
      // this close, the button to question it (RULES.md §8a; operations.notices.questionWorkingDays).
      const records = await noticeRecords(tx, month, closed.records);
      // The question window of a notice sent now: the setting in force now, not in the month scored.
      const deadline = noticeDeadline(atMonth(ctx, currentMonth(ctx.clock)), ctx.clock.now());
      // One locale read and one insert for all 5,000 notices, not three statements each (issue #11).
      const localeOf = await storedLocales(tx);
      const notices: OutboundInput[] = [];
      const monthDir = path.dirname(closed.workbookPath);
      const trends: OutboundInput[] = [];
      for (const [i, p] of closed.result.people.entries()) {
        // A breath every NOTICE_BATCH notices: rendering 5,000 is a second of work (issue #11).
        if (i > 0 && i % NOTICE_BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const lang = langOf(localeOf(p.id));
        const notice = noticeMessage(lang, {
          result: closed.result,
          person: p,
          names,
          corrected: closed.corrected,
          records,
          scoring: ctx.settings.scoring,
          deadline,
        });
        notices.push({ key: `${key}:notice:${p.id}`, channel: p.id, ...notice });
        // Then their score over the last 12 months, a line chart drawn by the sender (src/jobs/charts.ts).
        // Queued after every notice: file uploads go at files.*'s slower pace, and the sender looks at
        // the oldest conversations first, so charts queued in between would hold the notices back.
        const trend = opts.trendCharts === false ? null : trendChartPath(monthDir, closed.closings, p.id);
        if (trend)
          trends.push({
            key: `${key}:trend:${p.id}`,
            channel: p.id,
            text: t(lang, "charts.trend.comment", { month }),
            filePath: trend,
            fileName: t(lang, "charts.trend.file", { month }),
          });
      }
      await enqueuePosts(tx, [...notices, ...trends]);
      const recipients = [
        ...new Set([closed.center.directorId, closed.center.deputyDirectorId].filter(Boolean)),
      ];
      for (const tr of closed.transfers) {
        const p = closed.result.people.find((x) => x.id === tr.personId)!;
        const prevScore = previous?.people.find((x) => x.id === tr.personId)?.scoreHundredths ?? null;
        for (const to of recipients) {
          const msg = transferMessage(await langFor(tx, to), {
            awardId: tr.awardId,
            name: names.person(p.id),
            window: names.window(p.window),
            month,
            score: p.scoreHundredths,
            n: closed.result.headCount,
            prevMonth: previousMonth(month),
            prevScore,
          });
          await enqueue(tx, { key: `${key}:transfer:${tr.awardId}:${to}`, channel: to, ...msg });
        }
      }
    },
  });
}

export async function runQuarterClose(
  ctx: ServiceContext,
  quarter: string,
  opts: { actor: string; allowAlreadyClosed?: boolean },
) {
  const r = await closeQuarter(ctx, quarter, {
    actor: opts.actor,
    allowAlreadyClosed: opts.allowAlreadyClosed ?? false,
  });
  if (r.ok) await sendProposalOf(ctx, quarter);
  return r;
}

export async function runYearClose(
  ctx: ServiceContext,
  year: string,
  opts: { actor: string; allowAlreadyClosed?: boolean },
) {
  const r = await closeYear(ctx, year, {
    actor: opts.actor,
    allowAlreadyClosed: opts.allowAlreadyClosed ?? false,
  });
  if (r.ok) await sendProposalOf(ctx, year);
  return r;
}

/** Queues the proposal of a closed period (also on a re-run that found it closed: the key dedupes). */
async function sendProposalOf(ctx: ServiceContext, period: string): Promise<void> {
  const [row, center] = await Promise.all([periodRow(ctx.db, period), centerRow(ctx.db)]);
  if (row?.state !== "closed" || !center) return;
  await sendProposal(ctx, period, row.closings, center.directorId);
}

/**
 * The proposal is rendered from the committed awards (after the close's transaction), keyed by the
 * closing: a re-run after a crash between the two queues it then.
 */
export async function sendProposal(
  ctx: ServiceContext,
  period: string,
  closings: number,
  directorId: string,
): Promise<void> {
  const view = await loadAwardView(ctx, period);
  const lang = await langFor(ctx.db, directorId);
  const msg = proposalMessage(lang, view);
  await enqueue(ctx.db, { key: `awards:${period}:c${closings}:proposal`, channel: directorId, ...msg });
}

/** Reminds the director and inspection that a quarter/year waits for center evaluations (once a day). */
export async function remindEvaluations(
  ctx: ServiceContext,
  period: string,
  missing: readonly string[],
  today: string,
): Promise<void> {
  const [center, inspectors, people, windows] = await Promise.all([
    centerRow(ctx.db),
    inspectionMembers(ctx.db),
    personNames(ctx.db, missing),
    windowRows(ctx.db, missing),
  ]);
  const nameOf = new Map([...people, ...windows.map((w) => [w.id, w.name] as const)]);
  const to = [...new Set([center?.directorId, ...inspectors].filter((x): x is string => !!x))];
  for (const u of to) {
    const lang = await langFor(ctx.db, u);
    // A hundred names, then "还有 N 项…": the text stays within Slack's 3,000 characters, never cut.
    const names = cappedLines(
      lang,
      missing.map((id) => nameOf.get(id) ?? id),
      100,
    ).join(lang === "zh" ? "、" : ", ");
    const text = t(lang, "awards.pending_evaluations", { period, names });
    await enqueue(ctx.db, {
      key: `evaluations:${period}:${today}:${u}`,
      channel: u,
      text: text.replace(/\*/g, ""),
      blocks: [{ type: "section", text: { type: "mrkdwn", text: text.slice(0, 2900) } }],
    });
  }
}

/** After an attendance import: each inspection member gets the totals and a Confirm all button. */
export async function queueAttendanceReview(
  ctx: ServiceContext,
  month: string,
  totals: Record<string, number>,
): Promise<number> {
  return queueAttendanceReviewIn(ctx.db, month, totals);
}

/** The same, queued in `db` (the import's own transaction when it is the import's notify). */
async function queueAttendanceReviewIn(
  db: DbTx,
  month: string,
  totals: Record<string, number>,
): Promise<number> {
  // The n-th import of the month (its audit row is written first) names its messages.
  const imports = await auditCount(db, { action: "attendance.import", entityId: month });
  const to = await inspectionMembers(db);
  for (const u of to) {
    const msg = attendanceReviewMessage(await langFor(db, u), { month, totals });
    await enqueue(db, { key: `attendance:${month}:${imports}:${u}`, channel: u, ...msg });
  }
  return to.length;
}

/** importAttendance's notify (issue #9): the review messages commit with the import's proposals. */
export const attendanceReviewNotices: Notify<AttendanceImported> = async (tx, o) => {
  await queueAttendanceReviewIn(tx, o.month, o.totals);
};
