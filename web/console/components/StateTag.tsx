// The state of a row as a coloured tag, from a page's map of states; one the map does not know shows
// as it came.
import { Tag } from 'antd';

export type StateTags = Record<string, { label: string; color: string } | undefined>;

export function StateTag({ tags, value }: { tags: StateTags; value: string }) {
  const t = tags[value];
  return t ? <Tag color={t.color}>{t.label}</Tag> : <Tag>{value}</Tag>;
}
