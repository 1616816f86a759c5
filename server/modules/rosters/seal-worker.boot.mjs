// The roster sealer's worker thread: TypeScript through tsx, whichever way the parent was started.
import { register } from 'tsx/esm/api';

register();
await import('./seal-worker.ts');
