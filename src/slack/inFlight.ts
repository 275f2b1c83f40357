// Tracks listener work still running after the ack. The HTTP receiver answers Slack as soon as a
// listener acks (processBeforeResponse: false), so a listener that must not lose its write acks after
// it; what the write brings for others is queued in the outbox with it (src/jobs/outbox.ts). Shutdown
// and the tests wait here for the listeners to finish (SlackAppHandle.idle also drains the outbox).
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";

export interface InFlight {
  middleware: Middleware<AnyMiddlewareArgs>;
  /** Resolves once no listener is running (including ones that start while waiting). */
  idle(): Promise<void>;
  /** True while a listener runs. */
  busy(): boolean;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    middleware: async ({ next }) => {
      const work = next();
      running.add(work);
      try {
        await work;
      } finally {
        running.delete(work);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    busy: () => running.size > 0,
  };
}
