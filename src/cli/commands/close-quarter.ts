// `close-quarter <YYYY-Qn> [--actor <id>] [--lang en]`: quarter scores, 竞跑之星 and 领跑窗口 proposals
// (RULES.md §5, §7) sent to the director to confirm. Refused while a month is open or a center
// evaluation is missing (the list of who is missing is printed).
import { runQuarterClose } from "../../jobs/closeFlow.ts";
import { closeCommand } from "../serviceContext.ts";

export const command = closeCommand({
  summary: "close a quarter: 竞跑之星 / 领跑窗口 proposals to the director",
  usage: "close-quarter <YYYY-Qn> [--actor <Slack id>] [--lang en]",
  close: (ctx, quarter, { actor }) => runQuarterClose(ctx, quarter, { actor }),
  report(c) {
    const n = (k: string) => c.proposals.filter((x) => x.kind === k).length;
    return {
      zh: `${c.quarter} 已结算：拟评竞跑之星 ${n("star")} 名、领跑窗口 ${n("leading_window")} 个，已发主任确认。\n`,
      en: `${c.quarter} closed: ${n("star")} star(s) and ${n("leading_window")} leading window(s) proposed to the director.\n`,
    };
  },
});
