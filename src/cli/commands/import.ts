// `import ratings|attendance|evaluations|secondments <file.csv> [--dry-run] [--actor <id>] [--lang en]`
// and `import confirm-attendance <YYYY-MM> --actor <inspection member> [--dismiss <id,id…>]`.
// Every row is checked; any refused row → nothing is written, and every problem is listed with its
// line. Attendance becomes *proposed* records that inspection confirms (here, or with the Slack button
// the import sends to inspection).
import fs from "node:fs";
import { queueAttendanceReview } from "../../jobs/closeFlow.ts";
import type { ServiceContext } from "../../services/context.ts";
import { confirmAttendance, importAttendance } from "../../services/imports/attendance.ts";
import { decodeCsvBytes, type ImportReport } from "../../services/imports/common.ts";
import { importEvaluations } from "../../services/imports/evaluations.ts";
import { importRatings } from "../../services/imports/ratings.ts";
import { importSecondments } from "../../services/imports/secondments.ts";
import type { Lang } from "../../slack/i18n/index.ts";
import type { CliCommand } from "../main.ts";
import { failure, openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE =
  "import ratings|attendance|evaluations|secondments <file.csv> [--dry-run] [--actor <id>] [--lang en]\n" +
  "       import confirm-attendance <YYYY-MM> --actor <inspection member's Slack id> [--dismiss <id,id…>]";

type Importer = (
  ctx: ServiceContext,
  text: string,
  opts: { actor: string; dryRun?: boolean },
) => Promise<ImportReport>;

const IMPORTERS: Record<string, Importer> = {
  ratings: importRatings,
  attendance: importAttendance,
  evaluations: importEvaluations,
  secondments: importSecondments,
};

function printReport(lang: Lang, r: ImportReport): void {
  const out: string[] = [];
  out.push(
    say(
      lang,
      `${r.rows} 行：可导入 ${r.taken.filter((x) => x.line > 0).length} 行，拒绝 ${new Set(r.refused.map((x) => x.line)).size} 行。`,
      `${r.rows} rows: ${r.taken.filter((x) => x.line > 0).length} acceptable, ${new Set(r.refused.map((x) => x.line)).size} refused.`,
    ),
  );
  for (const p of r.refused)
    out.push(`  ${p.line > 0 ? say(lang, `第 ${p.line} 行：`, `line ${p.line}: `) : ""}${failure(lang, p)}`);
  for (const x of r.taken.filter((x) => x.line === 0)) out.push(`  ${x.summary}`);
  if (r.totals)
    out.push(
      `  ${Object.entries(r.totals)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")}`,
    );
  if (r.refused.length > 0)
    out.push(
      say(
        lang,
        "未写入任何数据：请改正后重新导入。",
        "Nothing was written: fix the file and import it again.",
      ),
    );
  else if (r.dryRun) out.push(say(lang, "试运行（--dry-run）：未写入。", "Dry run: nothing written."));
  else out.push(say(lang, "已全部导入。", "Imported."));
  process.stdout.write(`${out.join("\n")}\n`);
}

export const command: CliCommand = {
  summary: "import ratings / attendance / evaluations / secondments CSV (all or nothing); confirm attendance",
  async run(args) {
    const p = parseFlags(args, ["actor", "dismiss"], ["dry-run"]);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, switches, lang } = p.flags;
    const [kind, arg] = positional;
    if (positional.length !== 2 || !kind || !arg) return usage(USAGE);
    if (kind === "confirm-attendance") {
      if (!values.has("actor")) return usage(USAGE);
      const dismiss = (values.get("dismiss") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number);
      if (dismiss.some((n) => !Number.isInteger(n) || n <= 0))
        return usage(USAGE, say(lang, "--dismiss 应为记录编号列表", "--dismiss takes record ids"));
      const { ctx, close } = await openContext();
      try {
        const r = await confirmAttendance(ctx, { month: arg, actor: values.get("actor")!, dismiss });
        if (!r.ok) {
          process.stderr.write(`${failure(lang, r)}\n`);
          return 1;
        }
        process.stdout.write(
          say(
            lang,
            `已确认 ${r.value.confirmed} 条，驳回 ${r.value.dismissed} 条。\n`,
            `${r.value.confirmed} confirmed, ${r.value.dismissed} dismissed.\n`,
          ),
        );
        return 0;
      } finally {
        await close();
      }
    }
    const importer = IMPORTERS[kind];
    if (!importer) return usage(USAGE, say(lang, `未知的导入类型 ${kind}`, `unknown import ${kind}`));
    if (!fs.existsSync(arg)) {
      process.stderr.write(say(lang, `找不到文件：${arg}\n`, `no such file: ${arg}\n`));
      return 1;
    }
    const { text, encoding } = decodeCsvBytes(fs.readFileSync(arg));
    if (encoding !== "utf-8")
      process.stdout.write(say(lang, "文件按 GBK/GB18030 编码读取。\n", "Read the file as GBK/GB18030.\n"));
    const { ctx, close } = await openContext();
    try {
      const report = await importer(ctx, text, {
        actor: values.get("actor") ?? "cli",
        dryRun: switches.has("dry-run"),
      });
      printReport(lang, report);
      const month = (report as { month?: string }).month;
      if (kind === "attendance" && report.written && month) {
        const n = await queueAttendanceReview(ctx, month, report.totals ?? {});
        process.stdout.write(
          say(
            lang,
            `拟记录已发督查科 ${n} 人核对；确认：import confirm-attendance ${month} --actor <督查科 Slack ID>\n`,
            `Sent to ${n} inspection member(s) to review; confirm with: import confirm-attendance ${month} --actor <id>\n`,
          ),
        );
      }
      return report.refused.length > 0 ? 1 : 0;
    } finally {
      await close();
    }
  },
};
