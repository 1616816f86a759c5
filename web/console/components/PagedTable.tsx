// The Table of one paged list (usePagedList) inside a page or a tab: small rows, the list's loading
// state, rows and pager, and the text when the page has none (ListPage is the whole-page form).
import type { ReactNode } from 'react';
import { Table, type TableProps } from 'antd';
import type { PagedList } from './usePagedList.ts';

export interface PagedTableProps<T> {
  list: PagedList<T>;
  columns: TableProps<T>['columns'];
  emptyText: ReactNode;
  /** the columns' total width: narrower, the table scrolls sideways */
  width: number;
  /** anything else the Table takes (rowClassName, …) */
  table?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'loading' | 'pagination' | 'rowKey' | 'scroll'>;
}

export function PagedTable<T extends { id: number }>({ list, columns, emptyText, width, table }: PagedTableProps<T>) {
  return (
    <Table<T>
      rowKey="id"
      size="small"
      loading={list.loading}
      columns={columns}
      dataSource={list.data.items}
      scroll={{ x: width }}
      locale={{ emptyText }}
      pagination={list.pagination}
      {...table}
    />
  );
}
