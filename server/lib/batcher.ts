// Smart batching: calls that arrive while earlier ones are being served are served together, in one
// call of `run` — one database round trip for many requests. No timer: when the database is idle a
// call runs at once, alone; only under load do batches form, and they grow with the load.

export interface BatcherOptions {
  /** Most inputs served by one call of `run`. */
  maxBatch: number;
  /** Calls of `run` in flight at once (1: one batch after another). */
  concurrency?: number;
}

/**
 * Returns a function that serves one input; `run` must answer one output per input, in order
 * (an Error in place of an output rejects that input's call alone). When `run` throws, every call
 * of that batch rejects with the error.
 */
export function createBatcher<I, O>(run: (inputs: I[]) => Promise<(O | Error)[]>, opts: BatcherOptions): (input: I) => Promise<O> {
  const concurrency = opts.concurrency ?? 1;
  const queue: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let inFlight = 0;

  const pump = () => {
    while (inFlight < concurrency && queue.length > 0) {
      const batch = queue.splice(0, opts.maxBatch);
      inFlight++;
      run(batch.map((b) => b.input))
        .then(
          (outputs) => {
            if (outputs.length !== batch.length) throw new Error(`batch answered ${outputs.length} of ${batch.length}`);
            batch.forEach((b, i) => {
              const o = outputs[i]!;
              if (o instanceof Error) b.reject(o);
              else b.resolve(o);
            });
          },
        )
        .catch((err: unknown) => {
          for (const b of batch) b.reject(err);
        })
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      pump();
    });
}

/** One batcher per key (an activity, say): batches never mix keys; idle keys are forgotten. */
export function createKeyedBatcher<K, I, O>(run: (key: K, inputs: I[]) => Promise<(O | Error)[]>, opts: BatcherOptions): (key: K, input: I) => Promise<O> {
  const batchers = new Map<K, { serve: (input: I) => Promise<O>; pending: number }>();
  return async (key, input) => {
    let b = batchers.get(key);
    if (!b) {
      b = { serve: createBatcher<I, O>((inputs) => run(key, inputs), opts), pending: 0 };
      batchers.set(key, b);
    }
    b.pending++;
    try {
      return await b.serve(input);
    } finally {
      if (--b.pending === 0) batchers.delete(key);
    }
  };
}
