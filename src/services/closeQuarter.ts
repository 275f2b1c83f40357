// Quarterly close (RULES.md §5 竞跑之星, §7 领跑窗口) and the award decisions shared with the year:
// the bot proposes, the director confirms or edits, and only confirmed awards are announced (§5, §7).
import type { Db, Prisma } from "../db/client.ts";
import { isQuarter, monthsOfQuarter, quarterOf } from "../domain/dates.ts";
import type { Hundredths } from "../domain/points.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { scoreQuarter } from "../domain/scoring/index.ts";
import type { MonthResult, QuarterResult, YearResult } from "../domain/scoring/types.ts";
import { audit } from "./approvals.ts";
import { type CenterInfo, centerInfo, isDirector, markClosed } from "./closeMonth.ts";
import { yearResultFromDb } from "./closeYear.ts";
import type { ServiceContext } from "./context.ts";
import { nameBook } from "./exports/month.ts";
import { frozenMonthResult, hasAnyData, loadWindows, rosterPeople, scoreMonthFromDb } from "./monthScores.ts";
import { atMonth, forMonth } from "./monthSettings.ts";
import type { Notify } from "./notify.ts";

export type AwardKind =
  | "star"
  | "leading_window"
  | "excellent_staff"
  | "window_prize_1"
  | "window_prize_2"
  | "window_prize_3";

export const QUARTER_AWARDS: readonly AwardKind[] = ["star", "leading_window"];
export const YEAR_AWARDS: readonly AwardKind[] = [
  "excellent_staff",
  "window_prize_1",
  "window_prize_2",
  "window_prize_3",
];

/** §5 / §7 bounds on how many may be confirmed a quarter. */
export const AWARD_MAX: Partial<Record<AwardKind, number>> = { star: 15, leading_window: 8 };

/** Who an award goes to. */
export const AWARD_TARGET: Record<AwardKind, "person" | "window"> = {
  star: "person",
  leading_window: "window",
  excellent_staff: "person",
  window_prize_1: "window",
  window_prize_2: "window",
  window_prize_3: "window",
};

export interface QuarterMonths {
  /** Frozen results of the closed months, live results of months still open. */
  months: MonthResult[];
  /** Months holding data that are not closed yet. */
  open: string[];
}

/** The quarter's months: a month the bot has nothing of (before its first use) is left out. */
export async function quarterMonths(ctx: ServiceContext, quarter: string): Promise<QuarterMonths> {
  const months: MonthResult[] = [];
  const open: string[] = [];
  for (const m of monthsOfQuarter(quarter)) {
    const frozen = await frozenMonthResult(ctx, m);
    if (frozen) months.push(frozen);
    else if (await hasAnyData(ctx.db, m)) {
      open.push(m);
      months.push(await scoreMonthFromDb(ctx, m));
    }
  }
  return { months, open };
}

export async function evaluationsOf(
  ctx: ServiceContext,
  period: string,
  targetType: "person" | "window",
): Promise<Map<string, Hundredths>> {
  const rows = await ctx.db.centerEvaluation.findMany({ where: { period, targetType } });
  return new Map(rows.map((r) => [r.targetId, r.pointsHundredths]));
}

export async function quarterResultFromDb(
  ctx: ServiceContext,
  quarter: string,
): Promise<{ result: QuarterResult; open: string[] }> {
  const [{ months, open }, people, windows, evaluations] = await Promise.all([
    quarterMonths(ctx, quarter),
    rosterPeople(ctx.db),
    loadWindows(ctx.db, monthsOfQuarter(quarter)[2]),
    evaluationsOf(ctx, quarter, "person"),
  ]);
  return {
    // Under the settings in force in the quarter's last month (RULES.md §8a).
    result: scoreQuarter(
      { quarter, months, people, windows, evaluations },
      atMonth(ctx, monthsOfQuarter(quarter)[2]).settings.scoring,
    ),
    open,
  };
}

/** The best `count` by score, and anyone tied with the last of them (the director trims). */
export function topWithTies<T extends { scoreHundredths: Hundredths | null }>(
  sorted: readonly T[],
  count: number,
): T[] {
  if (count <= 0 || sorted.length === 0) return [];
  const cut = sorted[Math.min(count, sorted.length) - 1]!.scoreHundredths;
  return sorted.filter((x, i) => i < count || x.scoreHundredths === cut);
}

export interface ProposedAward {
  kind: AwardKind;
  targetId: string;
  awardId: number;
  scoreHundredths: Hundredths | null;
}

export interface ClosedQuarter {
  quarter: string;
  closings: number;
  result: QuarterResult;
  proposals: ProposedAward[];
  center: CenterInfo;
}

/** Writes a (re-)close's award proposals, replacing the period's earlier ones of these kinds. */
export async function replaceProposals(
  tx: Prisma.TransactionClient,
  period: string,
  kinds: readonly AwardKind[],
  picks: { kind: AwardKind; targetId: string; scoreHundredths: Hundredths | null; rank: number }[],
): Promise<ProposedAward[]> {
  // A (re-)close proposes afresh: earlier decisions of this period no longer stand.
  await tx.award.deleteMany({ where: { period, kind: { in: [...kinds] } } });
  const out: ProposedAward[] = [];
  for (const p of picks) {
    const a = await tx.award.create({
      data: {
        period,
        kind: p.kind,
        targetId: p.targetId,
        detail: JSON.stringify({ scoreHundredths: p.scoreHundredths, rank: p.rank }),
      },
    });
    out.push({ kind: p.kind, targetId: p.targetId, awardId: a.id, scoreHundredths: p.scoreHundredths });
  }
  return out;
}

/**
 * Codes: CLOSE.BAD_QUARTER {quarter}, CLOSE.ALREADY_CLOSED {period}, CLOSE.MONTHS_OPEN {quarter, months},
 * CLOSE.EVALUATIONS_MISSING {period, people, windows}, CLOSE.NO_CENTER, CLOSE.CONTAINER_CLOSED.
 */
export async function closeQuarter(
  ctx: ServiceContext,
  quarter: string,
  opts: {
    actor: string;
    publish?: (tx: Prisma.TransactionClient, closed: ClosedQuarter) => Promise<void>;
    allowAlreadyClosed?: boolean;
  },
): Promise<Result<{ kind: "closed"; closed: ClosedQuarter } | { kind: "already_closed"; quarter: string }>> {
  const { db } = ctx;
  if (!isQuarter(quarter)) return err("CLOSE.BAD_QUARTER", { quarter });
  // A quarter is scored and awarded under the settings in force in its last month (RULES.md §8a).
  ctx = await forMonth(ctx, monthsOfQuarter(quarter)[2]);
  const period = await db.period.findUnique({ where: { period: quarter } });
  if (period?.state === "closed")
    return opts.allowAlreadyClosed
      ? ok({ kind: "already_closed", quarter })
      : err("CLOSE.ALREADY_CLOSED", { period: quarter });
  const year = await db.period.findUnique({ where: { period: quarter.slice(0, 4) } });
  if (year?.state === "closed")
    return err("CLOSE.CONTAINER_CLOSED", { period: quarter, container: quarter.slice(0, 4) });
  const { result, open } = await quarterResultFromDb(ctx, quarter);
  if (open.length > 0) return err("CLOSE.MONTHS_OPEN", { quarter, months: open });
  if (result.pending)
    return err("CLOSE.EVALUATIONS_MISSING", {
      period: quarter,
      people: result.missingEvaluations,
      windows: [],
    });
  const center = await centerInfo(ctx);
  if (!center) return err("CLOSE.NO_CENTER");
  const awards = ctx.settings.operations.awards;
  const stars = topWithTies(
    result.people.filter((p) => p.starEligible),
    awards.starCount,
  );
  const leading = topWithTies(
    result.windows.filter((w) => w.leadingEligible),
    awards.leadingCount,
  );
  const closings = (period?.closings ?? 0) + 1;
  const now = ctx.clock.now();
  return db.$transaction(async (tx) => {
    const proposals = await replaceProposals(tx, quarter, QUARTER_AWARDS, [
      ...stars.map((p, i) => ({
        kind: "star" as const,
        targetId: p.id,
        scoreHundredths: p.scoreHundredths,
        rank: i + 1,
      })),
      ...leading.map((w, i) => ({
        kind: "leading_window" as const,
        targetId: w.id,
        scoreHundredths: w.scoreHundredths,
        rank: i + 1,
      })),
    ]);
    await markClosed(
      tx,
      { period: quarter, before: period?.state, closings, actor: opts.actor, now },
      { proposals: proposals.map((p) => `${p.kind}:${p.targetId}`) },
    );
    const closed: ClosedQuarter = { quarter, closings, result, proposals, center };
    if (opts.publish) await opts.publish(tx, closed);
    return ok({ kind: "closed" as const, closed });
  });
}

// ---------------------------------------------------------------------------------------------
// The director's decision on the proposals of a quarter or a year.

export interface AwardRow {
  id: number;
  kind: AwardKind;
  targetId: string;
  state: "proposed" | "confirmed" | "removed";
}

export async function awardsOf(ctx: ServiceContext, period: string): Promise<AwardRow[]> {
  return awardsIn(ctx.db, period);
}

/** The period's awards, read through `db` (a transaction client too). */
export async function awardsIn(db: Db | Prisma.TransactionClient, period: string): Promise<AwardRow[]> {
  const kinds = period.includes("Q") ? QUARTER_AWARDS : YEAR_AWARDS;
  const rows = await db.award.findMany({
    where: { period, kind: { in: [...kinds] } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as AwardKind,
    targetId: r.targetId,
    state: r.state as AwardRow["state"],
  }));
}

/**
 * The proposal of a closed period that the director may still edit or confirm, as it stands.
 * Codes: AWARD.NOT_DIRECTOR, AWARD.PERIOD_NOT_CLOSED {period}, AWARD.ALREADY_CONFIRMED {period}.
 */
async function proposalToDecide(
  ctx: ServiceContext,
  input: { period: string; actor: string },
): Promise<Result<AwardRow[]>> {
  if (!(await isDirector(ctx, input.actor))) return err("AWARD.NOT_DIRECTOR");
  const period = await ctx.db.period.findUnique({ where: { period: input.period } });
  if (period?.state !== "closed") return err("AWARD.PERIOD_NOT_CLOSED", { period: input.period });
  const current = await awardsOf(ctx, input.period);
  if (current.some((a) => a.state === "confirmed"))
    return err("AWARD.ALREADY_CONFIRMED", { period: input.period });
  return ok(current);
}

/** Whether a candidate may be proposed for an award kind, and if not, why (§5, §7). */
export type AwardEligibility = (
  kind: AwardKind,
  targetId: string,
) => Promise<{ ok: boolean; reasons: readonly (string | number)[] }>;

/**
 * Sets who is proposed for one award kind, before confirmation (the director's edit modal): those
 * in `targetIds` become proposed, the others of this kind removed. Nothing is announced: the
 * director still confirms the whole proposal (§5, §7). Submitting the same choice again changes
 * nothing. Codes: AWARD.NOT_DIRECTOR, AWARD.PERIOD_NOT_CLOSED {period}, AWARD.ALREADY_CONFIRMED
 * {period}, AWARD.BAD_KIND {kind, period}, AWARD.NOT_ELIGIBLE {targetId, target, reasons},
 * AWARD.PLACED_ELSEWHERE {targetId, kind} (a window is given one prize of a year).
 */
export async function setAwardPicks(
  ctx: ServiceContext,
  input: { period: string; kind: AwardKind; targetIds: readonly string[]; actor: string },
  eligible: AwardEligibility,
): Promise<Result<{ added: string[]; removed: string[] }>> {
  const open = await proposalToDecide(ctx, input);
  if (!open.ok) return open;
  const kinds = input.period.includes("Q") ? QUARTER_AWARDS : YEAR_AWARDS;
  if (!kinds.includes(input.kind)) return err("AWARD.BAD_KIND", { kind: input.kind, period: input.period });
  const standing = open.value.filter((a) => a.state !== "removed");
  const current = new Set(standing.filter((a) => a.kind === input.kind).map((a) => a.targetId));
  const wanted = new Set(input.targetIds);
  const added = [...wanted].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.has(id));
  for (const targetId of added) {
    const elsewhere = standing.find((a) => a.targetId === targetId && a.kind !== input.kind);
    if (elsewhere) return err("AWARD.PLACED_ELSEWHERE", { targetId, kind: elsewhere.kind });
    const e = await eligible(input.kind, targetId);
    if (!e.ok)
      return err("AWARD.NOT_ELIGIBLE", { targetId, target: AWARD_TARGET[input.kind], reasons: e.reasons });
  }
  if (added.length === 0 && removed.length === 0) return ok({ added, removed });
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    for (const [targetId, state] of [
      ...added.map((id) => [id, "proposed"] as const),
      ...removed.map((id) => [id, "removed"] as const),
    ]) {
      const key = { period_kind_targetId: { period: input.period, kind: input.kind, targetId } };
      const before = await tx.award.findUnique({ where: key });
      await tx.award.upsert({
        where: key,
        create: { period: input.period, kind: input.kind, targetId, state, detail: "{}" },
        update: { state },
      });
      await audit(
        tx,
        now,
        input.actor,
        state === "proposed" ? "award.add" : "award.remove",
        "Award",
        `${input.period}:${input.kind}:${targetId}`,
        { state: before?.state ?? null },
        { state },
      );
    }
  });
  return ok({ added, removed });
}

/**
 * Confirms the proposal as it stands: proposed → confirmed. Codes: AWARD.NOT_DIRECTOR,
 * AWARD.PERIOD_NOT_CLOSED {period}, AWARD.ALREADY_CONFIRMED {period}, AWARD.TOO_MANY {kind, count, max}.
 */
export async function confirmAwards(
  ctx: ServiceContext,
  input: { period: string; actor: string },
  /** Announces the confirmed awards, inside the transaction (src/services/notify.ts). */
  notify?: Notify<{ period: string; awards: AwardRow[] }>,
): Promise<Result<AwardRow[]>> {
  const open = await proposalToDecide(ctx, input);
  if (!open.ok) return open;
  const current = open.value;
  const { db } = ctx;
  for (const [kind, max] of Object.entries(AWARD_MAX)) {
    const count = current.filter((a) => a.kind === kind && a.state === "proposed").length;
    if (max !== undefined && count > max) return err("AWARD.TOO_MANY", { kind, count, max });
  }
  const now = ctx.clock.now();
  const kinds = input.period.includes("Q") ? QUARTER_AWARDS : YEAR_AWARDS;
  const confirmed = await db.$transaction(async (tx) => {
    const n = await tx.award.updateMany({
      where: { period: input.period, kind: { in: [...kinds] }, state: "proposed" },
      data: { state: "confirmed", decidedBy: input.actor, decidedAt: now },
    });
    await audit(tx, now, input.actor, "award.confirm", "Period", input.period, null, { confirmed: n.count });
    await notify?.(tx, { period: input.period, awards: await awardsIn(tx, input.period) });
    return n.count;
  });
  void confirmed;
  return ok(await awardsOf(ctx, input.period));
}

/** Star eligibility from the quarter's result (§5), leading-window eligibility (§7). */
export async function quarterEligibility(ctx: ServiceContext, quarter: string): Promise<AwardEligibility> {
  const { result } = await quarterResultFromDb(ctx, quarter);
  return async (kind: AwardKind, targetId: string) => {
    if (kind === "star") {
      const p = result.people.find((x) => x.id === targetId);
      return { ok: !!p?.starEligible, reasons: p ? p.reasons : ["unknown"] };
    }
    const w = result.windows.find((x) => x.id === targetId);
    return { ok: !!w?.leadingEligible, reasons: w ? w.reasons : ["unknown"] };
  };
}

/** The quarter a month's close makes due (its last month), or null. */
export function quarterClosedBy(month: string): string | null {
  return Number(month.slice(5, 7)) % 3 === 0 ? quarterOf(month) : null;
}

export interface AwardView {
  period: string;
  result: QuarterResult | YearResult;
  awards: AwardRow[];
  names: { person(id: string): string; window(id: string): string };
  leaders: Map<string, string>;
  quotas: Partial<Record<AwardKind, number>>;
  corrected: boolean;
}

/** Everything the director's proposal message shows, for a closed quarter or year. */
export async function loadAwardView(ctx: ServiceContext, period: string): Promise<AwardView> {
  const isQ = period.includes("Q");
  const [result, awards, names, windows, row] = await Promise.all([
    isQ
      ? quarterResultFromDb(ctx, period).then((r) => r.result)
      : yearResultFromDb(ctx, period).then((r) => r.result),
    awardsOf(ctx, period),
    nameBook(ctx),
    ctx.db.window.findMany({ select: { id: true, leaderId: true } }),
    ctx.db.period.findUnique({ where: { period } }),
  ]);
  const leaders = new Map<string, string>();
  for (const w of windows) if (w.leaderId) leaders.set(w.id, names.person(w.leaderId));
  // The award counts in force in the period's last month (RULES.md §8a).
  const a = atMonth(ctx, isQ ? monthsOfQuarter(period)[2] : `${period}-12`).settings.operations.awards;
  const quotas: Partial<Record<AwardKind, number>> = isQ
    ? { star: a.starCount, leading_window: a.leadingCount }
    : {
        excellent_staff: a.excellentStaffCount,
        window_prize_1: a.windowPrizeCounts[0],
        window_prize_2: a.windowPrizeCounts[1],
        window_prize_3: a.windowPrizeCounts[2],
      };
  return { period, result, awards, names, leaders, quotas, corrected: (row?.closings ?? 1) > 1 };
}
