// `appeal list [--month YYYY-MM] [--lang en]`: appeals (申诉, RULES.md §8a), the open ones or a month's.
// `appeal decide <id> uphold|revoke --actor <reviewer's Slack id> --note <text> [--lang en]`: the same
// decision as the reviewer's buttons in Slack (the reviewer or the director; a revoke in a closed month
// needs the director's `reopen` first); the appellant and the filer are told through the outbox, as from
// Slack.
import { cleanText } from "../../domain/text.ts";
import { appealsOfMonth, decideAppeal, openAppeals } from "../../services/appeals.ts";
import { appealDecidedNotices } from "../../slack/appealFlow.ts";
import type { CliCommand } from "../main.ts";
import { failure, openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE =
  "appeal list [--month YYYY-MM] | appeal decide <id> uphold|revoke --actor <Slack id> --note <text> [--lang en]";

export const command: CliCommand = {
  summary: "list appeals (申诉) or decide one (the reviewer or the director, with a note)",
  async run(args) {
    const p = parseFlags(args, ["actor", "note", "month"]);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, lang } = p.flags;
    const [sub, id, decision] = positional;
    if (sub === "list" && positional.length === 1) {
      const { ctx, close } = await openContext();
      try {
        const month = values.get("month");
        const rows = month ? await appealsOfMonth(ctx.db, month) : await openAppeals(ctx.db);
        for (const a of rows)
          process.stdout.write(
            `#${a.id}\t${a.month}\trecord #${a.recordId}\t${a.appellantId}\t${a.state}\t${say(lang, "复核人", "reviewer")} ${a.reviewerId}\t${a.reason.replace(/\s+/g, " ")}\n`,
          );
        if (rows.length === 0) process.stdout.write(say(lang, "没有申诉。\n", "No appeals.\n"));
        return 0;
      } finally {
        await close();
      }
    }
    if (
      sub !== "decide" ||
      positional.length !== 3 ||
      !/^\d+$/.test(id ?? "") ||
      (decision !== "uphold" && decision !== "revoke") ||
      !values.has("actor")
    )
      return usage(USAGE);
    const { ctx, close } = await openContext();
    try {
      const r = await decideAppeal(
        ctx,
        {
          actor: values.get("actor")!,
          appealId: Number(id),
          decision,
          note: cleanText(values.get("note") ?? ""),
        },
        appealDecidedNotices(ctx),
      );
      if (!r.ok) {
        process.stderr.write(`${failure(lang, r)}\n`);
        return 1;
      }
      process.stdout.write(
        say(
          lang,
          `申诉 #${r.value.appeal.id} 已${decision === "revoke" ? "撤销记录" : "维持原记录"}。\n`,
          `Appeal #${r.value.appeal.id}: record ${decision === "revoke" ? "revoked" : "upheld"}.\n`,
        ),
      );
      return 0;
    } finally {
      await close();
    }
  },
};
