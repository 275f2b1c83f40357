// "Edit" / "Done" on the director's award proposal: the same message switches to (or from) the edit
// view, with Remove beside each proposed name and Add beside eligible candidates.
import { isDirector } from "../../../services/closeMonth.ts";
import { loadAwardView } from "../../../services/closeQuarter.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { AWARDS_EDIT, proposalMessage } from "../../blocks/awards.ts";
import { type ButtonArgs, clickOf } from "./shared.ts";

export function awardEditAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { action, respond } = args;
    await args.ack();
    const click = clickOf(ctx, args);
    if (!(await isDirector(ctx, click.userId))) {
      await click.refuse({ code: "AWARD.NOT_DIRECTOR" });
      return;
    }
    const view = await loadAwardView(ctx, String(action.value ?? ""));
    await respond({
      replace_original: true,
      ...proposalMessage(await click.lang(), { ...view, editing: action.action_id === AWARDS_EDIT }),
    });
  };
}
