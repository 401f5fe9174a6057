import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ErrorCode, type ApprovalInstanceDetail, type EmployeeRef } from '@hrlink/shared';
import { Button } from '../../components/ui';
import StatusTag from './components/StatusTag';
import ActionPanel, { type PanelKind } from './components/ActionPanel';
import { ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import {
  actResultLabel,
  businessTypeLabel,
  formatTime,
  stepModeLabel,
  stepStateLabel,
  taskStatusLabel,
  timelineText,
  viaLabel,
} from '../../approvals/labels';
import { buildActRequest } from '../../approvals/validate';
import { displayFen } from '../../approvals/money';
import { actOnApproval, fetchApproval, withdrawApproval } from '../../services/approvals';
import { cachedProfile, toUiError, withSession, type UiError } from '../../services';
import './approvals.scss';

/** Server answers that mean "fix the input and try again" keep the panel open. */
const INPUT_ERRORS = new Set<string>([
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.APPROVAL_REASON_REQUIRED,
  ErrorCode.APPROVAL_TRANSFER_INVALID,
]);

type Load = { kind: 'loading' } | { kind: 'error'; error: UiError } | { kind: 'ready'; detail: ApprovalInstanceDetail };

export default function ApprovalDetail() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [panel, setPanel] = useState<PanelKind | null>(null);
  const [panelError, setPanelError] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const [actionError, setActionError] = useState<UiError | null>(null);
  const seq = useRef(0);

  const reload = useCallback(
    async (quiet = false) => {
      if (!id) {
        setLoad({ kind: 'error', error: { code: ErrorCode.NOT_FOUND, message: '链接缺少审批单号' } });
        return;
      }
      const n = ++seq.current;
      if (!quiet) setLoad({ kind: 'loading' });
      try {
        const detail = await withSession(() => fetchApproval(id));
        if (n === seq.current) setLoad({ kind: 'ready', detail });
      } catch (err) {
        if (n === seq.current) setLoad({ kind: 'error', error: toUiError(err) });
      }
    },
    [id],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  usePullDownRefresh(() => {
    void reload(true).finally(() => void Taro.stopPullDownRefresh());
  });

  const open = (kind: PanelKind) => {
    setPanelError('');
    setActionError(null);
    setResult('');
    setPanel(kind);
  };

  const confirm = async (text: string, transferTo: EmployeeRef | null) => {
    if (!panel || busy) return;
    const kind = panel;
    let send: () => Promise<unknown>;
    if (kind === 'withdraw') {
      send = () => withdrawApproval(id);
    } else {
      const req = buildActRequest(kind, text, transferTo);
      if (!req.ok) {
        setPanelError(req.message);
        return;
      }
      send = () => actOnApproval(id, req.body);
    }
    setBusy(true);
    setPanelError('');
    try {
      await withSession(send);
      setPanel(null);
      const label = kind === 'transfer' && transferTo ? `已转交给 ${transferTo.name}` : actResultLabel(kind);
      setResult(label);
      void Taro.showToast({ title: label, icon: 'success' });
    } catch (err) {
      const e = toUiError(err);
      if (INPUT_ERRORS.has(e.code)) {
        setPanelError(e.message);
        return;
      }
      // e.g. APPROVAL_NOT_PENDING "该审批已结束": the state moved on; show it and what it is now.
      setPanel(null);
      setActionError(e);
    } finally {
      setBusy(false);
    }
    await reload(true);
  };

  if (load.kind === 'loading') {
    return (
      <View className="page approval-detail">
        <HomeLink />
        <Loading id="approval-loading" />
      </View>
    );
  }
  if (load.kind === 'error') {
    return (
      <View className="page approval-detail">
        <HomeLink />
        <ErrorBlock id="approval-error" error={load.error} onRetry={() => void reload()} />
      </View>
    );
  }

  const d = load.detail;
  const me = cachedProfile();
  // The server's form rows normally include the amount; show data.amountFen only if they do not.
  const amountFen = d.data && typeof d.data.amountFen === 'number' ? (d.data.amountFen as number) : null;
  const amountField = amountFen !== null && !d.form.some((f) => f.label.includes('金额'));
  const dept = d.applicant.departments?.map((x) => x.name).join('、');
  const hasActions = !!d.myTaskId || d.canWithdraw;

  return (
    <View className={`page approval-detail ${hasActions ? 'approval-detail--actions' : ''}`} data-id={d.id}>
      <HomeLink />
      <View className="card detail__head">
        <View className="detail__head-row">
          <Text id="approval-title" className="detail__title">
            {d.title}
          </Text>
          <StatusTag id="approval-status" status={d.status} />
        </View>
        <Text className="muted">
          {businessTypeLabel(d)} · 提交于 {formatTime(d.createdAt)}
          {d.finishedAt ? ` · 结束于 ${formatTime(d.finishedAt)}` : ''}
        </Text>
        <Text id="approval-applicant" className="detail__applicant">
          申请人：{d.applicant.name}
          {dept ? `（${dept}）` : ''}
        </Text>
      </View>

      {result && (
        <View id="approval-result" className="card detail__result">
          <Text>{result}</Text>
        </View>
      )}
      {actionError && (
        <View id="approval-action-error" className="card detail__action-error" data-code={actionError.code}>
          <Text>{actionError.message}</Text>
        </View>
      )}

      <View id="approval-form" className="card">
        <Text className="section-title">申请内容</Text>
        {d.form.map((f, i) => (
          <View key={`${f.label}-${i}`} className="kv">
            <Text className="kv__label">{f.label}</Text>
            <Text className="kv__value">{f.value}</Text>
          </View>
        ))}
        {amountField && (
          <View className="kv">
            <Text className="kv__label">金额</Text>
            <Text className="kv__value">{displayFen(amountFen!)}</Text>
          </View>
        )}
        {d.form.length === 0 && !amountField && <Text className="muted">无</Text>}
      </View>

      <View id="approval-steps" className="card">
        <Text className="section-title">审批流程</Text>
        {d.steps.length === 0 && <Text className="muted">无需审批</Text>}
        {d.steps.map((s) => (
          <View key={s.index} className={`step step--${s.state}`} data-state={s.state}>
            <View className="step__head">
              <Text className="step__name">{s.name}</Text>
              <Text className="step__mode">{s.tasks.length > 1 ? stepModeLabel(s.mode) : ''}</Text>
              <Text className="muted step__state">{stepStateLabel(s.state)}</Text>
            </View>
            {s.tasks.map((t) => (
              <View key={t.id} className={`task task--${t.status}`} data-status={t.status}>
                <Text className="task__who">{t.approver.name}</Text>
                <Text className="task__status">{taskStatusLabel(t.status)}</Text>
                {t.decidedAt && <Text className="muted task__time">{formatTime(t.decidedAt)}</Text>}
                {t.comment && <Text className="task__comment">“{t.comment}”</Text>}
              </View>
            ))}
          </View>
        ))}
      </View>

      <View id="approval-timeline" className="card">
        <Text className="section-title">审批记录</Text>
        {d.timeline.length === 0 && <Text className="muted">暂无记录</Text>}
        {d.timeline.map((e) => (
          <View key={e.id} className="timeline__item" data-action={e.action}>
            <View className="timeline__dot" />
            <View className="timeline__body">
              <Text className="timeline__text">{timelineText(e)}</Text>
              {e.comment && <Text className="timeline__comment">{e.comment}</Text>}
              <Text className="muted timeline__meta">
                {formatTime(e.at)}
                {viaLabel(e.via) ? ` · 通过${viaLabel(e.via)}` : ''}
              </Text>
            </View>
          </View>
        ))}
      </View>

      {hasActions && (
        <View className="detail__actions">
          {d.canWithdraw && (
            <Button id="approval-withdraw" className="detail__action" onClick={() => open('withdraw')}>
              撤回
            </Button>
          )}
          {d.myTaskId && (
            <>
              <Button id="approval-comment" className="detail__action" onClick={() => open('comment')}>
                评论
              </Button>
              <Button id="approval-transfer" className="detail__action" onClick={() => open('transfer')}>
                转交
              </Button>
              <Button id="approval-reject" className="detail__action" type="danger" onClick={() => open('reject')}>
                拒绝
              </Button>
              <Button id="approval-approve" className="detail__action" type="primary" onClick={() => open('approve')}>
                同意
              </Button>
            </>
          )}
        </View>
      )}

      {panel && (
        <ActionPanel
          key={panel}
          kind={panel}
          busy={busy}
          error={panelError}
          excludeIds={[d.applicant.id, me?.id ?? ''].filter(Boolean)}
          onCancel={() => setPanel(null)}
          onConfirm={(text, to) => void confirm(text, to)}
        />
      )}
    </View>
  );
}
