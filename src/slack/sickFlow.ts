// What Slack shows after a sick leave's paperwork changes (RULES.md §3 二), queued in the outbox inside
// the change's transaction (src/services/notify.ts): the requester and the cover told when the deputy
// director approved a shorter period than asked, and the approvers' messages updated when the requester
// attaches a certificate (they show it with a link).
import { type DbTx, enqueue, wakeOutbox } from "../jobs/outbox.ts";
import type { DecideOutcome } from "../services/approvals.ts";
import type { AttachOutcome } from "../services/attachments.ts";
import type { ServiceContext } from "../services/context.ts";
import type { Notify } from "../services/notify.ts";
import { mention, personText } from "./blocks/requests.ts";
import { t } from "./i18n/index.ts";
import { langIn, queueRequestUpdates, requesterLabel } from "./requestFlow.ts";

type Reads = Parameters<typeof langIn>[2];

/** The deputy director approved a shorter period: the requester and the cover are told (each in their language). */
export async function queueShortened(
  tx: DbTx,
  o: DecideOutcome,
  because: string,
  reads?: Reads,
): Promise<void> {
  const s = o.sick?.shortened;
  if (!s) return;
  const r = o.request;
  const who = o.step.decidedBy ? mention(o.step.decidedBy) : "";
  const requesterLang = await langIn(tx, r.requesterId, reads);
  await enqueue(tx, {
    key: `${because}:shortened:${r.requesterId}`,
    channel: r.requesterId,
    text: t(requesterLang, "sick.notify.shortened", {
      who,
      id: r.id,
      end: s.to.end,
      halfDays: s.to.halfDays,
      asked: s.from.end,
      askedHalfDays: s.from.halfDays,
    }),
  });
  if (r.coverId && r.coverId !== r.requesterId) {
    const l = await langIn(tx, r.coverId, reads);
    const requester = await requesterLabel(tx, r, reads);
    await enqueue(tx, {
      key: `${because}:shortened:${r.coverId}`,
      channel: r.coverId,
      text: t(l, "sick.notify.shortened_cover", {
        requester: personText(l, requester),
        id: r.id,
        end: s.to.end,
      }),
    });
  }
}

/** A file attached: the pending approvers' messages and the requester's status show it. */
export function attachNotices(ctx: ServiceContext): Notify<AttachOutcome> {
  return async (tx, o) => {
    const because = `attachment:${o.attachment.id}`;
    await queueRequestUpdates(
      tx,
      ctx,
      o.request.id,
      o.pending.map((s) => s.id),
      because,
    );
    wakeOutbox(ctx.db);
  };
}
