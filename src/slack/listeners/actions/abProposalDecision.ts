// Confirm / Dismiss on a W-AB proposal (RULES.md §8: an absence that started with nobody covering):
// any inspection member decides once (idempotent in the database); every member's copy is updated.
import { wakeOutbox } from "../../../jobs/outbox.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { decideProposedRecord } from "../../../services/proposals.ts";
import { abDecisionNotices } from "../../abFlow.ts";
import { AB_CONFIRM, abDecidedLine } from "../../blocks/ab.ts";
import { context, type KnownBlock } from "../../blocks/requests.ts";
import { ackAfter, type ButtonArgs, buttonId, clickOf } from "./shared.ts";

export function abProposalDecisionAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { body, action, respond } = args;
    const click = clickOf(ctx, args);
    const r = await ackAfter(args, () =>
      decideProposedRecord(
        ctx,
        { recordId: buttonId(action), actor: click.userId, confirm: action.action_id === AB_CONFIRM },
        abDecisionNotices,
      ),
    );
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    wakeOutbox(ctx.db);
    const line = abDecidedLine(await click.lang(), {
      by: click.userId,
      confirmed: r.value.confirmed,
      month: r.value.record.month,
    });
    const original = ((body.message as { blocks?: KnownBlock[] } | undefined)?.blocks ?? []).filter(
      (b) => b.type !== "actions",
    );
    await respond({ replace_original: true, text: line, blocks: [...original, context(line)] });
  };
}
