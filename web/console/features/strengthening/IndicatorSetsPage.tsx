// 评价指标: the sets the caller sees (its own, its ancestors' published), 新建 from the example, 改编上级指标.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { INDICATOR_SET_ROLES, type IndicatorSetSummary } from '../../../../contracts/strengthening.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { setStatusTags, thisYear, yearOptions } from './labels.ts';

export function IndicatorSetsPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { me } = useSession();
  // sets are written by an admin of a town or above; a grassroots union uses its nearest parent's
  const canWrite = me?.org.level !== 'grassroots' && (me?.roles ?? []).some((r) => (INDICATOR_SET_ROLES as readonly string[]).includes(r));
  const [year, setYear] = useState<number | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ year: number; name: string }>();
  const list = usePagedList('/api/indicator-sets', { query: year ? { year } : {} }, { showTotal: (n) => `共 ${formatCount(n)} 套` });

  async function adapt(s: IndicatorSetSummary) {
    setBusy(true);
    try {
      const made = await api.post('/api/indicator-sets/:id/adapt', { params: { id: s.id }, body: {} });
      message.success('已复制为本工会的草稿，可调整后发布');
      navigate(`/strengthening/sets/${made.id}`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function create(v: { year: number; name: string }) {
    setBusy(true);
    try {
      const made = await api.post('/api/indicator-sets', { body: { year: v.year, name: v.name, fromExample: true } });
      navigate(`/strengthening/sets/${made.id}`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ListPage<IndicatorSetSummary>
        title="评价指标"
        extra={
          canWrite ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              新建指标体系
            </Button>
          ) : undefined
        }
        intro={
          <Typography.Paragraph type="secondary">
            基层工会使用最近一级上级工会已发布的指标体系。
            {canWrite
              ? '可以"改编"上级的指标：复制为本工会的草稿，调整权重、达标线或增删指标后发布，下级工会即改用本工会的指标。'
              : '指标体系由镇街及以上工会的管理员制定或改编；对指标有意见，请联系上级工会。'}
          </Typography.Paragraph>
        }
        filters={<Select aria-label="年度" allowClear placeholder="全部年度" style={{ width: 140 }} options={yearOptions()} value={year} onChange={setYear} />}
        list={list}
        emptyText={canWrite ? '还没有指标体系。可新建，或等上级工会发布后改编。' : '上级工会还没有发布指标体系。'}
        table={{ scroll: { x: 760 } }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (name: string, s) => (
              <Space wrap>
                <Link to={`/strengthening/sets/${s.id}`}>{name}</Link>
                {s.isExample && <Tag color="orange">示例</Tag>}
              </Space>
            ),
          },
          { title: '年度', dataIndex: 'year', width: 90 },
          { title: '制定单位', render: (_, s) => s.org.name },
          { title: '指标', render: (_, s) => `${s.indicatorCount} 项，权重合计 ${s.weightTotal}`, width: 170 },
          { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <StateTag tags={setStatusTags} value={v} /> },
          {
            title: '操作',
            width: 140,
            render: (_, s) =>
              s.own ? (
                <Link to={`/strengthening/sets/${s.id}`}>{s.status === 'draft' ? '编辑' : '查看'}</Link>
              ) : !canWrite ? (
                <Link to={`/strengthening/sets/${s.id}`}>查看</Link>
              ) : (
                <Button size="small" disabled={busy} onClick={() => void adapt(s)}>
                  改编上级指标
                </Button>
              ),
          },
        ]}
      />
      <Modal open={creating} title="新建指标体系" okText="新建草稿" cancelText="取消" confirmLoading={busy} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        <Typography.Paragraph type="secondary">以示例指标为起点新建草稿，保存前可调整；权重之和须为 100。</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ year: thisYear() }} onFinish={(v) => void create(v)}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
            <Select options={yearOptions()} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }, { min: 2, message: '至少 2 个字' }]}>
            <Input maxLength={60} placeholder="如：2026年强基工程评价指标" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
