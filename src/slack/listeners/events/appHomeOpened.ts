// The App Home tab: my requests, approvals waiting for me, the month's score (views.publish).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { publishHome } from "../../requestFlow.ts";

export function appHomeOpenedEvent(ctx: ServiceContext) {
  return async ({
    event,
    client,
    logger,
  }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs) => {
    if (event.tab !== "home") return;
    await publishHome({ client, ctx, logger }, event.user);
  };
}
