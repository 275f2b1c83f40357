// Counts the SQL statements this process runs, for the bench and for the tests that bound a use case's
// statement budget (issue #11: "≤ 5 SQL statements per decision — the bench counts them").
// Every statement reaches SQLite through better-sqlite3: Prisma's adapter prepares and runs each query
// (BEGIN and COMMIT included) and our own prepared statements run the same way, so counting the
// executions of better-sqlite3's Statement (run/get/all/iterate) counts them all, whoever issued them.
// The counter is process-wide (one increment per statement: no measurable cost); `exec` (a script, as
// the migrations run) counts as one.
import Database from "better-sqlite3";

let count = 0;
let trace: string[] | null = null;

type Method = (this: { source: string }, ...args: unknown[]) => unknown;

function counted(original: Method): Method {
  return function (this: { source: string }, ...args: unknown[]) {
    count++;
    trace?.push(this.source);
    return original.apply(this, args);
  };
}

function install(): void {
  const probe = new Database(":memory:");
  try {
    const statement = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, Method>;
    for (const name of ["run", "get", "all", "iterate"])
      if (typeof statement[name] === "function") statement[name] = counted(statement[name]);
  } finally {
    probe.close();
  }
  const db = Database.prototype as unknown as Record<string, Method>;
  const exec = db.exec!;
  db.exec = function (this: { source: string }, ...args: unknown[]) {
    count++;
    trace?.push(String(args[0]));
    return exec.apply(this, args);
  };
}
install();

/** Statements run by this process so far (a running total: subtract two readings). */
export function statementCount(): number {
  return count;
}

/** Runs `op` and returns its result with the SQL of every statement run meanwhile (tests, diagnosis). */
export async function traceStatements<T>(op: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const outer = trace;
  trace = statements;
  try {
    return { result: await op(), statements };
  } finally {
    outer?.push(...statements);
    trace = outer;
  }
}
