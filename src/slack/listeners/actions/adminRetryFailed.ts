// "重新发送失败的消息" in the App Home (inspection and the director; `jobs retry-failed` on a terminal):
// the failed messages go back to the outbox, logged; the clicker is told how many and sees the Home
// tab's counts again.

import { wakeOutbox } from "../../../jobs/outbox.ts";
import { retryFailedMessages } from "../../../services/admin.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { t } from "../../i18n/index.ts";
import { publishHome } from "../../requestFlow.ts";
import { ackAfter, type ButtonArgs, clickOf } from "./shared.ts";

export function adminRetryFailedAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = clickOf(ctx, args);
    const r = await ackAfter(args, () => retryFailedMessages(ctx, click.userId));
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    wakeOutbox(ctx.db);
    await click.tell(t(await click.lang(), "manage.jobs.retried", { count: r.value.count }));
    await publishHome(click.d, click.userId);
  };
}
