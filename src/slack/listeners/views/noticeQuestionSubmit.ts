// Submission of the "对此有疑问" modal (RULES.md §8a, until the appeal arrives): the question is logged
// and, in the same transaction, queued to every inspection member with the person's records and to the
// person as a confirmation (issue #9: nothing that follows a state change is sent inline). After the
// deadline the modal answers why; an empty question is an error on the field.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { cleanText } from "../../../domain/text.ts";
import { type DbTx, enqueue } from "../../../jobs/outbox.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { atMonth } from "../../../services/monthSettings.ts";
import {
  askAboutNotice,
  monthHeadCount,
  type NoticeQuestionOutcome,
} from "../../../services/noticeQuestions.ts";
import type { Notify } from "../../../services/notify.ts";
import { inspectionMembers } from "../../../services/org.ts";
import { personNames, windowRows } from "../../../services/orgLookups.ts";
import type { Names } from "../../blocks/close.ts";
import { questionMessage, questionSentMessage } from "../../blocks/notice.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { langIn } from "../../requestFlow.ts";
import { submissionOf } from "./metadata.ts";

const metaSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) });

/** Names of the people and windows a question's lines mention, read through the transaction. */
async function namesIn(tx: DbTx, o: NoticeQuestionOutcome): Promise<Names> {
  const ids = new Set<string>([o.person.id]);
  for (const l of o.person.lines) if (l.fromPerson) ids.add(l.fromPerson);
  for (const r of o.records.values()) if (r.linkedFrom?.personId) ids.add(r.linkedFrom.personId);
  const [person, windows] = await Promise.all([personNames(tx, ids), windowRows(tx, [o.person.window])]);
  const window = windows[0];
  return {
    person: (id) => person.get(id) ?? id,
    window: (id) => (window?.id === id ? window.name : id),
  };
}

export function noticeQuestionSubmission(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    view,
    client,
    logger,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = await submissionOf(ctx, { ack, body, view, client, logger }, metaSchema);
    if (!submission) return;
    const { userId, lang, meta } = submission;
    const question = cleanText(view.state.values.question?.question?.value ?? "");
    const lines = (view.state.values.lines?.lines?.selected_options ?? []).map((o) => Number(o.value));
    // Keyed by the question's AuditLog row: each question is its own message, and a retried delivery
    // of the same submission (the replay guard) queues nothing twice.
    const tell: Notify<NoticeQuestionOutcome> = async (tx, o) => {
      const names = await namesIn(tx, o);
      const headCount = await monthHeadCount(tx, o.month);
      for (const to of await inspectionMembers(tx)) {
        const msg = questionMessage(await langIn(tx, to), o, {
          names,
          headCount,
          scoring: atMonth(ctx, o.month).settings.scoring, // the month's own (RULES.md §8a)
        });
        await enqueue(tx, { key: `notice-question:${o.auditId}:${to}`, channel: to, ...msg });
      }
      const sent = questionSentMessage(await langIn(tx, o.person.id), o);
      await enqueue(tx, { key: `notice-question:${o.auditId}:confirm`, channel: o.person.id, ...sent });
    };
    const r = await askAboutNotice(ctx, { month: meta.month, personId: userId, question, lines }, tell);
    if (!r.ok) {
      if (r.code === "NOTICE.QUESTION_REQUIRED")
        await ack({ response_action: "errors", errors: { question: errorText(lang, r) } });
      else
        await ack({
          response_action: "update",
          view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
        });
      return;
    }
    // The modal says it is sent; the confirmation (with the question, to keep) and inspection's
    // messages come through the outbox.
    await ack({
      response_action: "update",
      view: messageView(lang, t(lang, "notice.done_title"), questionSentMessage(lang, r.value).text),
    });
  };
}
