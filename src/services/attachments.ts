// Files attached to a sick leave (RULES.md §3 二): the hospital certificate ("attach or confirm"), and
// for long sick leave the designated hospitals' 《机关、事业单位人员病假证明表》. The bytes stay in Slack;
// the row keeps the file's id, name, type and permalink so approvers can open it, and inspection marks
// it checked at its step (sickLeave.ts, through the decision). The edge reads the file's facts from
// files.info; this service decides whether they may be attached.
import { err, ok, type Result } from "../domain/result.ts";
import { audit, type RequestRow, type StepRow, type Tx } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import type { Notify } from "./notify.ts";
import { isLongSick } from "./sickLeave.ts";

export type AttachmentRow = {
  id: number;
  entity: string;
  entityId: number;
  kind: string;
  fileId: string;
  name: string;
  mimetype: string;
  permalink: string;
  addedBy: string;
  addedAt: Date;
  checkedBy: string | null;
  checkedAt: Date | null;
};

export const REQUEST_ATTACHMENT_KINDS = ["certificate", "designated_form"] as const;
export type RequestAttachmentKind = (typeof REQUEST_ATTACHMENT_KINDS)[number];

/** A photo of a paper form or a scan: 20 MB is well above either, well below Slack's 1 GB file limit. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Files of one kind on one request: a certificate may run to a few pages, not to dozens. */
export const ATTACHMENTS_PER_KIND = 5;

/** What files.info says about a file (docs.slack.dev/reference/objects/file-object). */
export interface FileFacts {
  id: string;
  name: string;
  mimetype: string;
  filetype: string;
  size: number;
  /** Who uploaded it. */
  user: string;
  permalink: string;
}

/** An image (a photo of the certificate) or a PDF (a scan): by MIME type, or by Slack's file type. */
const IMAGE_TYPES = new Set(["jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "bmp", "tiff", "tif"]);
export const isImageOrPdf = (f: Pick<FileFacts, "mimetype" | "filetype">): boolean =>
  f.mimetype.startsWith("image/") ||
  f.mimetype === "application/pdf" ||
  f.filetype === "pdf" ||
  IMAGE_TYPES.has(f.filetype.toLowerCase());

export interface AttachInput {
  /** The request named; null: the requester's latest pending or approved sick leave. */
  requestId: number | null;
  actorId: string;
  kind: RequestAttachmentKind;
  file: FileFacts;
}

export interface AttachOutcome {
  attachment: AttachmentRow;
  request: RequestRow;
  /** False when this file was already attached (nothing written). */
  created: boolean;
  /** The request's pending steps: their approvers' messages show the new file. */
  pending: StepRow[];
}

const LIVE = ["pending", "approved"];

export async function listAttachments(db: Tx, requestId: number): Promise<AttachmentRow[]> {
  return db.attachment.findMany({
    where: { entity: "request", entityId: requestId },
    orderBy: { id: "asc" },
  });
}

/**
 * Attaches a file the requester uploaded to their sick leave. Codes: ATTACH.REQUEST_NOT_FOUND {requestId},
 * ATTACH.NO_SICK_LEAVE, ATTACH.NOT_YOURS, ATTACH.NOT_SICK {id}, ATTACH.NOT_LONG_SICK {id},
 * ATTACH.FINAL {id, state}, ATTACH.NOT_OWNER {name}, ATTACH.BAD_TYPE {name},
 * ATTACH.TOO_LARGE {name, sizeMb, maxMb}, ATTACH.TOO_MANY {max}.
 */
export async function attachToRequest(
  ctx: ServiceContext,
  input: AttachInput,
  notify?: Notify<AttachOutcome>,
): Promise<Result<AttachOutcome>> {
  const { db } = ctx;
  const request =
    input.requestId === null
      ? await db.request.findFirst({
          where: { requesterId: input.actorId, kind: "sick", state: { in: LIVE } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        })
      : await db.request.findUnique({ where: { id: input.requestId } });
  if (!request)
    return input.requestId === null
      ? err("ATTACH.NO_SICK_LEAVE")
      : err("ATTACH.REQUEST_NOT_FOUND", { requestId: input.requestId });
  if (request.requesterId !== input.actorId) return err("ATTACH.NOT_YOURS");
  if (request.kind !== "sick") return err("ATTACH.NOT_SICK", { id: request.id });
  if (input.kind === "designated_form" && !isLongSick(request))
    return err("ATTACH.NOT_LONG_SICK", { id: request.id });
  if (!LIVE.includes(request.state)) return err("ATTACH.FINAL", { id: request.id, state: request.state });
  const f = input.file;
  // Only the requester's own upload: a file id seen elsewhere is not theirs to attach.
  if (f.user !== input.actorId) return err("ATTACH.NOT_OWNER", { name: f.name });
  if (!isImageOrPdf(f)) return err("ATTACH.BAD_TYPE", { name: f.name });
  if (f.size > ATTACHMENT_MAX_BYTES)
    return err("ATTACH.TOO_LARGE", {
      name: f.name,
      sizeMb: Math.ceil(f.size / 1024 / 1024),
      maxMb: ATTACHMENT_MAX_BYTES / 1024 / 1024,
    });

  const existing = await listAttachments(db, request.id);
  const pendingSteps = () =>
    db.approvalStep.findMany({ where: { requestId: request.id, state: "pending" }, orderBy: { seq: "asc" } });
  const same = existing.find((a) => a.fileId === f.id);
  if (same) return ok({ attachment: same, request, created: false, pending: await pendingSteps() });
  if (existing.filter((a) => a.kind === input.kind).length >= ATTACHMENTS_PER_KIND)
    return err("ATTACH.TOO_MANY", { max: ATTACHMENTS_PER_KIND });

  const now = ctx.clock.now();
  return db.$transaction(async (tx) => {
    const attachment = await tx.attachment.create({
      data: {
        entity: "request",
        entityId: request.id,
        kind: input.kind,
        fileId: f.id,
        name: f.name.slice(0, 255),
        mimetype: f.mimetype.slice(0, 100),
        permalink: f.permalink.slice(0, 1000),
        addedBy: input.actorId,
        addedAt: now,
      },
    });
    await audit(tx, now, input.actorId, "attachment.add", "Request", request.id, null, {
      attachmentId: attachment.id,
      kind: input.kind,
      fileId: f.id,
    });
    let after = request;
    // The certificate is now attached, not only confirmed (§3 二 "attach or confirm").
    if (input.kind === "certificate" && request.certificate !== "attached") {
      await tx.request.update({ where: { id: request.id }, data: { certificate: "attached" } });
      after = { ...request, certificate: "attached" };
    }
    const pending = await tx.approvalStep.findMany({
      where: { requestId: request.id, state: "pending" },
      orderBy: { seq: "asc" },
    });
    const outcome: AttachOutcome = { attachment, request: after, created: true, pending };
    await notify?.(tx, outcome);
    return ok(outcome);
  });
}
