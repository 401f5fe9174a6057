import { Col, Row, Skeleton, Space, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PLATFORM_META, PLATFORMS } from '@hrlink/shared';
import type { PlatformBindingView, PlatformMeta } from '@hrlink/shared';
import { fetchBindings, fetchPlatformMetas } from '../api/integrations';
import { BindingCard } from '../components/BindingCard';
import { BindingFormModal } from '../components/BindingFormModal';
import { ErrorState } from '../components/ErrorState';
import { SyncRunsTable } from '../components/SyncRunsTable';
import { TenantSettingsForm } from '../components/TenantSettingsForm';
import { useRequest } from '../hooks/useRequest';

/** The server's platform metadata; the shared defaults if that call fails (they are the same list). */
async function loadMetas(): Promise<PlatformMeta[]> {
  try {
    return await fetchPlatformMetas();
  } catch (err) {
    console.warn('GET /integrations/platforms failed, using built-in metadata', err);
    return PLATFORMS.map((p) => PLATFORM_META[p]);
  }
}

interface Editing {
  meta: PlatformMeta;
  binding: PlatformBindingView | null;
}

function BindingsTab() {
  const metas = useRequest(loadMetas, []);
  const bindings = useRequest(fetchBindings, []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [runsKey, setRunsKey] = useState(0);

  const { reload } = bindings;
  const onSyncFinished = useCallback(() => {
    reload();
    setRunsKey((k) => k + 1);
  }, [reload]);

  let cards;
  if (bindings.error) cards = <ErrorState error={bindings.error} onRetry={bindings.reload} />;
  else if (!metas.data || !bindings.data) cards = <Skeleton active paragraph={{ rows: 6 }} />;
  else {
    const list = bindings.data;
    cards = (
      <Row gutter={[16, 16]}>
        {metas.data.flatMap((meta) => {
          const mine = list.filter((b) => b.platform === meta.platform);
          const slots = mine.length ? mine : [undefined];
          return slots.map((binding, i) => (
            <Col key={binding?.id ?? meta.platform} xs={24} lg={12} xxl={8}>
              <BindingCard
                meta={meta}
                binding={binding}
                testIdSuffix={i ? `-${i + 1}` : ''}
                onAdd={() => setEditing({ meta, binding: null })}
                onEdit={(b) => setEditing({ meta, binding: b })}
                onSyncFinished={onSyncFinished}
              />
            </Col>
          ));
        })}
      </Row>
    );
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {cards}
      <SyncRunsTable bindings={bindings.data ?? []} refreshKey={runsKey} />
      {editing && (
        <BindingFormModal
          meta={editing.meta}
          binding={editing.binding}
          isFirst={(bindings.data ?? []).length === 0}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Space>
  );
}

export function IntegrationsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'settings' ? 'settings' : 'bindings';
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => setParams(key === 'settings' ? { tab: key } : {}, { replace: true })}
      items={[
        { key: 'bindings', label: '平台绑定与同步', children: <BindingsTab /> },
        { key: 'settings', label: <span id="tab-tenant-settings">企业设置</span>, children: <TenantSettingsForm /> },
      ]}
    />
  );
}
