// 发布活动: the activity form (ActivityForm) blank, for the staff member's own union by default;
// the cover is uploaded once the activity exists.
import { useNavigate } from 'react-router-dom';
import { App, Card } from 'antd';
import { api, errorMessage } from '../../../shared/api.ts';
import { useMe } from '../../session.tsx';
import { ActivityForm } from './ActivityForm.tsx';
import { blankActivity, toActivityBody } from './activityFormValues.ts';
import { PageTitle } from '../../components/PageTitle.tsx';

export function PublishActivityPage() {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();

  return (
    <Card title={<PageTitle>发布活动</PageTitle>} className="act-form-card">
      <ActivityForm
        initialValues={blankActivity(me.org.id)}
        orgLabel={me.org.name}
        submitLabel="发布活动"
        failureTitle="未能发布"
        backLabel="返回列表"
        onBack={() => navigate('/activities')}
        onSubmit={async (v, cover) => {
          const a = await api.post('/api/activities', { body: toActivityBody(v) });
          if (cover) {
            try {
              await api.put('/api/activities/:id/cover', { params: { id: a.id }, body: { imageBase64: cover.base64 } });
            } catch (err) {
              message.warning(`活动已发布，但封面未能上传：${errorMessage(err)}`);
            }
          }
          message.success(`已发布：${a.title}`);
          navigate(`/activities/${a.id}`);
        }}
      />
    </Card>
  );
}
