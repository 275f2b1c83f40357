// "Add" / "Remove" beside a candidate in the director's edit view: changes the proposal (only eligible
// candidates can be added; nothing changes once confirmed) and redraws the edit view.
import { z } from "zod";
import { loadAwardView, quarterEligibility, setAwardIncluded } from "../../../services/closeQuarter.ts";
import { yearEligibility } from "../../../services/closeYear.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { proposalMessage } from "../../blocks/awards.ts";
import { type ButtonArgs, buttonJson, clickOf } from "./shared.ts";

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
  return async (args: ButtonArgs): Promise<void> => {
    const { action, respond } = args;
    await args.ack();
    const click = clickOf(ctx, args);
    const v = buttonJson(Value, action.value);
    if (!v) return;
    const { p: period, k: kind, id, i } = v;
    const eligible = period.includes("Q")
      ? await quarterEligibility(ctx, period)
      : await yearEligibility(ctx, period);
    const r = await setAwardIncluded(
      ctx,
      { period, kind, targetId: id, include: i === 1, actor: click.userId },
      eligible,
    );
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    const view = await loadAwardView(ctx, period);
    await respond({
      replace_original: true,
      ...proposalMessage(await click.lang(), { ...view, editing: true }),
    });
  };
}
