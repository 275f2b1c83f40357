// Monthly close (RULES.md §4(4), §8): freeze every person's and window's result, mark the month
// closed, and hand the frozen result to the caller's `publish` inside the same transaction (the job
// layer queues the channel ranking, the private notices and the transfer flags there), so a close
// is all or nothing. Re-running a close that already committed is a no-op (scheduler takeover).
import fs from "node:fs";
import path from "node:path";
import { insertRows } from "../db/bulk.ts";
import type { Prisma } from "../db/client.ts";
import { isMonth, lastDayOfMonth, quarterOf, shanghaiDate } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import type { MonthResult } from "../domain/scoring/types.ts";
import { audit } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import { settleStaged, stageWorkbook } from "./exports/index.ts";
import { monthLabel, monthTables } from "./exports/month.ts";
import { type MonthRecord, monthRecords } from "./monthRecords.ts";
import { scoreMonthFromDb } from "./monthScores.ts";
import { forMonth } from "./monthSettings.ts";
import type { Notify } from "./notify.ts";
import { hasCenterRole } from "./org.ts";

export interface CenterInfo {
  name: string;
  channelId: string;
  directorId: string;
  deputyDirectorId: string;
}

export interface PersonInfo {
  name: string;
  locale: string | null;
  windowName: string;
}

export interface ClosedMonth {
  month: string;
  /** 1 for the first close; 2+ after a reopen (notices say "corrected"). */
  closings: number;
  corrected: boolean;
  result: MonthResult;
  /** The channel's workbook (ranking and bands only, §8). */
  workbookPath: string;
  workbookName: string;
  /** The full workbook (scores, money, every record) for the director and inspection. */
  fullWorkbookPath: string;
  fullWorkbookName: string;
  /** Transfer recommendations (§4(4)) as Award rows, for the director's Confirm/Dismiss buttons. */
  transfers: { personId: string; awardId: number }[];
  center: CenterInfo;
  people: ReadonlyMap<string, PersonInfo>;
  windowNames: ReadonlyMap<string, string>;
  /** The records the result was computed from (read once: the notices show them, issue #11). */
  records: readonly MonthRecord[];
}

export interface CloseMonthOptions {
  actor: string;
  /** Folder for the workbook that is attached to the channel post. */
  exportDir: string;
  /** Runs inside the freezing transaction (queue messages there). */
  publish?: (tx: Prisma.TransactionClient, closed: ClosedMonth) => Promise<void>;
  /** The scheduler's re-run: an already closed month is reported, not refused. */
  allowAlreadyClosed?: boolean;
  /** Why a person closed it by hand (the App Home's close button): logged with the close. */
  reason?: string;
  /** The previous month's result as the transfer rule sees it, when the caller has read it (null: none). */
  previous?: MonthResult | null;
}

export type CloseMonthOutcome =
  | { kind: "closed"; closed: ClosedMonth }
  | { kind: "already_closed"; month: string };

export async function centerInfo(ctx: ServiceContext): Promise<CenterInfo | null> {
  const c = await ctx.db.center.findUnique({ where: { id: 1 } });
  return c
    ? { name: c.name, channelId: c.channelId, directorId: c.directorId, deputyDirectorId: c.deputyDirectorId }
    : null;
}

/**
 * The last step of every close, month, quarter or year (§4(4), §5, §7): the period is closed, its
 * closings counted (a re-close after a reopen is a correction), and the change logged with `logged`.
 */
export async function markClosed(
  tx: Prisma.TransactionClient,
  c: { period: string; before: string | undefined; closings: number; actor: string; now: Date },
  logged: Record<string, unknown>,
): Promise<void> {
  const data = { state: "closed", closedAt: c.now, closedBy: c.actor, closings: c.closings };
  await tx.period.upsert({
    where: { period: c.period },
    create: { period: c.period, ...data },
    update: data,
  });
  await audit(
    tx,
    c.now,
    c.actor,
    "period.close",
    "Period",
    c.period,
    { state: c.before ?? "open" },
    { state: "closed", closings: c.closings, ...logged },
  );
}

/** A cheap fingerprint of what a month's result is computed from; a change mid-close aborts it. */
async function inputStamp(
  tx: Prisma.TransactionClient | ServiceContext["db"],
  month: string,
): Promise<string> {
  const [records, lastRecord, ratings, secondments, leave] = await Promise.all([
    tx.record.count({ where: { month, state: "active" } }),
    tx.record.findFirst({ where: { month }, orderBy: { id: "desc" }, select: { id: true, state: true } }),
    tx.rating.findMany({
      where: { month },
      select: { personId: true, satisfied: true, basic: true, unsatisfied: true },
    }),
    tx.secondment.count({ where: { month } }),
    tx.request.count({ where: { kind: "personal", state: "approved" } }),
  ]);
  return JSON.stringify([records, lastRecord, ratings, secondments, leave]);
}

/**
 * Codes: CLOSE.BAD_MONTH {month}, CLOSE.MONTH_NOT_OVER {month, lastDay}, CLOSE.ALREADY_CLOSED {period},
 * CLOSE.NO_CENTER, CLOSE.QUARTER_CLOSED {quarter}, CLOSE.CHANGED_DURING_CLOSE {month}.
 */
export async function closeMonth(
  ctx: ServiceContext,
  month: string,
  opts: CloseMonthOptions,
): Promise<Result<CloseMonthOutcome>> {
  const { db } = ctx;
  if (!isMonth(month)) return err("CLOSE.BAD_MONTH", { month });
  // Scored under the settings in force in the month (RULES.md §8a), read before the transaction.
  ctx = await forMonth(ctx, month);
  const today = shanghaiDate(ctx.clock.now());
  if (today <= lastDayOfMonth(month))
    return err("CLOSE.MONTH_NOT_OVER", { month, lastDay: lastDayOfMonth(month) });
  const period = await db.period.findUnique({ where: { period: month } });
  if (period?.state === "closed") {
    return opts.allowAlreadyClosed
      ? ok({ kind: "already_closed", month })
      : err("CLOSE.ALREADY_CLOSED", { period: month });
  }
  const quarter = await db.period.findUnique({ where: { period: quarterOf(month) } });
  if (quarter?.state === "closed") return err("CLOSE.QUARTER_CLOSED", { quarter: quarterOf(month) });
  const center = await centerInfo(ctx);
  if (!center) return err("CLOSE.NO_CENTER");

  const stamp = await inputStamp(db, month);
  const closings = (period?.closings ?? 0) + 1;
  // The month's records are read once (keyset pages) for the scoring, the detail sheet and the notices.
  const records = await monthRecords(db, month);
  const result = await scoreMonthFromDb(ctx, month, {
    records,
    ...(opts.previous !== undefined ? { previous: opts.previous } : {}),
  });
  // The workbooks are of the result this close freezes, titled as closed (never "未结算").
  let built: Awaited<ReturnType<typeof monthTables>> | null = await monthTables(ctx, month, {
    closing: { closings },
    read: { result, records },
  });
  const suffix = closings > 1 ? `（更正${closings - 1}）` : "";
  const workbookName = `${center.name}${monthLabel(month)}考评排名${suffix}.xlsx`;
  const workbookPath = path.join(opts.exportDir, month, workbookName);
  const fullWorkbookName = `${center.name}${monthLabel(month)}考评结果及明细${suffix}.xlsx`;
  const fullWorkbookPath = path.join(opts.exportDir, month, fullWorkbookName);
  fs.mkdirSync(path.dirname(workbookPath), { recursive: true });
  // Built now (the slow part, outside the transaction's write lock), placed under their names only
  // once the month is frozen below: no workbook exists for a close that did not happen.
  const staged = [
    await stageWorkbook(built.publicTables, workbookPath),
    await stageWorkbook(built.tables, fullWorkbookPath),
  ];
  // Written: the rows (100,000 at a large center) need not live through the transaction below.
  built = null;

  const [people, windows] = await Promise.all([
    // Everyone, not `id in [...]`: a 5,000-id list passes SQLite's parameter limit.
    db.person.findMany({ include: { window: { select: { name: true } } } }),
    db.window.findMany({ select: { id: true, name: true } }),
  ]);
  const windowNames = new Map(windows.map((w) => [w.id, w.name]));
  const peopleInfo = new Map(
    people.map((p) => [
      p.id,
      {
        name: p.name,
        locale: p.locale,
        windowName: p.window?.name ?? windowNames.get(p.windowId ?? "") ?? "",
      },
    ]),
  );
  const now = ctx.clock.now();

  const closing = db.$transaction(async (tx) => {
    // Records filed, revoked or rated while we computed: refuse rather than freeze a stale result.
    if ((await inputStamp(tx, month)) !== stamp) return err("CLOSE.CHANGED_DURING_CLOSE", { month });
    const again = await tx.period.findUnique({ where: { period: month } });
    if (again?.state === "closed")
      return opts.allowAlreadyClosed
        ? ok({ kind: "already_closed" as const, month })
        : err("CLOSE.ALREADY_CLOSED", { period: month });

    // Replace the month's rows wholesale: one batched insert (5,000 people) instead of one upsert each,
    // and no `notIn` list, which past SQLite's parameter limit fails at a large center.
    // (createMany compiled 5,000 rows of 3 KB each in Prisma's query compiler: 2.4 s at 5,000 people.)
    await tx.personMonthResult.deleteMany({ where: { month } });
    await insertRows(
      tx,
      "PersonMonthResult",
      [
        "month",
        "personId",
        "baseHundredths",
        "bonusHundredths",
        "scoreHundredths",
        "rank",
        "band",
        "amountFen",
        "transfer",
        "detail",
      ],
      result.people.map((p) => [
        month,
        p.id,
        p.baseHundredths,
        p.bonusHundredths,
        p.scoreHundredths,
        p.rank,
        p.band,
        p.amountFen,
        p.transfer,
        JSON.stringify(p),
      ]),
    );
    await tx.windowMonthResult.deleteMany({ where: { month } });
    await insertRows(
      tx,
      "WindowMonthResult",
      ["month", "windowId", "scoreHundredths", "rank", "detail"],
      result.windows.map((w) => [month, w.id, w.scoreHundredths, w.rank, JSON.stringify(w)]),
    );

    // Transfer recommendations: a proposal the director has not decided is replaced by this close's.
    const flagged = result.people.filter((p) => p.transfer);
    await tx.award.deleteMany({
      where: {
        period: month,
        kind: "transfer",
        state: "proposed",
        targetId: { notIn: flagged.map((p) => p.id) },
      },
    });
    const transfers: ClosedMonth["transfers"] = [];
    for (const p of flagged) {
      const detail = JSON.stringify({
        scoreHundredths: p.scoreHundredths,
        rank: p.rank,
        headCount: result.headCount,
      });
      const a = await tx.award.upsert({
        where: { period_kind_targetId: { period: month, kind: "transfer", targetId: p.id } },
        create: { period: month, kind: "transfer", targetId: p.id, detail },
        update: { detail },
      });
      if (a.state === "proposed") transfers.push({ personId: p.id, awardId: a.id });
    }

    await markClosed(
      tx,
      { period: month, before: period?.state, closings, actor: opts.actor, now },
      {
        headCount: result.headCount,
        transfers: flagged.map((p) => p.id),
        ...(opts.reason ? { reason: opts.reason } : {}),
      },
    );
    // Frozen: the workbooks take their names now (the messages queued below attach them).
    for (const w of staged) w.place();
    const closed: ClosedMonth = {
      month,
      closings,
      corrected: closings > 1,
      result,
      workbookPath,
      workbookName,
      fullWorkbookPath,
      fullWorkbookName,
      transfers,
      center,
      people: peopleInfo,
      windowNames,
      records,
    };
    if (opts.publish) await opts.publish(tx, closed);
    return ok({ kind: "closed" as const, closed });
  });
  return settleStaged(staged, closing);
}

export const REOPEN_REASON_MAX = 500;

/** The director (Center.directorId or the director role). */
export async function isDirector(ctx: ServiceContext, slackId: string): Promise<boolean> {
  const [center, role] = await Promise.all([
    ctx.db.center.findUnique({ where: { id: 1 }, select: { directorId: true } }),
    hasCenterRole(ctx.db, slackId, "director"),
  ]);
  return center?.directorId === slackId || role;
}

/** The period that contains this one and must be open for it to reopen: month → quarter, quarter → year. */
function containing(period: string): string | null {
  if (isMonth(period)) return quarterOf(period);
  if (/^\d{4}-Q[1-4]$/.test(period)) return period.slice(0, 4);
  return null;
}

/**
 * Reopens a closed month, quarter or year for correction: only the director, with a reason, logged.
 * Codes: CLOSE.NOT_DIRECTOR, CLOSE.REASON_REQUIRED {max}, CLOSE.NOT_CLOSED {period},
 * CLOSE.CONTAINER_CLOSED {period, container}.
 */
export interface ReopenOutcome {
  period: string;
  closings: number;
  actor: string;
  reason: string;
}

export async function reopenPeriod(
  ctx: ServiceContext,
  input: { period: string; actor: string; reason: string },
  /** Tells inspection, inside the transaction (src/services/notify.ts). */
  notify?: Notify<ReopenOutcome>,
): Promise<Result<{ period: string; closings: number }>> {
  const reason = input.reason.trim();
  if (!(await isDirector(ctx, input.actor))) return err("CLOSE.NOT_DIRECTOR");
  if (reason.length === 0 || reason.length > REOPEN_REASON_MAX)
    return err("CLOSE.REASON_REQUIRED", { max: REOPEN_REASON_MAX });
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const row = await tx.period.findUnique({ where: { period: input.period } });
    if (row?.state !== "closed") return err("CLOSE.NOT_CLOSED", { period: input.period });
    const container = containing(input.period);
    if (container) {
      const c = await tx.period.findUnique({ where: { period: container } });
      // A month inside a closed quarter would silently change the quarter's awards.
      if (c?.state === "closed") return err("CLOSE.CONTAINER_CLOSED", { period: input.period, container });
    }
    await tx.period.update({
      where: { period: input.period },
      data: { state: "reopened", reopenedAt: now, reopenedBy: input.actor, reopenReason: reason },
    });
    await audit(
      tx,
      now,
      input.actor,
      "period.reopen",
      "Period",
      input.period,
      { state: "closed" },
      { state: "reopened" },
      reason,
    );
    await notify?.(tx, { period: input.period, closings: row.closings, actor: input.actor, reason });
    return ok({ period: input.period, closings: row.closings });
  });
}

export type TransferDecision = "confirm" | "dismiss";

/**
 * The director (or the deputy director, who receives the same flag, §8) confirms or dismisses a
 * transfer recommendation. Idempotent: a second click gets CLOSE.ALREADY_DECIDED.
 * Codes: CLOSE.NOT_FOUND, CLOSE.NOT_ALLOWED, CLOSE.ALREADY_DECIDED {state, by}.
 */
export interface TransferOutcome {
  awardId: number;
  month: string;
  personId: string;
  state: "confirmed" | "removed";
  /** A confirmed transfer is announced in the center's channel (§8). */
  announce: boolean;
}

export async function decideTransfer(
  ctx: ServiceContext,
  input: { awardId: number; actor: string; decision: TransferDecision },
  /** Tells the center, inside the transaction (src/services/notify.ts). */
  notify?: Notify<TransferOutcome>,
): Promise<Result<TransferOutcome>> {
  const { db } = ctx;
  const award = await db.award.findUnique({ where: { id: input.awardId } });
  if (award?.kind !== "transfer") return err("CLOSE.NOT_FOUND");
  const center = await centerInfo(ctx);
  const allowed =
    (await isDirector(ctx, input.actor)) ||
    center?.deputyDirectorId === input.actor ||
    (await hasCenterRole(db, input.actor, "deputy_director"));
  if (!allowed) return err("CLOSE.NOT_ALLOWED");
  const state = input.decision === "confirm" ? "confirmed" : "removed";
  const now = ctx.clock.now();
  return db.$transaction(async (tx) => {
    const changed = await tx.award.updateMany({
      where: { id: award.id, state: "proposed" },
      data: { state, decidedBy: input.actor, decidedAt: now },
    });
    if (changed.count !== 1) {
      const cur = await tx.award.findUniqueOrThrow({ where: { id: award.id } });
      return err("CLOSE.ALREADY_DECIDED", { state: cur.state, by: cur.decidedBy ?? "" });
    }
    await audit(
      tx,
      now,
      input.actor,
      `transfer.${input.decision}`,
      "Award",
      award.id,
      { state: "proposed" },
      { state },
    );
    const decided: TransferOutcome = {
      awardId: award.id,
      month: award.period,
      personId: award.targetId,
      state,
      announce: state === "confirmed",
    };
    await notify?.(tx, decided);
    return ok(decided);
  });
}
