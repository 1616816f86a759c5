// A periodic pass run by a timer (a sweep): at most one at a time in this process — a call while one
// runs joins it — and it never rejects, since what failed is tried again on the next pass. Several
// nodes are each one process: what keeps their passes from doing a thing twice is the SQL's own marks.
export function onePassAtATime<A extends unknown[]>(pass: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  let running: Promise<void> | undefined;
  return (...args: A) => {
    running ??= (async () => {
      try {
        await pass(...args);
      } catch {
        // the next pass tries again
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
}
