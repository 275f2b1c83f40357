// Shared by every CSV import: parsing (UTF-8 with or without BOM, GBK-free: Excel's "CSV UTF-8"),
// Chinese or English headers, people named by Slack id or by name, and the report of taken and refused
// rows. Imports are all or nothing: any refused row → nothing is written (the report lists every
// problem), so a file is fixed and imported again, never half-imported.
import { parse } from "csv-parse/sync";
import type { Db } from "../../db/client.ts";
import { cleanText } from "../../domain/text.ts";

export interface RowProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  code: string;
  detail?: Record<string, unknown>;
}

export interface ImportReport {
  kind: string;
  rows: number;
  /** Rows that would be (or were) written, with what they say. */
  taken: { line: number; summary: string }[];
  refused: RowProblem[];
  /** True when the import wrote to the database (no refusals and not a dry run). */
  written: boolean;
  dryRun: boolean;
  /** Extra totals (e.g. proposed records by code). */
  totals?: Record<string, number>;
}

export interface ParsedRow {
  line: number;
  get(field: string): string;
}

/** Header aliases: field → accepted column titles (lower-cased, spaces removed). */
export type HeaderSpec = Record<string, readonly string[]>;

export type ParseResult =
  | { ok: true; rows: ParsedRow[]; fields: Set<string> }
  | { ok: false; problem: RowProblem };

const norm = (s: string) =>
  s
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_（）()]/g, "");

/**
 * Parses CSV text; maps each header to a field by its aliases. `required` fields must have a column;
 * codes: IMPORT.EMPTY_FILE, IMPORT.BAD_CSV {reason}, IMPORT.MISSING_COLUMN {column, accepted}.
 */
export function parseCsv(text: string, spec: HeaderSpec, required: readonly string[]): ParseResult {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (e) {
    return {
      ok: false,
      problem: { line: 0, code: "IMPORT.BAD_CSV", detail: { reason: (e as Error).message } },
    };
  }
  if (records.length === 0) return { ok: false, problem: { line: 0, code: "IMPORT.EMPTY_FILE" } };
  const header = records[0]!.map(norm);
  const index = new Map<string, number>();
  for (const [field, aliases] of Object.entries(spec)) {
    const i = header.findIndex((h) => aliases.map(norm).includes(h));
    if (i >= 0) index.set(field, i);
  }
  for (const f of required) {
    if (!index.has(f))
      return {
        ok: false,
        problem: {
          line: 1,
          code: "IMPORT.MISSING_COLUMN",
          detail: { column: f, accepted: spec[f]?.join(" / ") ?? f },
        },
      };
  }
  const rows = records.slice(1).map((cells, i) => ({
    line: i + 2,
    get: (field: string) => {
      const at = index.get(field);
      // Cells are one-line values (names, ids, dates, counts): invisible and control characters out.
      return at === undefined ? "" : cleanText(cells[at] ?? "", { multiline: false }).trim();
    },
  }));
  return { ok: true, rows, fields: new Set(index.keys()) };
}

export interface PersonBook {
  /** Slack id or name → the person's id; codes IMPORT.UNKNOWN_PERSON {value}, IMPORT.AMBIGUOUS_NAME {value, ids}. */
  resolve(
    value: string,
  ): { ok: true; id: string } | { ok: false; code: string; detail: Record<string, unknown> };
  name(id: string): string;
}

export async function personBook(db: Db): Promise<PersonBook> {
  const people = await db.person.findMany({ select: { id: true, name: true } });
  const byId = new Map(people.map((p) => [p.id, p]));
  const byName = new Map<string, string[]>();
  for (const p of people) byName.set(p.name.trim(), [...(byName.get(p.name.trim()) ?? []), p.id]);
  return {
    resolve(value) {
      const v = value.trim().replace(/^<@([A-Z0-9]+)(\|[^>]*)?>$/, "$1");
      if (byId.has(v)) return { ok: true, id: v };
      const ids = byName.get(v) ?? [];
      if (ids.length === 1) return { ok: true, id: ids[0]! };
      if (ids.length > 1) return { ok: false, code: "IMPORT.AMBIGUOUS_NAME", detail: { value: v, ids } };
      return { ok: false, code: "IMPORT.UNKNOWN_PERSON", detail: { value: v } };
    },
    name: (id) => byId.get(id)?.name ?? id,
  };
}

/** A non-negative whole number cell; null when it is not one. */
export function wholeNumber(s: string): number | null {
  const t = s.replace(/,/g, "").trim();
  if (t === "") return 0;
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

export function emptyReport(kind: string, dryRun: boolean): ImportReport {
  return { kind, rows: 0, taken: [], refused: [], written: false, dryRun };
}

/**
 * A CSV file's text: UTF-8 (with or without BOM), or GB18030/GBK — what Excel on a Chinese Windows
 * writes for plain "CSV" — when the bytes are not valid UTF-8.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gb18030" } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}
