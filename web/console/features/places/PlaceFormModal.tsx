// 登记阵地 / 修改阵地: one dialog for both. Before saving, the server is asked (dryRun) for likely
// duplicates — the same kind within 50 m, a similar name within 500 m — and the clerk sees
// "可能重复：xx（相距 23 米）" with the choice to save anyway or open the other place.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import {
  keeperPhone,
  placeKindLabels,
  placeKinds,
  placeServiceLabels,
  placeServices,
  type PlaceDetail,
  type PlaceDuplicate,
  type PlaceHours,
  type PlaceKind,
  type PlaceService,
} from '../../../../contracts/places.ts';
import { api, newIdempotencyKey } from '../../../shared/api.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { zodRule } from '../../rules.ts';
import { HoursEditor } from './HoursEditor.tsx';
import { parsePastedPosition } from './placeParts.tsx';
import './places.css';

interface Values {
  orgId: number;
  kind: PlaceKind;
  name: string;
  address: string;
  townId?: number | null;
  lat: number;
  lng: number;
  system: 'gcj02' | 'wgs84';
  hours: PlaceHours;
  services: PlaceService[];
  intro?: string;
  keeperName?: string;
  keeperPhone?: string;
  bookable: boolean;
}

export function DuplicateList({ duplicates, onOpen }: { duplicates: PlaceDuplicate[]; onOpen: (id: number) => void }) {
  return (
    <ul>
      {duplicates.map((d) => (
        <li key={d.id}>
          可能重复：
          <Button type="link" size="small" className="cell-link" onClick={() => onOpen(d.id)}>
            {d.name}
          </Button>
          （{placeKindLabels[d.kind]}，相距 {d.distanceM} 米{d.reason === 'similarName' ? '，名称相近' : ''}）
        </li>
      ))}
    </ul>
  );
}

export function PlaceFormModal({ place, onDone, onCancel, onOpenPlace }: { place?: PlaceDetail; onDone: (p: PlaceDetail) => void; onCancel: () => void; onOpenPlace: (id: number) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useIdempotentPost('/api/places');
  /** the duplicates the clerk has been shown for these values; saving again goes ahead */
  const [warned, setWarned] = useState<{ request: string; duplicates: PlaceDuplicate[] }>();

  function bodyOf(v: Values) {
    return {
      kind: v.kind,
      name: v.name.trim(),
      address: v.address.trim(),
      townId: v.townId ?? null,
      position: { lat: v.lat, lng: v.lng, system: v.system },
      hours: v.hours,
      services: v.services ?? [],
      // one paragraph: line breaks typed in the box become spaces
      intro: v.intro?.replace(/\s*\n\s*/g, ' ').trim() ?? '',
      keeperName: v.keeperName?.trim() || null,
      ...(v.keeperPhone ? { keeperPhone: v.keeperPhone.trim() } : !place ? { keeperPhone: null } : {}),
      bookable: v.bookable ?? false,
    };
  }

  async function submit(v: Values) {
    const body = bodyOf(v);
    const request = JSON.stringify(body);
    if (warned?.request !== request) {
      const check = place
        ? await api.patch('/api/places/:id', { params: { id: place.id }, body: { ...body, dryRun: true } })
        : await api.post('/api/places', { body: { ...body, orgId: v.orgId, dryRun: true }, headers: { 'idempotency-key': newIdempotencyKey() } });
      if (check.duplicates.length > 0) {
        setWarned({ request, duplicates: check.duplicates });
        return;
      }
    }
    if (place) {
      const out = await api.patch('/api/places/:id', { params: { id: place.id }, body });
      message.success('已保存');
      onDone(out.place!);
      return;
    }
    const out = await create.post({ body: { ...body, orgId: v.orgId } });
    if (out.kind !== 'done') throw new Error(out.message);
    message.success(`已登记 ${out.answer.place!.name}`);
    onDone(out.answer.place!);
  }

  const initial: Partial<Values> = place
    ? {
        orgId: place.org.id,
        kind: place.kind,
        name: place.name,
        address: place.address,
        townId: place.town?.id ?? null,
        lat: place.lat,
        lng: place.lng,
        system: 'gcj02',
        hours: place.hours,
        services: place.services,
        intro: place.intro,
        keeperName: place.keeperName ?? undefined,
        bookable: place.bookable,
      }
    : { system: 'gcj02', services: [], bookable: false, hours: { week: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })), holidays: 'closed' } };

  return (
    <FormModal<Values>
      form={form}
      title={place ? `修改阵地：${place.name}` : '登记阵地'}
      okText={warned ? '仍然保存' : place ? '保存' : '登记'}
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 720, destroyOnHidden: true }}
      intro={
        warned && (
          <Alert
            className="duplicate-alert"
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message="附近已有相似的阵地，请核对是否重复登记"
            description={<DuplicateList duplicates={warned.duplicates} onOpen={onOpenPlace} />}
            data-testid="duplicate-warning"
          />
        )
      }
      formProps={{ initialValues: initial, onValuesChange: () => setWarned(undefined) }}
    >
      {place ? (
        <Form.Item label="运营工会">{place.org.name}</Form.Item>
      ) : (
        <Form.Item name="orgId" label="运营工会" rules={[{ required: true, message: '请选择运营工会' }]}>
          <OrgSearchSelect aria-label="运营工会" />
        </Form.Item>
      )}
      <Space wrap align="start" size={16}>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select aria-label="类型" style={{ width: 180 }} options={placeKinds.map((k) => ({ value: k, label: placeKindLabels[k] }))} placeholder="选择类型" />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { min: 2, max: 100, message: '名称为 2–100 个字' }]}>
          <Input aria-label="名称" maxLength={100} style={{ width: 420, maxWidth: '100%' }} placeholder="如：石湾街道职工书屋" />
        </Form.Item>
      </Space>
      <Form.Item name="address" label="地址" rules={[{ required: true, whitespace: true, message: '请填写地址' }, { min: 2, max: 200, message: '地址为 2–200 个字' }]}>
        <Input aria-label="地址" maxLength={200} />
      </Form.Item>
      <Form.Item name="townId" label="所在镇街" extra="镇（街道）工会，用于按镇街查找和统计；可不填">
        <OrgSearchSelect aria-label="所在镇街" allowClear placeholder="输入镇街名称查找，如“石湾”" />
      </Form.Item>
      <Form.Item label="位置" required extra="可从高德、腾讯地图复制“经度,纬度”粘贴到任一格（如 110.638,21.663），会自动分开">
        <Space wrap>
          {(['lat', 'lng'] as const).map((f) => (
            <Form.Item key={f} name={f} noStyle rules={[{ required: true, message: f === 'lat' ? '请填写纬度' : '请填写经度' }]}>
              <InputNumber
                aria-label={f === 'lat' ? '纬度' : '经度'}
                placeholder={f === 'lat' ? '纬度，如 21.663' : '经度，如 110.638'}
                style={{ width: 170 }}
                stringMode={false}
                precision={6}
                onPaste={(e) => {
                  const p = parsePastedPosition(e.clipboardData.getData('text'));
                  if (p) {
                    e.preventDefault();
                    form.setFieldsValue({ lat: p.lat, lng: p.lng });
                  }
                }}
              />
            </Form.Item>
          ))}
          <Form.Item name="system" noStyle>
            <Select
              aria-label="坐标系"
              style={{ width: 210 }}
              options={[
                { value: 'gcj02', label: 'GCJ-02（高德/腾讯/微信）' },
                { value: 'wgs84', label: 'WGS-84（GPS 原始坐标）' },
              ]}
            />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item name="hours" label="开放时间" rules={[{ required: true }]}>
        <HoursEditor />
      </Form.Item>
      <Form.Item name="services" label="服务项目">
        <Checkbox.Group options={placeServices.map((s) => ({ value: s, label: placeServiceLabels[s] }))} />
      </Form.Item>
      <Space wrap align="start" size={16}>
        <Form.Item name="keeperName" label="站长（管理员）" rules={[{ max: 30, message: '最多 30 字' }]}>
          <Input aria-label="站长" maxLength={30} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="keeperPhone" label="站长电话" rules={[zodRule(keeperPhone)]} extra={place?.keeperPhoneMasked ? `现为 ${place.keeperPhoneMasked}；不改请留空` : '加密保存，脱敏显示'}>
          <Input aria-label="站长电话" maxLength={13} inputMode="tel" autoComplete="off" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="bookable" label="可预约" valuePropName="checked">
          <Switch aria-label="可预约" />
        </Form.Item>
      </Space>
      <Form.Item name="intro" label="简介" rules={[{ max: 1000, message: '最多 1000 字' }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
