// "Cancel" under a quick-form preview: nothing was written; the preview says so.
import type { ServiceContext } from "../../../services/context.ts";
import { t } from "../../i18n/index.ts";
import { replaceSource } from "./requestSubmit.ts";
import { type ButtonArgs, clickOf } from "./shared.ts";

export function requestCancelAction(ctx: ServiceContext) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const click = clickOf(ctx, args);
    await replaceSource(args, t(await click.lang(), "req.quick.cancelled"));
  };
}
