// One simulated clock for the stand-in and the code under test (test/integration/outboxNotices.test.ts
// and bench/run.ts's "notices out"): pass `now` to startSlackStandIn and `sleep`/`now` to the sender, and
// the stand-in's rate-limit buckets refill only as the sender's sleeps move the clock, without waiting.

export interface SimulatedClock {
  /** Epoch ms of the simulated present. */
  now(): number;
  /** Moves the clock to the sleeper's wake-up time (never back); resolves at once. */
  sleep(ms: number): Promise<void>;
}

/**
 * A simulated clock starting at `startMs`. sleep(ms) moves it to the sleeper's wake-up time (never
 * back): sleeps that overlap (several lanes waiting out the same Retry-After) cost their longest, not
 * their sum.
 */
export function simulatedClock(startMs: number): SimulatedClock {
  let t = startMs;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t = Math.max(t, t + Math.max(0, ms));
    },
  };
}
