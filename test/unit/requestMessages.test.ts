// Every refusal the request/approval code can return has a message in Chinese and in English.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasMessage } from "../../src/slack/i18n/index.ts";
import { requests } from "../../src/slack/i18n/messages/requests.ts";

const SOURCES = [
  "src/services/requests.ts",
  "src/services/approvals.ts",
  "src/slack/quickForm.ts",
  "src/domain/routing.ts",
  "src/domain/calendar.ts",
];

function codesIn(file: string): string[] {
  const text = fs.readFileSync(path.resolve(file), "utf8");
  return [...text.matchAll(/err\("([A-Z_]+\.[A-Z_0-9]+)"/g)].map((m) => m[1]!);
}

describe("request messages", () => {
  const codes = [...new Set(SOURCES.flatMap(codesIn))].sort();

  it("finds the codes it checks", () => {
    expect(codes).toContain("LEAVE.OVERLAP");
    expect(codes).toContain("APPROVAL.ALREADY_DECIDED");
    expect(codes).toContain("QUICK.BAD_DATE");
    expect(codes.length).toBeGreaterThan(40);
  });

  it.each(codes)("%s has a Chinese and an English message", (code) => {
    expect(hasMessage(`error.${code}`, "zh")).toBe(true);
    expect(hasMessage(`error.${code}`, "en")).toBe(true);
  });

  it("the Chinese and English tables have the same keys", () => {
    expect(Object.keys(requests.en).sort()).toEqual(Object.keys(requests.zh).sort());
  });
});
