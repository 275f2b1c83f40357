// The slash-command listeners: one named callback per file in this folder, registered here.
import type { App } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { MEETING_COMMAND } from "../../blocks/meetings.ts";
import { leaveCommand } from "./leave.ts";
import { meetingCommand } from "./meeting.ts";
import { recordCommand } from "./record.ts";
import { scoreCommand } from "./score.ts";
import { tripCommand } from "./trip.ts";

/**
 * Leave requests: /qingjia (请假) and its English alias /timeoff, one listener. Not /leave: that is one of
 * Slack's built-in commands (it leaves the channel) and never reaches an app (issue #8); manifest.yml
 * declares both, and test/unit/manifest.test.ts holds every command against Slack's built-in list.
 */
export const LEAVE_COMMANDS = ["/qingjia", "/timeoff"] as const;

export function registerCommands(app: App, ctx: ServiceContext): void {
  app.command("/deduct", recordCommand(ctx));
  app.command("/bonus", recordCommand(ctx));
  for (const command of LEAVE_COMMANDS) app.command(command, leaveCommand(ctx));
  app.command("/trip", tripCommand(ctx));
  app.command("/score", scoreCommand(ctx));
  // Window leaders' meetings (例会制度, RULES.md §8).
  app.command(MEETING_COMMAND, meetingCommand(ctx));
}
