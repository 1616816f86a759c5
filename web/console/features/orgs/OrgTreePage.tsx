// 组织架构: the tree of the caller's scope on the left (opened level by level), the selected
// union's detail and actions on the right. The selected union is in the URL (?org=) so a page
// can be bookmarked or sent to a colleague.
import { useCallback, useEffect, useMemo, useRef, useState, type Key } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Space, Spin, Switch, Tag, Tooltip, Tree, Typography } from 'antd';
import type { GetRef, TreeDataNode, TreeProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { OrgSummary } from '../../../../contracts/orgs.ts';
import { errorMessage } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { useMe, useSession } from '../../session.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useElementHeight } from '../../components/useElementHeight.ts';
import { OrgDetailPanel, type OrgChange } from './OrgDetailPanel.tsx';
import { levelColors, levelShortLabels } from '../../components/orgLevelTags.ts';
import { useOrgTree, type OrgTree } from './useOrgTree.ts';
import { PageTitle } from '../../components/PageTitle.tsx';

function OrgNodeTitle({ org }: { org: OrgSummary }) {
  return (
    <span className={`org-node${org.status === 'closed' ? ' org-node-closed' : ''}`} data-org-id={org.id}>
      <span className="org-node-name">{org.name}</span>
      <Tag color={levelColors[org.level]} bordered={false} className="org-node-tag">
        {levelShortLabels[org.level]}
      </Tag>
      {org.status === 'closed' && <Tag className="org-node-tag">已撤销</Tag>}
      <span className="org-node-count">会员 {formatCount(org.memberCount)}</span>
    </span>
  );
}

const moreKey = (parentId: number) => `more:${parentId}`;

function buildTree(tree: OrgTree, id: number, showClosed: boolean): TreeDataNode | undefined {
  const org = tree.getNode(id);
  if (!org) return undefined;
  const list = tree.getChildren(id);
  let children: TreeDataNode[] | undefined;
  if (list) {
    children = list.ids.map((c) => buildTree(tree, c, showClosed)).filter((n): n is TreeDataNode => !!n);
    if (list.ids.length < list.total) {
      children.push({
        key: moreKey(id),
        isLeaf: true,
        title: (
          <Typography.Link className="org-node-more">
            加载更多下级组织（已显示 {formatCount(list.ids.length)} / 共 {formatCount(list.total)}）
          </Typography.Link>
        ),
      });
    }
  }
  const childCount = org.childCount + (showClosed ? org.closedChildCount : 0);
  return { key: id, title: <OrgNodeTitle org={org} />, isLeaf: childCount === 0, children };
}

export function OrgTreePage() {
  const me = useMe();
  const { hasRole } = useSession();
  const { message } = App.useApp();
  const rootId = me.scope.orgId;
  const [showClosed, setShowClosed] = useState(false);
  const tree = useOrgTree(rootId, showClosed);
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('org')) || rootId;
  const [expanded, setExpanded] = useState<Key[]>([rootId]);
  const [detailVersion, setDetailVersion] = useState(0);
  const [scrollTo, setScrollTo] = useState<number>();
  const [searchKey, setSearchKey] = useState(0);
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const [treeBox, treeHeight] = useElementHeight<HTMLDivElement>();

  const select = useCallback(
    (id: number) => setParams(id === rootId ? {} : { org: String(id) }, { replace: false }),
    [rootId, setParams],
  );

  /** Opens the path to an org, selects it and scrolls it into view. */
  const revealOrg = useCallback(
    async (id: number) => {
      try {
        const { path } = await tree.reveal(id);
        setExpanded((prev) => [...new Set([...prev, ...path])]);
        select(id);
        setScrollTo(id);
      } catch (err) {
        message.error(errorMessage(err));
      }
    },
    [tree, select, message],
  );

  // A link with ?org= opens the tree down to that org once the root has loaded.
  const revealedFromUrl = useRef(false);
  const rootLoaded = tree.isLoaded(rootId);
  useEffect(() => {
    if (revealedFromUrl.current || !rootLoaded) return;
    revealedFromUrl.current = true;
    if (selectedId !== rootId && !tree.getNode(selectedId)) void revealOrg(selectedId);
  }, [rootLoaded, selectedId, rootId, tree, revealOrg]);

  useEffect(() => {
    if (scrollTo === undefined) return;
    const t = setTimeout(() => {
      treeRef.current?.scrollTo({ key: scrollTo, align: 'top', offset: 40 });
      setScrollTo(undefined);
    }, 50);
    return () => clearTimeout(t);
  }, [scrollTo]);

  // `tree` changes identity whenever the loaded part of the tree changes.
  const treeData = useMemo(() => {
    const root = buildTree(tree, rootId, showClosed);
    return root ? [root] : [];
  }, [tree, rootId, showClosed]);

  const onSelect: TreeProps['onSelect'] = (_keys, info) => {
    const key = info.node.key;
    if (typeof key === 'string' && key.startsWith('more:')) {
      tree.loadChildren(Number(key.slice(5)), true).catch((err: unknown) => message.error(errorMessage(err)));
      return;
    }
    select(Number(key));
  };

  const onChanged = useCallback(
    async (change: OrgChange) => {
      try {
        if (change.kind === 'updated') {
          tree.replaceNode(change.org);
          setDetailVersion((v) => v + 1);
        } else if (change.kind === 'found') {
          if (change.org.parentId !== null) await tree.refresh(change.org.parentId);
          await revealOrg(change.org.id);
        } else if (change.kind === 'moved') {
          await tree.reset();
          setExpanded([rootId]);
          await revealOrg(change.org.id);
          setDetailVersion((v) => v + 1);
        } else if (change.kind === 'closed') {
          const parent = change.org.parentId ?? rootId;
          await tree.refresh(parent);
          select(showClosed ? change.org.id : parent);
          setDetailVersion((v) => v + 1);
        }
      } catch (err) {
        message.error(errorMessage(err));
      }
    },
    [tree, revealOrg, rootId, select, showClosed, message],
  );

  const root = tree.getNode(rootId);

  return (
    <div className="org-page">
      <Card
        className="org-tree-card"
        title={
          <Space>
            <PageTitle>组织架构</PageTitle>
            {root && (
              <Typography.Text type="secondary" className="org-tree-summary">
                共 {formatCount(root.memberCount)} 名会员
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space size={12}>
            <Tooltip title="同时显示已撤销的组织">
              <Space size={4}>
                <Switch size="small" checked={showClosed} onChange={setShowClosed} aria-label="显示已撤销" />
                <Typography.Text type="secondary">显示已撤销</Typography.Text>
              </Space>
            </Tooltip>
            <Tooltip title="重新加载">
              <Button
                size="small"
                type="text"
                icon={<ReloadOutlined />}
                aria-label="重新加载"
                onClick={() => {
                  setExpanded([rootId]);
                  void tree.reset();
                }}
              />
            </Tooltip>
          </Space>
        }
      >
        <OrgSearchSelect
          key={searchKey}
          aria-label="查找单位"
          placeholder="查找单位：输入名称关键字，如“石湾”"
          style={{ width: '100%' }}
          status={showClosed ? 'all' : 'active'}
          onChange={(id) => {
            if (id === undefined) return;
            void revealOrg(id);
            setSearchKey((k) => k + 1); // an empty box for the next search
          }}
        />
        {tree.loadError && (
          <Alert
            type="error"
            showIcon
            message={tree.loadError}
            style={{ marginTop: 12 }}
            action={
              <Button size="small" onClick={() => void tree.reset()}>
                重试
              </Button>
            }
          />
        )}
        <div ref={treeBox} className="org-tree-box">
          {treeData.length === 0 ? (
            tree.loadError ? (
              <Empty description="组织架构未能加载" />
            ) : (
              <div className="page-center">
                <Spin tip="正在加载组织架构…">
                  <div style={{ width: 160, height: 60 }} />
                </Spin>
              </div>
            )
          ) : (
            <Tree
              ref={treeRef}
              className="org-tree"
              blockNode
              showLine={{ showLeafIcon: false }}
              height={treeHeight > 0 ? treeHeight : 600}
              treeData={treeData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys)}
              selectedKeys={[selectedId]}
              onSelect={onSelect}
              loadedKeys={treeData.length ? loadedKeys(tree, expanded) : []}
              loadData={async (node) => {
                try {
                  await tree.loadChildren(Number(node.key));
                } catch (err) {
                  message.error(errorMessage(err));
                }
              }}
            />
          )}
        </div>
      </Card>
      <OrgDetailPanel
        orgId={selectedId}
        rootId={rootId}
        isAdmin={hasRole('admin')}
        version={detailVersion}
        onSelect={select}
        onChanged={onChanged}
      />
    </div>
  );
}

function loadedKeys(tree: OrgTree, expanded: Key[]): Key[] {
  return expanded.filter((k) => typeof k === 'number' && tree.isLoaded(k));
}
