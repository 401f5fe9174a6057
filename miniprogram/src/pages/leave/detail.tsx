import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Textarea, Image } from '@tarojs/components';
import type { LeaveDayBreakdown, LeaveRequestView } from '@hrlink/shared';
import { Button } from '../../components/ui';
import { ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import StatusPill from '../../components/StatusPill';
import { formatTime } from '../../approvals/labels';
import { charCount, REASON_MAX } from '../../leave/form';
import { dayKindLabel, fmtAmount, fmtNum, leaveStatusLabel, pointLabel, statusTone, unitLabel, weekdayLabel } from '../../leave/format';
import { cancelLeave, fetchLeaveRequest, previewLeave, withdrawLeave } from '../../services/leave';
import { API_BASE, toUiError, withSession, type UiError } from '../../services';
import { resolveFileUrl } from '../../attendance/format';
import './leave.scss';

/** The server may add the day breakdown to the request view; otherwise it is asked from /leave/preview. */
type RequestWithDays = LeaveRequestView & { days?: LeaveDayBreakdown[] };

type Panel = 'withdraw' | 'cancel' | null;

/** Request detail: status, span, amount, day breakdown, approval link; 撤回 (pending) / 销假 (approved). */
export default function LeaveDetail() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [req, setReq] = useState<RequestWithDays | null>(null);
  const [days, setDays] = useState<LeaveDayBreakdown[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [reason, setReason] = useState('');
  const [panelError, setPanelError] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const [actionError, setActionError] = useState<UiError | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const r = await withSession<RequestWithDays>(() => fetchLeaveRequest(id));
      setReq(r);
      if (r.days) setDays(r.days);
      else {
        previewLeave({ leaveTypeId: r.leaveType.id, start: r.start, end: r.end, reason: r.reason })
          .then((p) => setDays(p.days))
          .catch(() => setDays(null));
      }
    } catch (err) {
      setError(toUiError(err));
    }
  }, [id]);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => void Taro.stopPullDownRefresh()));

  const confirm = async () => {
    if (!req || busy || !panel) return;
    if (panel === 'cancel') {
      const t = reason.trim();
      if (!t) return setPanelError('请填写销假原因');
      if (charCount(t) > REASON_MAX) return setPanelError(`销假原因不能超过 ${REASON_MAX} 字`);
    }
    setBusy(true);
    setPanelError('');
    setActionError(null);
    const kind = panel;
    try {
      if (kind === 'withdraw') await withSession(() => withdrawLeave(req.id));
      else await withSession(() => cancelLeave(req.id, reason.trim()));
      setResult(kind === 'withdraw' ? '已撤回' : '已提交销假申请');
      setPanel(null);
      setReason('');
    } catch (err) {
      const e = toUiError(err);
      if (e.code === 'VALIDATION_FAILED') setPanelError(e.message);
      else {
        setActionError(e);
        setPanel(null);
      }
    } finally {
      setBusy(false);
      void load();
    }
  };

  if (error) {
    return (
      <View className="page leave-detail">
        <HomeLink id="leave-home" />
        <ErrorBlock id="leave-request-error" error={error} onRetry={() => void load()} />
      </View>
    );
  }
  if (!req) {
    return (
      <View className="page leave-detail">
        <HomeLink id="leave-home" />
        <Loading id="leave-request-loading" />
      </View>
    );
  }

  const sorted = (days ?? []).slice().sort((a, b) => (a.date < b.date ? -1 : 1));
  // Short-lived URLs (5 min) made for this viewer; reloaded with the request on every show / pull-down.
  const attachmentUrls = (req.attachments ?? []).map((u) => resolveFileUrl(u, API_BASE));
  return (
    <View className="page leave-detail">
      <HomeLink id="leave-home" />
      <View className="card detail__head">
        <View className="detail__head-row">
          <Text id="leave-request-title" className="detail__title">
            {req.leaveType.name} · {fmtAmount(req.amount, req.unit)}
          </Text>
          <StatusPill id="leave-request-status" status={req.status} label={leaveStatusLabel(req.status)} tone={statusTone(req.status)} />
        </View>
        {result && (
          <Text id="leave-action-result" className="detail__result">
            {result}
          </Text>
        )}
      </View>

      {actionError && (
        <View id="leave-action-error" className="card error-card" data-code={actionError.code}>
          <Text>{actionError.message}</Text>
        </View>
      )}

      <View className="card">
        <View className="kv">
          <Text className="kv__label">开始</Text>
          <Text id="leave-request-start" className="kv__value">
            {pointLabel(req.start)}
          </Text>
        </View>
        <View className="kv">
          <Text className="kv__label">结束</Text>
          <Text id="leave-request-end" className="kv__value">
            {pointLabel(req.end)}
          </Text>
        </View>
        <View className="kv">
          <Text className="kv__label">时长</Text>
          <Text id="leave-request-amount" className="kv__value">
            {fmtAmount(req.amount, req.unit)}
          </Text>
        </View>
        <View className="kv">
          <Text className="kv__label">事由</Text>
          <Text className="kv__value">{req.reason}</Text>
        </View>
        {attachmentUrls.length > 0 && (
          <View id="leave-request-attachments" className="kv" data-count={attachmentUrls.length}>
            <Text className="kv__label">附件</Text>
            <View className="attach">
              {attachmentUrls.map((url) => (
                <View key={url} className="attach__item leave-attachment-thumb">
                  <Image
                    className="attach__img"
                    src={url}
                    mode="aspectFill"
                    onClick={() => void Taro.previewImage({ urls: attachmentUrls, current: url })}
                  />
                </View>
              ))}
            </View>
          </View>
        )}
        <View className="kv">
          <Text className="kv__label">提交时间</Text>
          <Text className="kv__value">{formatTime(req.createdAt)}</Text>
        </View>
        {req.approvalInstanceId && (
          <View
            id="leave-approval-link"
            className="kv"
            onClick={() => void Taro.navigateTo({ url: `/pages/approvals/detail?id=${encodeURIComponent(req.approvalInstanceId!)}` })}
          >
            <Text className="kv__label">审批</Text>
            <Text className="kv__value link">查看审批详情 ›</Text>
          </View>
        )}
        {req.cancelApprovalInstanceId && (
          <View
            id="leave-cancel-approval-link"
            className="kv"
            onClick={() => void Taro.navigateTo({ url: `/pages/approvals/detail?id=${encodeURIComponent(req.cancelApprovalInstanceId!)}` })}
          >
            <Text className="kv__label">销假审批</Text>
            <Text className="kv__value link">查看销假审批 ›</Text>
          </View>
        )}
      </View>

      {sorted.length > 0 && (
        <View id="leave-request-days" className="card">
          <Text className="section-title">按日明细</Text>
          {sorted.map((d) => (
            <View key={d.date} className={`days__item ${d.amount === 0 ? 'days__item--skipped' : ''}`} data-date={d.date}>
              <Text>
                {d.date} {weekdayLabel(d.date)} · {dayKindLabel(d.kind)}
              </Text>
              <Text>{d.amount === 0 ? '不计' : `${fmtNum(d.amount)} ${unitLabel(req.unit)}`}</Text>
            </View>
          ))}
        </View>
      )}

      {req.status === 'pending' && (
        <Button id="leave-withdraw" className="btn" type="danger" fill="outline" block onClick={() => setPanel('withdraw')}>
          撤回申请
        </Button>
      )}
      {req.status === 'approved' && (
        <Button id="leave-cancel" className="btn" type="warning" fill="outline" block onClick={() => setPanel('cancel')}>
          销假
        </Button>
      )}

      {panel && (
        <View className="panel-mask" catchMove>
          <View id="leave-action-panel" className="panel" data-kind={panel}>
            <Text className="panel__title">{panel === 'withdraw' ? '撤回申请' : '销假'}</Text>
            <Text className="panel__text">
              {panel === 'withdraw'
                ? '撤回后审批流程结束，预占的假期余额将退回。确定撤回吗？'
                : '销假需要重新审批，通过后退回已扣除的假期余额。'}
            </Text>
            {panel === 'cancel' && (
              <Textarea
                id="leave-cancel-reason"
                className="field__textarea panel__textarea"
                placeholder="请填写销假原因（必填）"
                value={reason}
                maxlength={REASON_MAX}
                onInput={(e) => setReason(e.detail.value)}
              />
            )}
            {panelError && (
              <Text id="leave-panel-error" className="panel__error">
                {panelError}
              </Text>
            )}
            <View className="panel__buttons">
              <Button id="leave-action-cancel" className="panel__button" disabled={busy} onClick={() => setPanel(null)}>
                取消
              </Button>
              <Button
                id="leave-action-confirm"
                className="panel__button"
                type="danger"
                loading={busy}
                disabled={busy}
                onClick={() => void confirm()}
              >
                {panel === 'withdraw' ? '确认撤回' : '确认销假'}
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
