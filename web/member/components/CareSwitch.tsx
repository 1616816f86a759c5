// The 关怀模式 switch (home page and 我的): one row, the whole row a switch, saying what it does.
// Built as one button with role="switch" rather than a row holding antd-mobile's Switch, so there
// is one control with one name and a target as big as the row.
import { useCareMode } from '../care.ts';

export function CareSwitch({ className }: { className?: string }) {
  const [on, setOn] = useCareMode();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className={className ? `m-care-switch ${className}` : 'm-care-switch'}
      data-testid="care-switch"
      onClick={() => setOn(!on)}
    >
      <span className="m-care-switch-icon" aria-hidden="true">
        大
      </span>
      <span className="m-care-switch-text">
        <span className="m-care-switch-title">关怀模式</span>
        <span className="m-care-switch-sub">{on ? '已开启：大字体、高对比，点此关闭' : '大字体、高对比，适合长辈使用'}</span>
      </span>
      <span className={on ? 'm-care-switch-track is-on' : 'm-care-switch-track'} aria-hidden="true">
        <span className="m-care-switch-knob" />
      </span>
    </button>
  );
}
