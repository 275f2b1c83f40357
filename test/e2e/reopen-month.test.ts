// Reopening a closed month from Slack (RULES.md §4(4)): the director's App Home shows the closed months
// with a "Reopen month" button; the modal asks the reason and calls the same service as the CLI's
// `reopen` (logged); inspection is told the month is open for corrections; anyone else is refused politely.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runMonthClose } from "../../src/jobs/closeFlow.ts";
import { reopenPeriod } from "../../src/services/closeMonth.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { file } from "../helpers/closeFixture.ts";
import { ORG } from "../helpers/org.ts";
import type { ViewJson } from "../helpers/slackHttp.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);
let dir: string;

// Each test has its own app, database and fixed clock (issue #12: no test depends on an earlier one):
// Monday 2026-08-03 10:00 in Shanghai, July closed by the scheduler; inspector 2 reads Slack in English.
beforeEach(async () => {
  h = await startAppHarness({ now: "2026-08-03T02:00:00.000Z", locales: { [ORG.inspector2]: "en-US" } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-reopen-"));
  const r = await runMonthClose(h.ctx, "2026-07", { actor: "scheduler", exportDir: dir });
  if (!r.ok) throw new Error(`close failed: ${r.code}`);
});
afterEach(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function home(user: string): Promise<Json> {
  const calls = await during(() => h.slack.sendAppHomeOpened({ id: user }));
  const publish = calls.find((c) => c.method === "views.publish" && c.args.user_id === user);
  return publish!.args.view as Json;
}

const reopenButtons = (view: Json) =>
  ((view.blocks as Json[]) ?? [])
    .map((b) => b.accessory as Json | undefined)
    .filter((a) => a?.action_id === "close_reopen_month");

const clickReopen = (user: string, month: string) =>
  during(() =>
    h.slack.sendAction(
      { id: user },
      { action_id: "close_reopen_month", value: month },
      { view: { id: "VHOME", type: "home" } },
    ),
  );

describe("reopen a closed month from the director's App Home", () => {
  test("only the director sees the button; others who click it are refused politely", async () => {
    const director = await home(ORG.director);
    expect(textOf(director.blocks)).toContain("月度结算（主任）");
    expect(textOf(director.blocks)).toContain("*2026年7月* · 已结算（2026-08-03 10:00）");
    const [button] = reopenButtons(director);
    expect([button!.value, (button!.text as Json).text]).toEqual(["2026-07", "重新开放本月"]);

    const inspector = await home(ORG.inspector1);
    expect(reopenButtons(inspector)).toEqual([]);
    expect(textOf(inspector.blocks)).not.toContain("月度结算（主任）");

    for (const [user, text] of [
      [ORG.inspector1, "抱歉，只有中心主任可以重新开放已结算的月份。如需更正，请联系主任。"],
      [ORG.inspector2, "Sorry, only the director can reopen a closed month."],
    ] as const) {
      const refused = lastView(await clickReopen(user, "2026-07"));
      expect(refused.callback_id).toBeUndefined(); // a message, not a form
      expect(textOf(refused.blocks)).toContain(text);
    }
    expect((await h.db.period.findUniqueOrThrow({ where: { period: "2026-07" } })).state).toBe("closed");
  });

  test("the director gives a reason; the month reopens, is logged, inspection is told, the home shows it", async () => {
    const modal = lastView(await clickReopen(ORG.director, "2026-07"));
    expect(modal.callback_id).toBe("close_reopen_modal");
    expect(textOf(modal.blocks)).toContain("2026年7月已于 2026-08-03 10:00 结算。");
    const blank = await h.slack.sendViewSubmission({ id: ORG.director }, modal, { reason: "  " });
    expect(blank.json).toEqual({
      response_action: "errors",
      errors: { reason: "请填写重新开放的原因（不超过 500 字）。" },
    });
    expect(await h.db.auditLog.count({ where: { action: "period.reopen" } })).toBe(0);

    const reason = "王二 7月8日的扣分登记错人 <!channel>";
    const done = await during(async () => {
      const r = await h.slack.sendViewSubmission({ id: ORG.director }, modal, { reason });
      const answer = r.json as { response_action: string; view: ViewJson };
      expect(answer.response_action).toBe("update");
      expect(textOf(answer.view.blocks)).toContain("2026年7月已重新开放，督查科已收到通知。");
    });
    const period = await h.db.period.findUniqueOrThrow({ where: { period: "2026-07" } });
    expect([period.state, period.reopenedBy, period.reopenReason]).toEqual([
      "reopened",
      ORG.director,
      reason,
    ]);
    const log = await h.db.auditLog.findFirstOrThrow({ where: { action: "period.reopen" } });
    expect([log.actorId, log.entityId, log.note]).toEqual([ORG.director, "2026-07", reason]);

    const dm = (to: string) =>
      done
        .filter((c) => c.method === "chat.postMessage" && c.args.channel === to)
        .map((c) => String(c.args.text));
    expect(dm(ORG.inspector1)).toEqual([
      `🔓 <@${ORG.director}> 重新开放了2026年7月的考评，现在可以更正该月的记录（登记或撤销扣分、加分）。原因：王二 7月8日的扣分登记错人 &lt;!channel&gt;。更正完成后，请在应用主页点击「结算月份」再次结算；在此之前自动结算不会处理该月。`,
    ]);
    expect(dm(ORG.inspector2)[0]).toContain(`🔓 <@${ORG.director}> reopened July 2026 for corrections`);
    expect(dm(ORG.channel)).toEqual([]); // nothing public

    const republished = done.find((c) => c.method === "views.publish" && c.args.user_id === ORG.director);
    const after = republished!.args.view as Json;
    expect(textOf(after.blocks)).toContain(
      `*2026年7月* · 🔓 已由 <@${ORG.director}> 重新开放（2026-08-03 10:00）`,
    );
    expect(reopenButtons(after)).toEqual([]);

    // A stale click on the old button: the month is not closed any more, nothing changes.
    const stale = lastView(await clickReopen(ORG.director, "2026-07"));
    expect(textOf(stale.blocks)).toContain(
      "2026-07 目前不是已结算状态（尚未结算或已重新开放），无需重新开放。",
    );
    expect(await h.db.auditLog.count({ where: { action: "period.reopen" } })).toBe(1);
  });

  test("after the correction the month closes again and can be reopened again; a closed quarter hides the button", async () => {
    // Its own state: July reopened by the director (the service the modal calls), then corrected.
    const reopened = await reopenPeriod(h.ctx, { period: "2026-07", actor: ORG.director, reason: "更正" });
    expect(reopened.ok).toBe(true);
    await file(h.ctx, { person: ORG.taxStaff1 }, "S-ATT-LATE", "2026-07-08");
    const again = await runMonthClose(h.ctx, "2026-07", { actor: "admin", exportDir: dir });
    expect(again.ok && again.value.kind === "closed" && again.value.closed.corrected).toBe(true);
    expect(reopenButtons(await home(ORG.director)).map((b) => b?.value)).toEqual(["2026-07"]);

    await h.db.period.create({ data: { period: "2026-Q3", state: "closed", closings: 1 } });
    const blocked = await home(ORG.director);
    expect(reopenButtons(blocked)).toEqual([]);
    expect(textOf(blocked.blocks)).toContain("所在季度也已结算，如需更正须先重新开放季度。");
  });
});
