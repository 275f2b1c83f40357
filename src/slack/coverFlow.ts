// What Slack shows after a window leader names the cover outside a decision (RULES.md §3 五): the cover
// is told, a cover named before is told they are released, the requester's status message and any
// pending step messages show the cover, and the reminder the leader clicked loses its button. The
// database is already written: a Slack failure is logged, never undoes it.
import type { NameCoverOutcome } from "../services/cover.ts";
import { type CoverModalMeta, coverNamedMessage } from "./blocks/cover.ts";
import { mention, personText, requestPeriod } from "./blocks/requests.ts";
import { t } from "./i18n/index.ts";
import { userLang } from "./i18n/locale.ts";
import {
  type FlowDeps,
  honouringRetryAfter,
  refreshStatus,
  requesterLabel,
  updateStepMessages,
} from "./requestFlow.ts";

async function safely(d: FlowDeps, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await honouringRetryAfter(fn);
  } catch (e) {
    d.logger.warn(`cover: ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function afterCoverNamed(
  d: FlowDeps,
  o: NameCoverOutcome,
  leaderId: string,
  meta: CoverModalMeta,
): Promise<void> {
  const { request } = o;
  const requester = await requesterLabel(d, request);
  const tell = (to: string, key: string) =>
    safely(d, `DM to ${to}`, async () => {
      const l = await userLang(d.client, d.ctx.db, to);
      await d.client.chat.postMessage({
        channel: to,
        text: t(l, key, {
          leader: mention(leaderId),
          requester: personText(l, requester),
          period: requestPeriod(l, request),
        }),
      });
    });
  const pending = await d.ctx.db.approvalStep.findMany({
    where: { requestId: request.id, state: "pending" },
    select: { id: true },
  });
  const work: Promise<unknown>[] = [];
  if (o.changed) {
    work.push(tell(o.to, "req.notify.cover_named"), refreshStatus(d, request.id));
    if (o.from && o.from !== o.to) work.push(tell(o.from, "req.notify.cover_released"));
    if (pending.length > 0)
      work.push(
        updateStepMessages(
          d,
          pending.map((s) => s.id),
        ),
      );
  }
  const { channel, ts } = meta;
  if (channel && ts) {
    work.push(
      safely(d, "reminder update", async () => {
        const l = await userLang(d.client, d.ctx.db, leaderId);
        const msg = coverNamedMessage(l, request, requester, leaderId, d.ctx.clock.now());
        await d.client.chat.update({ channel, ts, ...msg });
      }),
    );
  }
  await Promise.all(work);
}
