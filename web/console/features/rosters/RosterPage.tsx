// 名册导入: template, upload with progress, result and error workbook; export of a union's members.
import { Card, Typography } from 'antd';

export function RosterPage() {
  return (
    <Card title="名册导入">
      <Typography.Paragraph type="secondary">正在建设中。</Typography.Paragraph>
    </Card>
  );
}
