import type { ConnectorCredentials } from '../types';
import { ConnectorError, ConnectorErrorKind } from '../types';
import type { ApprovalCard, CardRef, CardUpdate, MessageRecipient, MessagingConnector } from '../messaging-types';
import { clip, formRows, shortCode, Tone, toneOf } from '../common/render';
import { optStr } from '../http';
import type { DingTalkClient } from './client';

/** Status bar backgrounds (ARGB hex, as DingTalk's examples write them). */
const STATUS_BG: Record<Tone, string> = {
  pending: '0xFF1890FF',
  approved: '0xFF52C41A',
  rejected: '0xFFF5222D',
  neutral: '0xFF8C8C8C',
};
const HEAD_BG = 'FF1890FF';

/** getsendresult forbidden_list codes: 143106 same content to the same user today, 143105 daily limit (500). */
const SAME_CONTENT_TODAY = '143106';
const FORBIDDEN_REASONS: Record<string, string> = {
  '143105': 'daily limit of work notices to this user reached (单应用给单人每日推送量超限)',
  '143106': 'same content already sent to this user today (单应用给单人推送重复消息超限)',
};

type Notice = Parameters<MessagingConnector['sendNotice']>[1];

/**
 * DingTalk work notices (工作通知, `oa` messages with a status bar) and to-dos (待办).
 * Every notice carries a short code of its idempotency key (编号) in its form: DingTalk silently
 * drops a notice whose content equals one sent to the same user the same day, so two approvals
 * with identical rows would otherwise lose the second.
 */
export class DingTalkMessaging implements MessagingConnector {
  constructor(
    private readonly client: DingTalkClient,
    private readonly creds: ConnectorCredentials,
  ) {}

  private get agentId(): number {
    if (!this.creds.agentId) throw new Error('DingTalk binding needs agentId to send work notices');
    return Number(this.creds.agentId);
  }

  async sendCard(to: MessageRecipient, card: ApprovalCard): Promise<CardRef> {
    const sent = await this.asyncSend(to, {
      msgtype: 'oa',
      oa: this.oa(card, toneOf()),
    });
    const ref: CardRef = { platform: 'dingtalk', messageId: sent.taskId, todoId: null, ...sent.flags };
    if (card.createTodo && to.unionId) {
      try {
        ref.todoId = await this.createTodo(to.unionId, card);
      } catch (err) {
        // The notice is out; a failed to-do must not make the dispatcher send the notice again.
        ref.extra = { todoError: err instanceof ConnectorError ? `${err.kind}: ${err.message}` : String(err) };
      }
    }
    return ref;
  }

  // 更新工作通知状态栏: POST /topapi/message/corpconversation/status_bar/update {agent_id, task_id, status_value, status_bg}
  // https://open.dingtalk.com/document/orgapp/update-work-notification-status-bar
  // 更新钉钉待办任务: PUT /v1.0/todo/users/{unionId}/tasks/{taskId}?operatorId= {done: true}
  // https://open.dingtalk.com/document/orgapp/updates-dingtalk-to-do-tasks
  async updateCard(ref: CardRef, to: MessageRecipient, update: CardUpdate): Promise<CardRef> {
    if (ref.duplicateOfEarlier) {
      // The live notice's task_id is unknown (only the dropped resend's): its status bar cannot be reached, so the
      // result goes out as a notice of its own (the content differs — the status — so it is not dropped again).
      const sent = await this.asyncSend(to, { msgtype: 'oa', oa: this.oa({ ...update.card, statusText: update.statusText }, toneOf(update)) });
      return { ...ref, messageId: sent.taskId, duplicateOfEarlier: false, extra: { ...ref.extra, statusText: update.statusText, updatedBy: 'notice' } };
    }
    await this.client.oapiAnswer('/topapi/message/corpconversation/status_bar/update', {
      agent_id: this.agentId,
      task_id: Number(ref.messageId),
      status_value: update.statusText,
      status_bg: STATUS_BG[toneOf(update)],
    });
    if (ref.todoId && to.unionId) {
      await this.client.api('PUT', `/v1.0/todo/users/${encodeURIComponent(to.unionId)}/tasks/${encodeURIComponent(ref.todoId)}`, { done: true }, { operatorId: to.unionId });
    }
    return { ...ref, extra: { ...ref.extra, statusText: update.statusText, todoDone: Boolean(ref.todoId && to.unionId) } };
  }

  async sendNotice(to: MessageRecipient, notice: Notice): Promise<CardRef> {
    const sent = await this.asyncSend(to, {
      msgtype: 'oa',
      oa: {
        message_url: notice.link.mobile,
        pc_message_url: notice.link.pc,
        head: { bgcolor: HEAD_BG, text: clip(notice.title, 10) },
        body: {
          title: notice.title,
          content: `${notice.text}\n编号：${shortCode(notice.idempotencyKey)}`,
        },
      },
    });
    return { platform: 'dingtalk', messageId: sent.taskId, ...sent.flags };
  }

  /** The `oa` message of a card: head, title, form rows + 编号, status bar. */
  private oa(card: ApprovalCard, tone: Tone) {
    return {
      message_url: card.link.mobile,
      pc_message_url: card.link.pc,
      head: { bgcolor: HEAD_BG, text: '审批' },
      body: {
        title: card.title,
        form: [...formRows(card).map((r) => ({ key: `${r.label}：`, value: r.value })), { key: '编号：', value: shortCode(card.idempotencyKey) }],
      },
      status_bar: { status_value: card.statusText, status_bg: STATUS_BG[tone] },
    };
  }

  // 发送工作通知: POST /topapi/message/corpconversation/asyncsend_v2 {agent_id, userid_list, msg} → {errcode, task_id, request_id}
  // https://open.dingtalk.com/document/orgapp/asynchronous-sending-of-enterprise-session-messages
  // errcode 0 only means "accepted": DingTalk silently drops a notice whose content the user already got today
  // (143106) or the 501st of the day (143105), and ignores unknown userids. So every send is followed by
  // getsendresult: unknown user → RecipientInvalid; 143106 → delivered earlier (`duplicateOfEarlier`, the caller
  // keeps the earlier task_id: status_bar/update on this one would change nothing visible); any other forbidden
  // code (143105) → a permanent Platform error naming it. A failing getsendresult does not fail the send (the
  // notice is out; a resend would only be dropped): the ref says `extra.sendResultUnchecked`.
  private async asyncSend(to: MessageRecipient, msg: unknown): Promise<{ taskId: string; flags: Partial<CardRef> }> {
    const answer = await this.client.oapiAnswer('/topapi/message/corpconversation/asyncsend_v2', {
      agent_id: this.agentId,
      userid_list: to.userId,
      msg,
    });
    const taskId = this.client.shape.str(answer.task_id, 'task_id');
    let result: Record<string, unknown>;
    try {
      result = await this.sendResult(taskId);
    } catch (err) {
      return { taskId, flags: { extra: { sendResultUnchecked: err instanceof Error ? err.message : String(err) } } };
    }
    const has = (list: unknown) => Array.isArray(list) && list.map(String).includes(to.userId);
    if (has(result.invalid_user_id_list)) {
      throw new ConnectorError(ConnectorErrorKind.RecipientInvalid, `DingTalk does not know user ${to.userId} (invalid_user_id_list)`, 'dingtalk');
    }
    const forbidden = (Array.isArray(result.forbidden_list) ? result.forbidden_list : [])
      .map((f) => (f && typeof f === 'object' ? (f as Record<string, unknown>) : {}))
      .find((f) => String(f.userid) === to.userId);
    if (forbidden || has(result.forbidden_user_id_list)) {
      const code = forbidden ? String(forbidden.code) : 'unknown';
      if (code === SAME_CONTENT_TODAY) return { taskId, flags: { duplicateOfEarlier: true } };
      throw new ConnectorError(
        ConnectorErrorKind.Platform,
        `DingTalk accepted the notice but did not deliver it to ${to.userId}: ${FORBIDDEN_REASONS[code] ?? 'filtered by flow control'} (forbidden_list code ${code})`,
        'dingtalk', code, FORBIDDEN_REASONS[code], true,
      );
    }
    return { taskId, flags: {} };
  }

  // 获取工作通知消息的发送结果: POST /topapi/message/corpconversation/getsendresult {agent_id, task_id} → {send_result{…}}
  // https://open.dingtalk.com/document/orgapp/gets-the-sending-result-of-an-asynchronous-message
  private async sendResult(taskId: string): Promise<Record<string, unknown>> {
    const answer = await this.client.oapiAnswer('/topapi/message/corpconversation/getsendresult', { agent_id: this.agentId, task_id: Number(taskId) });
    return this.client.shape.obj(answer.send_result, 'send_result');
  }

  // 新增钉钉待办任务: POST /v1.0/todo/users/{unionId}/tasks?operatorId={unionId}
  //   {sourceId, subject, creatorId, executorIds, detailUrl{appUrl, pcUrl}, dueTime, description} → {id, …}
  // https://open.dingtalk.com/document/orgapp/add-dingtalk-to-do-task
  private async createTodo(unionId: string, card: ApprovalCard): Promise<string> {
    const s = this.client.shape;
    const answer = s.obj(
      await this.client.api(
        'POST',
        `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks`,
        {
          sourceId: card.idempotencyKey,
          subject: card.title,
          description: formRows(card).map((r) => `${r.label}：${r.value}`).join('\n'),
          creatorId: unionId,
          executorIds: [unionId],
          detailUrl: { appUrl: card.link.mobile, pcUrl: card.link.pc },
          ...(card.dueAt ? { dueTime: card.dueAt } : {}),
        },
        { operatorId: unionId },
      ),
      'todo answer',
    );
    return optStr(answer.id) ?? s.str(answer.taskId, 'todo id');
  }
}
