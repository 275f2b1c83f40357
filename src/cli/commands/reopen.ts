// `reopen <period> --actor <director's Slack id> --reason <text> [--lang en]`: the director reopens a
// closed month, quarter or year for a correction; logged with the reason (AuditLog). Records can then
// be filed or revoked, and `close-month` closes it again ("corrected").
import { cleanText } from "../../domain/text.ts";
import { reopenPeriod } from "../../services/closeMonth.ts";
import type { CliCommand } from "../main.ts";
import { failure, openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE = "reopen <YYYY-MM|YYYY-Qn|YYYY> --actor <director's Slack id> --reason <text> [--lang en]";

export const command: CliCommand = {
  summary: "reopen a closed period (director only, with a reason)",
  async run(args) {
    const p = parseFlags(args, ["actor", "reason"]);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, lang } = p.flags;
    if (positional.length !== 1 || !values.has("actor")) return usage(USAGE);
    const { ctx, close } = await openContext();
    try {
      const r = await reopenPeriod(ctx, {
        period: positional[0]!,
        actor: values.get("actor")!,
        reason: cleanText(values.get("reason") ?? ""),
      });
      if (!r.ok) {
        process.stderr.write(`${failure(lang, r)}\n`);
        return 1;
      }
      process.stdout.write(
        say(
          lang,
          `${r.value.period} 已重新开放。更正后请再次结算。\n`,
          `${r.value.period} reopened. Close it again after the correction.\n`,
        ),
      );
      return 0;
    } finally {
      await close();
    }
  },
};
