// `digest [--week <YYYY-MM-DD>] [--print] [--lang en]`: the weekly digest of the week containing the
// date (default: this week). Queued for the center's channel under the same key the Monday job uses
// (so it is never posted twice), or only printed with --print.
import { shanghaiDate } from "../../domain/dates.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { buildDigest, mondayOf } from "../../services/digest.ts";
import { parseDateCell } from "../../services/imports/ratings.ts";
import { digestMessage } from "../../slack/blocks/digest.ts";
import type { CliCommand } from "../main.ts";
import { openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE = "digest [--week <YYYY-MM-DD>] [--print] [--lang en]";

export const command: CliCommand = {
  summary: "weekly digest for the center's channel (queue it, or --print)",
  async run(args) {
    const p = parseFlags(args, ["week"], ["print"]);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, switches, lang } = p.flags;
    if (positional.length > 0) return usage(USAGE);
    const week = values.get("week");
    const date = week ? parseDateCell(week) : null;
    if (week && !date) return usage(USAGE, say(lang, `日期不对：${week}`, `not a date: ${week}`));
    const { ctx, close } = await openContext();
    try {
      const monday = mondayOf(date ?? shanghaiDate(ctx.clock.now()));
      const msg = digestMessage(lang, await buildDigest(ctx, monday));
      if (switches.has("print")) {
        process.stdout.write(
          `${msg.blocks
            .map((b) => (b as { text?: { text?: string } }).text?.text ?? "")
            .filter(Boolean)
            .join("\n\n")}\n`,
        );
        return 0;
      }
      const center = await ctx.db.center.findUnique({ where: { id: 1 } });
      if (!center) {
        process.stderr.write(
          say(
            lang,
            "尚未设置中心频道，请先导入组织架构。\n",
            "No center channel yet: import the organisation first.\n",
          ),
        );
        return 1;
      }
      const q = await enqueue(ctx.db, {
        key: `digest:${monday}`,
        channel: center.channelId,
        ...digestMessage("zh", await buildDigest(ctx, monday)),
      });
      process.stdout.write(
        q.created
          ? say(
              lang,
              `本周（${monday} 起）概况已排队发送到频道。\n`,
              `The digest for the week of ${monday} is queued for the channel.\n`,
            )
          : say(
              lang,
              `本周（${monday} 起）概况已经发过，不再重复。\n`,
              `The digest for the week of ${monday} was already sent.\n`,
            ),
      );
      return 0;
    } finally {
      await close();
    }
  },
};
