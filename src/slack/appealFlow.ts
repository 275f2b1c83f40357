// Appeals at the edge (申诉, RULES.md §8a): the messages that follow filing and deciding an appeal,
// queued through the outbox inside the service's transaction (the notify port, src/services/notify.ts);
// the director's ask to reopen a closed month; the reminders; the Appeal lines of /score and App Home.
import { addMonths, monthOf, shanghaiDate } from "../domain/dates.ts";
import { enqueue, wakeOutbox } from "../jobs/outbox.ts";
import {
  type AppealOutcome,
  type AppealRow,
  appealableRecords,
  type DecisionOutcome,
  getAppeal,
  sendDueAppealReminders,
} from "../services/appeals.ts";
import type { ServiceContext } from "../services/context.ts";
import { storedLocale } from "../services/locales.ts";
import { type Notify, queueApart } from "../services/notify.ts";
import { orgUserNames } from "../services/org.ts";
import { centerRow } from "../services/orgLookups.ts";
import type { RecordRow } from "../services/records.ts";
import {
  appealableBlocks,
  appealDecidedReviewMessage,
  appealDecisionText,
  appealFiledFilerText,
  appealReminderText,
  appealReopenAskMessage,
  appealReviewMessage,
} from "./blocks/appeals.ts";
import type { KnownBlock } from "./blocks/requests.ts";
import { type Lang, langOf } from "./i18n/index.ts";
import { revokeNotices } from "./listeners/records.ts";
import { langIn } from "./requestFlow.ts";

/** The reviewer's DM of an appeal, updated in place once decided. */
export const appealReviewRef = (appealId: number) => `appeal:${appealId}:review`;

type Tx = Parameters<Notify<unknown>>[0];

async function reviewInput(tx: Tx, appeal: AppealRow, record: RecordRow) {
  // The filer is an inspector: their name from the org file (center.names), as the workbooks print it.
  const filerName = (await orgUserNames(tx)).get(record.filedBy);
  return { appeal, record, ...(filerName ? { filerName } : {}) };
}

/** fileAppeal's notify: the reviewer gets the appeal with Uphold / Revoke; the filer is told. */
export function appealFiledNotices(ctx: ServiceContext): Notify<AppealOutcome> {
  return async (tx, { appeal, record }) => {
    const input = await reviewInput(tx, appeal, record);
    const msg = appealReviewMessage(await langIn(tx, appeal.reviewerId), input);
    await enqueue(tx, {
      key: `appeal:${appeal.id}:review`,
      channel: appeal.reviewerId,
      ref: appealReviewRef(appeal.id),
      ...msg,
    });
    const text = appealFiledFilerText(await langIn(tx, record.filedBy), appeal, record);
    await enqueue(tx, { key: `appeal:${appeal.id}:filed:filer`, channel: record.filedBy, text });
    wakeOutbox(ctx.db);
  };
}

/**
 * decideAppeal's notify: the reviewer's DM shows the decision (buttons gone); the appellant and the
 * filer are told; a revoke tells what the records' revoke tells (the window leader of a linked item).
 */
export function appealDecidedNotices(ctx: ServiceContext): Notify<DecisionOutcome> {
  return async (tx, o) => {
    const { appeal, record } = o;
    const input = await reviewInput(tx, appeal, record);
    const msg = appealDecidedReviewMessage(await langIn(tx, appeal.reviewerId), input);
    await enqueue(tx, {
      key: `appeal:${appeal.id}:decided:review`,
      channel: appeal.reviewerId,
      update: true,
      ref: appealReviewRef(appeal.id),
      ...msg,
    });
    for (const [who, to] of [
      ["appellant", appeal.appellantId],
      ["filer", record.filedBy],
    ] as const) {
      const text = appealDecisionText(await langIn(tx, to), who, appeal, record);
      await enqueue(tx, { key: `appeal:${appeal.id}:decided:${who}`, channel: to, text });
    }
    if (o.revoked) await revokeNotices(ctx)(tx, o.revoked);
    wakeOutbox(ctx.db);
  };
}

/**
 * A revoke decided on a closed month: the director is asked to reopen it (RULES.md §8a "through the
 * director, as any correction"), with the Reopen button; asked once per appeal and reviewer click.
 */
export async function askDirectorToReopen(ctx: ServiceContext, appealId: number, by: string): Promise<void> {
  const found = await getAppeal(ctx.db, appealId);
  const center = await centerRow(ctx.db);
  if (!found || !center) return;
  await queueApart(ctx.db, async (tx) => {
    const msg = appealReopenAskMessage(await langIn(tx, center.directorId), found.appeal, found.record, by);
    await enqueue(tx, {
      key: `appeal:${appealId}:reopen-ask:${ctx.clock.now().getTime()}`,
      channel: center.directorId,
      ...msg,
    });
  });
  wakeOutbox(ctx.db);
}

/** Stamps and queues the appeal reminders due now (the scheduler, with the approval reminders). */
export async function queueAppealReminders(ctx: ServiceContext): Promise<number> {
  const done = await sendDueAppealReminders(ctx, async (tx, r) => {
    const found = await getAppeal(tx, r.appeal.id);
    if (!found) return;
    for (const to of r.to) {
      const text = appealReminderText(langOf(await storedLocale(tx, to)), r, found.record);
      await enqueue(tx, { key: `appeal:${r.appeal.id}:${r.kind}:${to}`, channel: to, text });
    }
  });
  return done.length;
}

/**
 * The caller's deductions with the Appeal button or "under appeal" (/score, App Home): this month's and
 * last month's (a deduction filed on the last day stays appealable into the next month).
 */
export async function appealSection(
  ctx: ServiceContext,
  lang: Lang,
  personId: string,
): Promise<KnownBlock[]> {
  const month = monthOf(shanghaiDate(ctx.clock.now()));
  const lines = [
    ...(await appealableRecords(ctx, personId, addMonths(month, -1))),
    ...(await appealableRecords(ctx, personId, month)),
  ];
  return appealableBlocks(lang, lines);
}
