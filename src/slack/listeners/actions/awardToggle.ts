// "Add" / "Remove" beside a candidate in the director's edit view: changes the proposal (only eligible
// candidates can be added; nothing changes once confirmed) and redraws the edit view.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { loadAwardView, quarterEligibility, setAwardIncluded } from "../../../services/closeQuarter.ts";
import { yearEligibility } from "../../../services/closeYear.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { proposalMessage } from "../../blocks/awards.ts";
import { errorText } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";

const Value = z.object({
  p: z.string().regex(/^\d{4}(-Q[1-4])?$/),
  k: z.enum([
    "star",
    "leading_window",
    "excellent_staff",
    "window_prize_1",
    "window_prize_2",
    "window_prize_3",
  ]),
  id: z.string().min(1).max(64),
  i: z.union([z.literal(0), z.literal(1)]),
});

export function awardToggleAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const lang = await userLang(client, ctx.db, body.user.id);
    let raw: unknown;
    try {
      raw = JSON.parse(String(action.value ?? ""));
    } catch {
      raw = null;
    }
    const v = Value.safeParse(raw);
    if (!v.success) return;
    const { p: period, k: kind, id, i } = v.data;
    const eligible = period.includes("Q")
      ? await quarterEligibility(ctx, period)
      : await yearEligibility(ctx, period);
    const r = await setAwardIncluded(
      ctx,
      { period, kind, targetId: id, include: i === 1, actor: body.user.id },
      eligible,
    );
    if (!r.ok) {
      await respond({ response_type: "ephemeral", replace_original: false, text: errorText(lang, r) });
      return;
    }
    const view = await loadAwardView(ctx, period);
    await respond({ replace_original: true, ...proposalMessage(lang, { ...view, editing: true }) });
  };
}
