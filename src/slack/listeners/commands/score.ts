// /score: the caller's month so far (RULES.md §4), computed live until the month is closed.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { isPerson } from "../../../services/orgLookups.ts";
import { appealSection } from "../../appealFlow.ts";
import { chunked } from "../../blocks/fit.ts";
import { t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { monthScoreLines } from "../../requestFlow.ts";

export function scoreCommand(ctx: ServiceContext) {
  return async ({
    command,
    ack,
    client,
    respond,
    logger,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const lang = await userLang(client, ctx.db, command.user_id);
    const lines = (await isPerson(ctx.db, command.user_id))
      ? await monthScoreLines({ client, ctx, logger }, lang, command.user_id)
      : [t(lang, "req.score.not_person")];
    const text = (lines ?? [t(lang, "req.score.unavailable")]).join("\n");
    // The deductions the caller can appeal, or has under appeal (RULES.md §8a), with the Appeal button.
    const appeals = await appealSection(ctx, lang, command.user_id);
    await respond({
      response_type: "ephemeral",
      text,
      ...(appeals.length > 0
        ? { blocks: [...chunked(text.split("\n"), { lang, maxBlocks: 3 }), ...appeals] }
        : {}),
    });
  };
}
