// Building blocks for the scoring tests (src/domain/scoring): records in hundredths, a clean window
// profile, and the records that give a person an exact score.
import type { ScoredRecord, WindowProfile } from "../../src/domain/scoring/index.ts";

/** A window with nothing in its profile that costs points (§6). */
export const CLEAN: WindowProfile = {
  leaderNotMiddle: false,
  leaderNotHead: false,
  missingItems: 0,
  unauthorisedItems: 0,
};

/** A record on a person. */
export const rec = (month: string, person: string, code: string, pts: number, count = 1): ScoredRecord => ({
  month,
  person,
  code,
  pointsHundredths: pts,
  count,
});

/** A record on a window. */
export const wrec = (month: string, window: string, code: string, pts: number, count = 1): ScoredRecord => ({
  month,
  window,
  code,
  pointsHundredths: pts,
  count,
});

/**
 * Records giving a person exactly `score` hundredths: S-DIS-SITE (1–10) chunks for the deductions;
 * a remainder under 1 point is 2 points off plus an S-BON-ARTICLE (0.5–5) back; above 100 a bonus.
 */
export function recordsForScore(month: string, person: string, score: number): ScoredRecord[] {
  if (score > 10000) return [rec(month, person, "S-BON-INNOVATION", score - 10000)];
  const out: ScoredRecord[] = [];
  let d = 10000 - score;
  while (d > 1000) {
    out.push(rec(month, person, "S-DIS-SITE", 1000));
    d -= 1000;
  }
  if (d >= 100) out.push(rec(month, person, "S-DIS-SITE", d));
  else if (d > 0)
    out.push(rec(month, person, "S-DIS-SITE", 200), rec(month, person, "S-BON-ARTICLE", 200 - d));
  return out;
}
