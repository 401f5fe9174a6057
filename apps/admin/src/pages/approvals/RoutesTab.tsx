import { App, Badge, Card, Col, Empty, List, Row, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useMemo, useRef } from 'react';
import type { ApprovalRouteView } from '@hrlink/shared';
import { fetchApprovalRoutes } from '../../api/approvals';
import { ErrorState } from '../../components/ErrorState';
import { RouteEditor } from '../../components/RouteEditor';
import { useRequest } from '../../hooks/useRequest';
import { describeApprover, mergeRoutes } from '../../utils/route';

interface Props {
  type: string;
  onType: (t: string) => void;
  /** Set while the open route has unsaved edits (the page asks before leaving the tab). */
  dirtyRef?: React.MutableRefObject<boolean>;
}

export function RoutesTab({ type, onType, dirtyRef }: Props) {
  const { modal } = App.useApp();
  const routes = useRequest(fetchApprovalRoutes, []);
  const ownRef = useRef(false);
  const dirty = dirtyRef ?? ownRef;
  const onDirtyChange = useCallback(
    (d: boolean) => {
      dirty.current = d;
    },
    [dirty],
  );

  // Stable objects: the editor reloads (and drops edits) when its route object changes.
  const list = useMemo(() => (routes.data ? mergeRoutes(routes.data) : []), [routes.data]);

  if (routes.error) return <ErrorState error={routes.error} onRetry={routes.reload} />;
  if (!routes.data) return <Skeleton active paragraph={{ rows: 8 }} />;

  const current = list.find((r) => r.businessType === type) ?? list[0];

  const pick = (t: string) => {
    if (t === current.businessType) return;
    if (!dirty.current) return onType(t);
    modal.confirm({
      title: '放弃未保存的修改？',
      content: `${current.businessTypeName}的流程有未保存的修改，切换后将丢失。`,
      okText: '放弃并切换',
      cancelText: '继续编辑',
      onOk: () => {
        dirty.current = false;
        onType(t);
      },
    });
  };

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="260px">
        <Card size="small" title="业务类型" data-testid="route-types">
          <List<ApprovalRouteView & { known: boolean }>
            size="small"
            dataSource={list}
            locale={{ emptyText: <Empty description="暂无业务类型" /> }}
            renderItem={(r) => (
              <List.Item
                data-business-type={r.businessType}
                onClick={() => pick(r.businessType)}
                style={{
                  cursor: 'pointer',
                  paddingInline: 8,
                  background: r.businessType === current.businessType ? '#e6f4ff' : undefined,
                  borderRadius: 6,
                }}
              >
                <List.Item.Meta
                  title={
                    <span>
                      {r.businessTypeName}{' '}
                      {r.id ? <Badge status="processing" text="" /> : null}
                      {!r.known && <Tag style={{ marginInlineStart: 4 }}>未启用</Tag>}
                    </span>
                  }
                  description={
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                      {r.steps.length ? r.steps.map((s) => describeApprover(s.approver)).join(' → ') : '无步骤'}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <RouteEditor
          key={current.businessType}
          route={current}
          onDirtyChange={onDirtyChange}
          onSaved={(saved) => {
            dirty.current = false;
            routes.setData(
              routes.data!.some((r) => r.businessType === saved.businessType)
                ? routes.data!.map((r) => (r.businessType === saved.businessType ? saved : r))
                : [...routes.data!, saved],
            );
          }}
        />
      </Col>
    </Row>
  );
}
