// `close-month <YYYY-MM> [--actor <id>] [--export-dir <dir>] [--lang en]`: freezes the month's results
// (RULES.md §4(4)) and queues the channel ranking with its workbook, every person's private notice and
// the transfer flags for the director and deputy director. A month the director reopened is closed
// again this way (the notices then say "corrected").
import { fenToYuan } from "../../domain/points.ts";
import { DEFAULT_EXPORT_DIR, runMonthClose } from "../../jobs/closeFlow.ts";
import { closeCommand } from "../serviceContext.ts";

export const command = closeCommand({
  summary: "close a month: freeze results, queue ranking, notices and transfer flags",
  usage: "close-month <YYYY-MM> [--actor <Slack id>] [--export-dir <dir>] [--lang en]",
  flags: ["export-dir"],
  close: (ctx, month, { actor, values }) =>
    runMonthClose(ctx, month, { actor, exportDir: values.get("export-dir") ?? DEFAULT_EXPORT_DIR }),
  report(c) {
    const bands = [1, 2, 3].map((b) => c.result.people.filter((x) => x.band === b).length);
    const money = c.result.people.reduce((a, x) => a + x.amountFen, 0);
    return {
      zh: `${c.month} 已结算${c.corrected ? `（第 ${c.closings} 次，更正）` : ""}：${c.result.headCount} 人，一档 ${bands[0]}、二档 ${bands[1]}、三档 ${bands[2]}，考评奖合计 ${fenToYuan(money).toFixed(2)} 元；调离建议 ${c.transfers.length} 条（仅发主任、分管副主任）。\n排名表：${c.workbookPath}\n结果及明细：${c.fullWorkbookPath}\n消息已排队，由运行中的机器人发送到频道和个人。\n`,
      en: `${c.month} closed${c.corrected ? ` (closing ${c.closings}, corrected)` : ""}: ${c.result.headCount} people, bands ${bands.join("/")}, awards total ${fenToYuan(money).toFixed(2)} yuan; ${c.transfers.length} transfer flag(s) (director and deputy only).\nranking: ${c.workbookPath}\nfull results: ${c.fullWorkbookPath}\nMessages are queued; the running bot sends them.\n`,
    };
  },
});
