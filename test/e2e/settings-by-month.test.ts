// Rules by date (RULES.md §8a), end to end over signed HTTP: July is closed from the App Home; an
// administrator raises the band amounts from August with the real CLI (`settings set … --from`), which
// refuses a change from July while July is closed; the director reopens July with the Home tab's button;
// July is closed again from the Home tab and its results and money are what they were. A change from
// July itself (July reopened) does change them.

import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordSchedulerInstall } from "../../src/jobs/scheduler.ts";
import { ADMIN_CLOSE } from "../../src/slack/blocks/admin.ts";
import type { ViewJson } from "../../src/slack/standin/slackHttp.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { file } from "../helpers/closeFixture.ts";
import { ORG } from "../helpers/org.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

const root = path.resolve(import.meta.dirname, "../..");
const BANDS = "scoring.bandAmountsFen";

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);

beforeAll(async () => {
  // Monday 2026-08-03 10:00 in Shanghai; July is over and not closed yet. The scheduler was installed in
  // July, so the Home tab offers July to close.
  h = await startAppHarness({
    now: "2026-08-03T02:00:00.000Z",
    // The scheduler was installed in July (its first month to close), so inspection may close it by hand.
    seed: (db) => recordSchedulerInstall(db, new Date("2026-07-01T01:00:00.000Z")),
  });
  await file(h.ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-07-08");
  await file(h.ctx, { person: ORG.taxStaff1 }, "S-BON-WORKLOAD", "2026-07-20", { points: "2" });
  await file(h.ctx, { person: ORG.estateLeader }, "S-ATT-LATE", "2026-07-23");
});
afterAll(async () => {
  await h?.close();
});

/** The real CLI on the app's database file (as an administrator runs it next to the bot). */
const cli = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      "npx",
      ["tsx", "src/cli/main.ts", ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: `file:${h.dbFile}` } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });

const click = async (user: string, actionId: string, value = "") =>
  lastView(
    await during(() =>
      h.slack.sendAction(
        { id: user },
        { action_id: actionId, value },
        { view: { id: "VHOME", type: "home" } },
      ),
    ),
  );

type Answer = { response_action: string; view?: ViewJson };

/** Closes (or closes again) July from the App Home's "结算月份", as the given user. */
async function closeJulyFromHome(user: string, again: boolean): Promise<string> {
  const modal = await click(user, ADMIN_CLOSE, again ? "2026-07" : "");
  expect(modal.callback_id).toBe("admin_close_modal");
  const r = await h.slack.sendViewSubmission({ id: user }, modal, {
    admin_close_month_pick: "2026-07",
    admin_close_reason: again ? "复核后再次结算" : "评价器数据已导入",
  });
  return textOf((r.json as Answer).view!.blocks);
}

/** Reopens July with the director's "重新开放本月" button and the reason modal. */
async function reopenJulyFromHome(reason: string): Promise<void> {
  const modal = await click(ORG.director, "close_reopen_month", "2026-07");
  expect(modal.callback_id).toBe("close_reopen_modal");
  const r = await h.slack.sendViewSubmission({ id: ORG.director }, modal, { reason });
  expect((r.json as Answer).response_action).toBe("update");
  expect((await h.db.period.findUniqueOrThrow({ where: { period: "2026-07" } })).state).toBe("reopened");
}

const julyRows = async () =>
  (await h.db.personMonthResult.findMany({ where: { month: "2026-07" }, orderBy: { personId: "asc" } })).map(
    (r) => [r.personId, r.scoreHundredths, r.rank, r.band, r.amountFen] as const,
  );

describe("a settings change leaves an old month's result unchanged", { timeout: 120_000 }, () => {
  test("July closed, bands raised from August, July reopened and closed again: the same results", async () => {
    expect(await closeJulyFromHome(ORG.inspector1, false)).toContain("2026年7月已结算");
    const first = await julyRows();
    expect(first.filter((r) => r[3] === 1).every((r) => r[4] === 50000)).toBe(true); // 500 元 (§4(4))

    // While July is closed a change cannot take effect in it (RULES.md §8a: reopen first).
    const refused = await cli("settings", "set", BANDS, "[80000,70000,60000]", "--from", "2026-07");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("2026-07 已结算");
    const refusedEn = await cli(
      "settings",
      "set",
      BANDS,
      "[80000,70000,60000]",
      "--from",
      "2026-07",
      "--lang",
      "en",
    );
    expect(refusedEn.stderr).toContain("2026-07 is closed");

    const set = await cli("settings", "set", BANDS, "[80000,70000,60000]", "--from", "2026-08");
    expect([set.code, set.stdout.trim()]).toEqual([
      0,
      `${BANDS}: [50000,45000,40000] → [80000,70000,60000]（2026-08 起生效）`,
    ]);
    const history = await cli("settings", "history", BANDS);
    expect(history.stdout).toContain(`${BANDS}  2026-08 起  = [80000,70000,60000]`);

    await reopenJulyFromHome("复核 7 月结果");
    expect(await closeJulyFromHome(ORG.director, true)).toContain("2026年7月已结算（第 2 次，更正）");
    expect(await julyRows()).toEqual(first);
    const corrected = await h.db.outboundMessage.findUniqueOrThrow({
      where: { key: "close:2026-07:c2:channel" },
    });
    expect(corrected.blocks ?? "").not.toContain("800");

    // A change from July itself, July reopened, does change July's money.
    await reopenJulyFromHome("7 月起调整奖金");
    const fromJuly = await cli("settings", "set", BANDS, "[90000,45000,40000]", "--from", "2026-07");
    expect(fromJuly.code).toBe(0);
    expect(await closeJulyFromHome(ORG.director, true)).toContain("第 3 次");
    const third = await julyRows();
    expect(third.map((r) => r.slice(0, 4))).toEqual(first.map((r) => r.slice(0, 4)));
    expect(third.filter((r) => r[3] === 1).map((r) => r[4])).toEqual(
      first.filter((r) => r[3] === 1).map(() => 90000),
    );
  });
});
