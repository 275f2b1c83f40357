// The upload modal's submissions (issue #10): "检查文件" takes the file Slack stored for the file_input,
// reads it (files.info and url_private with the bot token, ../../slackFiles.ts) and runs the CLI's
// importer as a dry run: the row report replaces the modal — every refused row, nothing written, and
// the file input for the corrected file; or what will be imported, with "确认导入". That submission
// reads the same file again and imports it for real (all or nothing, logged by the importer); an
// attendance import queues inspection's review messages in its own transaction. The uploader is the
// only one whose file is read, and only inspection and the director may (the service checks).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { attendanceReviewNotices } from "../../../jobs/closeFlow.ts";
import { wakeOutbox } from "../../../jobs/outbox.ts";
import {
  importUpload,
  requireAdmin,
  UPLOAD_KINDS,
  UPLOAD_MAX_BYTES,
  type UploadKind,
} from "../../../services/admin.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { answerSubmission, type SubmissionAnswer, stateValue } from "../../adminFlow.ts";
import {
  IMPORT_FILE,
  type ImportMeta,
  importDoneView,
  importModal,
  importReportModal,
  workingView,
} from "../../blocks/admin.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, type Lang, t } from "../../i18n/index.ts";
import { fetchSlackFile } from "../../slackFiles.ts";
import { submissionOf } from "./metadata.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const metaSchema: z.ZodType<ImportMeta> = z.union([
  z.object({ k: z.enum(UPLOAD_KINDS), s: z.literal("check") }),
  z.object({ k: z.enum(UPLOAD_KINDS), s: z.literal("confirm"), f: z.string().regex(/^F[A-Z0-9]{1,30}$/) }),
]);

export function adminImportSubmission(ctx: ServiceContext) {
  return async ({ ack, body, view, client, context, logger }: Args): Promise<void> => {
    const submission = await submissionOf(ctx, { ack, body, view, client, logger }, metaSchema);
    if (!submission) return;
    const { userId, lang, meta } = submission;
    // Nobody else's file is read for someone who may not import (the importer checks again).
    const role = await requireAdmin(ctx, userId);
    if (!role.ok) {
      await ack({
        response_action: "update",
        view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, role)),
      });
      return;
    }
    let fileId: string;
    if (meta.s === "check") {
      const picked = stateValue<{ files?: { id?: string }[] }>(view.state.values, IMPORT_FILE.action);
      const id = picked?.files?.[0]?.id;
      if (!id) {
        await ack({
          response_action: "errors",
          errors: { [picked?.block ?? IMPORT_FILE.block]: t(lang, "error.ADMIN.NO_FILE") },
        });
        return;
      }
      fileId = id;
    } else fileId = meta.f;
    const d = { client, ctx, logger };
    const token = context.botToken ?? client.token;
    const work = (async (): Promise<SubmissionAnswer> => {
      const file = await fetchSlackFile(client, token, fileId, UPLOAD_MAX_BYTES);
      if (!file.ok) return refused(lang, meta.k, errorText(lang, file));
      // Only the uploader's own file (a forged private_metadata could name anyone's).
      if (file.value.user !== userId)
        return refused(lang, meta.k, errorText(lang, { code: "ADMIN.FILE_NOT_FOUND" }));
      const r = await importUpload(ctx, meta.k, file.value, {
        actor: userId,
        dryRun: meta.s === "check",
        ...(meta.k === "attendance" ? { notify: attendanceReviewNotices } : {}),
      });
      if (!r.ok) return { view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)) };
      const report = r.value;
      const name = file.value.name;
      if (report.refused.length > 0) return { view: importModal(lang, meta.k, { report, name }) };
      if (report.dryRun) return { view: importReportModal(lang, meta.k, { id: fileId, name }, report) };
      if (report.written) wakeOutbox(ctx.db);
      return { view: importDoneView(lang, meta.k, name, report) };
    })();
    await answerSubmission(
      { ack, body, client, logger },
      d,
      workingView(lang, t(lang, "manage.import.working_title"), t(lang, "manage.import.working")),
      work,
    );
  };
}

/** A file that could not be read: said above the file input (the modal stays for another file). */
function refused(lang: Lang, kind: UploadKind, text: string): SubmissionAnswer {
  return { view: importModal(lang, kind, { error: text }) };
}
