// "Confirm all" on the attendance import message (inspection only): the month's proposed attendance
// records start to count. The message then says who confirmed how many.
import type { ServiceContext } from "../../../services/context.ts";
import { confirmAttendance } from "../../../services/imports/attendance.ts";
import type { KnownBlock } from "../../blocks/requests.ts";
import { context } from "../../blocks/requests.ts";
import { t } from "../../i18n/index.ts";
import { ackAfter, type ButtonArgs, clickOf } from "./shared.ts";

export function attendanceConfirmAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { body, action, respond } = args;
    const click = clickOf(ctx, args);
    const r = await ackAfter(args, () =>
      confirmAttendance(ctx, { month: String(action.value ?? ""), actor: click.userId }),
    );
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    const note = t(await click.lang(), "import.attendance.confirmed", {
      by: `<@${click.userId}>`,
      count: r.value.confirmed,
    });
    const original = ((body.message as { blocks?: KnownBlock[] } | undefined)?.blocks ?? []).filter(
      (b) => b.type !== "actions",
    );
    await respond({ replace_original: true, text: note, blocks: [...original, context(note)] });
  };
}
