// Sort keys for Chinese names: PGlite has no zh collation, so names sort by a pinyin key we compute.
import { pinyin } from 'pinyin-pro';

export function pinyinKey(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(' ').toLowerCase();
}
