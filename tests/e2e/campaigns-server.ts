// The real app, in this process, on a fresh embedded database holding the small 'test' demo and
// serving the built web apps — for the campaign browser test and screenshots, which need what no
// browser can do: a notice period (公示) of days ended now. They hold the database handle and move
// the period's end into the past, as the API tests do, instead of waiting days.
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDb, type Db } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { ensureDemoData } from '../../server/db/seed/demo.ts';
import { createPiiCipher, type PiiCipher } from '../../server/lib/pii.ts';
import { outboxSender } from '../../server/modules/notices/notices.service.ts';
import { assertWebBuilt } from './server.ts';
import { UNTHROTTLED } from '../helpers/env.ts';

export interface CampaignServer {
  baseUrl: string;
  db: Db;
  /** The cipher of the server's personal data (to write or read sealed columns directly). */
  pii: PiiCipher;
  /** Ends the notice period of a campaign's applications in notice (as if its days had passed). */
  endNotice(campaignId: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startCampaignServer(): Promise<CampaignServer> {
  assertWebBuilt();
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  const pii = createPiiCipher(randomBytes(32));
  await ensureDemoData(db, pii, { scale: 'test' });
  const config = loadConfig({ GONGHUI_MODE: 'demo', GONGHUI_DEMO_SCALE: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...UNTHROTTLED });
  const app = await buildApp({ db, pii, config, sender: outboxSender });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    pii,
    async endNotice(campaignId) {
      const rows = await db.query<{ id: number }>(
        `UPDATE campaign_application SET notice_ends_at = now() - interval '1 second' WHERE campaign_id = $1 AND status = 'in_notice' RETURNING id`,
        [campaignId],
      );
      return rows.length;
    },
    async stop() {
      await app.close();
      await db.close();
    },
  };
}
