// The monthly private notice's records and the question a person asks about it (RULES.md §4(4), §8,
// §8a). The notice shows each line with its record's date, note and filer; a person who thinks it is
// wrong asks inspection from the notice's button within `operations.notices.questionWorkingDays`
// working days of the notice (default 3, the appeal window of §8a, counted on the work calendar). The
// appeal itself (the deputy director upholds or revokes) comes later; until then the question is
// logged (AuditLog) and, in the same transaction, handed to `notify`, which queues it to every
// inspection member with the person's records, and the person's confirmation.
import type { Db, Prisma } from "../db/client.ts";
import { CalendarYearNotLoaded, type WorkCalendar } from "../domain/calendar.ts";
import { addDays, isMonth, shanghaiDate, weekday } from "../domain/dates.ts";
import type { Hundredths } from "../domain/points.ts";
import { err, ok, type Result } from "../domain/result.ts";
import type { PersonMonthResult } from "../domain/scoring/types.ts";
import { audit } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import { type MonthRecord, monthRecords } from "./monthRecords.ts";
import type { Notify } from "./notify.ts";
import { orgUserNames } from "./org.ts";

type Tx = Db | Prisma.TransactionClient;

/** Longest question kept (it travels to inspection in one DM section). */
export const QUESTION_MAX = 1000;

/** A record as the notice shows it: when, what the filer wrote, who filed it, what it was filed with. */
export interface NoticeRecord {
  id: number;
  date: string;
  note: string;
  filedBy: string;
  /** The filer's name (a person's, or a center role's from the org file); null: shown as a mention. */
  filerName: string | null;
  personId: string | null;
  windowId: string | null;
  /** A linked window record (RULES.md §6): the staff record it was filed with, and that record's person. */
  linkedFrom: { id: number; code: string; personId: string | null } | null;
  /** A staff record: the window records filed with it (linked items, §6). */
  linked: { code: string; totalHundredths: Hundredths }[];
  /** An appeal of it is open (申诉中, RULES.md §8a): the notice says so; it still counts. */
  underAppeal?: boolean;
}

/** How many people the month's frozen results rank (the notice's "of N"). */
export async function monthHeadCount(db: Tx, month: string): Promise<number> {
  return db.personMonthResult.count({ where: { month } });
}

/**
 * The records behind a month's frozen lines (ScoreLine.recordId): the month's active records and the
 * quarter's W-INFO-QUOTA, as scoring read them (src/services/monthRecords.ts); `read`: those rows,
 * already read (the close reads them once, issue #11).
 */
export async function noticeRecords(
  db: Tx,
  month: string,
  read?: readonly MonthRecord[],
): Promise<Map<number, NoticeRecord>> {
  const rows = read ?? (await monthRecords(db, month));
  // The same names the workbooks print in 登记人: a person's, or a center role's from the org file.
  const filerName = await orgUserNames(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // One read of the month's open appeals (none at most closes): the lines under appeal say so.
  const underAppeal = new Set(
    (await db.appeal.findMany({ where: { month, state: "open" }, select: { recordId: true } })).map(
      (a) => a.recordId,
    ),
  );
  const out = new Map<number, NoticeRecord>();
  for (const r of rows) {
    const from = r.linkedFromId === null ? undefined : byId.get(r.linkedFromId);
    out.set(r.id, {
      id: r.id,
      date: r.date,
      note: r.note,
      filedBy: r.filedBy,
      filerName: filerName.get(r.filedBy) ?? null,
      personId: r.personId,
      windowId: r.windowId,
      linkedFrom: from ? { id: from.id, code: from.code, personId: from.personId } : null,
      linked: [],
      ...(underAppeal.has(r.id) ? { underAppeal: true } : {}),
    });
  }
  for (const r of rows) {
    if (r.linkedFromId === null) continue;
    out.get(r.linkedFromId)?.linked.push({ code: r.code, totalHundredths: r.totalHundredths });
  }
  return out;
}

/**
 * The last day (inclusive) to question a notice sent on `noticeDate`: that many working days after it.
 * A year the calendar does not hold (a schedule not loaded yet) counts Monday to Friday rather than
 * failing the close that sends the notice.
 */
export function questionDeadline(calendar: WorkCalendar, workingDays: number, noticeDate: string): string {
  try {
    return calendar.addWorkingDays(noticeDate, workingDays);
  } catch (e) {
    if (!(e instanceof CalendarYearNotLoaded)) throw e;
    let d = noticeDate;
    for (let n = 0; n < workingDays; ) {
      d = addDays(d, 1);
      if (weekday(d) >= 1 && weekday(d) <= 5) n += 1;
    }
    return d;
  }
}

/** The deadline of a notice sent at `sentAt` under the settings in force. */
export function noticeDeadline(ctx: Pick<ServiceContext, "calendar" | "settings">, sentAt: Date): string {
  return questionDeadline(
    ctx.calendar,
    ctx.settings.operations.notices.questionWorkingDays,
    shanghaiDate(sentAt),
  );
}

/** What a person's question is about: their frozen result, its records, and until when they may ask. */
export interface NoticeQuestionView {
  month: string;
  person: PersonMonthResult;
  records: Map<number, NoticeRecord>;
  deadline: string;
}

/**
 * The notice a person may question now. Codes: NOTICE.BAD_MONTH {month}, NOTICE.NOT_CLOSED {month},
 * NOTICE.NOT_EVALUATED {month}, NOTICE.PAST_DEADLINE {month, deadline}.
 */
export async function questionableNotice(
  ctx: ServiceContext,
  db: Tx,
  input: { month: string; personId: string },
): Promise<Result<NoticeQuestionView>> {
  const { month } = input;
  if (!isMonth(month)) return err("NOTICE.BAD_MONTH", { month });
  // A reopened month keeps its notice (and its frozen rows) until it is closed again: still questionable.
  const period = await db.period.findUnique({ where: { period: month } });
  if (!period?.closedAt) return err("NOTICE.NOT_CLOSED", { month });
  const row = await db.personMonthResult.findUnique({
    where: { month_personId: { month, personId: input.personId } },
  });
  if (!row) return err("NOTICE.NOT_EVALUATED", { month });
  const deadline = noticeDeadline(ctx, period.closedAt);
  if (shanghaiDate(ctx.clock.now()) > deadline) return err("NOTICE.PAST_DEADLINE", { month, deadline });
  return ok({
    month,
    person: JSON.parse(row.detail) as PersonMonthResult,
    records: await noticeRecords(db, month),
    deadline,
  });
}

export interface NoticeQuestionOutcome extends NoticeQuestionView {
  question: string;
  /** Indexes into person.lines the person pointed at (none: the notice as a whole). */
  lines: number[];
  /** The AuditLog row of the question (a key for the messages it queues). */
  auditId: number;
  at: Date;
}

/**
 * A person's question about their notice, before the deadline: logged, and handed to `notify` in the
 * same transaction (inspection's DMs and the person's confirmation commit with it or not at all).
 * Codes: those of questionableNotice, NOTICE.QUESTION_REQUIRED {max}.
 */
export async function askAboutNotice(
  ctx: ServiceContext,
  input: { month: string; personId: string; question: string; lines?: readonly number[] },
  notify?: Notify<NoticeQuestionOutcome>,
): Promise<Result<NoticeQuestionOutcome>> {
  const question = input.question.trim();
  if (question.length === 0 || question.length > QUESTION_MAX)
    return err("NOTICE.QUESTION_REQUIRED", { max: QUESTION_MAX });
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const view = await questionableNotice(ctx, tx, input);
    if (!view.ok) return view;
    const lines = [...new Set(input.lines ?? [])]
      .filter((i) => Number.isInteger(i) && i >= 0 && i < view.value.person.lines.length)
      .sort((a, b) => a - b);
    await audit(
      tx,
      now,
      input.personId,
      "notice.question",
      "PersonMonthResult",
      `${input.month}:${input.personId}`,
      null,
      { lines, deadline: view.value.deadline },
      question,
    );
    const logged = await tx.auditLog.findFirstOrThrow({
      where: { action: "notice.question", entityId: `${input.month}:${input.personId}` },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    const outcome: NoticeQuestionOutcome = { ...view.value, question, lines, auditId: logged.id, at: now };
    await notify?.(tx, outcome);
    return ok(outcome);
  });
}
