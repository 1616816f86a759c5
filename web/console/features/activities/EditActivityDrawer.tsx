// 修改活动: the activity form prefilled with a published activity, in a drawer over its detail.
// Only the changed fields are sent (PATCH /api/activities/:id); the server refuses once sign-up has
// opened or anyone signed up, and its Chinese message is shown above the form.
import { useMemo } from 'react';
import { Alert, App, Drawer, Grid } from 'antd';
import type { ActivityDetail } from '../../../../contracts/activities.ts';
import { api, apiUrl, errorMessage } from '../../../shared/api.ts';
import { formatWhen } from '../../../shared/format.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { activityChanges, valuesOfActivity } from './activityFormValues.ts';

interface Props {
  activity: ActivityDetail;
  open: boolean;
  onClose: () => void;
  /** Called with the activity as saved. */
  onSaved: (a: ActivityDetail) => void;
}

export function EditActivityDrawer({ activity, open, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const initial = useMemo(() => valuesOfActivity(activity), [activity]);
  const opened = Date.parse(activity.signupOpensAt) <= Date.now();

  return (
    <Drawer
      title={`修改活动：${activity.title}`}
      open={open}
      onClose={onClose}
      width={screens.md ? 880 : '100%'}
      destroyOnHidden
      className="act-edit-drawer"
    >
      <ActivityForm
        editing
        initialValues={initial}
        orgLabel={activity.org.name}
        coverUrl={activity.hasCover ? apiUrl('/api/activities/:id/cover', { params: { id: activity.id } }) : undefined}
        submitLabel="保存修改"
        failureTitle="未能保存修改"
        backLabel="取消"
        onBack={onClose}
        notice={
          <Alert
            type={opened ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            message={
              opened
                ? `报名已于 ${formatWhen(activity.signupOpensAt)} 开始，活动内容不能再修改；如需变更，请取消活动后重新发布`
                : `报名开始（${formatWhen(activity.signupOpensAt)}）前可以修改；只保存改动过的项目`
            }
          />
        }
        onSubmit={async (v, cover) => {
          const { patch, emptied } = activityChanges(initial, { ...initial, ...v });
          if (emptied.length) throw new Error(`修改时不能清空已填写的${emptied.join('、')}；如需去掉，请取消活动后重新发布`);
          if (!Object.keys(patch).length && !cover) {
            message.info('没有改动');
            onClose();
            return;
          }
          let saved = activity;
          if (Object.keys(patch).length) saved = await api.patch('/api/activities/:id', { params: { id: activity.id }, body: patch });
          if (cover) {
            try {
              saved = await api.put('/api/activities/:id/cover', { params: { id: activity.id }, body: { imageBase64: cover.base64 } });
            } catch (err) {
              message.warning(`修改已保存，但封面未能上传：${errorMessage(err)}`);
            }
          }
          message.success(`已保存修改：${saved.title}`);
          onSaved(saved);
        }}
      />
    </Drawer>
  );
}
