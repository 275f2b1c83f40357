// `close-year <YYYY> [--actor <id>] [--lang en]`: year scores, 优秀窗口工作人员 and window prizes
// (RULES.md §5, §7) proposed to the director. Refused until Q4 is closed and the year's evaluations are in.
import { runYearClose } from "../../jobs/closeFlow.ts";
import { closeCommand } from "../serviceContext.ts";

export const command = closeCommand({
  summary: "close a year: excellent staff and window prizes proposed to the director",
  usage: "close-year <YYYY> [--actor <Slack id>] [--lang en]",
  close: (ctx, year, { actor }) => runYearClose(ctx, year, { actor }),
  report: (c) => ({
    zh: `${c.year} 年度已结算：拟评 ${c.proposals.length} 项，已发主任确认。\n`,
    en: `${c.year} closed: ${c.proposals.length} award proposal(s) sent to the director.\n`,
  }),
});
