// The actions of a table row (操作): small link buttons side by side; one left out is not shown.
import type { ReactNode } from 'react';
import { Button, Space } from 'antd';

export interface LinkAction {
  label: ReactNode;
  onClick: () => void;
  danger?: boolean;
  loading?: boolean;
  disabled?: boolean;
}

export function LinkActions({ actions }: { actions: (LinkAction | false | null | undefined)[] }) {
  return (
    <Space size={0}>
      {actions.map(
        (a, i) =>
          a && (
            <Button key={i} type="link" size="small" danger={a.danger} loading={a.loading} disabled={a.disabled} onClick={a.onClick}>
              {a.label}
            </Button>
          ),
      )}
    </Space>
  );
}
