// "Confirm" on the director's quarter/year award proposal (RULES.md §5, §7): the proposal as it
// stands becomes confirmed, the message loses its buttons, and the awards are announced in the channel.
import { enqueue, wakeOutbox } from "../../../jobs/outbox.ts";
import { auditCount } from "../../../services/auditLog.ts";
import { type AwardRow, confirmAwards, loadAwardView } from "../../../services/closeQuarter.ts";
import type { ServiceContext } from "../../../services/context.ts";
import type { Notify } from "../../../services/notify.ts";
import { centerRow, personNames, windowRows } from "../../../services/orgLookups.ts";
import { announcementMessage, confirmedNote, proposalMessage } from "../../blocks/awards.ts";
import { ackAfter, type ButtonArgs, clickOf } from "./shared.ts";

/** confirmAwards's notify: the confirmed names announced in the channel, queued with the confirmation. */
function announceNotices(ctx: ServiceContext): Notify<{ period: string; awards: AwardRow[] }> {
  return async (tx, { period, awards }) => {
    const [center, p, windows] = await Promise.all([centerRow(tx), personNames(tx), windowRows(tx)]);
    if (!center) return;
    const w = new Map(windows.map((x) => [x.id, x.name]));
    const names = { person: (id: string) => p.get(id) ?? id, window: (id: string) => w.get(id) ?? id };
    const leaders = new Map(windows.flatMap((x) => (x.leaderId ? [[x.id, names.person(x.leaderId)]] : [])));
    const msg = announcementMessage("zh", { period, awards, names, leaders });
    // The n-th confirmation of the period (a reopened and re-closed period is confirmed again).
    const n = await auditCount(tx, { action: "award.confirm", entityId: period });
    await enqueue(tx, { key: `awards:${period}:confirm${n}:announce`, channel: center.channelId, ...msg });
    wakeOutbox(ctx.db);
  };
}

export function awardConfirmAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { action, respond } = args;
    const click = clickOf(ctx, args);
    const period = String(action.value ?? "");
    const r = await ackAfter(args, () =>
      confirmAwards(ctx, { period, actor: click.userId }, announceNotices(ctx)),
    );
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    const lang = await click.lang();
    const view = await loadAwardView(ctx, period);
    const done = proposalMessage(lang, view);
    await respond({
      replace_original: true,
      text: done.text,
      blocks: [...done.blocks, confirmedNote(lang, click.userId)],
    });
  };
}
