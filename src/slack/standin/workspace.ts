// The workspace an organisation file implies, set up in the strict stand-in: every person and center
// role is a member of the workspace (users.info and users.list know them, each with their own locale),
// and the center's channel exists with all of them in it and the bot invited — as README "Going live"
// tells a center to do (Slack refuses a file shared to a channel the bot is not in: not_in_channel).
// Used by the test harness, the demo and the bench.
import type { OrgFile, OrgView } from "../../services/org.ts";
import type { SlackStandIn } from "./index.ts";

/** Every Slack user id the file names: center roles, window leaders and parent-unit leaders, people. */
export function orgUserIds(org: OrgFile): string[] {
  const ids = [
    org.center.director,
    org.center.deputyDirector,
    ...org.center.inspection,
    ...org.windows.flatMap((w) => [w.leader, ...(w.parentUnitLeader ? [w.parentUnitLeader] : [])]),
    ...org.people.map((p) => p.slackId),
  ];
  return [...new Set(ids)];
}

export interface WorkspaceOptions {
  /** More workspace members outside the org (e.g. someone in no role). */
  moreUsers?: readonly string[];
  /** Each user's Slack locale (users.info include_locale); the others get the stand-in's zh-CN. */
  locales?: Readonly<Record<string, string>>;
  /** Display names by user id (default: the org file's names). */
  names?: Readonly<Record<string, string>>;
}

/** Registers the org's people and its center channel (bot invited) in the stand-in. */
export function seedStandInWorkspace(
  standIn: SlackStandIn,
  org: OrgFile | null,
  opts: WorkspaceOptions = {},
) {
  const names = new Map<string, string>(org?.people.map((p) => [p.slackId, p.name]) ?? []);
  for (const [id, name] of Object.entries(opts.names ?? {})) names.set(id, name);
  const ids = [...new Set([...(org ? orgUserIds(org) : []), ...(opts.moreUsers ?? [])])];
  for (const id of ids) {
    const name = names.get(id);
    standIn.users.set(id, {
      ...standIn.users.get(id),
      ...(name ? { name, realName: name } : {}),
    });
  }
  for (const [id, locale] of Object.entries(opts.locales ?? {}))
    standIn.users.set(id, { ...standIn.users.get(id), locale });
  if (org) standIn.addChannel(org.center.channel, { name: "center", members: ids, botInvited: true });
}

/**
 * The same workspace from the stored organisation: `npm start` in demo mode (SERVICE_HALL_DEMO=1) runs
 * against the strict stand-in, which refuses DMs to users it does not know (user_not_found).
 */
export function seedStandInFromStoredOrg(standIn: SlackStandIn, view: OrgView) {
  if (!view.center) return;
  const org: OrgFile = {
    center: {
      name: view.center.name,
      channel: view.center.channelId,
      director: view.center.directorId,
      deputyDirector: view.center.deputyDirectorId,
      inspection: view.inspection,
    },
    windows: [],
    people: [],
  };
  const people = view.windows.flatMap((w) => w.people.filter((p) => p.active));
  const leaders = view.windows.flatMap((w) => [w.leaderId, w.parentUnitLeaderId]).filter((id) => id !== null);
  seedStandInWorkspace(standIn, org, {
    moreUsers: [...leaders, ...people.map((p) => p.id)],
    names: Object.fromEntries(people.map((p) => [p.id, p.name])),
  });
}
