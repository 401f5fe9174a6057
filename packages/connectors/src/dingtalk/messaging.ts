import type { ConnectorCredentials } from '../types';
import { ConnectorError } from '../types';
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
    const taskId = await this.asyncSend(to, {
      msgtype: 'oa',
      oa: this.oa(card, toneOf()),
    });
    const ref: CardRef = { platform: 'dingtalk', messageId: taskId, todoId: null };
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
    const taskId = await this.asyncSend(to, {
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
    return { platform: 'dingtalk', messageId: taskId };
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
  private async asyncSend(to: MessageRecipient, msg: unknown): Promise<string> {
    const answer = await this.client.oapiAnswer('/topapi/message/corpconversation/asyncsend_v2', {
      agent_id: this.agentId,
      userid_list: to.userId,
      msg,
    });
    return this.client.shape.str(answer.task_id, 'task_id');
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
