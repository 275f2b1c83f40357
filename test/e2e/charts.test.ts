// The monthly close's charts over signed HTTP (issue #13 part 3): inspection closes July from the App
// Home; the channel's post is followed by the PNG of the window scores (bars, July and June) and each
// person's notice by their score over the last 12 months, in their language, uploaded through the strict
// stand-in (files.getUploadURLExternal → upload → files.completeUploadExternal, scopes and membership
// checked). June's results are frozen already, so both charts have a month to compare with.

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordSchedulerInstall } from "../../src/jobs/scheduler.ts";
import { ADMIN_CLOSE } from "../../src/slack/blocks/admin.ts";
import type { ViewJson } from "../../src/slack/standin/slackHttp.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG, PEOPLE } from "../helpers/org.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

let h: AppHarness;
let calls: StandInCall[] = [];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeAll(async () => {
  // Monday 2026-08-03 10:00 in Shanghai; July is over and not closed. 林一 reads Slack in English.
  h = await startAppHarness({
    now: "2026-08-03T02:00:00.000Z",
    locales: { [ORG.taxStaff1]: "en-US" },
    seed: async (db) => {
      // The scheduler was installed in July (its first month to close), so inspection may close it by hand.
      await recordSchedulerInstall(db, new Date("2026-07-01T01:00:00.000Z"));
      // June, as its close froze it (only the columns the charts read matter here).
      for (const [i, id] of PEOPLE.entries())
        await db.personMonthResult.create({
          data: {
            month: "2026-06",
            personId: id,
            baseHundredths: 10000,
            bonusHundredths: 0,
            scoreHundredths: 9000 + i * 150,
            rank: PEOPLE.length - i,
            band: 1,
            amountFen: 0,
            transfer: false,
            detail: "{}",
          },
        });
      for (const [i, id] of ["tax", "hrss", "estate"].entries())
        await db.windowMonthResult.create({
          data: {
            month: "2026-06",
            windowId: id,
            scoreHundredths: 9100 + i * 200,
            rank: 3 - i,
            detail: "{}",
          },
        });
    },
  });
  const opened = await callsDuring(h, () =>
    h.slack.sendAction(
      { id: ORG.inspector1 },
      { action_id: ADMIN_CLOSE, value: "" },
      { view: { id: "VHOME", type: "home" } },
    ),
  );
  const modal: ViewJson = lastView(opened);
  calls = await callsDuring(h, async () => {
    const done = (
      await h.slack.sendViewSubmission({ id: ORG.inspector1 }, modal, {
        admin_close_month_pick: "2026-07",
        admin_close_reason: "评价器数据已导入",
      })
    ).json as { view?: ViewJson };
    expect(textOf(done.view?.blocks)).toContain("2026年7月已结算");
  });
});
afterAll(async () => {
  await h?.close();
});

/** The files shared into `channel` during the close, with their uploaded bytes. */
function sharedTo(channel: string) {
  return calls
    .filter((c) => c.method === "files.completeUploadExternal" && c.args.channel_id === channel)
    .flatMap((c) =>
      ((c.args.files as { id: string }[]) ?? []).map((f) => ({
        comment: String(c.args.initial_comment ?? ""),
        at: calls.indexOf(c),
        ...h.standIn.uploads.get(f.id)!,
      })),
    );
}

const size = (png: Buffer) => {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe("the monthly close's charts", () => {
  test("the channel's post is followed by the PNG of the window scores, July against June", () => {
    const post = calls.findIndex((c) => c.method === "chat.postMessage" && c.args.channel === ORG.channel);
    expect(post).toBeGreaterThanOrEqual(0);
    const chart = sharedTo(ORG.channel).find((f) => f.filename.endsWith(".png"));
    expect(chart?.filename).toBe(`${h.org?.center.name}2026年7月窗口得分图.png`);
    expect(chart!.comment).toBe("2026年7月各窗口得分图（本月与上月对比）");
    expect(chart!.at).toBeGreaterThan(post);
    expect(size(chart!.bytes)).toEqual({ width: 760, height: 78 + 3 * 40 + 58 });
    // Drawn beside the month's workbooks.
    const onDisk = path.join(h.exportDir, "2026-07", "charts", "c1", "windows.png");
    expect(fs.readFileSync(onDisk).equals(chart!.bytes)).toBe(true);
  });

  test("each person's notice is followed by their 12-month chart, in their language", () => {
    for (const id of PEOPLE) {
      const dm = h.standIn.dmChannel(id);
      const notice = calls.findIndex((c) => c.method === "chat.postMessage" && c.args.channel === id);
      const charts = sharedTo(dm);
      expect(charts).toHaveLength(1);
      expect(charts[0]!.at).toBeGreaterThan(notice);
      expect(size(charts[0]!.bytes)).toEqual({ width: 640, height: 300 });
      expect(fs.existsSync(path.join(h.exportDir, "2026-07", "charts", "c1", `trend-${id}.png`))).toBe(true);
    }
    const [wang] = sharedTo(h.standIn.dmChannel(ORG.taxStaff2));
    expect(wang!.filename).toBe("考评分走势-2026年7月.png");
    expect(wang!.comment).toBe("您近12个月的考评分走势（截至2026年7月）");
    const [lin] = sharedTo(h.standIn.dmChannel(ORG.taxStaff1));
    expect(lin!.filename).toBe("score-trend-2026-07.png");
    expect(lin!.comment).toBe("Your score over the last 12 months (to Jul 2026)");
    // Only the people evaluated get one: the director's DM has the full workbook only.
    expect(sharedTo(h.standIn.dmChannel(ORG.director)).map((f) => f.filename.slice(-5))).toEqual([".xlsx"]);
  });
});
