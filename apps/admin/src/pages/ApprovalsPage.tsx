import { App, Tabs } from 'antd';
import { useRef } from 'react';
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

  const { modal } = App.useApp();
  const routeDirty = useRef(false);
  const go = (next: Record<string, string>) => setParams(next, { replace: true });
  const switchTab = (key: string) => {
    const target: Record<string, string> = key === 'routes' ? { tab: key, type } : { tab: key };
    if (tab !== 'routes' || !routeDirty.current) return go(target);
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '审批流程有未保存的修改，离开后将丢失。',
      okText: '放弃并离开',
      cancelText: '继续编辑',
      onOk: () => {
        routeDirty.current = false;
        go(target);
      },
    });
  };

  return (
    <Tabs
      activeKey={tab}
      destroyOnHidden
      onChange={switchTab}
      items={[
        {
          key: 'routes',
          label: <span id="tab-approval-routes">审批流程</span>,
          children: <RoutesTab type={type} onType={(t) => go({ tab: 'routes', type: t })} dirtyRef={routeDirty} />,
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
