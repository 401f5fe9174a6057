import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { EmployeeListItem, EmployeeRef } from '@hrlink/shared';
import { fetchEmployees } from '../api/org';

interface Option {
  value: string;
  label: string;
  title?: string;
}

function toOption(e: EmployeeListItem): Option {
  const extra = [e.employeeNo, e.departments[0]?.name, e.status === 'left' ? '已离职' : null].filter(Boolean).join(' · ');
  return { value: e.id, label: e.name, title: extra ? `${e.name}（${extra}）` : e.name };
}

interface BaseProps {
  id?: string;
  placeholder?: string;
  status?: 'error';
  style?: React.CSSProperties;
  'data-testid'?: string;
  /** Also list people who left (e.g. to filter old requests); default: active only. */
  includeLeft?: boolean;
}

type Props =
  | (BaseProps & { multiple: true; value: EmployeeRef[]; onChange: (v: EmployeeRef[]) => void })
  | (BaseProps & { multiple?: false; value: EmployeeRef | null; onChange: (v: EmployeeRef | null) => void });

/** Searches GET /org/employees?q= (active employees, 20 at a time) as the user types. */
export function EmployeePicker(props: Props) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);
  const includeLeft = !!props.includeLeft;

  useEffect(() => {
    const mine = ++seq.current;
    const t = setTimeout(
      () => {
        setLoading(true);
        setFailed(false);
        fetchEmployees({ q: q.trim() || undefined, status: includeLeft ? undefined : 'active', page: 1, pageSize: 20 }).then(
          (page) => {
            if (mine !== seq.current) return;
            setOptions(page.items.map(toOption));
            setLoading(false);
          },
          () => {
            if (mine !== seq.current) return;
            setOptions([]);
            setFailed(true);
            setLoading(false);
          },
        );
      },
      q ? 300 : 0,
    );
    return () => clearTimeout(t);
  }, [q, includeLeft]);

  const selected = props.multiple ? props.value : props.value ? [props.value] : [];
  // Keep the picked people visible even when the current search does not list them.
  const merged = [...selected.map((e) => ({ value: e.id, label: e.name })), ...options.filter((o) => !selected.some((e) => e.id === o.value))];
  const notFound = loading ? <Spin size="small" /> : failed ? '搜索失败，请重试' : '没有找到员工';

  const common = {
    id: props.id,
    showSearch: true,
    filterOption: false,
    labelInValue: true,
    allowClear: true,
    placeholder: props.placeholder ?? '搜索姓名 / 工号',
    status: props.status,
    style: { minWidth: 200, ...props.style },
    options: merged,
    notFoundContent: notFound,
    onSearch: setQ,
    onOpenChange: (open: boolean) => !open && setQ(''),
    optionRender: (o: { data: { title?: string; label?: React.ReactNode } }) => o.data.title ?? o.data.label,
    'data-testid': props['data-testid'],
  };

  if (props.multiple) {
    const { onChange } = props;
    return (
      <Select<{ value: string; label: React.ReactNode }[]>
        {...common}
        mode="multiple"
        value={props.value.map((e) => ({ value: e.id, label: e.name }))}
        onChange={(v) => onChange((v ?? []).map((x) => ({ id: x.value, name: String(x.label) })))}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<{ value: string; label: React.ReactNode }>
      {...common}
      value={props.value ? { value: props.value.id, label: props.value.name } : undefined}
      onChange={(v) => onChange(v ? { id: v.value, name: String(v.label) } : null)}
    />
  );
}
