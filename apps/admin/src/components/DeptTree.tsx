import { Button, Empty, Skeleton, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo } from 'react';
import type { DepartmentNode } from '@hrlink/shared';
import { fetchDepartments } from '../api/org';
import { useRequest } from '../hooks/useRequest';
import { ErrorState } from './ErrorState';

function toTreeData(nodes: DepartmentNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span data-dept-id={n.id}>
        {n.name}
        <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
          ({n.memberCount})
        </Typography.Text>
      </span>
    ),
    children: toTreeData(n.children ?? []),
  }));
}

/** Keys of the first two levels: open by default. */
function topKeys(nodes: DepartmentNode[], depth = 0): string[] {
  if (depth > 1) return [];
  return nodes.flatMap((n) => [n.id, ...topKeys(n.children ?? [], depth + 1)]);
}

export function DeptTree({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const { data, error, loading, reload } = useRequest(fetchDepartments, []);
  const treeData = useMemo(() => toTreeData(data ?? []), [data]);
  const expanded = useMemo(() => topKeys(data ?? []), [data]);

  let body;
  if (loading && !data) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (!treeData.length) body = <Empty description="暂无部门，请先在集成设置中同步组织架构" />;
  else
    body = (
      <Tree
        blockNode
        treeData={treeData}
        defaultExpandedKeys={expanded}
        selectedKeys={value ? [value] : []}
        onSelect={(keys) => onChange(keys.length ? String(keys[0]) : undefined)}
      />
    );

  return (
    <div data-testid="dept-tree">
      <Button
        type={value ? 'text' : 'link'}
        block
        style={{ justifyContent: 'flex-start', marginBottom: 8 }}
        onClick={() => onChange(undefined)}
        data-testid="dept-all"
      >
        全部员工
      </Button>
      {body}
    </div>
  );
}
