import { Alert, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { SyncRunView } from '@hrlink/shared';
import { errorMessage } from '../api/client';
import { formatDuration, runDurationMs } from '../utils/format';

function Counts({ run }: { run: SyncRunView }) {
  return (
    <div data-testid="sync-counts">
      部门：新增 {run.departmentsCreated}，更新 {run.departmentsUpdated}，停用 {run.departmentsDeactivated}；员工：新增{' '}
      {run.employeesCreated}，更新 {run.employeesUpdated}，停用 {run.employeesDeactivated}；关联身份 {run.identitiesLinked}
      {run.identitiesRemoved ? `，移除 ${run.identitiesRemoved}` : ''}；未匹配 {run.unmatched}；写入 {run.rowsWritten} 行
    </div>
  );
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

/** A running sync's live counters, or the finished run's result. */
export function SyncProgress({ run, pollError }: { run: SyncRunView; pollError?: unknown }) {
  const running = run.status === 'running';
  const now = useNow(running);
  const elapsed = formatDuration(runDurationMs(run.startedAt, run.finishedAt, now));

  if (running) {
    return (
      <div data-testid="sync-progress" data-status="running">
        <Progress percent={100} status="active" showInfo={false} size="small" />
        <Space direction="vertical" size={0}>
          <Typography.Text>
            同步中… 已读取部门 <b data-testid="departments-seen">{run.departmentsSeen}</b> 个，成员{' '}
            <b data-testid="members-seen">{run.membersSeen}</b> 人
          </Typography.Text>
          <Typography.Text type="secondary">已用时 {elapsed}</Typography.Text>
          {pollError !== undefined && <Typography.Text type="warning">获取进度失败：{errorMessage(pollError)}</Typography.Text>}
        </Space>
      </div>
    );
  }

  const ok = run.status === 'succeeded';
  return (
    <div data-testid="sync-progress" data-status={run.status}>
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        message={ok ? `同步完成，用时 ${elapsed}` : `同步失败，用时 ${elapsed}`}
        description={
          <>
            <Counts run={run} />
            {run.errors.slice(0, 3).map((e, i) => (
              <div key={i} style={{ color: '#cf1322' }}>
                {e.code ? `[${e.code}] ` : ''}
                {e.message}
              </div>
            ))}
            {run.errors.length > 3 && <div>…共 {run.errors.length} 条错误，详见同步记录</div>}
          </>
        }
      />
    </div>
  );
}
