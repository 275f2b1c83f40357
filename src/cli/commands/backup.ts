// `backup [--to <file>] [--lang en]` (also `npm run backup`): a consistent online copy of the SQLite
// database named by DATABASE_URL, safe while the bot runs, checked with PRAGMA integrity_check.
// Default target: data/backups/<Shanghai time>.db. Restoring is copying the file back while the bot
// is stopped.
import { formatConfigError, loadDatabaseConfig } from "../../config.ts";
import { databaseFilePath } from "../../db/client.ts";
import { backupDatabase } from "../../services/backup.ts";
import { systemClock } from "../../services/clock.ts";
import type { CliCommand } from "../main.ts";

const USAGE = "backup [--to <file>] [--lang en]";

const MESSAGES = {
  "BACKUP.SOURCE_MISSING": {
    zh: (d: Record<string, unknown>) => `数据库文件不存在或为空：${d.file}（检查 DATABASE_URL）`,
    en: (d: Record<string, unknown>) =>
      `the database file is missing or empty: ${d.file} (check DATABASE_URL)`,
  },
  "BACKUP.TARGET_EXISTS": {
    zh: (d: Record<string, unknown>) => `备份目标已存在，不会覆盖：${d.file}`,
    en: (d: Record<string, unknown>) =>
      `the backup target already exists and will not be overwritten: ${d.file}`,
  },
  "BACKUP.FAILED": {
    zh: (d: Record<string, unknown>) => `备份失败：${d.message}`,
    en: (d: Record<string, unknown>) => `the backup failed: ${d.message}`,
  },
  "BACKUP.INTEGRITY": {
    zh: (d: Record<string, unknown>) =>
      `备份副本完整性检查未通过，已删除：${(d.messages as string[] | undefined)?.join("; ")}`,
    en: (d: Record<string, unknown>) =>
      `the copy failed its integrity check and was removed: ${(d.messages as string[] | undefined)?.join("; ")}`,
  },
} as const;

export const command: CliCommand = {
  summary: "online copy of the SQLite database (data/backups/<time>.db), integrity-checked",
  async run(args) {
    let target: string | undefined;
    let lang: "zh" | "en" = "zh";
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if ((a === "--to" || a === "--lang") && args[i + 1] === undefined) {
        process.stderr.write(`${a} 缺少取值 / ${a} needs a value\nusage: ${USAGE}\n`);
        return 2;
      }
      if (a === "--to") target = args[++i];
      else if (a === "--lang") lang = args[++i] === "en" ? "en" : "zh";
      else {
        process.stderr.write(`未知参数 ${a} / unknown argument ${a}\nusage: ${USAGE}\n`);
        return 2;
      }
    }
    const config = loadDatabaseConfig(process.env);
    if (!config.ok) {
      process.stderr.write(`${formatConfigError(config)}\n`);
      return 1;
    }
    const res = await backupDatabase(databaseFilePath(config.value.databaseUrl), {
      clock: systemClock,
      ...(target ? { target } : {}),
    });
    if (!res.ok) {
      process.stderr.write(`${MESSAGES[res.code][lang](res.detail ?? {})}\n`);
      return 1;
    }
    const r = res.value;
    const rows = Object.entries(r.tables)
      .filter(([name]) => !name.startsWith("_") && !name.startsWith("sqlite_"))
      .reduce((n, [, c]) => n + c, 0);
    process.stdout.write(
      lang === "en"
        ? `backup written: ${r.file} (${r.bytes} bytes, ${rows} rows, integrity ok, ${r.durationMs} ms)\n`
        : `备份完成：${r.file}（${r.bytes} 字节，${rows} 行，完整性检查通过，用时 ${r.durationMs} 毫秒）\n`,
    );
    return 0;
  },
};
