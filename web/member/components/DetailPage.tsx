// The scaffold of a member detail page over useDetail (web/shared/useDetail.ts): the page with its
// NavBar, then a loading card while the thing loads, an ErrorBlock when it cannot be shown (404: it
// does not exist or is not for this member) with a button back to its list, and the page's own
// body (its scroll area, action bar, sheets) once it has come.
//
//   const detail = useDetail(`activity ${id}`, () => api.get('/api/activities/:id', { params: { id } }));
//   return (
//     <DetailPage title="活动详情" detail={detail} back="/activities" notFound="活动不存在或不面向您" backLabel="看看其他活动">
//       {(a) => <div className="m-scroll">…</div>}
//     </DetailPage>
//   );
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, ErrorBlock, NavBar } from 'antd-mobile';
import type { Detail } from '../../shared/useDetail.ts';
import { LoadState } from './LoadState.tsx';

export interface DetailPageProps<T> {
  /** the NavBar's words */
  title: string;
  detail: Detail<T>;
  /** where the NavBar's back arrow and the problem's button lead */
  back: string;
  /** the title when the server answers 404 */
  notFound: string;
  /** the problem's button */
  backLabel: string;
  children: (data: T) => ReactNode;
}

export function DetailPage<T>({ title, detail, back, notFound, backLabel, children }: DetailPageProps<T>) {
  const navigate = useNavigate();
  return (
    <div className="m-page">
      <NavBar className="m-navbar" onBack={() => navigate(back)}>
        {title}
      </NavBar>
      <main className="m-main">
        <LoadState
          detail={detail}
          problem={(problem) => (
            <ErrorBlock status="default" title={problem.status === 404 ? notFound : '加载失败'} description={problem.message}>
              <Button color="primary" onClick={() => navigate(back)}>
                {backLabel}
              </Button>
            </ErrorBlock>
          )}
        >
          {children}
        </LoadState>
      </main>
    </div>
  );
}
