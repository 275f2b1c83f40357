// Block Kit for reopening a closed month from Slack (RULES.md §4(4)): the director's section of the App
// Home with a "Reopen month" button per reopenable month, the modal asking the reason, the answer once
// reopened, and the notice to inspection that the month is open for corrections.
import type { MonthState } from "../../services/monthStates.ts";
import { type Lang, t } from "../i18n/index.ts";
import { ADMIN_CLOSE } from "./admin.ts";
import { periodName } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import {
  context,
  divider,
  type KnownBlock,
  type ModalView,
  mention,
  plain,
  section,
  when,
} from "./requests.ts";

export const REOPEN_MONTH = "close_reopen_month";
export const REOPEN_CALLBACK = "close_reopen_modal";

export interface ReopenModalMeta {
  month: string;
}

function monthLine(lang: Lang, m: MonthState): string {
  const name = `*${periodName(lang, m.month)}*`;
  if (m.state === "reopened")
    return t(lang, "close.home.reopened", {
      month: name,
      at: when(m.reopenedAt),
      by: m.reopenedBy ? mention(m.reopenedBy) : "",
      reason: escapeSlackText(m.reopenReason ?? ""),
      code: m.month,
    });
  return t(lang, m.canReopen ? "close.home.closed" : "close.home.closed_quarter", {
    month: name,
    at: when(m.closedAt),
  });
}

/** The director's part of the App Home: recent months and their close state. */
export function directorCloseBlocks(lang: Lang, months: readonly MonthState[]): KnownBlock[] {
  const blocks: KnownBlock[] = [divider, section(`*${t(lang, "close.home.title")}*`)];
  if (months.length === 0) blocks.push(context(t(lang, "close.home.none")));
  for (const m of months) {
    const block = section(monthLine(lang, m)) as KnownBlock & { accessory?: unknown };
    if (m.canReopen)
      block.accessory = {
        type: "button",
        action_id: REOPEN_MONTH,
        text: plain(t(lang, "close.reopen.button")),
        value: m.month,
      };
    // A reopened month is closed again from here once corrected (the close modal, blocks/admin.ts).
    if (m.state === "reopened")
      block.accessory = {
        type: "button",
        action_id: ADMIN_CLOSE,
        text: plain(t(lang, "manage.button.close_again")),
        value: m.month,
      };
    blocks.push(block);
  }
  return blocks;
}

export function reopenModal(lang: Lang, month: string, closedAt: Date | null): ModalView {
  const meta: ReopenModalMeta = { month };
  return {
    type: "modal",
    callback_id: REOPEN_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, "close.reopen.title")),
    submit: plain(t(lang, "close.reopen.submit")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      section(t(lang, "close.reopen.intro", { month: periodName(lang, month), at: when(closedAt) })),
      {
        type: "input",
        block_id: "reason",
        label: plain(t(lang, "close.reopen.reason")),
        hint: plain(t(lang, "close.reopen.reason_hint")),
        element: { type: "plain_text_input", action_id: "reason", multiline: true, max_length: 500 },
      },
    ],
  };
}

/** What inspection is told once a month is reopened. */
export function reopenedNotice(lang: Lang, month: string, by: string, reason: string): string {
  return t(lang, "close.reopen.inspection", {
    month: periodName(lang, month),
    by: mention(by),
    reason: escapeSlackText(reason),
    code: month,
  });
}
