// Center evaluations (中心评价分, 0–10) for a quarter (people) or a year (people and windows)
// (RULES.md §5, §7): entered one at a time (CLI `evaluate`) or imported from a CSV.
import { isQuarter } from "../../domain/dates.ts";
import { parseHundredths } from "../../domain/points.ts";
import { err, ok, type Result } from "../../domain/result.ts";
import { audit } from "../approvals.ts";
import type { ServiceContext } from "../context.ts";
import { isClosed } from "../monthScores.ts";
import { emptyReport, type ImportReport, parseCsv, personBook, type RowProblem } from "./common.ts";

export const EVALUATION_MAX = 1000; // 10 points in hundredths

export interface EvaluationInput {
  period: string;
  targetType: string;
  /** A Slack id or name for a person; a window id or name for a window. */
  target: string;
  points: string;
}

interface Checked {
  period: string;
  targetType: "person" | "window";
  targetId: string;
  pointsHundredths: number;
}

async function check(ctx: ServiceContext, i: EvaluationInput): Promise<Result<Checked>> {
  const period = i.period.trim();
  if (!isQuarter(period) && !/^\d{4}$/.test(period)) return err("EVAL.BAD_PERIOD", { period });
  const targetType = i.targetType.trim().toLowerCase();
  const type =
    targetType === "person" || targetType === "人员"
      ? "person"
      : targetType === "window" || targetType === "窗口"
        ? "window"
        : null;
  if (!type) return err("EVAL.BAD_TARGET", { target: i.targetType });
  if (type === "window" && isQuarter(period)) return err("EVAL.QUARTER_WINDOW");
  let targetId: string;
  if (type === "person") {
    const book = await personBook(ctx.db);
    const r = book.resolve(i.target);
    if (!r.ok) return err("EVAL.UNKNOWN_TARGET", { target: "person", id: i.target });
    targetId = r.id;
  } else {
    const w = await ctx.db.window.findFirst({
      where: { OR: [{ id: i.target.trim() }, { name: i.target.trim() }] },
    });
    if (!w) return err("EVAL.UNKNOWN_TARGET", { target: "window", id: i.target });
    targetId = w.id;
  }
  const points = parseHundredths(i.points);
  if (points === null || points < 0 || points > EVALUATION_MAX)
    return err("EVAL.BAD_POINTS", { points: i.points });
  if (await isClosed(ctx.db, period)) return err("EVAL.PERIOD_CLOSED", { period });
  return ok({ period, targetType: type, targetId, pointsHundredths: points });
}

/** Enters (or changes) one evaluation, logged. Codes: EVAL.BAD_PERIOD, EVAL.BAD_TARGET, EVAL.QUARTER_WINDOW, EVAL.UNKNOWN_TARGET, EVAL.BAD_POINTS, EVAL.PERIOD_CLOSED. */
export async function setEvaluation(
  ctx: ServiceContext,
  input: EvaluationInput & { actor: string },
): Promise<Result<Checked & { before: number | null }>> {
  const c = await check(ctx, input);
  if (!c.ok) return c;
  const v = c.value;
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const key = {
      period_targetType_targetId: { period: v.period, targetType: v.targetType, targetId: v.targetId },
    };
    const before = await tx.centerEvaluation.findUnique({ where: key });
    await tx.centerEvaluation.upsert({
      where: key,
      create: { ...v, enteredBy: input.actor, enteredAt: now },
      update: { pointsHundredths: v.pointsHundredths, enteredBy: input.actor, enteredAt: now },
    });
    await audit(
      tx,
      now,
      input.actor,
      "evaluation.set",
      "CenterEvaluation",
      `${v.period}:${v.targetType}:${v.targetId}`,
      {
        points: before?.pointsHundredths ?? null,
      },
      { points: v.pointsHundredths },
    );
    return ok({ ...v, before: before?.pointsHundredths ?? null });
  });
}

/** CSV columns: period (期间), type (类型: person/人员, window/窗口), target (对象: Slack id or name), points (评价分). */
export const EVALUATION_HEADERS = {
  period: ["period", "期间", "季度", "年度", "考评期"],
  type: ["type", "类型", "对象类型"],
  target: ["target", "id", "person", "对象", "人员", "姓名", "窗口", "slackid"],
  points: ["points", "score", "评价分", "中心评价分", "分数"],
} as const;

export async function importEvaluations(
  ctx: ServiceContext,
  text: string,
  opts: { actor: string; dryRun?: boolean },
): Promise<ImportReport> {
  const report = emptyReport("evaluations", !!opts.dryRun);
  const parsed = parseCsv(text, EVALUATION_HEADERS, ["period", "target", "points"]);
  if (!parsed.ok) {
    report.refused.push(parsed.problem);
    return report;
  }
  report.rows = parsed.rows.length;
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    const input = {
      period: row.get("period"),
      targetType: row.get("type") || "person",
      target: row.get("target"),
      points: row.get("points"),
    };
    const c = await check(ctx, input);
    if (!c.ok) {
      report.refused.push({ line: row.line, code: c.code, ...(c.detail ? { detail: c.detail } : {}) });
      continue;
    }
    const key = `${c.value.period}:${c.value.targetType}:${c.value.targetId}`;
    if (seen.has(key)) {
      report.refused.push({ line: row.line, code: "IMPORT.DUPLICATE_ROW", detail: { other: seen.get(key) } });
      continue;
    }
    seen.set(key, row.line);
    checked.push(c.value);
    report.taken.push({
      line: row.line,
      summary: `${c.value.period} ${c.value.targetType} ${c.value.targetId} ${input.points}`,
    });
  }
  if (report.refused.length > 0 || opts.dryRun) return report;
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    for (const v of checked) {
      const key = {
        period_targetType_targetId: { period: v.period, targetType: v.targetType, targetId: v.targetId },
      };
      await tx.centerEvaluation.upsert({
        where: key,
        create: { ...v, enteredBy: opts.actor, enteredAt: now },
        update: { pointsHundredths: v.pointsHundredths, enteredBy: opts.actor, enteredAt: now },
      });
    }
    await audit(tx, now, opts.actor, "evaluation.import", "CenterEvaluation", "csv", null, {
      rows: checked.length,
    });
  });
  report.written = true;
  return report;
}

export type { RowProblem };
