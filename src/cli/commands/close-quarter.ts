// `close-quarter <YYYY-Qn> [--actor <id>] [--lang en]`: quarter scores, 竞跑之星 and 领跑窗口 proposals
// (RULES.md §5, §7) sent to the director to confirm. Refused while a month is open or a center
// evaluation is missing (the list of who is missing is printed).
import { runQuarterClose } from "../../jobs/closeFlow.ts";
import type { CliCommand } from "../main.ts";
import { failure, openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE = "close-quarter <YYYY-Qn> [--actor <Slack id>] [--lang en]";

export const command: CliCommand = {
  summary: "close a quarter: 竞跑之星 / 领跑窗口 proposals to the director",
  async run(args) {
    const p = parseFlags(args, ["actor"]);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, lang } = p.flags;
    if (positional.length !== 1) return usage(USAGE);
    const { ctx, close } = await openContext();
    try {
      const r = await runQuarterClose(ctx, positional[0]!, { actor: values.get("actor") ?? "cli" });
      if (!r.ok) {
        process.stderr.write(`${failure(lang, r)}\n`);
        return 1;
      }
      if (r.value.kind !== "closed") return 0;
      const c = r.value.closed;
      const n = (k: string) => c.proposals.filter((x) => x.kind === k).length;
      process.stdout.write(
        say(
          lang,
          `${c.quarter} 已结算：拟评竞跑之星 ${n("star")} 名、领跑窗口 ${n("leading_window")} 个，已发主任确认。\n`,
          `${c.quarter} closed: ${n("star")} star(s) and ${n("leading_window")} leading window(s) proposed to the director.\n`,
        ),
      );
      return 0;
    } finally {
      await close();
    }
  },
};
