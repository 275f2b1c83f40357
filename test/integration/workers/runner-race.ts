// A separate process racing for the same job periods (test/integration/job-runner.test.ts):
// `tsx runner-race.ts <database file> <owner> <periods…>`; prints one JSON outcome per period.
import { createDb } from "../../../src/db/client.ts";
import { enqueue } from "../../../src/jobs/outbox.ts";
import { runOnce } from "../../../src/jobs/runner.ts";
import { systemClock } from "../../../src/services/clock.ts";

const [file, owner, ...periods] = process.argv.slice(2);
const db = createDb(`file:${file}`);
const outcomes: Record<string, string> = {};
for (const period of periods) {
  const o = await runOnce({ db, clock: systemClock }, { job: "race", period, owner: owner! }, async () => {
    // The job's own write, keyed by who ran it: a second execution would show as a second row.
    await enqueue(db, { key: `race:${period}:${owner}`, channel: "C1", text: period });
  });
  outcomes[period] = o.status;
}
await db.$disconnect();
process.stdout.write(JSON.stringify(outcomes));
