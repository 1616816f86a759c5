// Where the data key comes from: the environment in production (required), a key file created on
// first start in the embedded demo.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

export function loadDataKey(config: Config): Buffer {
  if (config.dataKey) {
    const key = Buffer.from(config.dataKey, 'base64');
    if (key.length !== 32) throw new Error('GONGHUI_DATA_KEY must be the base64 of 32 bytes');
    return key;
  }
  if (config.mode === 'production') {
    throw new Error('GONGHUI_DATA_KEY is required in production (base64 of 32 random bytes)');
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'data.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} must hold the base64 of 32 bytes`);
  return key;
}
