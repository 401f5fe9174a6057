import { useEffect, useRef, useState } from 'react';
import { View, Text, Textarea, Input } from '@tarojs/components';
import type { EmployeeRef } from '@hrlink/shared';
import { Button } from '../../../components/ui';
import { COMMENT_MAX } from '../../../approvals/validate';
import { searchPeople } from '../../../services/approvals';
import { toUiError, withSession } from '../../../services';

export type PanelKind = 'approve' | 'reject' | 'transfer' | 'comment' | 'withdraw';

const TITLES: Record<PanelKind, string> = {
  approve: '同意审批',
  reject: '拒绝审批',
  transfer: '转交审批',
  comment: '添加评论',
  withdraw: '撤回申请',
};

const PLACEHOLDERS: Record<PanelKind, string> = {
  approve: '审批意见（选填）',
  reject: '请填写拒绝原因（必填）',
  transfer: '转交说明（选填）',
  comment: '请输入评论内容',
  withdraw: '',
};

const CONFIRM: Record<PanelKind, string> = {
  approve: '确认同意',
  reject: '确认拒绝',
  transfer: '确认转交',
  comment: '发送评论',
  withdraw: '确认撤回',
};

interface Props {
  kind: PanelKind;
  busy: boolean;
  /** Validation or server message shown inside the panel. */
  error: string;
  /** Employees that cannot be picked (the applicant, me). */
  excludeIds: string[];
  onCancel(): void;
  onConfirm(text: string, transferTo: EmployeeRef | null): void;
}

/** Bottom sheet for one action; every action is confirmed with #approval-confirm. */
export default function ActionPanel({ kind, busy, error, excludeIds, onCancel, onConfirm }: Props) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [people, setPeople] = useState<EmployeeRef[] | null>(null);
  const [peopleError, setPeopleError] = useState('');
  const [picked, setPicked] = useState<EmployeeRef | null>(null);
  const searchSeq = useRef(0);

  useEffect(() => {
    if (kind !== 'transfer') return;
    const n = ++searchSeq.current;
    const timer = setTimeout(() => {
      setPeopleError('');
      withSession(() => searchPeople(q))
        .then((list) => {
          if (n === searchSeq.current) setPeople(list.filter((p) => !excludeIds.includes(p.id)));
        })
        .catch((err) => {
          if (n === searchSeq.current) setPeopleError(toUiError(err).message);
        });
    }, q ? 300 : 0);
    return () => clearTimeout(timer);
    // excludeIds is stable for one panel
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, q]);

  return (
    <View className="panel-mask" catchMove>
      <View id="approval-panel" className="panel" data-kind={kind}>
        <Text className="panel__title">{TITLES[kind]}</Text>

        {kind === 'withdraw' && <Text className="panel__text">撤回后审批流程结束，审批人将不再需要处理。确定撤回吗？</Text>}

        {kind === 'transfer' && (
          <View className="panel__transfer">
            <Input
              id="approval-transfer-search"
              className="field__input"
              placeholder="搜索同事姓名"
              value={q}
              onInput={(e) => {
                setQ(e.detail.value);
                setPicked(null);
              }}
            />
            <View className="panel__people">
              {people === null && !peopleError && <Text className="muted">加载中…</Text>}
              {peopleError && <Text className="panel__error">{peopleError}</Text>}
              {people !== null && people.length === 0 && <Text className="muted">没有找到同事</Text>}
              {people?.map((p) => (
                <View
                  key={p.id}
                  className={`transfer-person ${picked?.id === p.id ? 'transfer-person--picked' : ''}`}
                  data-id={p.id}
                  onClick={() => setPicked(p)}
                >
                  <Text>{p.name}</Text>
                  {p.title && <Text className="muted"> · {p.title}</Text>}
                  {picked?.id === p.id && <Text className="transfer-person__check">✓</Text>}
                </View>
              ))}
            </View>
          </View>
        )}

        {kind !== 'withdraw' && (
          <Textarea
            id={kind === 'reject' ? 'approval-reject-reason' : 'approval-comment-input'}
            className="field__textarea panel__textarea"
            placeholder={PLACEHOLDERS[kind]}
            value={text}
            maxlength={COMMENT_MAX}
            onInput={(e) => setText(e.detail.value)}
          />
        )}

        {error && (
          <Text id="approval-form-error" className="panel__error">
            {error}
          </Text>
        )}

        <View className="panel__buttons">
          <Button id="approval-cancel" className="panel__button" disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button
            id="approval-confirm"
            className="panel__button"
            type={kind === 'reject' || kind === 'withdraw' ? 'danger' : 'primary'}
            loading={busy}
            disabled={busy}
            onClick={() => onConfirm(text, picked)}
          >
            {CONFIRM[kind]}
          </Button>
        </View>
      </View>
    </View>
  );
}
