// Block Kit for cover (顶岗, RULES.md §3 五) named outside an approval decision: the reminder to the
// window leader with its "Name cover" button, the modal with the person picker, and the reminder as it
// reads once someone is named (updated in place).
import type { RequestRow } from "../../services/approvals.ts";
import type { DueCoverReminder } from "../../services/reminders.ts";
import { type Lang, t } from "../i18n/index.ts";
import type { Rendered } from "./close.ts";
import { escapeSlackText } from "./escape.ts";
import {
  context,
  kindName,
  type ModalView,
  mention,
  type PersonRef,
  personText,
  plain,
  requestPeriod,
  section,
  when,
} from "./requests.ts";

export const COVER_NAME = "cover_name";
export const COVER_NAME_CALLBACK = "cover_name_modal";

/** Where the modal was opened from: the reminder message is updated once the cover is named. */
export interface CoverModalMeta {
  requestId: number;
  channel?: string;
  ts?: string;
}

function reminderText(lang: Lang, r: DueCoverReminder): string {
  const who = r.windowName
    ? lang === "zh"
      ? `${r.requesterName}（${r.windowName}）`
      : `${r.requesterName} (${r.windowName})`
    : r.requesterName;
  return t(lang, "remind.cover", {
    requester: escapeSlackText(who),
    kind: kindName(r.request.kind, lang),
    period: requestPeriod(lang, r.request),
    start:
      r.starts === "later"
        ? t(lang, "req.cover.on", { date: r.request.startDate })
        : t(lang, `req.cover.${r.starts}`),
  });
}

/**
 * A message to the window leader that asks for cover, with the [指定顶岗人] button: the reminder, the
 * "请您安排顶岗" notice of a chain without the leader's opinion, and the notice that a request of the
 * window is approved. The button names the cover there and then (coverFlow.ts updates the message).
 */
export function coverAskMessage(lang: Lang, text: string, requestId: number): Rendered {
  return {
    text,
    blocks: [
      section(text),
      {
        type: "actions",
        block_id: `cover_${requestId}`,
        elements: [
          {
            type: "button",
            action_id: COVER_NAME,
            style: "primary",
            text: plain(t(lang, "req.cover.button")),
            value: String(requestId),
          },
        ],
      },
    ],
  };
}

/** The leader's reminder (queued by the scheduler's reminder tick): the text and a "Name cover" button. */
export function coverReminderMessage(lang: Lang, r: DueCoverReminder): Rendered {
  return coverAskMessage(lang, reminderText(lang, r), r.request.id);
}

/** The reminder once a cover is named: no button, who covers, who named them and when. */
export function coverNamedMessage(
  lang: Lang,
  request: RequestRow,
  requester: PersonRef,
  leaderId: string,
  at: Date,
): Rendered {
  const text = t(lang, "req.cover.named", {
    requester: personText(lang, requester),
    kind: kindName(request.kind, lang),
    period: requestPeriod(lang, request),
    cover: mention(request.coverId ?? ""),
    leader: mention(leaderId),
    at: when(at),
  });
  return { text, blocks: [section(text)] };
}

export function coverNameModal(
  lang: Lang,
  request: RequestRow,
  requester: PersonRef,
  meta: CoverModalMeta,
): ModalView {
  return {
    type: "modal",
    callback_id: COVER_NAME_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(t(lang, "req.cover.modal_title")),
    submit: plain(t(lang, "common.confirm")),
    close: plain(t(lang, "common.cancel")),
    blocks: [
      context(
        t(lang, "req.modal.about", {
          requester: personText(lang, requester),
          kind: kindName(request.kind, lang),
          id: request.id,
          period: requestPeriod(lang, request),
        }),
      ),
      {
        type: "input",
        block_id: "cover",
        label: plain(t(lang, "req.modal.cover_person")),
        hint: plain(t(lang, "req.cover.modal_hint")),
        element: {
          type: "users_select",
          action_id: "cover",
          ...(request.coverId ? { initial_user: request.coverId } : {}),
        },
      },
    ],
  };
}
