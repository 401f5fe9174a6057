import { Card, Col, Input, Row, Select, Space, Switch, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { DEFAULT_PAGE_SIZE } from '@hrlink/shared';
import type { EmployeeStatus } from '@hrlink/shared';
import { fetchEmployees } from '../api/org';
import { DeptTree } from '../components/DeptTree';
import { EmployeeDrawer } from '../components/EmployeeDrawer';
import { EmployeeTable } from '../components/EmployeeTable';
import { ErrorState } from '../components/ErrorState';
import { useRequest } from '../hooks/useRequest';

type StatusFilter = EmployeeStatus | 'all';

export function OrgPage() {
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [includeChildren, setIncludeChildren] = useState(true);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [openId, setOpenId] = useState<string | undefined>();

  const employees = useRequest(
    () =>
      fetchEmployees({
        q: q.trim() || undefined,
        departmentId,
        includeChildren: departmentId ? includeChildren : undefined,
        status: status === 'all' ? undefined : status,
        page,
        pageSize,
      }),
    [q, departmentId, includeChildren, status, page, pageSize],
  );

  const selectDept = useCallback((id: string | undefined) => {
    setDepartmentId(id);
    setPage(1);
  }, []);

  const filtered = !!(q.trim() || departmentId || status === 'left');
  const emptyText = filtered ? '没有符合条件的员工' : '暂无员工，请先在集成设置中同步组织架构';

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="260px">
        <Card title="部门" size="small" styles={{ body: { maxHeight: 'calc(100vh - 190px)', overflow: 'auto' } }}>
          <DeptTree value={departmentId} onChange={selectDept} />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          size="small"
          title="员工"
          extra={
            <Space wrap>
              {departmentId && (
                <Space size={4}>
                  <Typography.Text type="secondary">含子部门</Typography.Text>
                  <Switch
                    size="small"
                    checked={includeChildren}
                    onChange={(v) => {
                      setIncludeChildren(v);
                      setPage(1);
                    }}
                    data-testid="include-children"
                  />
                </Space>
              )}
              <Select<StatusFilter>
                id="status-filter"
                value={status}
                style={{ width: 110 }}
                onChange={(v) => {
                  setStatus(v);
                  setPage(1);
                }}
                options={[
                  { value: 'active', label: '在职' },
                  { value: 'left', label: '离职' },
                  { value: 'all', label: '全部状态' },
                ]}
              />
              <Input.Search
                id="employee-search"
                allowClear
                placeholder="搜索姓名 / 工号"
                style={{ width: 240 }}
                onSearch={(v) => {
                  setQ(v);
                  setPage(1);
                }}
              />
            </Space>
          }
        >
          {employees.error ? (
            <ErrorState error={employees.error} onRetry={employees.reload} />
          ) : (
            <EmployeeTable
              page={employees.data}
              current={page}
              pageSize={pageSize}
              loading={employees.loading}
              emptyText={emptyText}
              onOpen={setOpenId}
              onPage={(p, size) => {
                setPage(size !== pageSize ? 1 : p);
                setPageSize(size);
              }}
            />
          )}
        </Card>
      </Col>
      <EmployeeDrawer id={openId} onClose={() => setOpenId(undefined)} onSaved={employees.reload} />
    </Row>
  );
}
