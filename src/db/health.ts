// The health endpoint's database probe (src/slack/app.ts): the cheapest statement that proves the file
// is open and answering.
import type { Db } from "./client.ts";

/** True when the database answers a trivial query. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
