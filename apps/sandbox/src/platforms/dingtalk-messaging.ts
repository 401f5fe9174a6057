import { createHash, randomBytes } from 'node:crypto';
import type { Req, Res } from '../core/http';
import type { PlatformModule } from '../core/platform-route';
import type { InboxButton, InboxItem } from '../inbox';
import type { CorpOrg, Person } from '../org';
import type { SandboxState } from '../state';
import { dingtalkAuth, dingtalkTokenOf, fail, ok, requestId } from './dingtalk';

/**
 * DingTalk work notices (工作通知) and to-dos (待办).
 *
 * Sources:
 * - 发送工作通知 POST /topapi/message/corpconversation/asyncsend_v2 {agent_id, userid_list "a,b" (≤ 5000),
 *   dept_id_list, to_all_user, msg} → {errcode, task_id, request_id} (open.dingtalk.com/document/orgapp/
 *   asynchronous-sending-of-enterprise-session-messages). Message types oa / action_card / text / markdown / link
 *   ("消息类型与数据格式").
 * - 获取工作通知消息的发送结果 POST …/getsendresult {agent_id, task_id} → send_result {invalid_user_id_list,
 *   forbidden_user_id_list, failed_user_id_list, read_user_id_list, unread_user_id_list, invalid_dept_id_list,
 *   forbidden_list[{code, count, userid}]}. forbidden_user_id_list: "因发送消息过于频繁或超量而被流控过滤后实际未发送
 *   的userid… 给同一用户发相同内容消息一天仅允许一次; 企业接入方式上限为500" (field docs, mirrored in dingtalk-rs
 *   AsyncSendResult). forbidden_list codes from the getsendresult error table (mirrored at zidingyi.apifox.cn
 *   api-37157310): 143105 单应用给单人每日推送量超限 ("企业每天给每个员工最多可发送500条消息通知"), 143106 单应用给单人推送
 *   重复消息超限 ("给同一员工一天只能发送一条内容相同的消息通知"). "Day" here is the China calendar day (UTC+8).
 * - 更新工作通知状态栏 POST …/status_bar/update {agent_id, task_id, status_value, status_bg} → {errcode: 0}.
 * - 待办 POST /v1.0/todo/users/{unionId}/tasks?operatorId= (header x-acs-dingtalk-access-token) {sourceId, subject,
 *   creatorId, description, dueTime, executorIds[], participantIds[], detailUrl{appUrl, pcUrl}} → task {id, subject,
 *   done, sourceId, executorIds, detailUrl, createdTime, …}; sourceId "业务系统侧的唯一标识" — the same sourceId
 *   returns the existing task here. PUT …/tasks/{taskId}?operatorId= {done, subject, …} → {result: true}.
 * - Wrong agent_id: errcode 40056 不合法的agentid (global error table; not re-verified). Unknown task_id: 40035.
 */

const MAX_PER_USER_PER_DAY = 500;
const MAX_RECIPIENTS = 5000;

export function dingtalkMessagingModule(state: SandboxState): PlatformModule {
  const tokenOf = dingtalkTokenOf;
  const auth = (req: Req, res: Res): CorpOrg | null => dingtalkAuth(state, req, res);

  /** /v1.0 APIs: token in x-acs-dingtalk-access-token; errors are HTTP 4xx {code, message}. */
  function authV1(req: Req, res: Res): CorpOrg | null {
    const token = String(req.headers['x-acs-dingtalk-access-token'] ?? '');
    const check = state.tokens.check('dingtalk', token);
    if (!check.ok) {
      if (check.reason === 'missing') res.status(400).json({ code: 'AuthenticationFailed.MissingParameter', message: 'x-acs-dingtalk-access-token is missing', requestid: requestId() });
      else res.status(400).json({ code: 'InvalidAuthentication', message: '不合法的access_token', requestid: requestId() });
      return null;
    }
    return state.corp(check.record.corpKey) ?? null;
  }

  const v1Fail = (res: Res, status: number, code: string, message: string) => res.status(status).json({ code, message, requestid: requestId() });

  function byUnionId(corp: CorpOrg, unionId: string): Person | undefined {
    for (const p of corp.people.values()) if (p.ids.dingtalk.unionId === unionId) return p;
    return undefined;
  }

  function agentOk(corp: CorpOrg, res: Res, agentId: unknown): boolean {
    if (agentId === undefined || agentId === null || agentId === '') {
      fail(res, 40035, '缺少参数 agent_id');
      return false;
    }
    if (String(agentId) !== corp.credentials.dingtalk.agentId) {
      fail(res, 40056, '不合法的agentid');
      return false;
    }
    return true;
  }

  /** Renders a msg into inbox fields. */
  function render(msg: any): Pick<InboxItem, 'kind' | 'title' | 'form' | 'content' | 'statusText' | 'buttons' | 'link'> | null {
    const t = msg?.msgtype;
    if (t === 'oa' && msg.oa) {
      const oa = msg.oa;
      return {
        kind: 'oa',
        title: String(oa.body?.title ?? oa.head?.text ?? ''),
        form: Array.isArray(oa.body?.form) ? oa.body.form.map((f: any) => ({ key: String(f.key ?? ''), value: String(f.value ?? '') })) : [],
        content: String(oa.body?.content ?? ''),
        statusText: String(oa.status_bar?.status_value ?? ''),
        buttons: [],
        link: oa.message_url ?? oa.pc_message_url ?? null,
      };
    }
    if (t === 'action_card' && msg.action_card) {
      const ac = msg.action_card;
      const buttons: InboxButton[] = Array.isArray(ac.btn_json_list)
        ? ac.btn_json_list.map((b: any) => ({ text: String(b.title ?? ''), url: String(b.action_url ?? '') }))
        : ac.single_title
          ? [{ text: String(ac.single_title), url: String(ac.single_url ?? '') }]
          : [];
      return { kind: 'action_card', title: String(ac.title ?? ''), form: [], content: String(ac.markdown ?? ''), statusText: '', buttons, link: ac.single_url ?? buttons[0]?.url ?? null };
    }
    if (t === 'text' && msg.text) return { kind: 'text', title: String(msg.text.content ?? '').slice(0, 40), form: [], content: String(msg.text.content ?? ''), statusText: '', buttons: [], link: null };
    if (t === 'markdown' && msg.markdown) return { kind: 'text', title: String(msg.markdown.title ?? ''), form: [], content: String(msg.markdown.text ?? ''), statusText: '', buttons: [], link: null };
    if (t === 'link' && msg.link) return { kind: 'text', title: String(msg.link.title ?? ''), form: [], content: String(msg.link.text ?? ''), statusText: '', buttons: [], link: msg.link.messageUrl ?? null };
    return null;
  }

  return {
    platform: 'dingtalk',
    callerApp(req) {
      const t = req.path.startsWith('/v1.0/') ? String(req.headers['x-acs-dingtalk-access-token'] ?? '') : tokenOf(req);
      return state.tokens.peek(t)?.appId ?? null;
    },
    rateLimited(req, res) {
      if (req.path.startsWith('/v1.0/')) v1Fail(res, 403, 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', '应用调用该接口的请求次数超过限流阈值');
      else fail(res, 90002, '您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了');
    },
    routes: [
      [
        'POST',
        '/topapi/message/corpconversation/asyncsend_v2',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = req.body ?? {};
          if (!agentOk(corp, res, b.agent_id)) return;
          let msg = b.msg;
          if (typeof msg === 'string') {
            try {
              msg = JSON.parse(msg);
            } catch {
              return fail(res, 40035, '不合法的参数 msg');
            }
          }
          const view = render(msg);
          if (!view) return fail(res, 40035, '不合法的参数 msg.msgtype');
          const ids = String(b.userid_list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
          if (!ids.length && !b.dept_id_list && !b.to_all_user) return fail(res, 40035, '缺少参数 userid_list');
          if (ids.length > MAX_RECIPIENTS) return fail(res, 40035, '不合法的参数 userid_list');
          const taskId = 200000000000 + Math.floor(Math.random() * 99999999999);
          const digest = createHash('sha1').update(JSON.stringify(msg)).digest('hex');
          const result = {
            invalid_user_id_list: [] as string[],
            forbidden_user_id_list: [] as string[],
            failed_user_id_list: [] as string[],
            read_user_id_list: [] as string[],
            unread_user_id_list: [] as string[],
            invalid_dept_id_list: [] as number[],
            forbidden_list: [] as Array<{ code: string; count: number; userid: string }>,
          };
          const itemIds: string[] = [];
          for (const uid of ids) {
            const p = corp.dingtalkUser(uid);
            if (!p) {
              result.invalid_user_id_list.push(uid);
              continue;
            }
            const drop = state.inbox.dingtalkAdmit(corp.key, uid, digest, MAX_PER_USER_PER_DAY);
            if (drop) {
              result.forbidden_user_id_list.push(uid);
              result.forbidden_list.push({ code: drop === 'duplicate' ? '143106' : '143105', count: 1, userid: uid });
              continue;
            }
            const item = state.inbox.add({
              corpKey: corp.key,
              platform: 'dingtalk',
              employeeNo: p.employeeNo,
              userId: uid,
              ...view,
              state: 'delivered',
              ref: { taskId: String(taskId), msg, statusBg: msg.oa?.status_bar?.status_bg ?? null },
            });
            itemIds.push(item.id);
            result.unread_user_id_list.push(uid);
          }
          state.inbox.records.set(`dingtalk:task:${corp.key}:${taskId}`, { result, itemIds });
          ok(res, { task_id: taskId });
        },
      ],
      [
        'POST',
        '/topapi/message/corpconversation/getsendresult',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = req.body ?? {};
          if (!agentOk(corp, res, b.agent_id)) return;
          const rec = state.inbox.records.get(`dingtalk:task:${corp.key}:${b.task_id}`);
          if (!rec) return fail(res, 40035, '不合法的参数 task_id');
          ok(res, { send_result: rec.result });
        },
      ],
      [
        'POST',
        '/topapi/message/corpconversation/status_bar/update',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = req.body ?? {};
          if (!agentOk(corp, res, b.agent_id)) return;
          const rec = state.inbox.records.get(`dingtalk:task:${corp.key}:${b.task_id}`);
          if (!rec) return fail(res, 40035, '不合法的参数 task_id');
          if (b.status_value === undefined) return fail(res, 40035, '缺少参数 status_value');
          for (const id of rec.itemIds as string[]) {
            const item = state.inbox.get(id);
            if (!item) continue;
            item.ref.statusBg = b.status_bg ?? item.ref.statusBg;
            state.inbox.change(item, 'status_bar_updated', { statusText: String(b.status_value), state: 'updated' }, { status_value: b.status_value, status_bg: b.status_bg });
          }
          ok(res, {});
        },
      ],
      [
        'POST',
        '/v1.0/todo/users/:unionId/tasks',
        (req, res) => {
          const corp = authV1(req, res);
          if (!corp) return;
          const owner = byUnionId(corp, req.params.unionId);
          if (!owner) return v1Fail(res, 400, 'param.invalid', 'unionId 无效');
          const b = req.body ?? {};
          if (!b.subject) return v1Fail(res, 400, 'MissingSubject', 'subject is mandatory for this action.');
          const key = `dingtalk:todo-source:${corp.key}:${b.sourceId ?? ''}`;
          if (b.sourceId && state.inbox.records.has(key)) return res.json(state.inbox.records.get(key).task);
          const executors: Person[] = [];
          for (const u of Array.isArray(b.executorIds) ? b.executorIds : [req.params.unionId]) {
            const p = byUnionId(corp, String(u));
            if (!p) return v1Fail(res, 400, 'param.invalid', `executorIds 无效: ${u}`);
            executors.push(p);
          }
          const now = state.clock.now();
          const id = `task${randomBytes(12).toString('hex')}`;
          const task = {
            id,
            subject: String(b.subject),
            description: String(b.description ?? ''),
            startTime: now,
            dueTime: b.dueTime ?? null,
            finishTime: null,
            done: false,
            executorIds: executors.map((p) => p.ids.dingtalk.unionId),
            participantIds: Array.isArray(b.participantIds) ? b.participantIds : [],
            detailUrl: b.detailUrl ?? {},
            source: 'isv_dingtalkTodo',
            sourceId: b.sourceId ?? null,
            createdTime: now,
            modifiedTime: now,
            creatorId: b.creatorId ?? req.params.unionId,
            modifierId: b.creatorId ?? req.params.unionId,
            bizTag: 'isv',
            requestId: requestId(),
            isOnlyShowExecutor: !!b.isOnlyShowExecutor,
            priority: b.priority ?? 20,
          };
          const itemIds = executors.map(
            (p) =>
              state.inbox.add({
                corpKey: corp.key,
                platform: 'dingtalk',
                employeeNo: p.employeeNo,
                userId: p.ids.dingtalk.userId,
                kind: 'todo',
                title: task.subject,
                form: b.dueTime ? [{ key: '截止时间', value: new Date(Number(b.dueTime)).toISOString() }] : [],
                content: task.description,
                statusText: '待处理',
                buttons: [],
                link: b.detailUrl?.appUrl ?? b.detailUrl?.pcUrl ?? null,
                state: 'open',
                ref: { todoId: id },
              }).id,
          );
          const rec = { task, itemIds };
          state.inbox.records.set(`dingtalk:todo:${corp.key}:${id}`, rec);
          if (b.sourceId) state.inbox.records.set(key, rec);
          res.json(task);
        },
      ],
      [
        'PUT',
        '/v1.0/todo/users/:unionId/tasks/:taskId',
        (req, res) => {
          const corp = authV1(req, res);
          if (!corp) return;
          if (!byUnionId(corp, req.params.unionId)) return v1Fail(res, 400, 'param.invalid', 'unionId 无效');
          const rec = state.inbox.records.get(`dingtalk:todo:${corp.key}:${req.params.taskId}`);
          if (!rec) return v1Fail(res, 400, 'param.invalid', 'taskId 无效');
          const b = req.body ?? {};
          const now = state.clock.now();
          for (const k of ['subject', 'description', 'dueTime', 'executorIds', 'participantIds']) if (b[k] !== undefined) rec.task[k] = b[k];
          if (typeof b.done === 'boolean') {
            rec.task.done = b.done;
            rec.task.finishTime = b.done ? now : null;
          }
          rec.task.modifiedTime = now;
          for (const id of rec.itemIds as string[]) {
            const item = state.inbox.get(id);
            if (!item) continue;
            state.inbox.change(
              item,
              'todo_updated',
              { title: rec.task.subject, state: rec.task.done ? 'done' : 'open', statusText: rec.task.done ? '已完成' : '待处理' },
              b,
            );
          }
          res.json({ result: true, requestId: requestId() });
        },
      ],
    ],
  };
}
