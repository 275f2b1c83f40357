// `jobs [list]`: recent job runs and the outbox; `jobs tick`: one scheduler pass now (what the hourly
// cron does: closes that are due, the digest, reminders); `jobs retry-failed`: failed Slack messages
// back to the queue (after fixing, e.g., the bot's membership of the channel).
import { formatConfigError, loadSlackApiConfig } from "../../config.ts";
import { tick } from "../../jobs/scheduler.ts";
import { userDirectoryFor } from "../../slack/userDirectory.ts";
import type { CliCommand } from "../main.ts";
import { openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE = "jobs [list|tick|retry-failed] [--lang en]";

export const command: CliCommand = {
  summary: "job runs and outbox status; run a scheduler tick; retry failed messages",
  async run(args) {
    const p = parseFlags(args, []);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, lang } = p.flags;
    const sub = positional[0] ?? "list";
    if (positional.length > 1 || !["list", "tick", "retry-failed"].includes(sub)) return usage(USAGE);
    const { ctx, close } = await openContext();
    try {
      if (sub === "tick") {
        // With the bot token in the environment the pass includes the locale sync (users.list).
        const slack = loadSlackApiConfig(process.env);
        if (!slack.ok) return usage(USAGE, formatConfigError(slack));
        const directory = userDirectoryFor(slack.value);
        const r = await tick({ ctx, owner: `cli:${process.pid}`, ...(directory ? { directory } : {}) });
        for (const x of r.ran)
          process.stdout.write(`${x.job} ${x.period}: ${x.status}${x.detail ? ` (${x.detail})` : ""}\n`);
        for (const x of r.waiting)
          process.stdout.write(`${say(lang, "等待", "waiting")} ${x.job} ${x.period}: ${x.reason}\n`);
        process.stdout.write(say(lang, `提醒 ${r.reminders} 条。\n`, `${r.reminders} reminder(s).\n`));
        return 0;
      }
      if (sub === "retry-failed") {
        const n = await ctx.db.outboundMessage.updateMany({
          where: { state: "failed" },
          data: { state: "queued", attempts: 0 },
        });
        process.stdout.write(
          say(lang, `${n.count} 条消息重新排队。\n`, `${n.count} message(s) queued again.\n`),
        );
        return 0;
      }
      const runs = await ctx.db.jobRun.findMany({ orderBy: { startedAt: "desc" }, take: 20 });
      for (const r of runs)
        process.stdout.write(
          `${r.job.padEnd(14)} ${r.period.padEnd(12)} ${r.state.padEnd(8)} #${r.attempt} ${r.owner} ${r.startedAt.toISOString()}${r.error ? `  ${r.error.split("\n")[0]}` : ""}\n`,
        );
      const counts = await ctx.db.outboundMessage.groupBy({ by: ["state"], _count: { _all: true } });
      process.stdout.write(
        `outbox: ${counts.map((c) => `${c.state}=${c._count._all}`).join(" ") || say(lang, "空", "empty")}\n`,
      );
      const failed = await ctx.db.outboundMessage.findMany({
        where: { state: "failed" },
        take: 10,
        orderBy: { id: "desc" },
      });
      for (const f of failed) process.stdout.write(`  failed #${f.id} ${f.key} → ${f.channel}: ${f.error}\n`);
      return 0;
    } finally {
      await close();
    }
  },
};
