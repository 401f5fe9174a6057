import { CalculatorOutlined, DeleteOutlined, EditOutlined, EnvironmentOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { AttendanceGroupView } from '@hrlink/shared';
import { deleteGroup, fetchGroups } from '../../api/attendance';
import { showError, showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { ANOMALY_LABEL, groupRuleSummary } from '../../utils/attendance';
import { GroupModal } from './GroupModal';
import { RecomputeModal } from './RecomputeModal';

const MAX_TAGS = 4;

function Members({ g }: { g: AttendanceGroupView }) {
  const tags = [
    ...g.departments.map((d) => ({ key: `d-${d.id}`, label: d.name, color: 'blue' })),
    ...g.employees.map((e) => ({ key: `e-${e.id}`, label: e.name, color: undefined })),
  ];
  return (
    <Space size={[0, 4]} wrap>
      {tags.slice(0, MAX_TAGS).map((t) => (
        <Tag key={t.key} color={t.color}>
          {t.label}
        </Tag>
      ))}
      {tags.length > MAX_TAGS && <Tag>+{tags.length - MAX_TAGS}</Tag>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        共 {g.memberCount} 人
      </Typography.Text>
    </Space>
  );
}

/** 考勤组: list + create/edit modal; 打卡地点 opens the sites tab for that group; 重新计算 clears past results of a range. */
export function GroupsTab({ onSites }: { onSites: (groupId: string) => void }) {
  const groups = useRequest(fetchGroups, []);
  const [editing, setEditing] = useState<AttendanceGroupView | null | undefined>(undefined);
  const [recomputing, setRecomputing] = useState<AttendanceGroupView | null>(null);

  const remove = async (g: AttendanceGroupView) => {
    try {
      await deleteGroup(g.id);
      showSuccess(`已删除 ${g.name}`);
      groups.reload();
    } catch (err) {
      showError(err, '删除失败');
    }
  };

  return (
    <Card
      size="small"
      title="考勤组"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={groups.reload}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="group-add">
            新建考勤组
          </Button>
        </Space>
      }
    >
      {groups.error ? (
        <ErrorState error={groups.error} onRetry={groups.reload} />
      ) : (
        <div data-testid="attendance-groups">
          <Table<AttendanceGroupView>
            rowKey="id"
            size="middle"
            loading={groups.loading}
            dataSource={groups.data ?? []}
            pagination={false}
            scroll={{ x: 1100 }}
            locale={{ emptyText: <Empty description="还没有考勤组，点击「新建考勤组」开始" /> }}
            columns={[
              { title: '名称', dataIndex: 'name', key: 'name', width: 160, fixed: 'left' },
              {
                title: '班制',
                key: 'rule',
                width: 230,
                render: (_, g) => (
                  <Space size={4}>
                    <Tag color={g.kind === 'fixed' ? 'geekblue' : 'purple'}>{g.kind === 'fixed' ? '固定班制' : '自由工时'}</Tag>
                    <span>{groupRuleSummary(g)}</span>
                  </Space>
                ),
              },
              { title: '生效日期', dataIndex: 'effectiveFrom', key: 'effectiveFrom', width: 110 },
              { title: '成员', key: 'members', render: (_, g) => <Members g={g} /> },
              { title: '打卡地点', key: 'sites', width: 90, render: (_, g) => `${g.sites?.length ?? 0} 个` },
              {
                title: '外勤',
                key: 'field',
                width: 150,
                render: (_, g) =>
                  g.allowField
                    ? ['允许', g.fieldRemarkRequired && '需备注', g.fieldPhotoRequired && '需拍照'].filter(Boolean).join(' · ')
                    : '不允许',
              },
              {
                title: '补卡',
                key: 'correction',
                width: 190,
                render: (_, g) =>
                  g.correction.monthlyCap > 0
                    ? `每月 ${g.correction.monthlyCap} 次 · ${g.correction.daysBack} 天内 · ${g.correction.anomalies.map((a) => ANOMALY_LABEL[a] ?? a).join('/')}`
                    : '不允许',
              },
              {
                title: '操作',
                key: 'actions',
                width: 320,
                fixed: 'right',
                render: (_, g) => (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(g)} data-testid="group-edit">
                      编辑
                    </Button>
                    <Button type="link" size="small" icon={<EnvironmentOutlined />} onClick={() => onSites(g.id)} data-testid="group-sites">
                      打卡地点
                    </Button>
                    <Button type="link" size="small" icon={<CalculatorOutlined />} onClick={() => setRecomputing(g)} data-testid="group-recompute">
                      重新计算
                    </Button>
                    <Popconfirm title={`删除考勤组「${g.name}」？`} description="成员将不再属于任何考勤组" onConfirm={() => remove(g)} okText="删除" okButtonProps={{ danger: true }}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="group-delete">
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </div>
      )}
      <RecomputeModal group={recomputing} onClose={() => setRecomputing(null)} />
      <GroupModal
        editing={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          groups.reload();
        }}
      />
    </Card>
  );
}
