import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { errorText, hasMessage, langOf, messageTables, t } from "../../src/slack/i18n/index.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("i18n", () => {
  test("every area has the same keys in Chinese and English", () => {
    for (const table of messageTables()) {
      expect(Object.keys(table.en).sort()).toEqual(Object.keys(table.zh).sort());
    }
  });

  test("no key is defined by two areas (a later table would silently win)", () => {
    const seen = new Map<string, number>();
    messageTables().forEach((table, i) => {
      for (const key of Object.keys(table.zh)) {
        expect(seen.has(key) ? `${key} in areas ${seen.get(key)} and ${i}` : "").toBe("");
        seen.set(key, i);
      }
    });
  });

  test("every error code these modules return has a message in both languages", () => {
    const files = [
      "src/domain/catalog.ts",
      "src/services/records.ts",
      "src/services/org.ts",
      "src/slack/listeners/records.ts",
      "src/slack/listeners/views/recordSubmit.ts",
    ];
    const codes = new Set<string>();
    for (const f of files) {
      const src = fs.readFileSync(path.join(root, f), "utf8");
      for (const m of src.matchAll(/"((?:RECORDS|CATALOG|ORG)\.[A-Z_]+)"/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(25);
    for (const code of codes) {
      expect(hasMessage(`error.${code}`, "zh"), code).toBe(true);
      expect(hasMessage(`error.${code}`, "en"), code).toBe(true);
    }
  });

  test("every error code a service or the domain can return has a message in both languages", () => {
    // Codes are returned as err("AREA.CODE", …) or built as { code: "AREA.CODE" } (the import rows).
    const sourceFiles = (dir: string): string[] =>
      fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory()
            ? sourceFiles(path.join(dir, e.name))
            : e.name.endsWith(".ts")
              ? [path.join(dir, e.name)]
              : [],
        );
    const codes = new Map<string, string>();
    for (const f of [...sourceFiles("src/services"), ...sourceFiles("src/domain")]) {
      const src = fs.readFileSync(path.join(root, f), "utf8");
      for (const m of src.matchAll(/(?:\berr\(\s*|\bcode:\s*)"([A-Z][A-Z_]*\.[A-Z0-9_]+)"/g))
        codes.set(m[1]!, f);
    }
    // The scan must see the codes it is about: areas from every layer, including the newest.
    for (const known of [
      "LEAVE.OVERLAP",
      "CLOSE.NOT_DIRECTOR",
      "IMPORT.BAD_CSV",
      "COVER.NOT_LEADER",
      "BACKUP.FAILED",
    ])
      expect(codes.has(known), known).toBe(true);
    expect(codes.size).toBeGreaterThan(120);
    const missing = [...codes]
      .flatMap(([code, file]) =>
        (["zh", "en"] as const)
          .filter((lang) => !hasMessage(`error.${code}`, lang))
          .map((lang) => `${code} (${file}) has no ${lang} message`),
      )
      .sort();
    expect(missing).toEqual([]);
  });

  test("locale: English only for en-*, Chinese otherwise", () => {
    expect([langOf("en-US"), langOf("en-GB"), langOf("zh-CN"), langOf("ja-JP"), langOf(null)]).toEqual([
      "en",
      "en",
      "zh",
      "zh",
      "zh",
    ]);
    expect(t("en-US", "common.cancel")).toBe("Cancel");
    expect(t("zh-CN", "common.cancel")).toBe("取消");
  });

  test("errorText escapes echoed details and names unknown codes", () => {
    expect(errorText("zh", { code: "RECORDS.UNKNOWN_WINDOW", detail: { window: "<!here>" } })).toContain(
      "&lt;!here&gt;",
    );
    expect(errorText("en", { code: "NOPE.NOTHING" })).toContain("NOPE.NOTHING");
    expect(
      errorText("zh", {
        code: "CATALOG.POINTS_OUT_OF_RANGE",
        detail: { code: "S-DIS-IT", min: 100, max: 800, points: 850 },
      }),
    ).toBe("违反计算机和网络管理制度（S-DIS-IT）的分值应在 1–8 分之间（填写的是 8.5）。");
  });
});
