// The member site's listings of what a member may take part in (普惠活动, 帮扶助学): the page — NavBar
// with the way to "mine", kind tabs, pull to refresh, the offer to join for a worker who is not a
// member, the groups (可以报名 first, then the others, each counted) and the links under them —, the
// card of one item, and a link row.
import { Fragment, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, NavBar, PullToRefresh } from 'antd-mobile';
import { RightOutline, UnorderedListOutline } from 'antd-mobile-icons';
import type { Page } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { OfferJoin } from './ApplicationState.tsx';
import { KindTabs, useKindParam } from './KindTabs.tsx';
import { LoadState } from './LoadState.tsx';

/** A row that leads to another page (我的报名, 我的发放 …). */
export function MineLink({ to, label, className }: { to: string; label: string; className?: string }) {
  const navigate = useNavigate();
  return (
    <button type="button" className={`m-card a-mine-link${className ? ` ${className}` : ''}`} onClick={() => navigate(to)}>
      <span>{label}</span>
      <RightOutline />
    </button>
  );
}

export interface ListingCardProps {
  to: string;
  /** data-testid and data-* attributes of the card */
  testId: string;
  data: Record<string, string | number>;
  tags: ReactNode;
  title: string;
  /** the lines under the title: when, where, how many */
  lines: ReactNode;
  org: string;
  /** at the foot's right: my state, or whether I may take part */
  state: ReactNode;
}

export function ListingCard({ to, testId, data, tags, title, lines, org, state }: ListingCardProps) {
  const navigate = useNavigate();
  const attrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  return (
    <button type="button" className="m-card a-card" onClick={() => navigate(to)} data-testid={testId} {...attrs}>
      <div className="a-card-tags">{tags}</div>
      <div className="a-card-title">{title}</div>
      {lines}
      <div className="a-card-foot">
        <span className="a-card-org">{org}</span>
        {state}
      </div>
    </button>
  );
}

/** One group of a listing: its title counted; `empty`, when set, shows the group even with nothing in it. */
export interface ListingGroup<T> {
  title: string;
  items: T[];
  empty?: string;
}

export interface ListingPageProps<K extends string, T extends { id: number }> {
  /** the list of one kind (undefined: all), the kind read from the address (?kind=…) */
  load: (kind: K | undefined) => Promise<Page<T>>;
  groups: (items: T[]) => ListingGroup<T>[];
  card: (item: T) => ReactNode;
  title: string;
  /** the NavBar's link to what is mine */
  mine: { to: string; label: string };
  /** the kinds of the tabs, and their labels */
  kinds: [readonly K[], Record<K, string>];
  /** for a worker who is not a member: the offer to join */
  join: { note: string; title: string; text: string };
  /** when there is nothing (of the kind chosen, by its label): the words, and the button back to all kinds */
  empty: { title: (kindLabel: string | undefined) => string; description: string; all: string };
  /** the rows under the list */
  links: ReactNode;
}

export function ListingPage<K extends string, T extends { id: number }>(p: ListingPageProps<K, T>) {
  const navigate = useNavigate();
  const [kinds, kindLabels] = p.kinds;
  const [kind, setKind] = useKindParam(kinds);
  const list = useDetail(`${p.title} ${kind ?? ''}`, () => p.load(kind));
  return (
    <div className="m-page">
      <NavBar
        className="m-navbar"
        onBack={() => navigate('/')}
        right={
          <button type="button" className="a-nav-link" onClick={() => navigate(p.mine.to)}>
            <UnorderedListOutline /> {p.mine.label}
          </button>
        }
      >
        <h1 className="m-navbar-title">{p.title}</h1>
      </NavBar>
      <KindTabs kinds={kinds} labels={kindLabels} value={kind} onChange={setKind} />
      <main className="m-scroll">
        <PullToRefresh onRefresh={list.reload} pullingText="下拉刷新" canReleaseText="释放立即刷新" refreshingText="正在刷新…" completeText="已刷新">
          <LoadState
            detail={list}
            problem={(problem) =>
              // anything else: LoadState's own 加载失败 with 重试
              problem.code === 'not_a_member' ? (
                  <OfferJoin note={p.join.note}>
                    <section className="m-card a-empty">
                      <h2 className="m-section-title">{p.join.title}</h2>
                      <p>{p.join.text}</p>
                      <Button block color="primary" shape="rounded" onClick={() => navigate('/join')}>
                        立即入会
                      </Button>
                    </section>
                  </OfferJoin>
              ) : undefined
            }
            empty={{
              when: (d) => d.items.length === 0,
              title: p.empty.title(kind && kindLabels[kind]),
              description: p.empty.description,
              action: kind ? { label: p.empty.all, onClick: () => setKind(undefined), outline: true } : undefined,
            }}
          >
            {(d) =>
              p.groups(d.items).map((g, i) => (
                <Fragment key={i}>
                  {(g.items.length > 0 || g.empty !== undefined) && <h2 className="a-group-title">{g.title + (g.items.length ? `（${g.items.length}）` : '')}</h2>}
                  {g.items.length === 0 && g.empty !== undefined && <div className="a-group-empty">{g.empty}</div>}
                  {g.items.map(p.card)}
                </Fragment>
              ))
            }
          </LoadState>
        </PullToRefresh>
        {p.links}
      </main>
    </div>
  );
}
