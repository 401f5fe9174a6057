import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DEFAULT_PAGE_SIZE } from '@hrlink/shared';
import type { AdminDailyQuery, DailyResultView, DayStatus, Page, PunchView } from '@hrlink/shared';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { DAY_STATUS_COLOR, PUNCH_KIND_LABEL, PUNCH_SOURCE_LABEL, dayStatusLabel, flagLabel, formatCoord, formatMeters } from '../../utils/attendance';
import { formatDateTime } from '../../utils/format';
import { FilterBar, defaultFilters, filterQuery, type ResultFilters } from './Filters';
import { Photos } from './Photos';
import { serverPagination } from '../../components/serverPagination';

const ALL_STATUSES: DayStatus[] = ['normal', 'late', 'serious_late', 'early', 'missing_in', 'missing_out', 'absent', 'leave', 'field', 'rest'];
const ANOMALY_STATUSES: DayStatus[] = ['late', 'serious_late', 'early', 'missing_in', 'missing_out', 'absent'];

export function StatusTags({ r }: { r: DailyResultView }) {
  return (
    <Space size={[0, 4]} wrap>
      {r.statuses.map((s) => (
        <Tag key={s} color={DAY_STATUS_COLOR[s]} data-status={s}>
          {dayStatusLabel(s, r.lateMinutes, r.earlyMinutes)}
        </Tag>
      ))}
      {r.provisional && (
        <Tag bordered={false} data-testid="provisional">
          未结算
        </Tag>
      )}
    </Space>
  );
}

/** In range: "总部（距 42 米）"; field / out of range: the nearest site and how far. */
function placeText(p: PunchView): string {
  const d = p.distanceMeters !== null ? formatMeters(p.distanceMeters) : null;
  if (p.source === 'field') return p.siteName && d ? `范围外，距最近地点「${p.siteName}」${d}` : d ? `范围外，距最近地点 ${d}` : '范围外';
  if (p.source === 'wifi' && !p.siteName) return p.wifi ? `Wi-Fi「${p.wifi.ssid}」` : 'Wi-Fi';
  if (p.siteName) return d ? `${p.siteName}（距 ${d}）` : p.siteName;
  return d ? `距最近地点 ${d}` : '—';
}

const time = (iso: string) => formatDateTime(iso).slice(11, 19) || iso;

function PunchDetail({ p }: { p: PunchView }) {
  return (
    <Card size="small" data-testid="punch-detail" data-punch-id={p.id} style={{ marginBottom: 8 }}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>
          {PUNCH_KIND_LABEL[p.kind] ?? p.kind} {time(p.at)}
        </Typography.Text>
        <Tag color={p.source === 'field' ? 'cyan' : p.source === 'correction' ? 'purple' : 'blue'}>{PUNCH_SOURCE_LABEL[p.source] ?? p.source}</Tag>
        {p.flags.map((f) => (
          <Tag key={f} color="warning" data-flag={f} data-testid="punch-flag">
            {flagLabel(f)}
          </Tag>
        ))}
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label="时间">{formatDateTime(p.at)}</Descriptions.Item>
        <Descriptions.Item label="地点">{placeText(p)}</Descriptions.Item>
        <Descriptions.Item label="坐标">
          <span style={{ fontFamily: 'monospace' }}>{formatCoord(p.latitude, p.longitude)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="定位精度">{p.accuracy !== null ? formatMeters(p.accuracy) : '—'}</Descriptions.Item>
        <Descriptions.Item label="Wi-Fi">
          {p.wifi ? (
            <span>
              {p.wifi.ssid} <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{p.wifi.bssid}</Typography.Text>
            </span>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="备注">{p.remark || '—'}</Descriptions.Item>
        {p.photoUrls?.length > 0 && (
          <Descriptions.Item label="照片" span={3}>
            <Photos urls={p.photoUrls} />
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function Punches({ r }: { r: DailyResultView }) {
  if (!r.punches.length) return <Typography.Text type="secondary">当天没有打卡记录</Typography.Text>;
  return (
    <div data-testid="punches">
      {[...r.punches].sort((a, b) => a.at.localeCompare(b.at)).map((p) => (
        <PunchDetail key={p.id} p={p} />
      ))}
    </div>
  );
}

const rowKey = (r: DailyResultView) => `${r.employee.id}:${r.date}`;

function firstLast(r: DailyResultView) {
  const ins = r.punches.filter((p) => p.kind === 'in').map((p) => p.at).sort();
  const outs = r.punches.filter((p) => p.kind === 'out').map((p) => p.at).sort();
  return { firstIn: ins[0], lastOut: outs[outs.length - 1] };
}

/** 每日考勤 (all results) and 异常 (anomalies only): filters, server paging, expand a row → each punch. */
export function ResultsTab({ mode, load }: { mode: 'daily' | 'anomalies'; load: (q: AdminDailyQuery) => Promise<Page<DailyResultView>> }) {
  const [filters, setFilters] = useState<ResultFilters>(defaultFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const list = useRequest(() => load({ ...filterQuery(filters), page, pageSize }), [filters, page, pageSize]);
  const testId = mode === 'daily' ? 'daily-results' : 'anomalies';

  return (
    <Card
      size="small"
      title={mode === 'daily' ? '每日考勤' : '考勤异常'}
      extra={
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      }
    >
      <FilterBar
        prefix={mode}
        value={filters}
        statuses={mode === 'daily' ? ALL_STATUSES : ANOMALY_STATUSES}
        onChange={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <div data-testid={testId}>
          <Table<DailyResultView>
            rowKey={rowKey}
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 960 }}
            locale={{ emptyText: mode === 'daily' ? '所选范围内没有考勤结果' : '所选范围内没有异常' }}
            expandable={{ expandedRowRender: (r) => <Punches r={r} />, rowExpandable: () => true }}
            columns={[
              { title: '日期', dataIndex: 'date', key: 'date', width: 110 },
              { title: '员工', key: 'employee', width: 120, render: (_, r) => r.employee.name },
              { title: '状态', key: 'statuses', render: (_, r) => <StatusTags r={r} /> },
              { title: '上班打卡', key: 'in', width: 100, render: (_, r) => (firstLast(r).firstIn ? time(firstLast(r).firstIn!) : '—') },
              { title: '下班打卡', key: 'out', width: 100, render: (_, r) => (firstLast(r).lastOut ? time(firstLast(r).lastOut!) : '—') },
              { title: '工作时长', key: 'worked', width: 100, render: (_, r) => (r.workedMinutes > 0 ? `${Math.floor(r.workedMinutes / 60)} 时 ${r.workedMinutes % 60} 分` : '—') },
              { title: '请假', key: 'leave', width: 80, render: (_, r) => (r.leaveDays > 0 ? `${r.leaveDays} 天` : '—') },
              {
                title: '风险',
                key: 'flags',
                width: 160,
                render: (_, r) => {
                  const flags = [...new Set(r.punches.flatMap((p) => p.flags))];
                  return flags.length ? flags.map((f) => <Tag key={f} color="warning">{flagLabel(f)}</Tag>) : '—';
                },
              },
            ]}
            pagination={serverPagination({ page, pageSize, total: list.data?.total, setPage, setPageSize })}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        展开一行查看每次打卡的地点、距离、坐标、精度、Wi-Fi、风险标记和照片；「未结算」表示当天班次尚未结束，结果可能变化。
      </Typography.Text>
    </Card>
  );
}
