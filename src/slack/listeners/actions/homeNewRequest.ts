// The App Home's "Leave" / "Official trip" buttons open the request form.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { HOME_NEW_TRIP } from "../../blocks/home.ts";
import { openRequestForm } from "../../requestFlow.ts";

export function homeNewRequestAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    logger,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    await openRequestForm(
      { client, ctx, logger },
      body.trigger_id,
      body.user.id,
      action.action_id === HOME_NEW_TRIP ? "trip" : "personal",
    );
  };
}
