// Online backup of the SQLite database while the bot keeps writing.
// SQLite's backup API (through better-sqlite3's db.backup()) copies pages from a read transaction;
// in WAL mode writers never block on it. A write made by another connection between two backup
// steps restarts the copy, so after a probing first step we copy every page in one step: the copy is
// then the snapshot of a single read transaction, i.e. a consistent prefix of the committed writes.
// The copy is written under a temporary name, integrity-checked, and only then renamed into place,
// so a backup file that exists is always a complete, checked one.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { shanghaiDate, shanghaiTime } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import type { Clock } from "./clock.ts";

export const DEFAULT_BACKUP_DIR = "data/backups";

export interface BackupReport {
  /** Absolute path of the checked copy. */
  file: string;
  bytes: number;
  pages: number;
  /** "ok" from PRAGMA integrity_check on the copy. */
  integrity: "ok";
  /** Row counts of every table of the copy, for the operator's eye. */
  tables: Record<string, number>;
  durationMs: number;
}

export type BackupErrorCode =
  | "BACKUP.SOURCE_MISSING"
  | "BACKUP.TARGET_EXISTS"
  | "BACKUP.FAILED"
  | "BACKUP.INTEGRITY";

/** `data/backups/20261130-235959.db` style default name, Shanghai wall-clock time of `now`. */
export function defaultBackupFile(now: Date, dir: string = DEFAULT_BACKUP_DIR): string {
  const stamp = `${shanghaiDate(now).replaceAll("-", "")}-${shanghaiTime(now).replace(":", "")}${String(
    now.getUTCSeconds(),
  ).padStart(2, "0")}`;
  return path.resolve(dir, `${stamp}.db`);
}

/**
 * Copies the live database `sourceFile` to `target` (default: data/backups/<timestamp>.db), then runs
 * `PRAGMA integrity_check` on the copy. Never overwrites an existing file.
 */
export async function backupDatabase(
  sourceFile: string,
  opts: { clock: Clock; target?: string },
): Promise<Result<BackupReport, BackupErrorCode>> {
  const started = opts.clock.now();
  const source = path.resolve(sourceFile);
  if (!fs.existsSync(source) || fs.statSync(source).size === 0) {
    return err("BACKUP.SOURCE_MISSING", { file: source });
  }
  const target = path.resolve(opts.target ?? defaultBackupFile(started));
  if (fs.existsSync(target)) return err("BACKUP.TARGET_EXISTS", { file: target });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });

  let pages = 0;
  const src = new Database(source, { fileMustExist: true });
  try {
    src.pragma("busy_timeout = 5000");
    const progress = await src.backup(partial, {
      // First call comes after a zero-page probe step; from then on copy everything at once.
      progress: ({ totalPages }) => totalPages + 1,
    });
    pages = progress.totalPages;
  } catch (e) {
    fs.rmSync(partial, { force: true });
    return err("BACKUP.FAILED", { file: source, message: e instanceof Error ? e.message : String(e) });
  } finally {
    src.close();
  }

  const checked = checkCopy(partial);
  if (!checked.ok) {
    fs.rmSync(partial, { force: true });
    return checked;
  }
  fs.renameSync(partial, target);
  return ok({
    file: target,
    bytes: fs.statSync(target).size,
    pages,
    integrity: "ok",
    tables: checked.value,
    durationMs: opts.clock.now().getTime() - started.getTime(),
  });
}

/** Integrity check and table row counts of a database file (a backup, or one about to be restored). */
export function checkCopy(file: string): Result<Record<string, number>, "BACKUP.INTEGRITY"> {
  try {
    return inspect(file);
  } catch (e) {
    // A badly damaged file fails before integrity_check can list anything (SQLITE_CORRUPT, SQLITE_NOTADB).
    return err("BACKUP.INTEGRITY", { file, messages: [e instanceof Error ? e.message : String(e)] });
  }
}

function inspect(file: string): Result<Record<string, number>, "BACKUP.INTEGRITY"> {
  const db = new Database(file, { fileMustExist: true });
  try {
    // The copy of a WAL database is itself in WAL mode; switch it to a self-contained rollback
    // journal so the single file is the whole backup (no -wal/-shm side files to carry along).
    db.pragma("journal_mode = DELETE");
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    if (messages.length !== 1 || messages[0] !== "ok") {
      return err("BACKUP.INTEGRITY", { file, messages: messages.slice(0, 10) });
    }
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const name of names) {
      const row = db.prepare(`SELECT COUNT(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as {
        n: number;
      };
      tables[name] = row.n;
    }
    return ok(tables);
  } finally {
    db.close();
  }
}
