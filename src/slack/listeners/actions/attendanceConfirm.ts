// "Confirm all" on the attendance import message (inspection only): the month's proposed attendance
// records start to count. The message then says who confirmed how many.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { confirmAttendance } from "../../../services/imports/attendance.ts";
import type { KnownBlock } from "../../blocks/requests.ts";
import { context } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";

export function attendanceConfirmAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const lang = await userLang(client, ctx.db, body.user.id);
    const r = await confirmAttendance(ctx, { month: String(action.value ?? ""), actor: body.user.id });
    if (!r.ok) {
      await respond({ response_type: "ephemeral", replace_original: false, text: errorText(lang, r) });
      return;
    }
    const note = t(lang, "import.attendance.confirmed", {
      by: `<@${body.user.id}>`,
      count: r.value.confirmed,
    });
    const original = ((body.message as { blocks?: KnownBlock[] } | undefined)?.blocks ?? []).filter(
      (b) => b.type !== "actions",
    );
    await respond({ replace_original: true, text: note, blocks: [...original, context(note)] });
  };
}
