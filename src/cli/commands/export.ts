// `export <YYYY-MM|YYYY-Qn|YYYY> [--format xlsx|csv] [--out <dir>] [--lang en]`: the period's results as
// an Excel workbook laid out for printing (A4 landscape, title and header on every page) or as CSV
// files (UTF-8 with BOM). An open period is exported as it stands, marked "not closed".
import path from "node:path";
import { type ExportFormat, exportPeriod } from "../../services/exports/index.ts";
import type { CliCommand } from "../main.ts";
import { failure, openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE = "export <YYYY-MM|YYYY-Qn|YYYY> [--format xlsx|csv] [--out <dir>] [--lang en]";

export const command: CliCommand = {
  summary: "export month/quarter/year results as Excel (print layout) or CSV",
  async run(args) {
    const p = parseFlags(args, ["format", "out"]);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, lang } = p.flags;
    const format = (values.get("format") ?? "xlsx") as ExportFormat;
    if (positional.length !== 1 || (format !== "xlsx" && format !== "csv")) return usage(USAGE);
    const { ctx, close } = await openContext();
    try {
      const r = await exportPeriod(ctx, positional[0]!, {
        format,
        outDir: path.resolve(values.get("out") ?? "data/exports"),
      });
      if (!r.ok) {
        process.stderr.write(`${failure(lang, r)}\n`);
        return 1;
      }
      process.stdout.write(
        `${say(lang, "已导出：", "written: ")}\n${r.value.map((f) => `  ${f}`).join("\n")}\n`,
      );
      return 0;
    } finally {
      await close();
    }
  },
};
