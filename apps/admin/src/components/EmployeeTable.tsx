import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { EmployeeListItem, Page } from '@hrlink/shared';
import { PlatformTags } from './PlatformTags';
import { STATUS_LABEL } from '../utils/labels';

const columns: TableColumnsType<EmployeeListItem> = [
  { title: '姓名', dataIndex: 'name', key: 'name', width: 100, fixed: 'left' },
  { title: '工号', dataIndex: 'employeeNo', key: 'employeeNo', width: 80, render: (v) => v ?? '—' },
  {
    title: '部门',
    key: 'departments',
    width: 140,
    ellipsis: true,
    render: (_, r) => (r.departments.length ? r.departments.map((d) => d.name).join('、') : '—'),
  },
  { title: '职位', dataIndex: 'title', key: 'title', width: 120, ellipsis: true, render: (v) => v || '—' },
  { title: '手机', dataIndex: 'mobileMasked', key: 'mobile', width: 120, render: (v) => v ?? '—' },
  { title: '直属上级', key: 'manager', width: 90, render: (_, r) => r.manager?.name ?? '—' },
  { title: '平台', key: 'platforms', width: 210, render: (_, r) => <PlatformTags platforms={r.platforms} /> },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'status',
    width: 80,
    fixed: 'right',
    render: (v: EmployeeListItem['status']) => (
      <Tag color={v === 'active' ? 'green' : 'default'}>{STATUS_LABEL[v] ?? v}</Tag>
    ),
  },
];

interface Props {
  page: Page<EmployeeListItem> | undefined;
  current: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (id: string) => void;
  emptyText: string;
}

export function EmployeeTable({ page, current, pageSize, loading, onPage, onOpen, emptyText }: Props) {
  return (
    <div data-testid="employee-table">
      <Table<EmployeeListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={page?.items ?? []}
        loading={loading}
        scroll={{ x: 940 }}
        locale={{ emptyText }}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current,
          pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 人`,
          onChange: onPage,
        }}
      />
    </div>
  );
}
