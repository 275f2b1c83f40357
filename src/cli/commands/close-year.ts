// `close-year <YYYY> [--actor <id>] [--lang en]`: year scores, 优秀窗口工作人员 and window prizes
// (RULES.md §5, §7) proposed to the director. Refused until Q4 is closed and the year's evaluations are in.
import { runYearClose } from "../../jobs/closeFlow.ts";
import type { CliCommand } from "../main.ts";
import { failure, openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE = "close-year <YYYY> [--actor <Slack id>] [--lang en]";

export const command: CliCommand = {
  summary: "close a year: excellent staff and window prizes proposed to the director",
  async run(args) {
    const p = parseFlags(args, ["actor"]);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, lang } = p.flags;
    if (positional.length !== 1) return usage(USAGE);
    const { ctx, close } = await openContext();
    try {
      const r = await runYearClose(ctx, positional[0]!, { actor: values.get("actor") ?? "cli" });
      if (!r.ok) {
        process.stderr.write(`${failure(lang, r)}\n`);
        return 1;
      }
      if (r.value.kind !== "closed") return 0;
      const c = r.value.closed;
      process.stdout.write(
        say(
          lang,
          `${c.year} 年度已结算：拟评 ${c.proposals.length} 项，已发主任确认。\n`,
          `${c.year} closed: ${c.proposals.length} award proposal(s) sent to the director.\n`,
        ),
      );
      return 0;
    } finally {
      await close();
    }
  },
};
