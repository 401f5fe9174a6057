import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { fetchAnomalies, fetchDaily } from '../api/attendance';
import { ResultsTab } from './attendance/DailyTab';
import { FieldCheckinsTab } from './attendance/FieldCheckinsTab';
import { GroupsTab } from './attendance/GroupsTab';
import { ReportTab } from './attendance/ReportTab';
import { SitesTab } from './attendance/SitesTab';

type TabKey = 'groups' | 'sites' | 'daily' | 'anomalies' | 'field' | 'report';
const TABS: TabKey[] = ['groups', 'sites', 'daily', 'anomalies', 'field', 'report'];

/** /attendance?tab=groups|sites[&groupId=…]|daily|anomalies|field|report */
export function AttendancePage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab') as TabKey | null;
  const tab: TabKey = raw && TABS.includes(raw) ? raw : 'groups';
  const groupId = params.get('groupId') ?? undefined;
  const openSites = (id: string) => setParams({ tab: 'sites', groupId: id }, { replace: true });

  return (
    <Tabs
      activeKey={tab}
      destroyOnHidden
      onChange={(key) => setParams({ tab: key }, { replace: true })}
      items={[
        { key: 'groups', label: <span id="tab-attendance-groups">考勤组</span>, children: <GroupsTab onSites={openSites} /> },
        { key: 'sites', label: <span id="tab-attendance-sites">打卡地点</span>, children: <SitesTab groupId={groupId} onGroup={openSites} /> },
        { key: 'daily', label: <span id="tab-attendance-daily">每日考勤</span>, children: <ResultsTab mode="daily" load={fetchDaily} /> },
        { key: 'anomalies', label: <span id="tab-attendance-anomalies">异常</span>, children: <ResultsTab mode="anomalies" load={fetchAnomalies} /> },
        { key: 'field', label: <span id="tab-attendance-field">外勤记录</span>, children: <FieldCheckinsTab /> },
        { key: 'report', label: <span id="tab-attendance-report">月度报表</span>, children: <ReportTab /> },
      ]}
    />
  );
}
