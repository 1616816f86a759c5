// The scaffold of a console list page: a card with its title, the filters above, and the Table of one
// paged list (usePagedList) with its loading state, empty text and pagination. A page gives what is
// its own — the title, the filters, the columns — and the list; the frame is the same everywhere.
// The title is the page's <h1>.
import type { ReactNode } from 'react';
import { Card, Space, Table, type TableProps } from 'antd';
import type { PagedList } from './usePagedList.ts';
import { PageTitle } from './PageTitle.tsx';

export interface ListPageProps<T> {
  title: ReactNode;
  /** at the card's right: a hint, a button */
  extra?: ReactNode;
  className?: string;
  /** a paragraph above the filters */
  intro?: ReactNode;
  /** the filters above the table, in one wrapping row */
  filters?: ReactNode;
  list: PagedList<T>;
  columns: NonNullable<TableProps<T>['columns']>;
  /** what the table says when the page has no rows */
  emptyText: ReactNode;
  rowKey?: TableProps<T>['rowKey'];
  /** below the table: a note on what the list counts */
  after?: ReactNode;
  /** the table's data-testid, for browser tests */
  testId?: string;
  /** anything else the Table takes (onRow, scroll, …) */
  table?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'loading' | 'pagination' | 'rowKey'>;
}

export function ListPage<T extends object>({ title, extra, className, intro, filters, list, columns, emptyText, rowKey = 'id', after, testId, table }: ListPageProps<T>) {
  return (
    <Card className={className} title={<PageTitle>{title}</PageTitle>} extra={extra}>
      {intro}
      {filters && (
        <Space wrap style={{ marginBottom: 16 }}>
          {filters}
        </Space>
      )}
      <Table<T>
        rowKey={rowKey}
        size="middle"
        loading={list.loading}
        data-testid={testId}
        columns={columns}
        dataSource={list.data.items}
        locale={{ emptyText }}
        pagination={list.pagination}
        {...table}
      />
      {after}
    </Card>
  );
}

