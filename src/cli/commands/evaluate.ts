// `evaluate <YYYY-Qn|YYYY> <person|window> <id or name> <points 0–10> [--actor <id>] [--lang en]`:
// the center evaluation (中心评价分) of RULES.md §5/§7; a quarter stays pending until everyone has one.
import { formatHundredths } from "../../domain/points.ts";
import { setEvaluation } from "../../services/imports/evaluations.ts";
import type { CliCommand } from "../main.ts";
import { failure, openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE =
  "evaluate <YYYY-Qn|YYYY> <person|window> <Slack id, window id or name> <0–10> [--actor <id>] [--lang en]";

export const command: CliCommand = {
  summary: "enter a center evaluation (0–10) for a quarter or a year",
  async run(args) {
    const p = parseFlags(args, ["actor"]);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, lang } = p.flags;
    if (positional.length !== 4) return usage(USAGE);
    const [period, targetType, target, points] = positional as [string, string, string, string];
    const { ctx, close } = await openContext();
    try {
      const r = await setEvaluation(ctx, {
        period,
        targetType,
        target,
        points,
        actor: values.get("actor") ?? "cli",
      });
      if (!r.ok) {
        process.stderr.write(`${failure(lang, r)}\n`);
        return 1;
      }
      const v = r.value;
      const before =
        v.before === null
          ? ""
          : say(lang, `（原为 ${formatHundredths(v.before)}）`, ` (was ${formatHundredths(v.before)})`);
      process.stdout.write(
        say(
          lang,
          `${v.period} ${v.targetType === "person" ? "人员" : "窗口"} ${v.targetId} 中心评价分 ${formatHundredths(v.pointsHundredths)}${before}\n`,
          `${v.period} ${v.targetType} ${v.targetId}: center evaluation ${formatHundredths(v.pointsHundredths)}${before}\n`,
        ),
      );
      return 0;
    } finally {
      await close();
    }
  },
};
