// `remind [--lang en]`: sends the approval reminders due now (what the hourly job does on working
// days): a step pending more than a working day reminds its approver once, then inspection; a staff
// absence starting by the next working day with nobody named to cover reminds the window leader once.
import { queueCoverReminders, queueReminders } from "../../jobs/scheduler.ts";
import type { CliCommand } from "../main.ts";
import { openContext, parseFlags, say, usage } from "../serviceContext.ts";

export const command: CliCommand = {
  summary: "queue the approval and cover reminders that are due now",
  async run(args) {
    const p = parseFlags(args, []);
    if (!p.ok || p.flags.positional.length > 0)
      return usage("remind [--lang en]", p.ok ? undefined : p.message);
    const { ctx, close } = await openContext();
    try {
      const n = (await queueReminders(ctx)) + (await queueCoverReminders(ctx));
      process.stdout.write(say(p.flags.lang, `已排队 ${n} 条提醒。\n`, `${n} reminder(s) queued.\n`));
      return 0;
    } finally {
      await close();
    }
  },
};
