// A semaphore with a bounded queue: at most `concurrency` tasks run at once, at most `maxWaiting`
// wait for a turn (first come, first served), and a task beyond that is refused at once.

export interface Limiter {
  /** Runs `task` when a turn is free; rejects with `refuse()` when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createLimiter(opts: { concurrency: number; maxWaiting: number; refuse: () => Error }): Limiter {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < opts.concurrency) running++;
      else if (queue.length < opts.maxWaiting) await new Promise<void>((resolve) => queue.push(resolve));
      else throw opts.refuse();
      // the turn is handed on, not given back, so `running` stays counted while the next task starts
      try {
        return await task();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
