// "Edit <award>" on the director's quarter/year proposal (RULES.md §5, §7): opens the edit modal of
// that award kind, its candidates in a multi-select with those proposed now selected. The modal opens
// at once (a trigger_id lives 3 s); anyone but the director, or a proposal already confirmed, gets the
// reason in the modal instead. Saving it (views/awardEditSubmit.ts) changes the proposal only: the
// director still confirms it from the message before anything is announced.
import { z } from "zod";
import { isDirector } from "../../../services/closeMonth.ts";
import { loadAwardView } from "../../../services/closeQuarter.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { type AwardEditMeta, awardEditModal } from "../../blocks/awards.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, buttonJson, openModalFor } from "./shared.ts";

/** An Edit button's value (blocks/awards.ts EditValue), checked: it comes back from Slack. */
export const EditValueSchema = z.object({
  p: z.string().regex(/^\d{4}(-Q[1-4])?$/),
  k: z.enum([
    "star",
    "leading_window",
    "excellent_staff",
    "window_prize_1",
    "window_prize_2",
    "window_prize_3",
  ]),
});

/** The edit modal's private_metadata (blocks/awards.ts AwardEditMeta). */
export const EditMetaSchema = EditValueSchema.extend({ c: z.string().optional(), ts: z.string().optional() });

export function awardEditAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { action, body } = args;
    const opened = await openModalFor(ctx, args);
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const refuse = (text: string) =>
      replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), text));
    if (!(await isDirector(ctx, userId))) return refuse(errorText(lang, { code: "AWARD.NOT_DIRECTOR" }));
    const v = buttonJson(EditValueSchema, action.value);
    if (!v) return refuse(t(lang, "error.internal"));
    const view = await loadAwardView(ctx, v.p);
    if (view.awards.some((a) => a.state === "confirmed"))
      return refuse(errorText(lang, { code: "AWARD.ALREADY_CONFIRMED", detail: { period: v.p } }));
    const meta: AwardEditMeta = {
      p: v.p,
      k: v.k,
      ...(body.container?.channel_id ? { c: String(body.container.channel_id) } : {}),
      ...(body.container?.message_ts ? { ts: String(body.container.message_ts) } : {}),
    };
    await replaceView(d, viewId, awardEditModal(lang, view, meta));
  };
}
