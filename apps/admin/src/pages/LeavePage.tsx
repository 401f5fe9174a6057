import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { LeaveTypeView } from '@hrlink/shared';
import { fetchLeaveTypes } from '../api/leave';
import { useRequest } from '../hooks/useRequest';
import { BalancesTab } from './leave/BalancesTab';
import { CalendarTab } from './leave/CalendarTab';
import { LeaveTypesTab } from './leave/LeaveTypesTab';
import { PolicyTab } from './leave/PolicyTab';
import { LeaveRequestsTab, OvertimeRequestsTab } from './leave/RequestsTab';

/** One stable empty list while types load (dialogs reset their form when the list identity changes). */
const NO_TYPES: LeaveTypeView[] = [];

type TabKey = 'types' | 'calendar' | 'policy' | 'balances' | 'requests' | 'overtime';
const TABS: TabKey[] = ['types', 'calendar', 'policy', 'balances', 'requests', 'overtime'];

/** /leave?tab=types|calendar|policy|balances|requests|overtime */
export function LeavePage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab') as TabKey | null;
  const tab: TabKey = raw && TABS.includes(raw) ? raw : 'types';
  // Types feed the filters and columns of the other tabs; reloaded whenever the tab changes (edits on 假期类型).
  const types = useRequest(fetchLeaveTypes, [tab]);
  const typeList = types.data ?? NO_TYPES;

  return (
    <Tabs
      activeKey={tab}
      destroyOnHidden
      onChange={(key) => setParams({ tab: key }, { replace: true })}
      items={[
        { key: 'types', label: <span id="tab-leave-types">假期类型</span>, children: <LeaveTypesTab /> },
        { key: 'calendar', label: <span id="tab-leave-calendar">节假日日历</span>, children: <CalendarTab /> },
        { key: 'policy', label: <span id="tab-leave-policy">年假规则</span>, children: <PolicyTab /> },
        { key: 'balances', label: <span id="tab-leave-balances">假期余额</span>, children: <BalancesTab types={typeList} /> },
        { key: 'requests', label: <span id="tab-leave-requests">请假记录</span>, children: <LeaveRequestsTab types={typeList} /> },
        { key: 'overtime', label: <span id="tab-overtime-requests">加班记录</span>, children: <OvertimeRequestsTab /> },
      ]}
    />
  );
}
