// 我的报名: my sign-ups, newest first, each with its state (报名成功 / 候补第 N 位 / 已参加抽签 /
// 已取消 / 已签到), cancelling before the deadline, and from a confirmed one the card QR for check-in.
import '../components/listing.css';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Dialog, DotLoading, ErrorBlock, NavBar, Tag, Toast } from 'antd-mobile';
import { ClockCircleOutline, EnvironmentOutline } from 'antd-mobile-icons';
import type { z } from 'zod';
import { activityKindLabels, type memberSignupSchema } from '../../../contracts/activities.ts';
import { api, errorMessage, type Page } from '../../shared/api.ts';
import { signupTagColors } from './labels.ts';
import { when } from '../components/when.ts';

type MySignup = z.infer<typeof memberSignupSchema>;

export function MySignupsPage() {
  const navigate = useNavigate();
  const [data, setData] = useState<Page<MySignup>>();
  const [problem, setProblem] = useState<string>();

  const load = useCallback(async () => {
    try {
      setData(await api.get<Page<MySignup>>('/api/me/signups', { pageSize: 100 }));
      setProblem(undefined);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function cancel(s: MySignup) {
    const ok = await Dialog.confirm({
      title: '取消报名？',
      content: `“${s.activity.title}”${s.status === 'confirmed' ? '的名额将让给候补的会员，' : ''}取消后不能恢复。`,
      confirmText: '确认取消',
      cancelText: '再想想',
    });
    if (!ok) return;
    try {
      await api.post(`/api/me/signups/${s.id}/cancel`);
      Toast.show({ icon: 'success', content: '已取消报名' });
      void load();
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    }
  }

  return (
    <div className="m-page">
      <NavBar className="m-navbar" onBack={() => navigate(-1)}>
        我的报名
      </NavBar>
      <div className="m-scroll">
        {problem ? (
          <ErrorBlock status="default" title="加载失败" description={problem}>
            <Button color="primary" onClick={() => void load()}>
              重试
            </Button>
          </ErrorBlock>
        ) : !data ? (
          <div className="m-card m-center">
            <DotLoading color="primary" />
          </div>
        ) : data.items.length === 0 ? (
          <ErrorBlock status="empty" title="还没有报名" description="去看看工会的普惠活动吧">
            <Button color="primary" onClick={() => navigate('/activities')}>
              查看活动
            </Button>
          </ErrorBlock>
        ) : (
          data.items.map((s) => {
            const cancelled = s.activity.status === 'cancelled';
            const showCard = s.status === 'confirmed' && !s.checkedInAt && !cancelled;
            return (
              <section key={s.id} className="m-card a-signup" data-testid="my-signup-item" data-status={s.status}>
                <button type="button" className="a-signup-main" onClick={() => navigate(`/activities/${s.activity.id}`)}>
                  <div className="a-signup-top">
                    <Tag color="danger" fill="outline">
                      {activityKindLabels[s.activity.kind]}
                    </Tag>
                    <Tag color={cancelled ? 'default' : s.checkedInAt ? 'success' : signupTagColors[s.status]}>
                      {cancelled ? '活动已取消' : s.checkedInAt ? '已签到' : s.statusLabel}
                      {s.waitlistPosition !== null && ` · 第 ${s.waitlistPosition} 位`}
                    </Tag>
                  </div>
                  <div className="a-card-title">{s.activity.title}</div>
                  <div className="a-card-line">
                    <ClockCircleOutline /> {when(s.activity.startsAt)}
                  </div>
                  {s.activity.location && (
                    <div className="a-card-line">
                      <EnvironmentOutline /> <span className="a-ellipsis">{s.activity.location}</span>
                    </div>
                  )}
                  {s.seats > 1 && <div className="a-card-line">报名 {s.seats} 人（含家属）</div>}
                </button>
                {(showCard || s.canCancel) && (
                  <div className="a-signup-actions">
                    {s.canCancel && (
                      <Button size="small" shape="rounded" onClick={() => void cancel(s)}>
                        取消报名
                      </Button>
                    )}
                    {showCard && (
                      <Button size="small" shape="rounded" color="primary" onClick={() => navigate('/card')}>
                        出示会员证签到
                      </Button>
                    )}
                  </div>
                )}
                {s.canCancel && <div className="a-signup-deadline">{when(s.cancelDeadline)} 前可取消</div>}
              </section>
            );
          })
        )}
      </div>
    </div>
  );
}
