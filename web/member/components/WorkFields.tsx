// Where the worker works, as the join and the transfer forms ask it: an employer (typed, with
// suggestions, or its credit code), or — with no fixed employer — the platform and the town.
// Only what routing needs is shown: a place of work only when the employer alone does not decide.
import './work-fields.css';
import { useCallback, useState } from 'react';
import { Form, Input, Selector, Switch } from 'antd-mobile';
import type { ApiError } from '../../shared/api.ts';
import { useSubmit } from './forms.tsx';
import { gigPlatformNames } from '../../../contracts/members.ts';
import { EmployerInput, employerFields, employerProblem, isKnownEmployer, type EmployerValue } from './EmployerInput.tsx';
import { PlacePicker, type PlaceValue } from './PlacePicker.tsx';

export interface WorkValues {
  isGig: boolean;
  platform?: string[] | undefined;
  place?: PlaceValue | undefined;
  employer?: EmployerValue | undefined;
  /** Asked only when a credit code was typed that the platform does not know. */
  employerName?: string | undefined;
}

export interface WorkFieldsBody {
  employerName?: string;
  employerCreditCode?: string;
  gigPlatform?: string;
  workOrgId?: number;
}

/** The work fields' server errors, each shown on its field. */
export const workFieldOfError: Readonly<Record<string, keyof WorkValues>> = {
  invalid_credit_code: 'employer',
  employer_required: 'employer',
  employer_name_required: 'employerName',
  work_place_required: 'place',
  invalid_work_place: 'place',
};

/**
 * A form with the work fields (joining, a transfer) and its submit: 单位名称 is asked once the server
 * does not know the credit code; errors go to their fields (`fieldOfError`: the work fields' and the
 * page's own, a constant), else above the form.
 */
export function useWorkForm<V extends WorkValues>(fieldOfError: Readonly<Record<string, string>>) {
  const [form] = Form.useForm<V>();
  const [needName, setNeedName] = useState(false);
  const { submitting, problem, run: submit } = useSubmit(form, fieldOfError);
  const run = useCallback(
    (action: () => Promise<void>, handle?: (err: ApiError) => boolean) =>
      submit(action, (err) => {
        if (err.code === 'employer_name_required') setNeedName(true);
        return handle?.(err) ?? false;
      }),
    [submit],
  );
  return { form, needName, submitting, problem, run };
}

/** Whether the form must also ask for the town where the worker works. */
export function needsPlace(v: Partial<WorkValues>, needName: boolean): boolean {
  if (v.isGig) return true;
  if (needName) return true;
  const text = v.employer?.text.trim() ?? '';
  return text.length >= 2 && !isKnownEmployer(v.employer);
}

export function workBody(v: WorkValues, needName: boolean): WorkFieldsBody {
  if (v.isGig) return { gigPlatform: v.platform?.[0] ?? '', workOrgId: v.place?.id ?? 0 };
  const body: WorkFieldsBody = v.employer ? employerFields(v.employer) : {};
  if (needName && v.employerName?.trim()) body.employerName = v.employerName.trim();
  if (needsPlace(v, needName) && v.place) body.workOrgId = v.place.id;
  return body;
}

const platformOptions = gigPlatformNames.map((p) => ({ label: p, value: p }));

/** The switch with its label and who it is for, on one row. */
function GigSwitch({ label, value, onChange }: { label: string; value?: boolean; onChange?: (v: boolean) => void }) {
  return (
    <div className="m-gig-row">
      <div>
        <div className="m-gig-title">{label}</div>
        <div className="m-gig-desc">外卖骑手、网约车司机、快递员、货车司机等</div>
      </div>
      <Switch aria-label={label} checked={!!value} onChange={(v) => onChange?.(v)} />
    </div>
  );
}

type FormInstance = ReturnType<typeof Form.useForm>[0];

interface Props {
  form: FormInstance;
  /** The server answered employer_name_required for a credit code it did not know. */
  needName: boolean;
  switchLabel?: string;
  /** what the place of work decides: the union joined (入会, 转接), or the union handling a request (法律援助) */
  purpose?: 'join' | 'rights';
}

export function WorkFields({ form, needName, switchLabel = '无固定单位（新就业形态）', purpose = 'join' }: Props) {
  const values = {
    isGig: Form.useWatch('isGig', form) as boolean,
    employer: Form.useWatch('employer', form) as EmployerValue | undefined,
  };
  const place = Form.useWatch('place', form) as PlaceValue | undefined;
  const showPlace = needsPlace(values, needName);
  return (
    <>
      <Form.Item name="isGig" className="m-gig-switch">
        <GigSwitch label={switchLabel} />
      </Form.Item>
      {values.isGig ? (
        <Form.Item
          name="platform"
          label="所在平台"
          rules={[{ required: true, type: 'array', min: 1, message: '请选择您所在的平台' }]}
        >
          <Selector columns={3} options={platformOptions} className="m-platforms" />
        </Form.Item>
      ) : (
        <Form.Item
          name="employer"
          label="工作单位"
          required
          rules={[
            {
              validator: async (_, v: EmployerValue | undefined) => {
                const problem = employerProblem(v);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <EmployerInput />
        </Form.Item>
      )}
      {!values.isGig && needName && (
        <Form.Item
          name="employerName"
          label="单位名称"
          description="平台尚未登记这个信用代码，请填写单位全称"
          rules={[{ required: true, min: 2, message: '请填写单位全称' }]}
        >
          <Input placeholder="如：化州市某某物流有限公司" clearable />
        </Form.Item>
      )}
      {showPlace && (
        <Form.Item
          name="place"
          label="工作地点"
          description={
            purpose === 'rights' ? (
              place?.uncoveredBy ? (
                <div className="m-uncovered" data-testid="uncovered-note">
                  该地镇（街道）工会暂未开通线上服务，您的求助将由<strong>{place.uncoveredBy}</strong>办理。
                </div>
              ) : (
                '您的求助由工作所在地的工会办理'
              )
            ) : place?.uncoveredBy ? (
              <div className="m-uncovered" data-testid="uncovered-note">
                该地镇（街道）工会暂未开通线上入会，您的申请将由<strong>{place.uncoveredBy}</strong>受理审核，无需另行提交；入会后当地开通时可转入。
              </div>
            ) : values.isGig ? (
              '您将加入工作所在地的工会'
            ) : (
              '平台尚未登记该单位的工会，您将先加入工作所在地的工会'
            )
          }
          rules={[{ required: true, message: '请选择您工作所在的镇（街道）' }]}
        >
          <PlacePicker />
        </Form.Item>
      )}
    </>
  );
}
