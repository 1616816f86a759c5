// A sheet rising from the bottom (选择工作地点, 提出异议): antd-mobile's Popup as a named modal dialog —
// the focus moved into it when it opens and given back to what opened it when it closes, Escape
// closing it. (Popup alone is an unnamed div the focus never enters.) antd-mobile parts inside it
// that are drawn as bare clickable divs (CascaderView's options and level tabs) are made buttons a
// keyboard reaches and presses: `pressable` names them.
import { useEffect, useRef, type ReactNode } from 'react';

/** Each element under `root` matching `selector`: focusable, a button, pressed by Enter or Space. */
function makePressable(root: HTMLElement, selector: string): void {
  root.querySelectorAll<HTMLElement>(selector).forEach((el) => {
    if (!el.hasAttribute('tabindex')) el.tabIndex = 0;
    if (!el.getAttribute('role')) el.setAttribute('role', 'button');
  });
}
import { Popup } from 'antd-mobile';

export function Sheet({
  visible,
  label,
  onClose,
  bodyClassName,
  pressable,
  children,
}: {
  visible: boolean;
  /** the dialog's name, as its head says it */
  label: string;
  onClose: () => void;
  bodyClassName?: string;
  /** a selector of the bare clickable divs inside to make buttons */
  pressable?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = dialog.current;
    if (!visible || !root) return;
    const keep = () => {
      if (pressable) makePressable(root, pressable);
      // the focused option was replaced by the next level's: the focus stays in the sheet
      if (document.activeElement === document.body) root.focus();
    };
    keep();
    // options come level by level: keep up (the observer sets attributes, which it does not watch)
    const observer = new MutationObserver(keep);
    observer.observe(root, { childList: true, subtree: true });
    // Escape closes it wherever the focus is
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      observer.disconnect();
      document.removeEventListener('keydown', onKey);
    };
  });
  const opener = useRef<HTMLElement | null>(null);
  if (visible && opener.current === null && typeof document !== 'undefined') {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }
  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      {...(bodyClassName ? { bodyClassName } : {})}
      destroyOnClose
      afterShow={() => dialog.current?.focus()}
      afterClose={() => {
        if (opener.current?.isConnected) opener.current.focus();
        opener.current = null;
      }}
    >
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        className="m-sheet"
        onKeyDown={(e) => {
          const target = e.target as HTMLElement;
          if (pressable && (e.key === 'Enter' || e.key === ' ') && target.matches(pressable)) {
            e.preventDefault();
            target.click();
          }
        }}
      >
        {children}
      </div>
    </Popup>
  );
}
