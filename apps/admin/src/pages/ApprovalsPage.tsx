import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { DeliveriesTab } from './approvals/DeliveriesTab';
import { InstancesTab } from './approvals/InstancesTab';
import { RoutesTab } from './approvals/RoutesTab';

type TabKey = 'routes' | 'instances' | 'deliveries';
const TABS: TabKey[] = ['routes', 'instances', 'deliveries'];

/** /approvals?tab=routes|instances|deliveries[&type=general][&instanceId=…] */
export function ApprovalsPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab') as TabKey | null;
  const tab: TabKey = raw && TABS.includes(raw) ? raw : 'routes';
  const type = params.get('type') ?? 'general';
  const instanceId = params.get('instanceId') ?? undefined;

  const go = (next: Record<string, string>) => setParams(next, { replace: true });

  return (
    <Tabs
      activeKey={tab}
      destroyOnHidden
      onChange={(key) => go(key === 'routes' ? { tab: key, type } : { tab: key })}
      items={[
        {
          key: 'routes',
          label: <span id="tab-approval-routes">审批流程</span>,
          children: <RoutesTab type={type} onType={(t) => go({ tab: 'routes', type: t })} />,
        },
        {
          key: 'instances',
          label: <span id="tab-approval-instances">审批记录</span>,
          children: <InstancesTab onDeliveries={(id) => go({ tab: 'deliveries', instanceId: id })} />,
        },
        {
          key: 'deliveries',
          label: <span id="tab-deliveries">消息投递</span>,
          children: <DeliveriesTab instanceId={instanceId} />,
        },
      ]}
    />
  );
}
