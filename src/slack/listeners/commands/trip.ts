// /trip: the official-trip form, or the one-line trip form (RULES.md §3(四)).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { handleRequestCommand } from "./leave.ts";

export function tripCommand(ctx: ServiceContext) {
  return (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => handleRequestCommand(ctx, "trip", args);
}
