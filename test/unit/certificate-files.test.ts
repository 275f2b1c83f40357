// Reading a certificate's DM (RULES.md §3 二): which request the message names, which paper it is, and
// which files count as a photo or scan of it.
import { describe, expect, it } from "vitest";
import { isImageOrPdf } from "../../src/services/attachments.ts";
import { carriedFiles, namedKind, namedRequestId } from "../../src/slack/certificateFiles.ts";

describe("a certificate sent in the DM", () => {
  it.each([
    ["#12", 12],
    ["# 12 证明", 12],
    ["申请12的证明", 12],
    ["request 7", 7],
    ["  31 ", 31],
    ["2026-07-16 的诊断证明", null],
    ["医院证明", null],
    ["", null],
  ])("“%s” names request %s", (text, id) => {
    expect(namedRequestId(text)).toBe(id);
  });

  it.each([
    ["#12", "certificate"],
    ["#12 医院证明", "certificate"],
    ["#12 证明表", "designated_form"],
    ["#12 指定医院的表", "designated_form"],
    ["#12 form", "designated_form"],
    ["#12 Designated", "designated_form"],
    ["#12 information", "certificate"],
  ])("“%s” is the %s", (text, kind) => {
    expect(namedKind(text)).toBe(kind);
  });

  it("photos and PDFs count, other files do not", () => {
    expect(isImageOrPdf({ mimetype: "image/jpeg", filetype: "jpg" })).toBe(true);
    expect(isImageOrPdf({ mimetype: "", filetype: "HEIC" })).toBe(true);
    expect(isImageOrPdf({ mimetype: "application/pdf", filetype: "" })).toBe(true);
    expect(isImageOrPdf({ mimetype: "application/octet-stream", filetype: "docx" })).toBe(false);
    expect(isImageOrPdf({ mimetype: "text/csv", filetype: "csv" })).toBe(false);
  });

  it("the form's files carried to Submit: Slack file ids only", () => {
    expect(carriedFiles(JSON.stringify({ kind: "sick", files: ["F0AB12", "x", 3, "F0CD"] }))).toEqual([
      "F0AB12",
      "F0CD",
    ]);
    expect(carriedFiles("{")).toEqual([]);
    expect(carriedFiles(undefined)).toEqual([]);
  });
});
