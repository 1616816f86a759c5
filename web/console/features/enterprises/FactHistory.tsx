// 历史: the facts of an employer and its union, newest first, as a timeline — the value in words, the
// day it holds from, who recorded it from which union, 变更 or 更正, and its evidence (thumbnails and
// links, 上传材料 for those who may). Opened from a section of the file, for one key or all.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Drawer, Empty, Pagination, Space, Spin, Tag, Timeline, Typography } from 'antd';
import type { EnterpriseFile, FactHistoryItem } from '../../../../contracts/enterprise-facts.ts';
import {
  committeeLabels, contractTypeLabels, factKindLabels, industrySections, ownershipLabels, unionCoverageLabels, unionFactKinds,
  townOnlyFactKinds,
} from '../../../../contracts/enterprise-facts-common.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatDate, formatMinute } from '../../../shared/format.ts';
import { EvidenceUpload } from '../../components/EvidenceUpload.tsx';

const yuan = (fen: unknown) => `${(Number(fen) / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
const label = (labels: Record<string, string>, v: unknown) => labels[String(v)] ?? String(v);

/** A fact's value in words. */
export function factValueText(f: Pick<FactHistoryItem, 'kind' | 'value'>): string {
  const v = f.value;
  switch (f.kind) {
    case 'identity': return `${String(v.name)}${v.creditCode ? `（${String(v.creditCode)}）` : ''}`;
    case 'industry': return `${String(v.section)} ${label(industrySections, v.section)}${v.detail ? ` · ${String(v.detail)}` : ''}`;
    case 'ownership': return label(ownershipLabels, v.ownership);
    case 'size': return `职工 ${String(v.employees)} 人${v.women != null ? `，女职工 ${String(v.women)} 人` : ''}${v.gigWorkers != null ? `，新就业形态 ${String(v.gigWorkers)} 人` : ''}`;
    case 'address': return String(v.address);
    case 'platforms': return (v.platforms as string[]).length ? (v.platforms as string[]).join('、') : '无';
    case 'union': return v.orgId ? `关联工会（编号 ${String(v.orgId)}）${v.coverage ? `，${label(unionCoverageLabels, v.coverage)}` : ''}` : '未建会';
    case 'chair': return `主席：${String(v.name)}`;
    case 'founded': return `建会于 ${formatDate(String(v.foundedOn))}`;
    case 'legalPerson': return v.registered ? `已登记，代码 ${String(v.number)}` : '未取得法人资格';
    case 'committee': return `${label(committeeLabels, v.committee)}${v.established ? `已成立${v.members ? `，委员 ${String(v.members)} 名` : ''}` : '未成立'}`;
    case 'collectiveContract':
      return `${label(contractTypeLabels, v.type)}：${formatDate(String(v.signedOn))} 签订，${formatDate(String(v.startsOn))} 至 ${formatDate(String(v.expiresOn))}，覆盖 ${String(v.coveredWorkers)} 人`;
    case 'openAffairs': return v.implemented ? `实行厂务公开${v.form ? `（${String(v.form)}）` : ''}` : '未实行厂务公开';
    case 'workersCongress': return `${formatDate(String(v.heldOn))} 召开，代表 ${String(v.delegates)} 名${v.womenDelegates != null ? `（女职工代表 ${String(v.womenDelegates)} 名）` : ''}`;
    case 'funds': return `${String(v.year)} 年已上缴 ${yuan(v.remittedFen)}${v.dueFen != null ? `，应缴 ${yuan(v.dueFen)}` : ''}`;
  }
}

export interface FactHistoryProps {
  file: EnterpriseFile;
  /** one key (size, collectiveContract:wage …) or all */
  factKey?: string | undefined;
  title: string;
  open: boolean;
  onClose: () => void;
}

export function FactHistory({ file, factKey, title, open, onClose }: FactHistoryProps) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: FactHistoryItem[]; total: number }>();
  const [problem, setProblem] = useState<string>();
  const load = useCallback(async () => {
    try {
      setProblem(undefined);
      setData(await api.get('/api/enterprises/:id/history', { params: { id: file.id }, query: { key: factKey, page, pageSize: 20 } }));
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }, [file.id, factKey, page]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const mayUpload = (f: FactHistoryItem) =>
    (unionFactKinds as readonly string[]).includes(f.kind) ? file.canEdit.union : (townOnlyFactKinds as readonly string[]).includes(f.kind) ? file.canEdit.town : file.canEdit.union;

  return (
    <Drawer title={`历史记录：${title}`} open={open} onClose={onClose} width={560} destroyOnHidden>
      {problem && <Alert type="error" showIcon message={problem} />}
      {!data && !problem && <Spin />}
      {data && data.items.length === 0 && <Empty description="还没有记录" />}
      {data && data.items.length > 0 && (
        <>
          <Timeline
            items={data.items.map((f) => ({
              color: f.current ? 'green' : 'gray',
              children: (
                <Space direction="vertical" size={4} data-testid="fact-history-item">
                  <Space wrap size={4}>
                    <Typography.Text strong>{factKindLabels[f.kind]}</Typography.Text>
                    {f.current ? <Tag color="green">当前</Tag> : <Tag>已被替代</Tag>}
                    {f.isCorrection ? <Tag color="orange">更正</Tag> : f.supersedesId ? <Tag color="blue">变更</Tag> : null}
                  </Space>
                  <Typography.Text>{factValueText(f)}</Typography.Text>
                  <Typography.Text type="secondary">
                    自 {formatDate(f.asOf)} 起 · {f.recordedBy ? `${f.recordedBy}${f.recordedByOrg ? `（${f.recordedByOrg}）` : ''}` : '系统'} 记录于 {formatMinute(f.recordedAt)}
                  </Typography.Text>
                  {f.note && <Typography.Text type="secondary">说明：{f.note}</Typography.Text>}
                  <EvidenceUpload
                    owner={{ factId: f.id }}
                    items={f.evidence}
                    canUpload={mayUpload(f)}
                    onUploaded={(e) => setData((d) => d && { ...d, items: d.items.map((x) => (x.id === f.id ? { ...x, evidence: [...x.evidence, e] } : x)) })}
                  />
                </Space>
              ),
            }))}
          />
          {data.total > 20 && <Pagination size="small" current={page} total={data.total} pageSize={20} onChange={setPage} />}
        </>
      )}
    </Drawer>
  );
}
