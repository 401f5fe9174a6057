import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import type { CorrectionQuota, CorrectionView, DailyResultView, MonthView, PunchKind } from '@hrlink/shared';
import { Button } from '../../components/ui';
import DateField from '../../components/DateField';
import { ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import { dayStatusesLabel, flagName, hhmm, isAnomaly, PUNCH_KIND_NAMES, PUNCH_SOURCE_NAMES, statusTone, suggestedCorrectionKind } from '../../attendance/format';
import { monthGrid, monthOf, monthTitle, shiftMonth, WEEK_HEADER } from '../../attendance/month';
import { localDate } from '../../leave/format';
import { fetchCorrectionQuota, fetchMonth, submitCorrection } from '../../services/attendance';
import { toUiError, withSession, type UiError } from '../../services';
import { MapLink } from './MapLink';
import './attendance.scss';

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function CorrectionForm({ day, quota, onDone }: { day: DailyResultView; quota: CorrectionQuota | null; onDone(c: CorrectionView): void }) {
  const [kind, setKind] = useState<PunchKind>(suggestedCorrectionKind(day.statuses));
  const [time, setTime] = useState(kind === 'in' ? '09:00' : '18:00');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<UiError | null>(null);
  const noQuota = !!quota && quota.remaining <= 0;

  const submit = async () => {
    setErr(null);
    if (!TIME_RE.test(time)) return setErr({ code: 'VALIDATION_FAILED', message: '请填写正确的时间（HH:mm）' });
    if (!reason.trim()) return setErr({ code: 'VALIDATION_FAILED', message: '请填写补卡原因' });
    setBusy(true);
    try {
      onDone(await withSession(() => submitCorrection({ date: day.date, kind, time, reason: reason.trim() })));
    } catch (e) {
      setErr(toUiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="correction-form" className="card">
      <Text className="section-title">补卡申请 · {day.date}</Text>
      <View className="field">
        <Text className="field__label">补卡类型</Text>
        <View id="correction-kind" className="chips" data-value={kind}>
          {(['in', 'out'] as const).map((k) => (
            <Text
              key={k}
              data-value={k}
              className={`chip ${kind === k ? 'chip--active' : ''}`}
              onClick={() => {
                setKind(k);
                setTime(k === 'in' ? '09:00' : '18:00');
              }}
            >
              {PUNCH_KIND_NAMES[k]}
            </Text>
          ))}
        </View>
      </View>
      <View className="field">
        <Text className="field__label">补卡时间</Text>
        <DateField id="correction-time" mode="time" value={time} onChange={setTime} />
      </View>
      <View className="field">
        <Text className="field__label">
          原因<Text className="field__required">*</Text>
        </Text>
        <Textarea id="correction-reason" className="field__textarea" value={reason} maxlength={500} placeholder="如：忘记打卡" onInput={(e) => setReason(e.detail.value)} />
      </View>
      {err && (
        <View id="correction-error" className="field__error" data-code={err.code}>
          <Text>{err.message}</Text>
        </View>
      )}
      <Button id="correction-submit" className="btn" type="primary" block loading={busy} disabled={busy || noQuota} onClick={() => void submit()}>
        {noQuota ? '本月补卡次数已用完' : '提交补卡申请'}
      </Button>
    </View>
  );
}

/** 我的考勤: month calendar coloured by day status, day details, 补卡 for anomalies. */
export default function MonthPage() {
  const [month, setMonth] = useState(monthOf());
  const [data, setData] = useState<MonthView | null>(null);
  const [quota, setQuota] = useState<CorrectionQuota | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [submitted, setSubmitted] = useState<CorrectionView | null>(null);
  const today = localDate();

  const load = useCallback(async (m: string) => {
    setError(null);
    setData(null);
    try {
      const [mv, q] = await Promise.all([withSession(() => fetchMonth(m)), withSession(() => fetchCorrectionQuota(m)).catch(() => null)]);
      setData(mv);
      setQuota(q || mv.quota || null);
    } catch (err) {
      setError(toUiError(err));
    }
  }, []);

  useEffect(() => void load(month), [month, load]);
  useDidShow(() => {
    if (data) void load(month);
  });

  // Taken out of every attendance group: earlier days are shown, 补卡 is not offered.
  const noGroup = !!data && data.quota === null;
  const byDate = new Map((data?.days || []).map((d) => [d.date, d]));
  const day = selected ? byDate.get(selected) : undefined;

  return (
    <View className="page attendance month">
      <HomeLink id="attendance-home" />
      <View className="card">
        <View className="month__switch">
          <Text id="month-prev" className="link" onClick={() => { setSelected(null); setMonth(shiftMonth(month, -1)); }}>
            ‹ 上月
          </Text>
          <Text id="month-title" className="section-title" data-month={month}>
            {monthTitle(month)}
          </Text>
          <Text id="month-next" className="link" onClick={() => { setSelected(null); setMonth(shiftMonth(month, 1)); }}>
            下月 ›
          </Text>
        </View>
        {quota && (
          <Text id="correction-quota" className="muted" data-remaining={quota.remaining}>
            本月补卡剩余 {quota.remaining} / {quota.cap} 次（可补 {quota.daysBack} 天内）
          </Text>
        )}
        {noGroup && (
          <Text id="month-no-group" className="muted">
            你已不在任何考勤组，以下是此前的考勤记录；不能再补卡，如有疑问请联系人事
          </Text>
        )}
      </View>
      {error && <ErrorBlock id="month-error" error={error} onRetry={() => void load(month)} />}
      {!error && !data && <Loading id="month-loading" />}
      {!error && data && (
        <View id="month-calendar" className="card" data-month={month}>
          <View className="month__grid-row">
            {WEEK_HEADER.map((w) => (
              <Text key={w} className="month__head-cell">
                {w}
              </Text>
            ))}
          </View>
          {monthGrid(month).map((week, i) => (
            <View key={i} className="month__grid-row">
              {week.map((c, j) => {
                if (!c.date) return <View key={`p${j}`} className="month-day month-day--pad" />;
                const d = byDate.get(c.date);
                const st = d?.statuses || [];
                return (
                  <View
                    key={c.date}
                    className={`month-day ${selected === c.date ? 'month-day--selected' : ''}`}
                    data-date={c.date}
                    data-status={st.join(',')}
                    onClick={() => {
                      setSelected(c.date);
                      setCorrecting(false);
                      setSubmitted(null);
                    }}
                  >
                    <Text className={c.date === today ? 'link' : ''}>{c.day}</Text>
                    <View className={`month-day__dot tone-${statusTone(st)}`} />
                  </View>
                );
              })}
            </View>
          ))}
          <View className="legend">
            {(['ok', 'warn', 'bad', 'info'] as const).map((t) => (
              <View key={t} className="legend__item">
                <View className={`month-day__dot tone-${t}`} />
                <Text>{{ ok: '正常', warn: '迟到/早退', bad: '缺卡/旷工', info: '请假/外勤' }[t]}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {!error && data && selected && (
        <View id="month-day-detail" className="card" data-date={selected}>
          <Text className="section-title">
            {selected} · {day ? dayStatusesLabel(day.statuses) : '无记录'}
            {day?.provisional ? '（暂定）' : ''}
          </Text>
          {day && day.lateMinutes > 0 && <Text className="muted">迟到 {day.lateMinutes} 分钟 </Text>}
          {day && day.earlyMinutes > 0 && <Text className="muted">早退 {day.earlyMinutes} 分钟</Text>}
          {(day?.punches || []).map((p) => (
            <View key={p.id} className="punch-row" data-id={p.id}>
              <Text className="punch-row__time">
                {PUNCH_KIND_NAMES[p.kind]} {hhmm(p.at)}
              </Text>
              <Text className="muted">
                {PUNCH_SOURCE_NAMES[p.source] ?? p.source}
                {p.siteName ? ` · ${p.siteName}` : ''}
                {p.flags.length ? ` · ${p.flags.map(flagName).join('、')}` : ''}
              </Text>
              <MapLink latitude={p.latitude} longitude={p.longitude} name={`${PUNCH_KIND_NAMES[p.kind]} ${hhmm(p.at)}`} address={p.siteName || PUNCH_SOURCE_NAMES[p.source]} />
            </View>
          ))}
          {day && !day.punches.length && <Text className="muted">当天没有打卡记录</Text>}
          {day && isAnomaly(day.statuses) && !noGroup && !correcting && !submitted && (
            <Button id="correction-open" className="btn" type="primary" block onClick={() => setCorrecting(true)}>
              补卡（本月剩余 {quota ? quota.remaining : '—'} 次）
            </Button>
          )}
        </View>
      )}
      {day && correcting && !submitted && (
        <CorrectionForm
          day={day}
          quota={quota}
          onDone={(c) => {
            setSubmitted(c);
            setCorrecting(false);
            void withSession(() => fetchCorrectionQuota(month)).then(setQuota, () => undefined);
          }}
        />
      )}
      {submitted && (
        <View id="correction-result" className="card" data-id={submitted.id}>
          <Text className="detail__result">补卡申请已提交，等待审批</Text>
          {submitted.approvalInstanceId && (
            <Text
              id="correction-approval-link"
              className="link"
              onClick={() => void Taro.navigateTo({ url: `/pages/approvals/detail?id=${encodeURIComponent(submitted.approvalInstanceId!)}` })}
            >
              查看审批 ›
            </Text>
          )}
        </View>
      )}
    </View>
  );
}
