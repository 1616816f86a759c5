// A campaign application's progress step as both apps draw it (antd's and antd-mobile's Steps take the
// same four statuses).
import type { z } from 'zod';
import type { progressStep } from '../../contracts/campaigns.ts';

export const stepStatus: Record<z.infer<typeof progressStep>['state'], 'finish' | 'process' | 'wait' | 'error'> = {
  done: 'finish',
  current: 'process',
  pending: 'wait',
  failed: 'error',
  skipped: 'wait',
};
