// The scaffold of a console detail page over useDetail (web/shared/useDetail.ts): a spinner while
// the thing loads, a Result when it cannot be shown — 404 says it does not exist or is out of the
// caller's scope, anything else 加载失败 with the server's words — with a button back to its list,
// and the page itself once it has come.
//
//   const detail = useDetail(`org ${id}`, () => api.get('/api/orgs/:id', { params: { id } }));
//   return (
//     <DetailPage detail={detail} notFound="组织不存在或不在您的管理范围内" back={{ to: '/orgs', label: '返回组织架构' }}>
//       {(org) => <OrgView org={org} onChanged={detail.reload} />}
//     </DetailPage>
//   );
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Result, Spin } from 'antd';
import type { Detail } from '../../shared/useDetail.ts';
import { PageTitle } from './PageTitle.tsx';

export interface DetailPageProps<T> {
  detail: Detail<T>;
  /** the title when the server answers 404 */
  notFound: string;
  /** the way back to the list, under a problem */
  back: { to: string; label: string };
  children: (data: T) => ReactNode;
}

export function DetailPage<T>({ detail, notFound, back, children }: DetailPageProps<T>) {
  const navigate = useNavigate();
  const { data, problem } = detail;
  if (problem) {
    return (
      <Result
        status={problem.status === 404 ? '404' : 'error'}
        title={<PageTitle>{problem.status === 404 ? notFound : '加载失败'}</PageTitle>}
        subTitle={problem.message}
        extra={<Button onClick={() => navigate(back.to)}>{back.label}</Button>}
      />
    );
  }
  if (data === undefined) {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }
  return <>{children(data)}</>;
}

/** A part of a detail page loaded on its own (a tab's record): an error Alert, a Spin, then the part. */
export function DetailPart<T>({ detail, children }: { detail: Detail<T>; children: (data: T) => ReactNode }) {
  if (detail.problem) return <Alert type="error" message={detail.problem.message} />;
  if (detail.data === undefined) return <Spin />;
  return <>{children(detail.data)}</>;
}
