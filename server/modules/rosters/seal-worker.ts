// The roster sealer's thread (see RosterSealer in roster-seal.ts): seals the rows it is sent.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createPiiCipher } from '../../lib/pii.ts';
import { sealRows, type SealReply, type SealRequest } from './roster-seal.ts';

const { key } = workerData as { key: Uint8Array };
const pii = createPiiCipher(Buffer.from(key));

parentPort!.on('message', (req: SealRequest) => {
  let reply: SealReply;
  try {
    const t0 = performance.now();
    // as UTF-8 bytes, handed over (not copied): the main thread passes them to COPY as they are
    const csv = new TextEncoder().encode(sealRows(pii, req.jobId, req.rows));
    reply = { id: req.id, csv, ms: performance.now() - t0 };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply, 'csv' in reply ? [reply.csv.buffer as ArrayBuffer] : []);
});
