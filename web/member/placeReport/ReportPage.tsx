// 报告问题: a worker at (or on the way to) a place tells the union that runs it what is wrong — one of
// the usual kinds, a few words, and a photo if they like (an image of at most 5 MB). The union has 2
// working days; the place shows "有人报告：…" until it is resolved, and the worker is told by SMS.
import './place-report.css';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Form, Selector, TextArea } from 'antd-mobile';
import { CheckCircleFill, CloseCircleFill, ExclamationCircleFill } from 'antd-mobile-icons';
import {
  PLACE_PROBLEM_DUE_WORKING_DAYS,
  PLACE_PROBLEM_PHOTO_MAX_BYTES,
  placeProblemKindLabels,
  placeProblemKinds,
  type MyPlaceProblem,
  type PlaceProblemKind,
} from '../../../contracts/place-status.ts';
import { placeKindLabels } from '../../../contracts/places.ts';
import { api, newIdempotencyKey } from '../../shared/api.ts';
import { uploadFile } from '../../shared/upload.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { FormNotice, SubmitFooter, useSubmit } from '../components/forms.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { PickFileButton } from '../components/PickFileButton.tsx';
import { MemberScreen } from '../components/Screen.tsx';

interface Values {
  kind: PlaceProblemKind[];
  text: string;
}

const kindOptions = placeProblemKinds.map((k) => ({ label: placeProblemKindLabels[k], value: k }));
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The photo: one image, its name and size, 移除; a file that will be refused is refused here first. */
function PhotoPick({ photo, onPick, problem }: { photo: File | null; onPick: (f: File | null, problem?: string) => void; problem: string | undefined }) {
  return (
    <div className="pr-photo">
      {photo ? (
        <div className="pr-photo-picked" data-testid="picked-photo">
          <span className="pr-photo-name">{photo.name}</span>
          <span className="pr-muted">{mb(photo.size)}</span>
          <Button size="mini" fill="outline" onClick={() => onPick(null)}>
            移除
          </Button>
        </div>
      ) : (
        <PickFileButton
          label="拍照或选择照片（可选）"
          inputLabel="拍照或选择照片"
          hint="照片 JPEG、PNG、WebP，不超过 5 MB"
          accept={PHOTO_TYPES.join(',')}
          onPick={([f]) => {
            if (f!.size > PLACE_PROBLEM_PHOTO_MAX_BYTES) return onPick(null, `照片 ${mb(f!.size)}，超过 5 MB，请换一张或压缩后再选`);
            if (f!.type && !PHOTO_TYPES.includes(f!.type)) return onPick(null, '只能选择照片（JPEG、PNG、WebP）');
            onPick(f!);
          }}
        />
      )}
      {problem && (
        <p className="pr-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function Done({ report, onBack, onMine }: { report: MyPlaceProblem; onBack: () => void; onMine: () => void }) {
  return (
    <div className="m-card pr-done" data-testid="report-done" role="status">
      <CheckCircleFill className="pr-ok" aria-hidden />
      <h2 className="pr-done-title">{report.created === false ? '您已报告过这个问题' : '已提交，感谢您的反馈'}</h2>
      <p>
        「{report.placeName}」：{placeProblemKindLabels[report.kind]}
      </p>
      <p className="pr-muted">
        {report.created === false
          ? '工会正在处理您之前的报告，处理后会短信告诉您。'
          : `运营这个阵地的工会将在 ${PLACE_PROBLEM_DUE_WORKING_DAYS} 个工作日内处理，处理后会短信告诉您。`}
      </p>
      <Button block color="primary" onClick={onBack}>
        返回
      </Button>
      <Button block fill="outline" className="pr-mine" onClick={onMine}>
        查看我的报告
      </Button>
    </div>
  );
}

export function PlaceReportPage() {
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const detail = useDetail(`place-report-${id}`, () => api.get('/api/me/places/:id/report', { params: { id } }));
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form, { validation_failed: 'text' });
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoProblem, setPhotoProblem] = useState<string>();
  const [done, setDone] = useState<MyPlaceProblem>();
  // one key per report as written: a retry after a lost answer is not a second report
  const attempt = useRef<{ sig: string; key: string }>(undefined);
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/'));

  const submit = (v: Values) =>
    run(async () => {
      const fields = { kind: v.kind[0]!, text: v.text.trim() };
      const sig = JSON.stringify([fields, photo?.name, photo?.size, photo?.lastModified]);
      if (attempt.current?.sig !== sig) attempt.current = { sig, key: newIdempotencyKey() };
      setDone(await uploadFile('/api/me/places/:id/problems', photo, { params: { id }, idempotencyKey: attempt.current.key, fields }));
    });

  return (
    <MemberScreen title="报告问题" onBack={back}>
      <LoadState detail={detail}>
        {(p) =>
          done ? (
            <Done report={done} onBack={back} onMine={() => navigate('/me/place-problems')} />
          ) : (
            <>
              <div className="m-card pr-place">
                <div className="pr-place-name">{p.name}</div>
                <div className="pr-muted">
                  {placeKindLabels[p.kind]} · {p.address}
                </div>
                <div className="pr-muted">由{p.orgName}运营</div>
                {p.problemLatest && (
                  <div className="pr-flag">
                    <ExclamationCircleFill aria-hidden /> 有人报告：{p.problemLatest}
                    {p.problemsOpen > 1 ? ` 等 ${p.problemsOpen} 个问题` : ''}
                  </div>
                )}
              </div>
              <FormNotice>{problem && problem.code !== 'validation_failed' ? problem.message : undefined}</FormNotice>
              <Form form={form} layout="vertical" mode="card" onFinish={submit} footer={<SubmitFooter loading={submitting}>提交报告</SubmitFooter>}>
                <Form.Item name="kind" label="遇到了什么问题" rules={[{ required: true, type: 'array', min: 1, message: '请选择问题类型' }]}>
                  <Selector columns={3} options={kindOptions.map((o) => ({ ...o, disabled: p.myOpenKinds.includes(o.value) }))} className="pr-selector" />
                </Form.Item>
                {p.myOpenKinds.length > 0 && (
                  <p className="pr-muted pr-open-kinds">
                    <CloseCircleFill aria-hidden /> 您报告的「{p.myOpenKinds.map((k) => placeProblemKindLabels[k]).join('、')}」工会正在处理
                  </p>
                )}
                <Form.Item
                  name="text"
                  label="具体情况"
                  description="2–200 字"
                  rules={[
                    { required: true, message: '请写下具体情况' },
                    { min: 2, message: '请至少写 2 个字' },
                  ]}
                >
                  <TextArea placeholder="如：饮水机没有水，桶装水也用完了" rows={3} maxLength={200} showCount />
                </Form.Item>
                <Form.Item label="照片">
                  <PhotoPick
                    photo={photo}
                    problem={photoProblem}
                    onPick={(f, why) => {
                      setPhoto(f);
                      setPhotoProblem(why);
                    }}
                  />
                </Form.Item>
              </Form>
            </>
          )
        }
      </LoadState>
    </MemberScreen>
  );
}
