import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { DepartmentNode, DepartmentRef } from '@hrlink/shared';
import { fetchDepartments } from '../../api/org';
import { useRequest } from '../../hooks/useRequest';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}
const toOptions = (nodes: DepartmentNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, children: toOptions(n.children ?? []) }));

/** Departments from GET /org/departments as a tree; multiple (checkable, each node on its own) or single. */
export function DeptSelect(
  props:
    | { id?: string; multiple: true; value: DepartmentRef[]; onChange: (v: DepartmentRef[]) => void; placeholder?: string; style?: React.CSSProperties }
    | { id?: string; multiple?: false; value: string | undefined; onChange: (v: string | undefined) => void; placeholder?: string; style?: React.CSSProperties },
) {
  const depts = useRequest(fetchDepartments, []);
  const treeData = useMemo(() => toOptions(depts.data ?? []), [depts.data]);
  const common = {
    id: props.id,
    treeData,
    allowClear: true,
    showSearch: true,
    treeNodeFilterProp: 'title',
    treeDefaultExpandAll: true,
    loading: depts.loading,
    notFoundContent: depts.error ? '部门加载失败' : '暂无部门',
    placeholder: props.placeholder ?? '部门',
    style: props.style,
  };
  if (props.multiple) {
    const { onChange } = props;
    return (
      <TreeSelect<{ value: string; label: React.ReactNode }[]>
        {...common}
        treeCheckable
        treeCheckStrictly
        value={props.value.map((d) => ({ value: d.id, label: d.name }))}
        onChange={(v) => onChange((v ?? []).map((x) => ({ id: x.value, name: String(x.label) })))}
      />
    );
  }
  const { onChange } = props;
  return <TreeSelect<string> {...common} value={props.value} onChange={(v) => onChange(v || undefined)} />;
}
