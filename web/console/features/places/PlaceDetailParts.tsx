// Parts of a place's page: its week as a table, a date's own hours (list, add, remove), its photos
// (shown, uploaded, removed), the keeper's phone revealed with a reason, merging into another place.
import { useRef, useState } from 'react';
import { App, Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { PLACE_PHOTOS_MAX, revealKeeperBody, type HoursInterval, type PlaceDetail } from '../../../../contracts/places.ts';
import { api, apiUrl, errorMessage, newIdempotencyKey } from '../../../shared/api.ts';
import { uploadFile } from '../../../shared/upload.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { RevealPhoneModal } from '../../components/RevealPhoneModal.tsx';
import { holidayText, intervalText, weekRows } from './placeParts.tsx';

export function HoursTable({ place }: { place: PlaceDetail }) {
  const rows = [...weekRows(place.hours).map((r) => ({ key: String(r.day), label: r.label, text: r.text })), { key: 'holiday', label: '法定节假日', text: holidayText(place.hours) }];
  return (
    <Table size="small" pagination={false} rowKey="key" dataSource={rows} showHeader={false} data-testid="place-hours"
      columns={[{ dataIndex: 'label', width: 110 }, { dataIndex: 'text', render: (t: string) => <span className={t === '闭馆' ? 'muted' : 'mono'}>{t}</span> }]} />
  );
}

interface ExceptionValues {
  day: Dayjs;
  closed: boolean;
  from?: string;
  to?: string;
  note?: string;
}

export function ExceptionsPanel({ place, canWrite, onChanged }: { place: PlaceDetail; canWrite: boolean; onChanged: (p: PlaceDetail) => void }) {
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ExceptionValues>();
  async function save() {
    const v = await form.validateFields();
    const intervals: HoursInterval[] = v.closed ? [] : [{ from: v.from ?? '', to: v.to ?? '' }];
    try {
      onChanged(await api.put('/api/places/:id/exceptions/:day', { params: { id: place.id, day: v.day.format('YYYY-MM-DD') }, body: { intervals, note: v.note?.trim() ?? '' } }));
      setAdding(false);
      form.resetFields();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }
  return (
    <>
      <Table
        size="small"
        pagination={false}
        rowKey="day"
        dataSource={place.exceptions}
        locale={{ emptyText: '没有特别安排的日期' }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 120, render: (d: string) => <span className="mono">{d}</span> },
          { title: '当天开放时间', render: (_, e) => (e.intervals.length === 0 ? '全天闭馆' : e.intervals.map(intervalText).join('、')) },
          { title: '说明', dataIndex: 'note' },
          ...(canWrite
            ? [{
                title: '',
                width: 60,
                render: (_: unknown, e: { day: string }) => (
                  <Popconfirm title="取消这一天的特别安排？" okText="取消安排" cancelText="不了" onConfirm={async () => onChanged(await api.delete('/api/places/:id/exceptions/:day', { params: { id: place.id, day: e.day } }))}>
                    <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`取消 ${e.day} 的安排`} />
                  </Popconfirm>
                ),
              }]
            : []),
        ]}
      />
      {canWrite && (
        <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setAdding(true)}>
          特别安排某一天
        </Button>
      )}
      <Modal title="特别安排某一天的开放时间" open={adding} okText="保存" onOk={() => void save().catch(() => undefined)} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ closed: true }} preserve={false}>
          <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker aria-label="日期" />
          </Form.Item>
          <Form.Item name="closed" label="当天">
            <Form.Item noStyle shouldUpdate>
              {() => (
                <Space wrap>
                  <Button type={form.getFieldValue('closed') ? 'primary' : 'default'} onClick={() => form.setFieldValue('closed', true)}>全天闭馆</Button>
                  <Button type={form.getFieldValue('closed') ? 'default' : 'primary'} onClick={() => form.setFieldValue('closed', false)}>另定时段</Button>
                  {!form.getFieldValue('closed') && (
                    <>
                      <Form.Item name="from" noStyle rules={[{ required: true, message: '开门时间' }]}><Input aria-label="开门时间" placeholder="08:00" style={{ width: 80 }} maxLength={5} /></Form.Item>
                      <span>至</span>
                      <Form.Item name="to" noStyle rules={[{ required: true, message: '关门时间' }]}><Input aria-label="关门时间" placeholder="22:00" style={{ width: 80 }} maxLength={5} /></Form.Item>
                    </>
                  )}
                </Space>
              )}
            </Form.Item>
          </Form.Item>
          <Form.Item name="note" label="说明" rules={[{ max: 100, message: '最多 100 字' }]}>
            <Input placeholder="如：设备检修、国庆延长开放" maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function PhotosPanel({ place, canWrite, onChanged }: { place: PlaceDetail; canWrite: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  async function upload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    try {
      await uploadFile('/api/places/:id/photos', file, { params: { id: place.id }, idempotencyKey: newIdempotencyKey() });
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }
  return (
    <>
      <div className="place-photos">
        {place.photos.length === 0 && <Typography.Text type="secondary">还没有照片</Typography.Text>}
        {place.photos.map((p, i) => (
          <figure key={p.id}>
            <img src={apiUrl('/api/place-photos/:id', { params: { id: p.id } })} alt={`${place.name}照片 ${i + 1}`} />
            {canWrite && (
              <Popconfirm title="删除这张照片？" okText="删除" cancelText="不删" onConfirm={async () => { await api.delete('/api/places/:id/photos/:photoId', { params: { id: place.id, photoId: p.id } }); onChanged(); }}>
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`删除照片 ${i + 1}`} />
              </Popconfirm>
            )}
          </figure>
        ))}
      </div>
      {canWrite && place.photos.length > PLACE_PHOTOS_MAX && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="photos-over"
          message={`合并后共 ${place.photos.length} 张照片，超过 ${PLACE_PHOTOS_MAX} 张的上限。照片都会显示；删除 ${place.photos.length - PLACE_PHOTOS_MAX + 1} 张后才能上传新照片。`}
        />
      )}
      {canWrite && place.photos.length < PLACE_PHOTOS_MAX && (
        <>
          <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" hidden aria-label="选择照片" onChange={(e) => void upload(e.target.files?.[0])} />
          <Button size="small" className="place-wrap-button" icon={<UploadOutlined />} loading={busy} style={{ marginTop: 8 }} onClick={() => input.current?.click()}>
            上传照片（JPEG/PNG，≤5 MB，最多 {PLACE_PHOTOS_MAX} 张）
          </Button>
        </>
      )}
    </>
  );
}

export function RevealKeeperModal({ place, open, onClose }: { place: PlaceDetail; open: boolean; onClose: () => void }) {
  return (
    <RevealPhoneModal
      open={open}
      onClose={onClose}
      title={`查看站长电话：${place.name}`}
      label="站长电话"
      placeholder="如：联系站长核实开放时间"
      reasonSchema={revealKeeperBody.shape.reason}
      reveal={async (reason) => (await api.post('/api/places/:id/reveal', { params: { id: place.id }, body: { reason } })).phone}
      testId="keeper-phone-full"
    />
  );
}

/** Merging this place into another: the other place's ID (prefilled from a duplicate), confirmed. */
export function MergeModal({ place, into, open, onClose, onMerged }: { place: PlaceDetail; into?: number; open: boolean; onClose: () => void; onMerged: (p: PlaceDetail) => void }) {
  const [form] = Form.useForm<{ into: number }>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function merge() {
    const v = await form.validateFields();
    setBusy(true);
    setProblem(undefined);
    try {
      onMerged(await api.post('/api/places/:id/merge', { params: { id: place.id }, body: { into: v.into } }));
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const watched = Form.useWatch('into', form);
  const target = place.duplicates.find((d) => d.id === (watched ?? into));
  return (
    <Modal title={`合并重复阵地：${place.name}`} open={open} okText="确认合并" okButtonProps={{ danger: true, loading: busy }} onOk={() => void merge().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="本阵地将并入保留的阵地：照片、特别安排的日期、预约时段及预约、到访、问题记录、托管项目随之转移，本阵地不再显示。合并错了可在 30 天内撤销。" />
      {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={problem} />}
      <Form form={form} layout="vertical" initialValues={{ into }} preserve={false}>
        <Form.Item name="into" label="保留的阵地 ID" rules={[{ required: true, message: '请填写保留的阵地 ID' }]} extra={target ? `并入：${target.name}（相距 ${target.distanceM} 米）` : '可在“可能重复”中点“并入”自动填写'}>
          <InputNumber aria-label="保留的阵地 ID" min={1} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
