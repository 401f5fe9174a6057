import { Descriptions, Divider, Drawer, Empty, List, Skeleton, Table, Tag, Typography } from 'antd';
import type { EmployeeDetail, EmployeeIdentityView } from '@hrlink/shared';
import { fetchEmployee } from '../api/org';
import { useRequest } from '../hooks/useRequest';
import { formatDateTime } from '../utils/format';
import { STATUS_LABEL } from '../utils/labels';
import { EmployeeEditForm } from './EmployeeEditForm';
import { ErrorState } from './ErrorState';
import { PlatformTag } from './PlatformTags';

const idText = (v: string | null) =>
  v ? (
    <Typography.Text copyable ellipsis={{ tooltip: v }}>
      {v}
    </Typography.Text>
  ) : (
    '—'
  );

const identityColumns = [
  { title: '平台', dataIndex: 'platform', key: 'platform', width: 100, render: (p: EmployeeIdentityView['platform']) => <PlatformTag platform={p} /> },
  { title: '平台用户 ID', dataIndex: 'platformUserId', key: 'uid', width: 170, render: idText },
  { title: 'UnionId', dataIndex: 'unionId', key: 'union', render: idText },
  { title: 'OpenId', dataIndex: 'openId', key: 'open', render: idText },
];

function Detail({ employee, onSaved }: { employee: EmployeeDetail; onSaved: (e: EmployeeDetail) => void }) {
  return (
    <>
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="姓名">{employee.name}</Descriptions.Item>
        <Descriptions.Item label="工号">{employee.employeeNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="部门">{employee.departments.map((d) => d.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="职位">{employee.title || '—'}</Descriptions.Item>
        <Descriptions.Item label="手机">{employee.mobileMasked ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="直属上级">{employee.manager?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={employee.status === 'active' ? 'green' : 'default'}>{STATUS_LABEL[employee.status]}</Tag>
          {employee.leftAt && <span>离职于 {formatDateTime(employee.leftAt)}</span>}
        </Descriptions.Item>
        <Descriptions.Item label="更新时间">{formatDateTime(employee.updatedAt)}</Descriptions.Item>
      </Descriptions>

      <Divider orientation="left">平台身份</Divider>
      <div data-testid="employee-identities">
      <Table<EmployeeIdentityView>
        size="small"
        rowKey={(r) => `${r.platform}:${r.platformUserId}`}
        columns={identityColumns}
        dataSource={employee.identities}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: '尚未关联任何平台账号' }}
      />
      </div>

      <Divider orientation="left">直属下属（{employee.reports.length}）</Divider>
      {employee.reports.length ? (
        <List
          size="small"
          dataSource={employee.reports}
          renderItem={(r) => (
            <List.Item>
              {r.name}
              {r.title && <Typography.Text type="secondary"> · {r.title}</Typography.Text>}
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有直属下属" />
      )}

      <Divider orientation="left">人事信息</Divider>
      <EmployeeEditForm employee={employee} onSaved={onSaved} />
    </>
  );
}

export function EmployeeDrawer({ id, onClose, onSaved }: { id: string | undefined; onClose: () => void; onSaved: () => void }) {
  const { data, error, loading, reload, setData } = useRequest(
    () => (id ? fetchEmployee(id) : Promise.resolve(undefined)),
    [id],
  );
  const employee = data && data.id === id ? data : undefined;

  let body;
  if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading || !employee) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else
    body = (
      <Detail
        employee={employee}
        onSaved={(e) => {
          if (e && e.id === id) setData(e);
          else reload();
          onSaved();
        }}
      />
    );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={720}
      title={employee ? `员工详情 · ${employee.name}` : '员工详情'}
      destroyOnHidden
    >
      <div data-testid="employee-drawer">{body}</div>
    </Drawer>
  );
}
