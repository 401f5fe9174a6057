import type { ConnectorCredentials } from '../types';
import { ConnectorError, ConnectorErrorKind } from '../types';
import type { ApprovalCard, CardRef, CardUpdate, MessageRecipient, MessagingConnector } from '../messaging-types';
import { clip, formRows, plainText, safeId, settled, shortCode } from '../common/render';
import { codesAs, idList, optStr } from '../http';
import { WECOM_CODES, WeComClient } from './client';

/** How long WeCom refuses a repeated message (enable_duplicate_check), seconds: its maximum, 4 h. */
export const DUPLICATE_CHECK_INTERVAL = 4 * 3600;
const recipientInvalid = codesAs(WECOM_CODES.recipientInvalid, ConnectorErrorKind.RecipientInvalid);

type Notice = Parameters<MessagingConnector['sendNotice']>[1];

/**
 * WeCom app messages: `template_card` of type `button_interaction` (同意 / 拒绝) for cards with
 * buttons, `textcard` otherwise. Sent with `enable_duplicate_check`, so a resend of the same content
 * within 4 h (a dispatcher retry after a crash) does not reach the user twice.
 */
export class WeComMessaging implements MessagingConnector {
  constructor(
    private readonly client: WeComClient,
    private readonly creds: ConnectorCredentials,
  ) {}

  private get agentId(): number {
    if (!this.creds.agentId) throw new Error('WeCom binding needs agentId to send app messages');
    return Number(this.creds.agentId);
  }

  async sendCard(to: MessageRecipient, card: ApprovalCard): Promise<CardRef> {
    if (!card.buttons) return this.textcard(to, card.idempotencyKey, card.title, plainText(card), card.link.mobile);
    const taskId = safeId(card.idempotencyKey, 128);
    const answer = await this.send(to, {
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        source: { desc: '审批' },
        main_title: { title: clip(card.title, 26), desc: `编号：${shortCode(card.idempotencyKey)}` },
        // At most 6 rows: 5 of the form, then 状态 (the status the card shows until it is updated).
        horizontal_content_list: [...formRows(card, 5), { label: '状态', value: card.statusText }].map((r) => ({ keyname: clip(r.label, 5), value: clip(r.value, 26) })),
        card_action: { type: 1, url: card.link.mobile },
        task_id: taskId,
        button_list: [
          { text: '同意', style: 1, key: card.buttons.approveValue },
          { text: '拒绝', style: 2, key: card.buttons.rejectValue },
        ],
      },
    });
    return {
      platform: 'wecom',
      messageId: this.client.shape.str(answer.msgid, 'msgid'),
      responseCode: optStr(answer.response_code),
      extra: { taskId },
    };
  }

  /**
   * With a response_code left (from the send, or the latest click): update_template_card replaces
   * the buttons by one disabled button reading the status; the code is single use, so the ref comes
   * back with responseCode cleared. Without one (already used, or expired after 72 h) WeCom cannot
   * change the card: a textcard with the result is sent instead and the ref says so
   * (`extra.updatedBy = 'notice'`).
   */
  async updateCard(ref: CardRef, to: MessageRecipient, update: CardUpdate): Promise<CardRef> {
    if (ref.responseCode) {
      try {
        // 更新模版卡片消息: POST /cgi-bin/message/update_template_card {userids, agentid, response_code, button{replace_name}}
        // https://developer.work.weixin.qq.com/document/path/94888
        await this.client.call(
          'POST',
          '/cgi-bin/message/update_template_card',
          {},
          { userids: [to.userId], agentid: this.agentId, response_code: ref.responseCode, button: { replace_name: update.statusText } },
          recipientInvalid,
        );
        return { ...ref, responseCode: null, extra: { ...ref.extra, updatedBy: 'update_template_card', statusText: update.statusText } };
      } catch (err) {
        // An expired / used code is a platform error: fall back to a notice. Anything else propagates.
        if (!(err instanceof ConnectorError) || err.kind !== ConnectorErrorKind.Platform) throw err;
      }
    }
    const card = settled(update);
    const notice = await this.textcard(to, `${card.idempotencyKey}:update:${update.state}`, `${card.title}：${update.statusText}`, plainText(card), card.link.mobile);
    return { ...ref, responseCode: null, extra: { ...ref.extra, updatedBy: 'notice', noticeMessageId: notice.messageId, statusText: update.statusText } };
  }

  sendNotice(to: MessageRecipient, notice: Notice): Promise<CardRef> {
    return this.textcard(to, notice.idempotencyKey, notice.title, notice.text, notice.link.mobile);
  }

  private async textcard(to: MessageRecipient, key: string, title: string, text: string, url: string): Promise<CardRef> {
    const answer = await this.send(to, {
      msgtype: 'textcard',
      textcard: { title: clip(title, 128), description: clip(`${text}`, 512), url, btntxt: '详情' },
    });
    return { platform: 'wecom', messageId: this.client.shape.str(answer.msgid, 'msgid'), responseCode: null, extra: { key } };
  }

  // 发送应用消息: POST /cgi-bin/message/send {touser, msgtype, agentid, …, enable_duplicate_check, duplicate_check_interval}
  //   → {errcode, errmsg, invaliduser, msgid, response_code}; 81013 user & party & tag all invalid.
  // https://developer.work.weixin.qq.com/document/path/90236
  private async send(to: MessageRecipient, msg: Record<string, unknown>) {
    const answer = await this.client.call(
      'POST',
      '/cgi-bin/message/send',
      {},
      { touser: to.userId, agentid: this.agentId, ...msg, enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_INTERVAL },
      recipientInvalid,
    );
    // With one recipient, a partial success that lists them as invalid is no delivery at all.
    const invalid = typeof answer.invaliduser === 'string' ? answer.invaliduser.split('|') : idList(answer.invaliduser);
    if (invalid.includes(to.userId)) {
      throw new ConnectorError(ConnectorErrorKind.RecipientInvalid, `wecom user ${to.userId} cannot receive messages of this app`, 'wecom', 81013, 'invaliduser');
    }
    return answer;
  }
}
