// 登记来电 (12351): one screen for a clerk on the phone, all by keyboard — the caller's phone first
// (a member of the scope with that phone is found and used; otherwise the caller's name), the type
// (求助 by default) and the category as radio rows (arrow keys), the employer from the register or
// typed with the town worked in (or a gig platform), the difficulty, what happened, and the caller's
// consent to the employer's own union. Enter saves (Ctrl+Enter inside the description); the answer
// says where the ticket went and why, with a link to it, and the form is clear for the next call.
// One Idempotency-Key per submission, kept for its retries.
import '../../components/common.css';
import './tickets.css';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, AutoComplete, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography, type InputRef } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { gigPlatformNames } from '../../../../contracts/members.ts';
import {
  ticketCategories,
  ticketCategoryLabels,
  ticketDifficulties,
  ticketDifficultyLabels,
  ticketTypeLabels,
  ticketTypes,
  type TicketCategory,
  type TicketDetail,
  type TicketDifficulty,
} from '../../../../contracts/tickets.ts';
import { api } from '../../../shared/api.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

type Ticket = (typeof ticketTypes)[number];

interface Values {
  callerPhone: string;
  callerName?: string;
  type: Ticket;
  category?: TicketCategory;
  employerKind: 'enterprise' | 'platform';
  employerText?: string;
  gigPlatform?: string;
  workOrgId?: number;
  difficulty: TicketDifficulty;
  description: string;
  employerUnionConsent?: boolean;
}

interface Found {
  id: number;
  name: string;
  orgName: string;
}
interface Employer {
  id: number;
  name: string;
  hasUnion: boolean;
  townName: string;
}

const initialValues: Partial<Values> = { type: 'help', employerKind: 'enterprise', difficulty: 'normal' };
const PHONE = /^1[3-9][0-9]{9}$/;

export function NewCallPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const phoneRef = useRef<InputRef>(null);
  const { post, busy } = useIdempotentPost('/api/tickets');
  const [member, setMember] = useState<Found | null>();
  const [suggestions, setSuggestions] = useState<Employer[]>([]);
  const [employer, setEmployer] = useState<Employer>();
  const [saved, setSaved] = useState<TicketDetail>();
  const [problem, setProblem] = useState<string>();
  const phone = Form.useWatch('callerPhone', form) ?? '';
  const kind = Form.useWatch('employerKind', form) ?? 'enterprise';
  const employerText = Form.useWatch('employerText', form) ?? '';

  // the caller's phone names a member of the scope, or nobody
  useEffect(() => {
    const tel = phone.trim();
    if (!PHONE.test(tel)) {
      setMember(undefined);
      return;
    }
    let live = true;
    api.get('/api/members', { query: { q: tel, pageSize: 1, status: 'active' } }).then(
      (page) => live && setMember(page.items[0] ? { id: page.items[0].id, name: page.items[0].name, orgName: page.items[0].org.name } : null),
      () => live && setMember(null),
    );
    return () => {
      live = false;
    };
  }, [phone]);

  // the register's enterprises whose name holds what was typed
  useEffect(() => {
    const q = employerText.trim();
    if (employer && employer.name === employerText) return;
    setEmployer(undefined);
    if (q.length < 2) {
      setSuggestions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.get('/api/enterprises/suggest', { query: { q, pageSize: 8 } }).then(
        (page) => live && setSuggestions(page.items),
        () => live && setSuggestions([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // employer is read, not watched: picking one sets the text to its name
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [employerText]);

  async function save(v: Values) {
    setProblem(undefined);
    const body = {
      type: v.type,
      category: v.category!,
      difficulty: v.difficulty,
      description: v.description.trim(),
      ...(member ? { callerMemberId: member.id } : { callerName: v.callerName?.trim(), callerPhone: v.callerPhone.trim() }),
      ...(v.employerKind === 'platform'
        ? { gigPlatform: v.gigPlatform, workOrgId: v.workOrgId }
        : employer
          ? { enterpriseId: employer.id, employerUnionConsent: employer.hasUnion ? v.employerUnionConsent === true : undefined }
          : { employerName: v.employerText?.trim(), workOrgId: v.workOrgId }),
    };
    const out = await post({ body });
    if (out.kind !== 'done') {
      setProblem(out.message);
      return;
    }
    setSaved(out.answer);
    form.resetFields();
    setMember(undefined);
    setEmployer(undefined);
    setSuggestions([]);
    phoneRef.current?.focus();
  }

  return (
    <Card
      className="new-call"
      title={<PageTitle>登记来电（12351）</PageTitle>}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/tickets')}>
          返回维权工单
        </Button>
      }
    >
      {saved && (
        <Alert
          className="new-call-result"
          type="success"
          showIcon
          role="status"
          data-testid="new-call-saved"
          message={
            <span>
              已登记工单 <Link to={`/tickets/${saved.id}`}>#{saved.id}</Link>，分派到{saved.org.name}。
            </span>
          }
          description={saved.routeReason}
        />
      )}
      {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="horizontal" labelCol={{ flex: '120px' }} wrapperCol={{ flex: 'auto' }} initialValues={initialValues} onFinish={(v) => void save(v)}>
        <Form.Item label="来电号码" required>
          <Space wrap align="start">
            <Form.Item name="callerPhone" noStyle rules={[{ required: true, message: '请填写来电号码' }, { pattern: PHONE, message: '请输入 11 位手机号码' }]}>
              <Input ref={phoneRef} autoFocus aria-label="来电号码" inputMode="tel" maxLength={11} placeholder="11 位手机号" style={{ width: 200 }} />
            </Form.Item>
            {member && (
              <Typography.Text type="success" data-testid="caller-member">
                会员：{member.name}（{member.orgName}）
              </Typography.Text>
            )}
            {member === null && <Typography.Text type="secondary">非会员或不在本级范围内，请登记姓名</Typography.Text>}
          </Space>
        </Form.Item>
        {!member && (
          <Form.Item name="callerName" label="来电人姓名" rules={[{ required: true, whitespace: true, message: '请填写来电人姓名' }]}>
            <Input maxLength={50} placeholder="如 李师傅" style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item name="type" label="诉求类型">
          <Radio.Group options={ticketTypes.map((t) => ({ value: t, label: ticketTypeLabels[t] }))} />
        </Form.Item>
        <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别（方向键选择）' }]}>
          <Radio.Group options={ticketCategories.map((c) => ({ value: c, label: ticketCategoryLabels[c] }))} />
        </Form.Item>
        <Form.Item name="employerKind" label="工作单位">
          <Radio.Group
            options={[
              { value: 'enterprise', label: '用人单位' },
              { value: 'platform', label: '新就业形态平台' },
            ]}
          />
        </Form.Item>
        {kind === 'enterprise' ? (
          <Form.Item
            name="employerText"
            label="单位名称"
            rules={[{ required: true, whitespace: true, message: '请填写工作单位' }, { min: 2, message: '至少 2 个字' }]}
            extra={employer ? `名录中的单位：${employer.townName}${employer.hasUnion ? '，已建工会（未经同意，该单位工会看不到本工单）' : '，尚未建会'}` : '输入名称从单位名录中选择；名录中没有的，填写名称并选择工作所在的镇街'}
          >
            <AutoComplete
              aria-label="单位名称"
              style={{ maxWidth: 420 }}
              options={suggestions.map((e) => ({ value: e.name, label: `${e.name}（${e.townName}）`, key: e.id }))}
              onSelect={(_, o) => setEmployer(suggestions.find((e) => e.id === Number(o.key)))}
              placeholder="如 化州市鸿运五金制品有限公司"
            />
          </Form.Item>
        ) : (
          <Form.Item name="gigPlatform" label="平台" rules={[{ required: true, message: '请选择平台' }]}>
            <Select aria-label="平台" showSearch style={{ width: 200 }} options={gigPlatformNames.map((p) => ({ value: p, label: p }))} placeholder="如 美团" />
          </Form.Item>
        )}
        {(kind === 'platform' || !employer) && (
          <Form.Item name="workOrgId" label="工作所在镇街" rules={[{ required: true, message: '请选择工作所在的镇（街道）' }]}>
            <OrgSearchSelect aria-label="工作所在镇街" placeholder="输入镇街名称查找" style={{ width: 320 }} disabledReason={(o) => (o.level === 'town' ? undefined : '请选择镇（街道）')} />
          </Form.Item>
        )}
        {kind === 'enterprise' && employer?.hasUnion && (
          <Form.Item name="employerUnionConsent" label=" " colon={false} valuePropName="checked">
            <Checkbox>来电人同意由本单位工会办理（不同意时由单位所在镇街总工会办理，单位工会看不到本工单）</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="difficulty" label="难易程度">
          <Radio.Group options={ticketDifficulties.map((d) => ({ value: d, label: ticketDifficultyLabels[d] }))} />
        </Form.Item>
        <Form.Item name="description" label="反映内容" rules={[{ required: true, whitespace: true, message: '请记录来电反映的情况' }, { min: 5, message: '至少 5 个字' }]}>
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder="时间、地点、诉求、涉及金额；Ctrl+Enter 保存"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                form.submit();
              }
            }}
          />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              保存工单（Enter）
            </Button>
            <Typography.Text type="secondary">保存后表单清空，可登记下一个来电</Typography.Text>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
