import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { SiteView } from '@hrlink/shared';
import { deleteSite, fetchGroups, fetchSites } from '../../api/attendance';
import { showError, showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { formatCoord, formatMeters } from '../../utils/attendance';
import { SiteModal } from './SiteModal';

/** 打卡地点 of one group (?groupId=…; the first group when none is chosen). */
export function SitesTab({ groupId, onGroup }: { groupId: string | undefined; onGroup: (id: string) => void }) {
  const groups = useRequest(fetchGroups, []);
  const current = groupId ?? groups.data?.[0]?.id;
  const sites = useRequest(() => (current ? fetchSites(current) : Promise.resolve([] as SiteView[])), [current]);
  const [editing, setEditing] = useState<SiteView | null | undefined>(undefined);

  const remove = async (s: SiteView) => {
    if (!current) return;
    try {
      await deleteSite(current, s.id);
      showSuccess(`已删除 ${s.name}`);
      sites.reload();
    } catch (err) {
      showError(err, '删除失败');
    }
  };

  if (groups.error) return <ErrorState error={groups.error} onRetry={groups.reload} />;
  if (!groups.loading && !groups.data?.length) return <Empty description="请先在「考勤组」中新建考勤组" />;

  return (
    <Card
      size="small"
      title={
        <Space>
          打卡地点
          <Select
            id="sites-group"
            style={{ width: 220 }}
            loading={groups.loading}
            value={current}
            onChange={onGroup}
            options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
        </Space>
      }
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={sites.reload}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} disabled={!current} onClick={() => setEditing(null)} data-testid="site-add">
            添加地点
          </Button>
        </Space>
      }
    >
      {sites.error ? (
        <ErrorState error={sites.error} onRetry={sites.reload} />
      ) : (
        <div data-testid="sites">
          <Table<SiteView>
            rowKey="id"
            size="middle"
            loading={sites.loading || groups.loading}
            dataSource={sites.data ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <Empty description="还没有打卡地点；没有地点和 Wi-Fi 时只能外勤打卡" /> }}
            columns={[
              { title: '名称', dataIndex: 'name', key: 'name', width: 150 },
              { title: '地址', dataIndex: 'address', key: 'address', ellipsis: true, render: (a: string | null) => a || '—' },
              {
                title: '坐标（纬度, 经度）',
                key: 'coords',
                width: 250,
                render: (_, s) => (
                  <Typography.Text copyable={{ text: `${s.latitude},${s.longitude}` }} style={{ fontFamily: 'monospace' }} data-testid="site-coords">
                    {formatCoord(s.latitude, s.longitude)}
                  </Typography.Text>
                ),
              },
              { title: '范围', key: 'radius', width: 90, render: (_, s) => formatMeters(s.radiusMeters) },
              {
                title: 'Wi-Fi',
                key: 'wifi',
                width: 260,
                render: (_, s) =>
                  s.wifi.length ? (
                    <Space direction="vertical" size={0}>
                      {s.wifi.map((w) => (
                        <span key={w.bssid}>
                          <Tag>{w.ssid}</Tag>
                          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                            {w.bssid}
                          </Typography.Text>
                        </span>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 150,
                fixed: 'right',
                render: (_, s) => (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} data-testid="site-edit">
                      编辑
                    </Button>
                    <Popconfirm title={`删除打卡地点「${s.name}」？`} onConfirm={() => remove(s)} okText="删除" okButtonProps={{ danger: true }}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="site-delete">
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
      {current && (
        <SiteModal
          groupId={current}
          editing={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            sites.reload();
          }}
        />
      )}
    </Card>
  );
}
