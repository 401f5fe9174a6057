import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text, Textarea, Image } from '@tarojs/components';
import type { HalfDay, LeavePreview, LeaveTypeView, UploadedFileView } from '@hrlink/shared';
import { Button } from '../../components/ui';
import DateField from '../../components/DateField';
import { ErrorBlock, HomeLink, Loading, Empty } from '../../components/StateView';
import {
  attachmentNote,
  buildLeaveInput,
  charCount,
  EMPTY_LEAVE_FORM,
  REASON_MAX,
  unitHint,
  type LeaveFormErrors,
  type LeaveFormState,
} from '../../leave/form';
import { ATTACHMENT_MAX, attachmentIds, attachmentNeeded, visibleProblems } from '../../leave/attachments';
import { fmtAmount, previewSummary } from '../../leave/format';
import { uploadPhoto } from '../../services/files';
import AttachmentAdd, { type PickedImage } from './AttachmentAdd';
import { fetchCalendarYear, fetchLeaveTypes, previewLeave, submitLeave } from '../../services/leave';
import { cachedProfile, toUiError, withSession, type UiError } from '../../services';
import './leave.scss';

const PREVIEW_DELAY_MS = 400;

/** One picked image: uploaded at once (POST /files); its id goes into `attachments` when done. */
interface Attachment {
  key: string;
  path: string;
  status: 'uploading' | 'done' | 'error';
  file?: UploadedFileView;
  error?: string;
}

let attachmentSeq = 0;

function Halves({ id, value, onChange }: { id: string; value: HalfDay; onChange(v: HalfDay): void }) {
  return (
    <View id={id} className="halves" data-value={value}>
      {(['am', 'pm'] as HalfDay[]).map((h) => (
        <View
          key={h}
          className={`half-option ${value === h ? 'half-option--active' : ''}`}
          data-value={h}
          onClick={() => onChange(h)}
        >
          <Text>{h === 'am' ? '上午' : '下午'}</Text>
        </View>
      ))}
    </View>
  );
}

/** 请假: type, start / end, reason; a live preview from POST /leave/preview; submit → detail. */
export default function LeaveApply() {
  const [types, setTypes] = useState<LeaveTypeView[] | null>(null);
  const [typesError, setTypesError] = useState<UiError | null>(null);
  const [form, setForm] = useState<LeaveFormState>(EMPTY_LEAVE_FORM);
  const [errors, setErrors] = useState<LeaveFormErrors>({});
  const [preview, setPreview] = useState<LeavePreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<UiError | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [attachmentError, setAttachmentError] = useState('');
  const previewSeq = useRef(0);
  const yearsAsked = useRef(new Set<number>());
  const isManager = !!cachedProfile()?.isManager;

  const loadTypes = useCallback(async () => {
    setTypesError(null);
    try {
      const list = await withSession(fetchLeaveTypes);
      setTypes(list);
      setForm((f) => (f.leaveTypeId && !list.some((t) => t.id === f.leaveTypeId) ? { ...f, leaveTypeId: '' } : f));
    } catch (err) {
      setTypesError(toUiError(err));
    }
  }, []);

  useDidShow(() => {
    if (!types) void loadTypes();
  });

  const type = useMemo(() => types?.find((t) => t.id === form.leaveTypeId) ?? null, [types, form.leaveTypeId]);
  const set = (p: Partial<LeaveFormState>) => {
    setForm((f) => ({ ...f, ...p }));
    setError(null);
  };

  // Debounced preview whenever what it depends on changes (not on reason edits).
  const built = buildLeaveInput(form, type, { forPreview: true });
  const previewKey = built.ok ? JSON.stringify({ ...built.input, reason: '' }) : '';
  useEffect(() => {
    const n = ++previewSeq.current;
    if (!previewKey) {
      setPreview(null);
      setPreviewError(null);
      setPreviewing(false);
      return;
    }
    setPreviewing(true);
    const timer = setTimeout(() => {
      const input = { ...JSON.parse(previewKey), reason: form.reason.trim() };
      withSession(() => previewLeave(input))
        .then((p) => {
          if (n !== previewSeq.current) return;
          setPreview(p);
          setPreviewError(null);
        })
        .catch((err) => {
          if (n !== previewSeq.current) return;
          setPreview(null);
          setPreviewError(toUiError(err));
        })
        .finally(() => {
          if (n === previewSeq.current) setPreviewing(false);
        });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
    // form.reason is read at fire time on purpose
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [previewKey]);

  // Holiday names for the summary line (best effort; without them a run is called 节假日).
  useEffect(() => {
    if (!preview) return;
    const years = new Set(preview.days.filter((d) => d.kind === 'holiday').map((d) => Number(d.date.slice(0, 4))));
    years.forEach((y) => {
      if (yearsAsked.current.has(y)) return;
      yearsAsked.current.add(y);
      withSession(() => fetchCalendarYear(y))
        .then((cal) => {
          const add: Record<string, string> = {};
          for (const d of cal.days || []) if (d.name) add[d.date] = d.name;
          setNames((cur) => ({ ...cur, ...add }));
        })
        .catch(() => yearsAsked.current.delete(y));
    });
  }, [preview]);

  const updateAttachment = (key: string, p: Partial<Attachment>) =>
    setAttachments((cur) => cur.map((a) => (a.key === key ? { ...a, ...p } : a)));

  const addAttachments = (picked: PickedImage[]) => {
    const room = ATTACHMENT_MAX - attachments.length;
    const items: Attachment[] = picked.slice(0, Math.max(0, room)).map((p) => ({ key: `a${++attachmentSeq}`, path: p.path, status: 'uploading' }));
    if (!items.length) return;
    setAttachmentError('');
    setError(null);
    setAttachments((cur) => [...cur, ...items]);
    items.forEach((it, i) => {
      withSession(() => uploadPhoto(it.path, picked[i].name))
        .then((file) => updateAttachment(it.key, { status: 'done', file }))
        .catch((err) => updateAttachment(it.key, { status: 'error', error: toUiError(err).message }));
    });
  };

  const removeAttachment = (key: string) => {
    setAttachments((cur) => cur.filter((a) => a.key !== key));
    setAttachmentError('');
  };

  const uploaded = attachments.filter((a) => a.status === 'done' && a.file).map((a) => a.file!);
  const needAttachment = attachmentNeeded(type, preview);

  const submit = async () => {
    if (busy) return;
    const v = buildLeaveInput(form, type);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    if (attachments.some((a) => a.status === 'uploading')) {
      setAttachmentError('附件正在上传，请稍候再提交');
      return;
    }
    if (attachments.some((a) => a.status === 'error')) {
      setAttachmentError('有附件上传失败，请删除后重新上传');
      return;
    }
    setErrors({});
    setError(null);
    setAttachmentError('');
    setBusy(true);
    try {
      const ids = attachmentIds(uploaded);
      const input = ids ? { ...v.input, attachments: ids } : v.input;
      const created = await withSession(() => submitLeave(input));
      void Taro.showToast({ title: '已提交', icon: 'success' });
      await Taro.redirectTo({ url: `/pages/leave/detail?id=${encodeURIComponent(created.id)}` });
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setBusy(false);
    }
  };

  const note = attachmentNote(type);
  const unit = type?.unit ?? 'day';

  return (
    <View className="page leave">
      <HomeLink id="leave-home" />
      <View className="links">
        <Text id="leave-link-balances" onClick={() => void Taro.navigateTo({ url: '/pages/leave/balances' })}>
          我的假期 ›
        </Text>
        <Text id="leave-link-requests" onClick={() => void Taro.navigateTo({ url: '/pages/leave/requests' })}>
          我的申请 ›
        </Text>
        {isManager && (
          <Text id="leave-link-team" onClick={() => void Taro.navigateTo({ url: '/pages/leave/team' })}>
            团队日历 ›
          </Text>
        )}
      </View>

      {!types && !typesError && <Loading id="leave-types-loading" />}
      {typesError && <ErrorBlock id="leave-types-error" error={typesError} onRetry={() => void loadTypes()} />}
      {types && types.length === 0 && <Empty id="leave-types-empty" text="暂无可申请的假期类型，请联系 HR" />}

      {types && types.length > 0 && (
        <View className="card">
          <View className="field">
            <View className="field__label">
              <Text className="field__required">*</Text>
              <Text>假期类型</Text>
            </View>
            <View id="leave-type" className="chips" data-value={type?.code ?? ''}>
              {types.map((t) => (
                <View
                  key={t.id}
                  className={`chip leave-type-option ${t.id === form.leaveTypeId ? 'chip--active' : ''}`}
                  data-id={t.id}
                  data-code={t.code}
                  onClick={() => set({ leaveTypeId: t.id })}
                >
                  <Text>{t.name}</Text>
                </View>
              ))}
            </View>
            {type && (
              <Text className="muted">
                {unitHint(type.unit)}
                {type.paid ? ' · 带薪' : ' · 无薪'}
                {type.countsRestDays ? ' · 按自然日计（含休息日、节假日）' : ' · 不含休息日、节假日'}
                {type.minNoticeDays ? ` · 需提前 ${type.minNoticeDays} 天申请` : ''}
                {type.maxPerRequest !== null ? ` · 单次最多 ${fmtAmount(type.maxPerRequest, type.unit === 'hour' ? 'hour' : 'day')}` : ''}
              </Text>
            )}
            {errors.leaveTypeId && <Text className="field__error">{errors.leaveTypeId}</Text>}
          </View>

          <View className="field">
            <View className="field__label">
              <Text className="field__required">*</Text>
              <Text>开始</Text>
            </View>
            <View className="point">
              <DateField id="leave-start-date" mode="date" value={form.startDate} onChange={(v) => set({ startDate: v })} />
              {unit === 'half_day' && <Halves id="leave-start-half" value={form.startHalf} onChange={(v) => set({ startHalf: v })} />}
              {unit === 'hour' && (
                <View className="time-field">
                  <DateField id="leave-start-time" mode="time" value={form.startTime} onChange={(v) => set({ startTime: v })} />
                </View>
              )}
            </View>
            {errors.start && <Text className="field__error">{errors.start}</Text>}
          </View>

          <View className="field">
            <View className="field__label">
              <Text className="field__required">*</Text>
              <Text>结束</Text>
            </View>
            <View className="point">
              <DateField id="leave-end-date" mode="date" value={form.endDate} onChange={(v) => set({ endDate: v })} />
              {unit === 'half_day' && <Halves id="leave-end-half" value={form.endHalf} onChange={(v) => set({ endHalf: v })} />}
              {unit === 'hour' && (
                <View className="time-field">
                  <DateField id="leave-end-time" mode="time" value={form.endTime} onChange={(v) => set({ endTime: v })} />
                </View>
              )}
            </View>
            {errors.end && <Text className="field__error">{errors.end}</Text>}
          </View>

          <View className="field">
            <View className="field__label">
              <Text className="field__required">*</Text>
              <Text>请假事由</Text>
              <Text className="muted field__count">
                {charCount(form.reason)}/{REASON_MAX}
              </Text>
            </View>
            <Textarea
              id="leave-reason"
              className="field__textarea"
              placeholder="请填写请假事由"
              value={form.reason}
              maxlength={REASON_MAX}
              onInput={(e) => set({ reason: e.detail.value })}
            />
            {errors.reason && <Text className="field__error">{errors.reason}</Text>}
          </View>

          {(note || needAttachment || attachments.length > 0) && (
            <View id="leave-attachment" className="field" data-required={needAttachment ? '1' : '0'} data-count={uploaded.length}>
              <View className="field__label">
                {needAttachment && <Text className="field__required">*</Text>}
                <Text>附件</Text>
                <Text className="muted field__count">
                  {attachments.length}/{ATTACHMENT_MAX}
                </Text>
              </View>
              <Text id="leave-attachment-note" className={needAttachment && !uploaded.length ? 'problem' : 'muted'}>
                {needAttachment
                  ? `本次申请需要上传证明材料（病历、诊断证明等照片）${note ? `，${note}` : ''}`
                  : `${note ?? '可上传证明材料'}（病历、诊断证明等照片）`}
              </Text>
              {(needAttachment || attachments.length > 0) && (
                <View className="attach">
                  {attachments.map((a) => (
                    <View
                      key={a.key}
                      className={`attach__item leave-attachment-thumb attach__item--${a.status}`}
                      data-status={a.status}
                      data-id={a.file?.id ?? ''}
                    >
                      <Image className="attach__img" src={a.path} mode="aspectFill" />
                      {a.status !== 'done' && (
                        <Text className="attach__state">{a.status === 'uploading' ? '上传中…' : a.error || '上传失败'}</Text>
                      )}
                      <Text className="attach__remove leave-attachment-remove" onClick={() => removeAttachment(a.key)}>
                        ×
                      </Text>
                    </View>
                  ))}
                  {attachments.length < ATTACHMENT_MAX && <AttachmentAdd max={ATTACHMENT_MAX - attachments.length} onPicked={addAttachments} />}
                </View>
              )}
              {attachmentError && (
                <Text id="leave-attachment-error" className="field__error">
                  {attachmentError}
                </Text>
              )}
            </View>
          )}
        </View>
      )}

      {types && types.length > 0 && (previewKey || previewError) && (
        <View id="leave-preview" className="card preview" data-loading={previewing ? '1' : '0'}>
          {previewing && !preview && <Text className="muted">正在计算…</Text>}
          {previewError && (
            <Text id="leave-preview-error" className="problem" data-code={previewError.code}>
              {previewError.message}
            </Text>
          )}
          {preview && (
            <>
              <Text id="leave-preview-amount" className="preview__amount">
                {previewSummary(preview, names)}
              </Text>
              <Text id="leave-preview-balance-after" className="muted">
                {preview.balanceAfter === null
                  ? '该假期不占用余额'
                  : `当前可用 ${fmtAmount(preview.balanceBefore ?? 0, preview.unit)}，申请后剩余 ${fmtAmount(preview.balanceAfter, preview.unit)}`}
              </Text>
              <View id="leave-problems" data-count={visibleProblems(preview.problems, uploaded.length).length}>
                {visibleProblems(preview.problems, uploaded.length).map((p) => (
                  <View key={p.code + p.message} className="problem leave-problem" data-code={p.code}>
                    <Text>· {p.message}</Text>
                  </View>
                ))}
              </View>
              {previewing && <Text className="muted">正在更新…</Text>}
            </>
          )}
        </View>
      )}

      {error && (
        <View id="leave-error" className="card error-card" data-code={error.code}>
          <Text>{error.message}</Text>
        </View>
      )}

      {types && types.length > 0 && (
        <Button id="leave-submit" className="btn" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交申请
        </Button>
      )}
    </View>
  );
}
