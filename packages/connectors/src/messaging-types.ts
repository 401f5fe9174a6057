import type { Platform } from '@hrlink/shared';

/** Who receives a message, with every id the platform may key by. */
export interface MessageRecipient {
  /** DingTalk userid, WeCom userid, Feishu user_id. */
  userId: string;
  /** DingTalk unionId (to-dos are keyed by it), Feishu union_id. */
  unionId?: string | null;
  /** Feishu open_id. */
  openId?: string | null;
}

/** An approval to-do as a card / work notice. The connector renders it in the platform's format. */
export interface ApprovalCard {
  /**
   * Our idempotency key for this message (stable across retries). Used as the platform's own
   * de-duplication key where one exists: Feishu `uuid`, DingTalk to-do `sourceId`, WeCom
   * `task_id` + `enable_duplicate_check`.
   */
  idempotencyKey: string;
  /** e.g. "张三的请假申请". */
  title: string;
  /** Rows shown on the card: 类型 / 时间 / 天数 / 事由 … */
  form: { label: string; value: string }[];
  /** 待审批 / 已同意 / 已拒绝 / 已撤回 / 已转交. */
  statusText: string;
  /** Deep links that open the approval page in the mini-program as the recipient. */
  link: { mobile: string; pc: string };
  /**
   * Card buttons. Each value comes back verbatim in the button-click callback. null: no buttons
   * (a plain notice, e.g. telling the applicant the result).
   */
  buttons: { approveValue: string; rejectValue: string } | null;
  /** DingTalk: also create a to-do for the recipient (binding setting). */
  createTodo?: boolean;
  /** For to-dos and sandbox display: epoch ms. */
  dueAt?: number | null;
}

/** What the platform answered to a send; stored and passed back for updates. Opaque to the server. */
export interface CardRef {
  platform: Platform;
  /** DingTalk task_id (work notice), Feishu message_id, WeCom msgid. */
  messageId: string;
  /** WeCom: response_code from send or from the latest click (single use, 72 h). */
  responseCode?: string | null;
  /** DingTalk to-do task id, when one was created. */
  todoId?: string | null;
  /** Anything else the connector needs later. */
  extra?: Record<string, unknown>;
  /**
   * The platform accepted this send but did not deliver it because the same content already reached the recipient
   * earlier (DingTalk getsendresult 143106): the EARLIER message is the live one — a caller that knows its ref keeps
   * that ref (`messageId` here is the dropped send's).
   */
  duplicateOfEarlier?: boolean;
}

export interface CardUpdate {
  /** Final or intermediate state. */
  state: 'approved' | 'rejected' | 'withdrawn' | 'transferred' | 'done_by_other';
  /** 已同意 / 已拒绝 / 已撤回 / 已转交 / 已由他人处理. */
  statusText: string;
  /** The card as it now reads (buttons removed). */
  card: ApprovalCard;
}

export interface MessagingConnector {
  /** Sends an approval card / work notice (and a to-do when asked). */
  sendCard(to: MessageRecipient, card: ApprovalCard): Promise<CardRef>;
  /** Updates a card sent earlier to show the decision; marks the to-do done. Returns the new ref. */
  updateCard(ref: CardRef, to: MessageRecipient, update: CardUpdate): Promise<CardRef>;
  /** A plain text notice with a link (reminders, result to the applicant). */
  sendNotice(to: MessageRecipient, notice: { idempotencyKey: string; title: string; text: string; link: { mobile: string; pc: string } }): Promise<CardRef>;
}

/** An HTTP request to one of our callback endpoints, exactly as it arrived (raw body bytes). */
export interface CallbackRequest {
  method: 'GET' | 'POST';
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export interface CallbackResponse {
  status: number;
  contentType: string;
  body: string;
}

export type CallbackEvent =
  | {
      type: 'card_action';
      /** Platform user id of who pressed the button (WeCom userid, Feishu user_id / open_id, DingTalk userid). */
      userId: string | null;
      openId?: string | null;
      /** The button value we put on the card. */
      value: string;
      /** WeCom: new response_code for update_template_card. Feishu: message id / token. */
      responseCode?: string | null;
      messageId?: string | null;
      /** (added) WeCom: the card's task_id (CardRef.extra.taskId); the click callback has no msgid. */
      taskId?: string | null;
    }
  | {
      type: 'contact_user';
      change: 'created' | 'updated' | 'deleted';
      userId: string;
      /** (added) DingTalk sends several users in one event: the first is `userId`, the rest are here. */
      moreUserIds?: string[];
    }
  | {
      type: 'contact_department';
      change: 'created' | 'updated' | 'deleted';
      departmentId: string;
      /** (added) DingTalk sends several departments in one event: the first is `departmentId`, the rest here. */
      moreDepartmentIds?: string[];
    }
  | { type: 'other'; eventType: string };

export type CallbackResult =
  /** URL verification handshake: answer with `response`, nothing else to do. */
  | { kind: 'handshake'; response: CallbackResponse }
  | {
      kind: 'event';
      /** Platform's event id (or a digest of the ciphertext when the platform has none), for de-duplication. */
      eventId: string;
      /** Epoch ms the platform says the event was sent. */
      sentAt: number;
      event: CallbackEvent;
      /** What to answer the platform (e.g. DingTalk's encrypted "success", Feishu's toast/card). */
      response: CallbackResponse;
    };

export interface CallbackConnector {
  /**
   * Verifies (signature, timestamp window, corp / app id) and decrypts one callback request.
   * Throws ConnectorError kind `callback_rejected` with the reason in its message when it fails.
   */
  handleCallback(req: CallbackRequest, opts?: { now?: number; maxSkewMs?: number }): CallbackResult;
  /** The response to send after a card_action was applied (Feishu can return a toast + updated card). */
  cardActionResponse?(result: { ok: boolean; message: string; card?: ApprovalCard }): CallbackResponse;
}
