import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { DEFAULT_PAGE_SIZE } from '@hrlink/shared';
import type { FieldCheckinView } from '@hrlink/shared';
import { fetchFieldCheckins } from '../../api/attendance';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { amapMarkerUrl } from '../../utils/amap';
import { formatCoord, formatMeters } from '../../utils/attendance';
import { formatDateTime } from '../../utils/format';
import { FilterBar, defaultFilters, filterQuery, type ResultFilters } from './Filters';
import { Photos } from './Photos';
import { serverPagination } from '../../components/serverPagination';

/** 外勤记录: field check-ins with coordinates (地图 → AMap marker page, new tab) and photo thumbnails (click → preview). */
export function FieldCheckinsTab() {
  const [filters, setFilters] = useState<ResultFilters>(defaultFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const list = useRequest(() => {
    const { status: _s, ...q } = filterQuery(filters);
    return fetchFieldCheckins({ ...q, page, pageSize });
  }, [filters, page, pageSize]);

  return (
    <Card
      size="small"
      title="外勤记录"
      extra={
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      }
    >
      <FilterBar
        prefix="field"
        value={filters}
        onChange={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <div data-testid="field-checkins">
          <Table<FieldCheckinView>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1270 }}
            locale={{ emptyText: '所选范围内没有外勤签到' }}
            columns={[
              { title: '时间', dataIndex: 'at', key: 'at', width: 160, render: formatDateTime },
              { title: '员工', key: 'employee', width: 100, render: (_, r) => r.employee.name },
              { title: '客户 / 拜访对象', dataIndex: 'customerName', key: 'customerName', width: 160 },
              { title: '地址', dataIndex: 'address', key: 'address', ellipsis: true },
              {
                title: '坐标',
                key: 'coords',
                width: 250,
                render: (_, r) => (
                  <div>
                    <Typography.Text copyable={{ text: `${r.latitude},${r.longitude}` }} style={{ fontFamily: 'monospace' }}>
                      {formatCoord(r.latitude, r.longitude)}
                    </Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        精度 {formatMeters(r.accuracy)}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              },
              {
                title: '地图',
                key: 'map',
                width: 70,
                render: (_, r) => {
                  const href = amapMarkerUrl(r.latitude, r.longitude, `${r.employee.name} · ${r.customerName}`);
                  return href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer" data-testid="field-map-link">
                      地图
                    </a>
                  ) : (
                    '—'
                  );
                },
              },
              { title: '备注', dataIndex: 'remark', key: 'remark', width: 160, ellipsis: true, render: (v: string | null) => v || '—' },
              { title: '照片', key: 'photos', width: 200, render: (_, r) => <Photos urls={r.photoUrls} size={48} /> },
            ]}
            pagination={serverPagination({ page, pageSize, total: list.data?.total, setPage, setPageSize })}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        照片链接短时有效；过期后刷新列表即可重新加载。
      </Typography.Text>
    </Card>
  );
}
