// /meeting: the window leaders' meetings (例会制度, RULES.md §8). With no text, inspection and the director
// get the schedule modal (opened at once: a trigger_id lives 3 s); anyone else, or "/meeting list", gets
// the meetings privately: the coming ones with the leader's own answer and buttons, and for inspection
// those that have started without attendance, with "Take attendance". Not a built-in Slack command
// (test/unit/manifest.test.ts holds every command against Slack's list).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { shanghaiDate } from "../../../domain/dates.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { canOrganise, meetingsFor } from "../../../services/meetings.ts";
import { typedText } from "../../blocks/escape.ts";
import { meetingsMessage, scheduleModal } from "../../blocks/meetings.ts";
import { userLang } from "../../i18n/locale.ts";
import { openLoading, replaceView } from "../../requestFlow.ts";

export function meetingCommand(ctx: ServiceContext) {
  return async ({
    command,
    ack,
    client,
    respond,
    logger,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const text = typedText(command.text).trim();
    await ack();
    const d = { client, ctx, logger };
    const userId = command.user_id;
    if (!text && (await canOrganise(ctx.db, userId))) {
      const viewId = await openLoading(d, command.trigger_id);
      if (!viewId) return;
      const lang = await userLang(client, ctx.db, userId);
      await replaceView(d, viewId, scheduleModal(lang, shanghaiDate(ctx.clock.now())));
      return;
    }
    const lang = await userLang(client, ctx.db, userId);
    const msg = meetingsMessage(lang, await meetingsFor(ctx, userId));
    await respond({ response_type: "ephemeral", text: msg.text, blocks: msg.blocks });
  };
}
