import { ConnectorErrorKind } from '../types';
import type { ApprovalCard, CardRef, CardUpdate, MessageRecipient, MessagingConnector } from '../messaging-types';
import { formRows, keyDigest, shortCode, settled, Tone, toneOf } from '../common/render';
import { codesAs } from '../http';
import { FEISHU_CODES, FeishuClient } from './client';

/** Header colours of the card per tone (Feishu card header `template`). */
const TEMPLATE: Record<Tone, string> = { pending: 'blue', approved: 'green', rejected: 'red', neutral: 'grey' };
/** The key inside a callback button's `value` object that carries our value. */
export const BUTTON_VALUE_KEY = 'v';
const recipientInvalid = codesAs(FEISHU_CODES.recipientInvalid, ConnectorErrorKind.RecipientInvalid);

type Notice = Parameters<MessagingConnector['sendNotice']>[1];

/**
 * The interactive card (message card JSON 1.0) for an approval: `update_multi` so it can be
 * patched later, a header coloured by status, the form rows as fields, a status line with the
 * short code, a link button opening the approval page and, while pending, 同意 / 拒绝 callback
 * buttons whose `value` is `{v: <our value>}`.
 */
export function renderFeishuCard(card: ApprovalCard, tone: Tone = toneOf()): Record<string, unknown> {
  const actions: unknown[] = [
    {
      tag: 'button',
      text: { tag: 'plain_text', content: '查看详情' },
      type: 'default',
      multi_url: { url: card.link.mobile, pc_url: card.link.pc, android_url: card.link.mobile, ios_url: card.link.mobile },
    },
  ];
  if (card.buttons) {
    actions.push(
      { tag: 'button', text: { tag: 'plain_text', content: '同意' }, type: 'primary', value: { [BUTTON_VALUE_KEY]: card.buttons.approveValue } },
      { tag: 'button', text: { tag: 'plain_text', content: '拒绝' }, type: 'danger', value: { [BUTTON_VALUE_KEY]: card.buttons.rejectValue } },
    );
  }
  const rows = formRows(card);
  return {
    config: { wide_screen_mode: true, update_multi: true },
    header: { template: TEMPLATE[tone], title: { tag: 'plain_text', content: card.title } },
    elements: [
      ...(rows.length
        ? [{ tag: 'div', fields: rows.map((r) => ({ is_short: true, text: { tag: 'plain_text', content: `${r.label}：${r.value}` } })) }]
        : []),
      { tag: 'div', text: { tag: 'plain_text', content: `状态：${card.statusText}\n编号：${shortCode(card.idempotencyKey)}` } },
      { tag: 'action', actions },
    ],
  };
}

/** Feishu IM messages: interactive cards sent with `uuid` (platform de-duplication) and patched in place. */
export class FeishuMessaging implements MessagingConnector {
  constructor(private readonly client: FeishuClient) {}

  sendCard(to: MessageRecipient, card: ApprovalCard): Promise<CardRef> {
    return this.send(to, card.idempotencyKey, renderFeishuCard(card));
  }

  // 更新应用发送的消息卡片: PATCH /open-apis/im/v1/messages/:message_id {content} (card sent with update_multi, ≤ 14 days)
  // https://open.feishu.cn/document/server-docs/im-v1/message-card/patch
  async updateCard(ref: CardRef, _to: MessageRecipient, update: CardUpdate): Promise<CardRef> {
    await this.client.call('PATCH', `/open-apis/im/v1/messages/${encodeURIComponent(ref.messageId)}`, {
      body: { content: JSON.stringify(renderFeishuCard(settled(update), toneOf(update))) },
    });
    return { ...ref, extra: { ...ref.extra, statusText: update.statusText } };
  }

  sendNotice(to: MessageRecipient, notice: Notice): Promise<CardRef> {
    const card = {
      config: { wide_screen_mode: true, update_multi: true },
      header: { template: 'blue', title: { tag: 'plain_text', content: notice.title } },
      elements: [
        { tag: 'div', text: { tag: 'plain_text', content: `${notice.text}\n编号：${shortCode(notice.idempotencyKey)}` } },
        {
          tag: 'action',
          actions: [
            {
              tag: 'button',
              text: { tag: 'plain_text', content: '查看详情' },
              type: 'default',
              multi_url: { url: notice.link.mobile, pc_url: notice.link.pc, android_url: notice.link.mobile, ios_url: notice.link.mobile },
            },
          ],
        },
      ],
    };
    return this.send(to, notice.idempotencyKey, card);
  }

  // 发送消息: POST /open-apis/im/v1/messages?receive_id_type=open_id|user_id
  //   {receive_id, msg_type: "interactive", content: "<card JSON>", uuid (≤ 50 chars; same uuid within 1 h → one message)}
  //   → data{message_id, …}
  // https://open.feishu.cn/document/server-docs/im-v1/message/create
  private async send(to: MessageRecipient, key: string, card: Record<string, unknown>): Promise<CardRef> {
    const byOpenId = Boolean(to.openId);
    const data = await this.client.call('POST', '/open-apis/im/v1/messages', {
      query: { receive_id_type: byOpenId ? 'open_id' : 'user_id' },
      body: { receive_id: byOpenId ? to.openId : to.userId, msg_type: 'interactive', content: JSON.stringify(card), uuid: keyDigest(key, 32) },
      codeKinds: recipientInvalid,
    });
    return { platform: 'feishu', messageId: this.client.shape.str(data.message_id, 'message_id') };
  }
}
