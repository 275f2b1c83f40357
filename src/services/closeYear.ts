// Year-end close (RULES.md §5 优秀窗口工作人员, §7 first/second/third prize windows): proposals by year
// score, counts set by the center, confirmed by the director (same decision flow as the quarter).
import type { Prisma } from "../db/client.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { scoreYear } from "../domain/scoring/index.ts";
import type { MonthResult, QuarterResult, YearResult } from "../domain/scoring/types.ts";
import { type CenterInfo, centerInfo, markClosed } from "./closeMonth.ts";
import {
  type AwardEligibility,
  type AwardKind,
  evaluationsOf,
  type ProposedAward,
  quarterMonths,
  quarterResultFromDb,
  replaceProposals,
  topWithTies,
  YEAR_AWARDS,
} from "./closeQuarter.ts";
import type { ServiceContext } from "./context.ts";
import { atMonth, forMonth } from "./monthSettings.ts";

const QUARTERS = (year: string) => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

export async function yearResultFromDb(
  ctx: ServiceContext,
  year: string,
): Promise<{ result: YearResult; openQuarters: string[] }> {
  const months: MonthResult[] = [];
  const quarters: QuarterResult[] = [];
  const openQuarters: string[] = [];
  for (const q of QUARTERS(year)) {
    const { result, open } = await quarterResultFromDb(ctx, q);
    if (result.people.length === 0 && result.windows.length === 0) continue; // before the bot was used
    const period = await ctx.db.period.findUnique({ where: { period: q } });
    if (period?.state !== "closed" || open.length > 0) openQuarters.push(q);
    quarters.push(result);
  }
  // The months the quarters were scored from (frozen once closed).
  for (const q of QUARTERS(year)) months.push(...(await quarterMonths(ctx, q)).months);
  const confirmed = await ctx.db.award.findMany({
    where: { period: { in: QUARTERS(year) }, state: "confirmed", kind: { in: ["star", "leading_window"] } },
  });
  const count = (kind: string) => {
    const m = new Map<string, number>();
    for (const a of confirmed) if (a.kind === kind) m.set(a.targetId, (m.get(a.targetId) ?? 0) + 1);
    return m;
  };
  const [personEvaluations, windowEvaluations] = await Promise.all([
    evaluationsOf(ctx, year, "person"),
    evaluationsOf(ctx, year, "window"),
  ]);
  const result = scoreYear(
    {
      year,
      months,
      quarters,
      stars: count("star"),
      leading: count("leading_window"),
      personEvaluations,
      windowEvaluations,
    },
    atMonth(ctx, `${year}-12`).settings.scoring, // the settings of its December (RULES.md §8a)
  );
  return { result, openQuarters };
}

export interface ClosedYear {
  year: string;
  closings: number;
  result: YearResult;
  proposals: ProposedAward[];
  center: CenterInfo;
}

/**
 * Codes: CLOSE.BAD_YEAR {year}, CLOSE.ALREADY_CLOSED {period}, CLOSE.QUARTERS_OPEN {year, quarters},
 * CLOSE.EVALUATIONS_MISSING {period, people, windows}, CLOSE.NO_CENTER.
 */
export async function closeYear(
  ctx: ServiceContext,
  year: string,
  opts: {
    actor: string;
    publish?: (tx: Prisma.TransactionClient, closed: ClosedYear) => Promise<void>;
    allowAlreadyClosed?: boolean;
  },
): Promise<Result<{ kind: "closed"; closed: ClosedYear } | { kind: "already_closed"; year: string }>> {
  const { db } = ctx;
  if (!/^\d{4}$/.test(year)) return err("CLOSE.BAD_YEAR", { year });
  // A year is scored and awarded under the settings in force in its December (RULES.md §8a).
  ctx = await forMonth(ctx, `${year}-12`);
  const period = await db.period.findUnique({ where: { period: year } });
  if (period?.state === "closed")
    return opts.allowAlreadyClosed
      ? ok({ kind: "already_closed", year })
      : err("CLOSE.ALREADY_CLOSED", { period: year });
  const { result, openQuarters } = await yearResultFromDb(ctx, year);
  const q4 = await db.period.findUnique({ where: { period: `${year}-Q4` } });
  if (openQuarters.length > 0 || q4?.state !== "closed")
    return err("CLOSE.QUARTERS_OPEN", {
      year,
      quarters: openQuarters.length > 0 ? openQuarters : [`${year}-Q4`],
    });
  if (result.pending)
    return err("CLOSE.EVALUATIONS_MISSING", {
      period: year,
      people: result.missingEvaluations.people,
      windows: result.missingEvaluations.windows,
    });
  const center = await centerInfo(ctx);
  if (!center) return err("CLOSE.NO_CENTER");
  const awards = ctx.settings.operations.awards;
  const staff = topWithTies(result.people, awards.excellentStaffCount);
  // Prizes in order: first prizes, then second, then third, each from the windows not yet placed.
  const prizes: { kind: AwardKind; targetId: string; scoreHundredths: number | null; rank: number }[] = [];
  let rest = [...result.windows];
  awards.windowPrizeCounts.forEach((n, i) => {
    const picked = topWithTies(rest, n);
    for (const [j, w] of picked.entries())
      prizes.push({
        kind: `window_prize_${i + 1}` as AwardKind,
        targetId: w.id,
        scoreHundredths: w.scoreHundredths,
        rank: j + 1,
      });
    rest = rest.filter((w) => !picked.includes(w));
  });
  const closings = (period?.closings ?? 0) + 1;
  const now = ctx.clock.now();
  return db.$transaction(async (tx) => {
    const proposals = await replaceProposals(tx, year, YEAR_AWARDS, [
      ...staff.map((p, i) => ({
        kind: "excellent_staff" as AwardKind,
        targetId: p.id,
        scoreHundredths: p.scoreHundredths,
        rank: i + 1,
      })),
      ...prizes,
    ]);
    await markClosed(
      tx,
      { period: year, before: period?.state, closings, actor: opts.actor, now },
      { proposals: proposals.map((p) => `${p.kind}:${p.targetId}`) },
    );
    const closed: ClosedYear = { year, closings, result, proposals, center };
    if (opts.publish) await opts.publish(tx, closed);
    return ok({ kind: "closed" as const, closed });
  });
}

/** Year awards: anyone with a year score may be added (the year has no eligibility rules beyond it). */
export async function yearEligibility(ctx: ServiceContext, year: string): Promise<AwardEligibility> {
  const { result } = await yearResultFromDb(ctx, year);
  return async (kind: AwardKind, targetId: string) => {
    const list = kind === "excellent_staff" ? result.people : result.windows;
    const x = list.find((e) => e.id === targetId);
    return { ok: !!x && x.scoreHundredths !== null, reasons: x ? [] : ["unknown"] };
  };
}
