// What Slack shows after a window leader names the cover outside a decision (RULES.md §3 五): the cover
// is told, a cover named before is told they are released, the requester's status message and any
// pending step messages show the cover, and the reminder the leader clicked loses its button. Queued in
// the outbox inside the transaction that names the cover (nameCover's notify, src/services/notify.ts).
import { enqueue, wakeOutbox } from "../jobs/outbox.ts";
import { auditCount } from "../services/auditLog.ts";
import type { ServiceContext } from "../services/context.ts";
import { type NameCoverOutcome, pendingStepIds } from "../services/cover.ts";
import type { Notify } from "../services/notify.ts";
import { type CoverModalMeta, coverNamedMessage } from "./blocks/cover.ts";
import { mention, personText, requestPeriod } from "./blocks/requests.ts";
import { t } from "./i18n/index.ts";
import { langIn, queueRequestUpdates, requesterLabel } from "./requestFlow.ts";

/** nameCover's notify: `leaderId` named the cover from the modal `meta` describes. */
export function coverNotices(
  ctx: ServiceContext,
  leaderId: string,
  meta: CoverModalMeta,
): Notify<NameCoverOutcome> {
  return async (tx, o) => {
    const { request } = o;
    // The n-th cover change of the request names this one (the audit row is written before notify).
    const changes = await auditCount(tx, {
      action: "request.cover",
      entity: "Request",
      entityId: String(request.id),
    });
    const because = `cover:${request.id}:${changes}`;
    const requester = await requesterLabel(tx, request);
    const tell = async (to: string, key: string) => {
      const l = await langIn(tx, to);
      const text = t(l, key, {
        leader: mention(leaderId),
        requester: personText(l, requester),
        period: requestPeriod(l, request),
      });
      await enqueue(tx, { key: `${because}:${key}:${to}`, channel: to, text });
    };
    if (o.changed) {
      await tell(o.to, "req.notify.cover_named");
      await queueRequestUpdates(tx, ctx, request.id, await pendingStepIds(tx, request.id), because);
      if (o.from && o.from !== o.to) await tell(o.from, "req.notify.cover_released");
    }
    const { channel, ts } = meta;
    if (channel && ts) {
      const l = await langIn(tx, leaderId);
      const msg = coverNamedMessage(l, request, requester, leaderId, ctx.clock.now());
      await enqueue(tx, { key: `${because}:reminder:${channel}:${ts}`, channel, ts, update: true, ...msg });
    }
    wakeOutbox(ctx.db);
  };
}
