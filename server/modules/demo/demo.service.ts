// The demo's front door: whether this server is a demo, demo members to log in as, and the log-in
// code just "sent" to a phone (the demo sends no SMS). A production server says only `demo: false`.
import type { DemoInfo } from '../../../contracts/demo.ts';
import { findDemoMembers } from '../../db/seed/demo-members.ts';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { findLatestNoticeTo } from '../notices/notices.service.ts';

/** A log-in code lives 5 minutes (member-auth.service). */
const CODE_LIFETIME_SECONDS = 300;
const DEMO_MEMBERS_SHOWN = 3;

/** Demo mode and its members; production: `{ demo: false, members: [] }`. */
export async function getDemoInfo(deps: Pick<Deps, 'db' | 'pii' | 'config'>): Promise<DemoInfo> {
  if (deps.config.mode !== 'demo') return { demo: false, members: [] };
  return { demo: true, members: await findDemoMembers(deps.db, deps.pii, DEMO_MEMBERS_SHOWN) };
}

/**
 * The newest log-in code sent to `phone` in its lifetime, read from the outbox. Demo mode only.
 * Throws not_found in production (as for a route that is not there) and when no code is waiting.
 */
export async function getDemoLoginCode(deps: Pick<Deps, 'db' | 'pii' | 'config'>, phone: string): Promise<{ code: string; sentAt: string }> {
  if (deps.config.mode !== 'demo') throw new AppError('not_found');
  const notice = await findLatestNoticeTo(deps, { to: phone, kind: 'login_code', withinSeconds: CODE_LIFETIME_SECONDS });
  const code = notice?.body.match(/(?<![0-9])[0-9]{6}(?![0-9])/)?.[0];
  if (!notice || !code) throw new AppError('not_found');
  return { code, sentAt: notice.createdAt };
}
