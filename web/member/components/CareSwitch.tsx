// The 关怀模式 switch: on the home page's banner (a pill, in the same place in both modes, so focus
// and the finger stay on it when the page changes around it) and on 我的 (a row saying what it does).
// One button with role="switch" rather than antd-mobile's Switch inside a row: one control with one
// name, and a target as big as the pill or the row.
import { useCareMode } from '../care.ts';

export function CareSwitch({ variant, className }: { variant: 'pill' | 'row'; className?: string }) {
  const [on, setOn] = useCareMode();
  const track = (
    <span className={on ? 'm-care-switch-track is-on' : 'm-care-switch-track'} aria-hidden="true">
      <span className="m-care-switch-knob" />
    </span>
  );
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className={['m-care-switch', `m-care-switch-${variant}`, className].filter(Boolean).join(' ')}
      data-testid="care-switch"
      onClick={() => setOn(!on)}
    >
      {variant === 'pill' ? (
        <>
          <span className="m-care-switch-title">关怀模式</span>
          {track}
        </>
      ) : (
        <>
          <span className="m-care-switch-icon" aria-hidden="true">
            大
          </span>
          <span className="m-care-switch-text">
            <span className="m-care-switch-title">关怀模式</span>
            <span className="m-care-switch-sub">{on ? '已开启，点此关闭' : '大字体、高对比，适合长辈使用'}</span>
          </span>
          {track}
        </>
      )}
    </button>
  );
}
