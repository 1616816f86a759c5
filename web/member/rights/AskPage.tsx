// 我要求助: a worker asks the union for help from the phone — the kind of request, what it is about,
// the employer (from the register, typed with its town, or a gig platform with the town worked in, as
// joining asks it), whether the employer's own union may handle it, what happened, a name when the
// worker is not a member, and photos or documents (sent one by one once the request exists, each with
// its progress and 重试). Then: which union handles it and why, and the deadline.
import './rights.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Checkbox, Form, Input, Selector, TextArea } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import type { gigPlatformNames } from '../../../contracts/members.ts';
import { ticketCategories, ticketCategoryLabels, ticketTypeLabels, ticketTypes, type CreateMyTicketInput, type MyTicket } from '../../../contracts/tickets.ts';
import { ApiError } from '../../shared/api.ts';
import { useIdempotentPost } from '../../shared/useIdempotentPost.ts';
import { looksLikeCreditCode, type EmployerValue } from '../components/EmployerInput.tsx';
import { FormNotice, SubmitFooter } from '../components/forms.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { WorkFields, useWorkForm, workFieldOfError, type WorkValues } from '../components/WorkFields.tsx';
import { useWorker } from '../session.tsx';
import { PickFilesButton, PickedFiles } from './Attachments.tsx';
import { useAttachmentUploads } from './useAttachmentUploads.ts';
import { deadlineText } from './labels.ts';

interface Values extends WorkValues {
  type: string[];
  category: string[];
  description: string;
  contactName?: string;
  consent?: boolean;
}

const fieldOfError: Record<string, keyof Values> = {
  ...workFieldOfError,
  ticket_employer_unknown: 'employer',
  ticket_contact_name_required: 'contactName',
};

const typeOptions = ticketTypes.map((t) => ({ label: ticketTypeLabels[t], value: t }));
const categoryOptions = ticketCategories.map((c) => ({ label: ticketCategoryLabels[c], value: c }));

/** Who the request is about, as the API takes it. Throws employer_required for a credit code nobody picked. */
function employerBody(v: Values): Pick<CreateMyTicketInput, 'enterpriseId' | 'employerName' | 'gigPlatform' | 'workOrgId' | 'employerUnionConsent'> {
  if (v.isGig) return { gigPlatform: v.platform?.[0] as (typeof gigPlatformNames)[number], ...(v.place ? { workOrgId: v.place.id } : {}) };
  const e = v.employer;
  if (e?.picked) return { enterpriseId: e.picked.id, employerUnionConsent: !!(v.consent && e.picked.hasUnion) };
  const text = e?.text.trim() ?? '';
  if (looksLikeCreditCode(text)) throw new ApiError('employer_required', '请填写单位名称，或从建议中选择您的单位', 400);
  return { employerName: text, ...(v.place ? { workOrgId: v.place.id } : {}) };
}

export function AskPage() {
  const navigate = useNavigate();
  const worker = useWorker();
  const { form, submitting, problem, run } = useWorkForm<Values>(fieldOfError);
  const { post } = useIdempotentPost('/api/me/tickets');
  const uploads = useAttachmentUploads();
  const [pickProblem, setPickProblem] = useState<string>();
  const [asked, setAsked] = useState<MyTicket>();
  const [sending, setSending] = useState(false);
  const employer = Form.useWatch('employer', form) as EmployerValue | undefined;
  const isGig = Form.useWatch('isGig', form) as boolean | undefined;

  const submit = (v: Values) =>
    run(async () => {
      const outcome = await post({
        body: {
          type: v.type[0] as CreateMyTicketInput['type'],
          category: v.category[0] as CreateMyTicketInput['category'],
          description: v.description.trim(),
          ...(worker.member ? {} : { contactName: v.contactName?.trim() ?? '' }),
          ...employerBody(v),
        },
      });
      if (outcome.kind === 'refused') throw new ApiError(outcome.code, outcome.message, 400);
      if (outcome.kind === 'unsure') throw new ApiError('network_error', outcome.message, 0);
      setAsked(outcome.answer);
      setSending(true);
      try {
        await uploads.send(outcome.answer.id);
      } finally {
        setSending(false);
      }
    });

  if (asked) return <AskedView ticket={asked} uploads={uploads} sending={sending} />;

  const showConsent = !isGig && !!employer?.picked?.hasUnion;
  return (
    <MemberScreen title="我要求助" onBack={() => navigate('/rights')}>
      <FormNotice>{problem?.message}</FormNotice>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={submit}
        initialValues={{ isGig: false, consent: false }}
        className="r-ask-form"
        footer={<SubmitFooter loading={submitting}>提交求助</SubmitFooter>}
      >
        <Form.Header>求助内容</Form.Header>
        <Form.Item name="type" label="求助类型" rules={[{ required: true, type: 'array', min: 1, message: '请选择求助类型' }]}>
          <Selector columns={2} options={typeOptions} className="r-selector" />
        </Form.Item>
        <Form.Item name="category" label="问题类别" rules={[{ required: true, type: 'array', min: 1, message: '请选择问题类别' }]}>
          <Selector columns={2} options={categoryOptions} className="r-selector" />
        </Form.Item>
        <Form.Item
          name="description"
          label="发生了什么"
          description="时间、地点、涉及金额、已经做过什么（5–2000 字）"
          rules={[
            { required: true, message: '请写下发生了什么' },
            { min: 5, message: '请至少写 5 个字' },
          ]}
        >
          <TextArea placeholder="如：配送站拖欠我 10 月、11 月的配送费共 8,600 元……" rows={5} maxLength={2000} showCount />
        </Form.Item>
        {!worker.member && (
          <Form.Item name="contactName" label="您的称呼" description="您还不是工会会员，请留下称呼，方便工会联系您" rules={[{ required: true, message: '请填写您的称呼' }]}>
            <Input placeholder="如：李师傅" maxLength={50} clearable />
          </Form.Item>
        )}
        <Form.Header>工作单位</Form.Header>
        <WorkFields form={form} needName={false} purpose="rights" />
        {showConsent && (
          <Form.Item
            name="consent"
            valuePropName="checked"
            className="r-consent"
            description="不同意时，您单位的工会看不到这件求助，由单位所在地的镇（街道）工会办理；同意后由单位工会直接办理。"
          >
            <Checkbox style={{ '--icon-size': '20px', '--font-size': '15px' }}>同意由单位工会办理</Checkbox>
          </Form.Item>
        )}
        <Form.Header>照片和材料（可选）</Form.Header>
        <div className="r-attach-block">
          <p className="r-muted">工资条、劳动合同、聊天记录截图、欠条等，提交后逐个上传；最多 9 个。</p>
          <PickedFiles files={uploads.files} onRemove={uploads.remove} />
          {pickProblem && (
            <div className="r-file-problem" role="alert">
              {pickProblem}
            </div>
          )}
          <PickFilesButton room={uploads.room} onPick={(files) => setPickProblem(uploads.add(files))} />
        </div>
      </Form>
    </MemberScreen>
  );
}

function AskedView({ ticket, uploads, sending }: { ticket: MyTicket; uploads: ReturnType<typeof useAttachmentUploads>; sending: boolean }) {
  const navigate = useNavigate();
  const failed = uploads.files.filter((f) => f.state === 'failed').length;
  return (
    <MemberScreen title="求助已提交" onBack={() => navigate('/rights')}>
      <section className="m-card r-asked" data-testid="ask-result">
        <CheckCircleFill className="r-asked-icon" aria-hidden />
        <h2 className="r-asked-title">求助已提交</h2>
        <p className="r-asked-union">
          办理工会：<strong data-testid="result-union">{ticket.orgName}</strong>
        </p>
        <p className="r-asked-reason" data-testid="result-reason">
          {ticket.routeReason}
        </p>
        {ticket.dueAt && (
          <p className="r-asked-due" data-testid="result-deadline">
            办结期限：{deadlineText(ticket.dueAt)}（按工作日计算，节假日顺延）
          </p>
        )}
      </section>
      {uploads.files.length > 0 && (
        <section className="m-card r-section" aria-labelledby="r-asked-files">
          <h2 id="r-asked-files" className="m-section-title">
            照片和材料
          </h2>
          <PickedFiles files={uploads.files} onRetry={(id) => void uploads.send(ticket.id, id)} />
          {!sending && failed > 0 && <p className="r-muted">有 {failed} 个未上传成功，可点“重试”，也可稍后在求助详情中补传。</p>}
        </section>
      )}
      <div className="r-actions">
        <Button block color="primary" shape="rounded" onClick={() => navigate(`/rights/${ticket.id}`)} data-testid="open-ticket">
          查看办理进度
        </Button>
        <Button block shape="rounded" onClick={() => navigate('/rights')}>
          返回法律援助
        </Button>
      </div>
    </MemberScreen>
  );
}
