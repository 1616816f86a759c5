// A sheet rising from the bottom (选择工作地点, 提出异议): antd-mobile's Popup as a named modal dialog —
// the focus moved into it when it opens and given back to what opened it when it closes, Escape
// closing it. (Popup alone is an unnamed div the focus never enters.)
import { useRef, type ReactNode } from 'react';
import { Popup } from 'antd-mobile';

export function Sheet({
  visible,
  label,
  onClose,
  bodyClassName,
  children,
}: {
  visible: boolean;
  /** the dialog's name, as its head says it */
  label: string;
  onClose: () => void;
  bodyClassName?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDivElement>(null);
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
          if (e.key === 'Escape') onClose();
        }}
      >
        {children}
      </div>
    </Popup>
  );
}
