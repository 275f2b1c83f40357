// The quick form's Cancel: nothing was saved; the preview is replaced so it cannot be confirmed later.
import type { ServiceContext } from "../../../services/context.ts";
import { t } from "../../i18n/index.ts";
import { type ButtonArgs, clickOf } from "./shared.ts";

export function recordCancel(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = clickOf(ctx, args);
    await args.respond({ replace_original: true, text: t(await click.lang(), "records.cancelled") });
  };
}
