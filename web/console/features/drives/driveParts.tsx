// Parts of the 建会行动 pages: who may write, the step dots of a target, the goals' progress bars.
import { Progress, Tooltip } from 'antd';
import { driveGoalLabels, driveStepLabels, driveSteps, type DriveDetail, type DriveTarget } from '../../../../contracts/drives.ts';
import { gigGroupLabels } from '../../../../contracts/enterprise-facts-common.ts';
import { formatCount } from '../../../shared/format.ts';
import type { useSession } from '../../session.tsx';

export function useDriveWriter(session: ReturnType<typeof useSession>): boolean {
  return session.hasRole('admin') || session.hasRole('clerk');
}

/** Four dots, filled for each step done (联系 · 筹备组 · 成立大会 · 法人登记), each named for a screen reader. */
export function StepDots({ target }: { target: DriveTarget }) {
  const done = new Map(target.steps.map((s) => [s.step, s.doneOn]));
  const said = driveSteps.map((s) => `${driveStepLabels[s]}${done.has(s) ? `（${done.get(s)}）` : '（未完成）'}`).join('，');
  return (
    <span className="drive-dots" role="img" aria-label={said}>
      {driveSteps.map((s) => (
        <Tooltip key={s} title={`${driveStepLabels[s]}${done.has(s) ? ` · ${done.get(s)}` : ' · 未完成'}`}>
          <span className={done.has(s) ? 'drive-dot done' : 'drive-dot'} />
        </Tooltip>
      ))}
      <span className="drive-dots-count">{done.size}/4</span>
    </span>
  );
}

export function goalLabel(g: { key: 'unions' | 'members' | 'group'; industry: string }): string {
  return g.key === 'group' ? `${gigGroupLabels[g.industry] ?? g.industry}入会` : driveGoalLabels[g.key];
}

export function GoalBars({ drive }: { drive: DriveDetail }) {
  if (drive.goals.length === 0) return <p className="muted">本次行动未设目标。</p>;
  return (
    <div className="drive-goals">
      {drive.goals.map((g) => (
        <div key={`${g.key}:${g.industry}`} className="drive-goal">
          <div className="drive-goal-head">
            <span>{goalLabel(g)}</span>
            <span>
              <strong>{formatCount(g.value)}</strong> / {formatCount(g.target)}
            </span>
          </div>
          <Progress percent={Math.min(100, Math.round(g.progress * 100))} status={g.progress >= 1 ? 'success' : 'active'} aria-label={`${goalLabel(g)}完成 ${Math.round(g.progress * 100)}%`} />
        </div>
      ))}
    </div>
  );
}
