// The activity form, shared by 发布活动 and 修改活动: what it is and who publishes it (the audience
// is that union's subtree), places and how they are given out (first come with a waitlist, or a
// lottery), the sign-up window or its batches, time and place with a map link, who it is for and
// the rules, the cancellation deadline, the cover and a formatted description. When editing, the
// publishing union and the allocation are shown but locked (the API keeps them as published).
import '../../components/common.css';
import './activities.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Checkbox, Col, Divider, Form, Input, InputNumber, Radio, Row, Space, Switch, Typography } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import { DeleteOutlined, EnvironmentOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons';
import { activityKindLabels, activityKinds, allocationLabels, createActivityBody, targetGroupLabels, targetGroups } from '../../../../contracts/activities.ts';
import { errorMessage } from '../../../shared/api.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { MemberAgeItem, RangeItem } from '../../components/RangeItem.tsx';
import { zodRule } from '../../rules.ts';
import type { ActivityFormValues } from './activityFormValues.ts';
import { RichTextEditor } from './RichTextEditor.tsx';

type Values = ActivityFormValues;

/** A picked cover image: its base64 for the upload and a data URL for the preview. */
export interface PickedCover {
  base64: string;
  url: string;
  name: string;
}

const TIME = 'YYYY-MM-DD HH:mm';

/** The same link the server makes (rules.ts amapUrl), shown before publishing. */
function amapPreview(location: string | undefined, lat: number | null | undefined, lng: number | null | undefined): string | null {
  if (lat != null && lng != null) return `https://uri.amap.com/marker?position=${lng},${lat}${location ? `&name=${encodeURIComponent(location)}` : ''}&coordinate=gaode&callnative=1`;
  if (location?.trim()) return `https://uri.amap.com/search?keyword=${encodeURIComponent(location.trim())}&callnative=1`;
  return null;
}

/** The server takes covers of at most 600 KB (PNG, JPEG or WebP, judged by content). */
const COVER_MAX_BYTES = 600 * 1024;

function CoverPicker({ value, onChange, currentUrl }: { value?: PickedCover | undefined; onChange: (v: PickedCover | undefined) => void; currentUrl?: string | undefined }) {
  const [problem, setProblem] = useState<string>();
  function pick(file: File | undefined) {
    setProblem(undefined);
    if (!file) return;
    if (!['image/png', 'image/jpeg', 'image/webp'].includes(file.type)) return setProblem('请选择 PNG、JPEG 或 WebP 图片');
    if (file.size > COVER_MAX_BYTES) return setProblem(`图片 ${(file.size / 1024).toFixed(0)} KB，超过 600 KB，请压缩后再选`);
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      onChange({ url, base64: url.slice(url.indexOf(',') + 1), name: file.name });
    };
    reader.readAsDataURL(file);
  }
  return (
    <Space direction="vertical" size={8}>
      {value ? <img src={value.url} alt="封面预览" className="act-cover-preview" /> : currentUrl && <img src={currentUrl} alt="当前封面" className="act-cover-preview" />}
      <Space wrap>
        <Button icon={<PictureOutlined />} onClick={() => document.getElementById('act-cover-file')?.click()}>
          {value || currentUrl ? '换一张' : '选择封面图片'}
        </Button>
        {value && (
          <Button type="text" danger onClick={() => onChange(undefined)}>
            {currentUrl ? '不换封面' : '不用封面'}
          </Button>
        )}
      </Space>
      <input
        id="act-cover-file"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        style={{ display: 'none' }}
        aria-label="封面图片"
        onChange={(e) => {
          pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space>
  );
}

interface Props {
  initialValues: Partial<Values>;
  /** The name shown for the publishing union before the picker loads it. */
  orgLabel: string;
  /** Editing a published activity: the union and the allocation are locked. */
  editing?: boolean;
  /** The activity's current cover, shown until another is picked. */
  coverUrl?: string | undefined;
  submitLabel: string;
  /** The title of the error shown when the server refuses (e.g. 未能发布). */
  failureTitle: string;
  /** Saves the values; a thrown error's message (the server's Chinese text) is shown above the form. */
  onSubmit: (values: Values, cover: PickedCover | undefined) => Promise<void>;
  backLabel: string;
  onBack: () => void;
  /** Shown above the form, e.g. why a change may be refused. */
  notice?: ReactNode;
}

export function ActivityForm({ initialValues, orgLabel, editing = false, coverUrl, submitLabel, failureTitle, onSubmit, backLabel, onBack, notice }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [cover, setCover] = useState<PickedCover>();
  const problemBox = useRef<HTMLDivElement>(null);
  const allocation = Form.useWatch('allocation', form);
  const useBatches = Form.useWatch('useBatches', form);
  const groups = Form.useWatch('targetGroups', form) ?? [];
  const kind = Form.useWatch('kind', form);
  const places = Form.useWatch('places', form);
  const batches = Form.useWatch('batches', form);
  const mapUrl = amapPreview(Form.useWatch('location', form), Form.useWatch('lat', form), Form.useWatch('lng', form));
  const batchTotal = (batches ?? []).reduce((s, b) => s + (b?.places ?? 0), 0);
  const askChildAge = groups.includes('parents') || kind === 'family';

  // the refusal, at the top of the form, in view: scroll whatever holds the form (a drawer's body, or
  // the page) to its top — scrollIntoView would also shift the drawer's own unscrollable wrapper
  useEffect(() => {
    if (!problem) return;
    const holder = problemBox.current?.closest('.ant-drawer-body');
    (holder ?? window).scrollTo({ top: 0, behavior: 'smooth' });
  }, [problem]);

  async function submit(v: Values) {
    setBusy(true);
    setProblem(undefined);
    try {
      await onSubmit(v, cover);
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => void submit(v)}
      onFinishFailed={() => message.warning('还有内容需要填写或修改，请查看标红的项目')}
      scrollToFirstError
      requiredMark="optional"
      className="act-form"
    >
      {problem && (
        <div ref={problemBox}>
          <Alert type="error" showIcon message={failureTitle} description={problem} style={{ marginBottom: 16 }} closable onClose={() => setProblem(undefined)} data-testid="activity-form-problem" />
        </div>
      )}
      {notice}
      <Divider orientation="left" orientationMargin={0}>基本信息</Divider>
      <Form.Item
        name="title"
        label="活动名称"
        validateFirst
        rules={[{ required: true, whitespace: true, message: '请输入活动名称' }, { min: 2, message: '活动名称至少 2 个字' }, zodRule(createActivityBody.shape.title)]}
      >
        <Input placeholder="如：2025 年一线职工疗休养（第一批）" maxLength={100} showCount />
      </Form.Item>
      <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={activityKinds.map((k) => ({ value: k, label: activityKindLabels[k] }))} />
      </Form.Item>
      {editing ? (
        <Form.Item label="发布单位" extra="发布单位不能修改" required>
          <Input value={orgLabel} disabled aria-label="发布单位" style={{ maxWidth: 420 }} />
        </Form.Item>
      ) : (
        <Form.Item name="orgId" label="发布单位" extra="活动面向该工会及其下级组织的会员" rules={[{ required: true, message: '请选择发布单位' }]}>
          <OrgSearchSelect aria-label="发布单位" initialLabel={orgLabel} style={{ width: '100%', maxWidth: 420 }} />
        </Form.Item>
      )}

      <Divider orientation="left" orientationMargin={0}>名额与报名</Divider>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="places" label="名额" rules={[{ required: true, message: '请输入名额' }]}>
            <InputNumber min={1} max={100000} precision={0} addonAfter="人" style={{ width: '100%' }} placeholder="如 100" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="perMemberLimit" label="每人可报" tooltip="本人加家属最多占几个名额" rules={[{ required: true }]}>
            <InputNumber min={1} max={10} precision={0} addonAfter="个名额" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="allocation" label="分配方式" rules={[{ required: true }]} extra={editing ? '分配方式不能修改（抽签的种子承诺已在发布时公布）' : undefined}>
        <Radio.Group disabled={editing}>
          <Space direction="vertical">
            <Radio value="first_come">
              {allocationLabels.first_come}
              <Typography.Text type="secondary">：按报名先后确认，满员后可排候补，有人取消时候补自动递补</Typography.Text>
            </Radio>
            <Radio value="lottery">
              {allocationLabels.lottery}
              <Typography.Text type="secondary">：报名截止后公开抽签（发布时公布种子承诺，抽签后可复算），结果公示</Typography.Text>
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {allocation === 'first_come' && (
        <Form.Item name="waitlistPlaces" label="候补名额" extra="满员后还可排候补的人数；0 为不设候补">
          <InputNumber min={0} max={100000} precision={0} addonAfter="人" style={{ width: 200 }} />
        </Form.Item>
      )}
      <Form.Item name="signupWindow" label="报名时间" rules={[{ required: true, message: '请选择报名时间' }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={TIME} placeholder={['报名开始', '报名截止']} />
      </Form.Item>
      <Form.Item name="useBatches" label="分批报名" valuePropName="checked" extra="如 400 个名额分 4 批、每批 100 个，各批有自己的报名时间">
        <Switch checkedChildren="分批" unCheckedChildren="不分批" />
      </Form.Item>
      {useBatches && (
        <Form.List name="batches" initialValue={[{}]}>
          {(fields, { add, remove }) => (
            <div className="act-batches">
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap className="act-batch">
                  <Typography.Text strong className="act-batch-no">
                    第 {i + 1} 批
                  </Typography.Text>
                  <Form.Item name={[f.name, 'places']} rules={[{ required: true, message: '名额' }]}>
                    <InputNumber min={1} max={100000} precision={0} addonAfter="人" placeholder="名额" style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'window']} rules={[{ required: true, message: '请选择本批报名时间' }]}>
                    <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={TIME} placeholder={['本批开始', '本批截止']} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 批`} onClick={() => remove(f.name)} disabled={fields.length === 1} />
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add()} disabled={fields.length >= 20}>
                  添加一批
                </Button>
                <Typography.Text type={places && batchTotal !== places ? 'warning' : 'secondary'}>
                  各批名额合计 {batchTotal} 人{places ? `，活动名额 ${places} 人${batchTotal !== places ? '（应相等）' : ''}` : ''}；各批时间应在报名时间内、依次不重叠
                </Typography.Text>
              </Space>
            </div>
          )}
        </Form.List>
      )}

      <Divider orientation="left" orientationMargin={0}>时间与地点</Divider>
      <Form.Item name="activityTime" label="活动时间" rules={[{ required: true, message: '请选择活动开始时间' }]} extra="结束时间可不填">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={TIME} placeholder={['活动开始', '活动结束']} allowEmpty={[false, true]} />
      </Form.Item>
      <Form.Item name="cancelDeadline" label="取消报名截止" extra="会员在此之前可自行取消报名，空出的名额由候补递补；不填为活动开始时">
        <DatePicker showTime={{ format: 'HH:mm' }} format={TIME} placeholder="默认：活动开始时" />
      </Form.Item>
      <Form.Item name="location" label="活动地点" validateFirst rules={[{ min: 2, message: '地点至少 2 个字' }, zodRule(createActivityBody.shape.location.unwrap())]}>
        <Input placeholder="如：化州市石湾街道职工之家（石湾大道 88 号）" maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} sm={6}>
          <Form.Item name="lat" label="纬度" tooltip="高德坐标，可在高德地图上长按地点取得；不填则按地址搜索">
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} placeholder="如 21.66" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="lng" label="经度">
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} placeholder="如 110.63" />
          </Form.Item>
        </Col>
      </Row>
      <div className="act-map-preview">
        <EnvironmentOutlined />{' '}
        {mapUrl ? (
          <a href={mapUrl} target="_blank" rel="noopener noreferrer">
            在高德地图中查看（会员看到的地图链接）
          </a>
        ) : (
          <Typography.Text type="secondary">填写地点后生成地图链接，会员可一键导航</Typography.Text>
        )}
      </div>

      <Divider orientation="left" orientationMargin={0}>面向群体与报名条件</Divider>
      <Form.Item name="targetGroups" label="面向群体" extra="不选为全体会员；选了则只有属于其中一类的会员可以报名">
        <Checkbox.Group options={targetGroups.map((g) => ({ value: g, label: targetGroupLabels[g] }))} />
      </Form.Item>
      {askChildAge && (
        <RangeItem
          label="子女年龄（周岁）"
          extra="亲子活动：报名时填写子女年龄，不在范围内不能报名"
          from={{ name: 'childMinAge', ariaLabel: '子女最小年龄', placeholder: '最小' }}
          to={{ name: 'childMaxAge', ariaLabel: '子女最大年龄', placeholder: '最大' }}
          min={0}
          max={30}
          unit="岁"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <MemberAgeItem />
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="minMembershipMonths" label="入会满">
            <InputNumber min={0} max={600} precision={0} addonAfter="个月" placeholder="不限" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="sameKindGapMonths" label="同类活动间隔" tooltip="如疗休养一年一次：填 12，近 12 个月参加过同类活动的不能报名">
            <InputNumber min={1} max={120} precision={0} addonAfter="个月" placeholder="不限" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0}>活动介绍</Divider>
      <Form.Item label="封面图片" extra="PNG、JPEG 或 WebP，不超过 600 KB；显示在会员看到的活动详情顶部">
        <CoverPicker value={cover} onChange={setCover} currentUrl={coverUrl} />
      </Form.Item>
      <Form.Item name="description" extra="可加粗、分段、列表和链接；保存时自动去除不安全的内容">
        <RichTextEditor aria-label="活动介绍" placeholder="活动内容、日程、费用、报名须知、联系人和电话……" />
      </Form.Item>

      <Space className="act-form-actions" wrap>
        <Button type="primary" htmlType="submit" size="large" loading={busy}>
          {submitLabel}
        </Button>
        <Button size="large" onClick={onBack}>
          {backLabel}
        </Button>
      </Space>
    </Form>
  );
}
