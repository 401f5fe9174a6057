import { Client, demo, useSandbox } from './helpers';

const H5 = 'http://127.0.0.1:3000/h5/';
const detail = (id: string) => `${H5}#/pages/approvals/detail?id=${id}`;

function oaMsg(id: string, status = '待审批') {
  return {
    msgtype: 'oa',
    oa: {
      message_url: detail(id),
      pc_message_url: detail(id),
      head: { bgcolor: 'FFBBBBBB', text: 'hrlink' },
      status_bar: { status_value: status, status_bg: '0xFFF65E5E' },
      body: { title: `张伟的请假申请 ${id}`, form: [{ key: '类型：', value: '年假' }, { key: '天数：', value: '2' }], content: '家中有事' },
    },
  };
}

async function inbox(c: Client, platform: string, employeeNo: string) {
  const r = await c.control('GET', `/inbox?corp=demo&platform=${platform}&employeeNo=${employeeNo}`);
  expect(r.status).toBe(200);
  return r.body as any[];
}

describe('DingTalk work notices and to-dos', () => {
  const { client } = useSandbox({ h5Url: H5 });

  it('delivers an OA notice, shows it in the inbox and updates its status bar', async () => {
    const c = client();
    const token = await c.dingtalkToken();
    const send = await c.ding('/topapi/message/corpconversation/asyncsend_v2', token, {
      agent_id: Number(demo.dingtalk.agentId),
      userid_list: 'dd_E0003,nobody',
      msg: oaMsg('1'),
    });
    expect(send.body).toMatchObject({ errcode: 0, task_id: expect.any(Number), request_id: expect.any(String) });
    const items = await inbox(c, 'dingtalk', 'E0003');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'oa', title: '张伟的请假申请 1', statusText: '待审批', state: 'delivered', link: detail('1') });
    expect(items[0].form).toEqual([{ key: '类型：', value: '年假' }, { key: '天数：', value: '2' }]);

    const result = await c.ding('/topapi/message/corpconversation/getsendresult', token, { agent_id: demo.dingtalk.agentId, task_id: send.body.task_id });
    expect(result.body.send_result).toMatchObject({ invalid_user_id_list: ['nobody'], unread_user_id_list: ['dd_E0003'], forbidden_user_id_list: [] });

    const upd = await c.ding('/topapi/message/corpconversation/status_bar/update', token, {
      agent_id: demo.dingtalk.agentId,
      task_id: send.body.task_id,
      status_value: '已同意',
      status_bg: '0xFF78C06E',
    });
    expect(upd.body.errcode).toBe(0);
    const after = (await inbox(c, 'dingtalk', 'E0003'))[0];
    expect(after).toMatchObject({ statusText: '已同意', state: 'updated' });
    expect(after.history.map((h: any) => h.what)).toEqual(['delivered', 'status_bar_updated']);
  });

  it('drops identical content to the same user the same day: the call succeeds, getsendresult shows it', async () => {
    const c = client();
    const token = await c.dingtalkToken();
    const msg = oaMsg('same');
    const first = await c.ding('/topapi/message/corpconversation/asyncsend_v2', token, { agent_id: demo.dingtalk.agentId, userid_list: 'dd_E0004', msg });
    const second = await c.ding('/topapi/message/corpconversation/asyncsend_v2', token, { agent_id: demo.dingtalk.agentId, userid_list: 'dd_E0004', msg: JSON.stringify(msg) });
    expect(second.body.errcode).toBe(0);
    expect(second.body.task_id).not.toBe(first.body.task_id);
    const r = await c.ding('/topapi/message/corpconversation/getsendresult', token, { agent_id: demo.dingtalk.agentId, task_id: second.body.task_id });
    expect(r.body.send_result.forbidden_user_id_list).toEqual(['dd_E0004']);
    expect(r.body.send_result.forbidden_list).toEqual([{ code: '143106', count: 1, userid: 'dd_E0004' }]);
    expect(await inbox(c, 'dingtalk', 'E0004')).toHaveLength(1);
    // A day later (China time) the same content goes through again.
    await c.control('POST', '/clock', { advanceSeconds: 86400 });
    const token2 = await c.dingtalkToken();
    const third = await c.ding('/topapi/message/corpconversation/asyncsend_v2', token2, { agent_id: demo.dingtalk.agentId, userid_list: 'dd_E0004', msg });
    const r3 = await c.ding('/topapi/message/corpconversation/getsendresult', token2, { agent_id: demo.dingtalk.agentId, task_id: third.body.task_id });
    expect(r3.body.send_result.unread_user_id_list).toEqual(['dd_E0004']);
  });

  it('caps a user at 500 notices a day (the 501st is dropped with 143105)', async () => {
    const c = client();
    const token = await c.dingtalkToken();
    let last: any;
    for (let i = 0; i < 501; i++)
      last = await c.ding('/topapi/message/corpconversation/asyncsend_v2', token, {
        agent_id: demo.dingtalk.agentId,
        userid_list: 'dd_E0009',
        msg: { msgtype: 'text', text: { content: `第 ${i} 条` } },
      });
    expect(last.body.errcode).toBe(0);
    const r = await c.ding('/topapi/message/corpconversation/getsendresult', token, { agent_id: demo.dingtalk.agentId, task_id: last.body.task_id });
    expect(r.body.send_result.forbidden_list).toEqual([{ code: '143105', count: 1, userid: 'dd_E0009' }]);
    expect(await inbox(c, 'dingtalk', 'E0009')).toHaveLength(500);
  });

  it('refuses another app’s agent_id and a bad token', async () => {
    const c = client();
    const token = await c.dingtalkToken();
    const wrong = await c.ding('/topapi/message/corpconversation/asyncsend_v2', token, { agent_id: 3000000002, userid_list: 'dd_E0003', msg: oaMsg('x') });
    expect(wrong.body.errcode).toBe(40056);
    const bad = await c.ding('/topapi/message/corpconversation/asyncsend_v2', 'nope', { agent_id: demo.dingtalk.agentId, userid_list: 'dd_E0003', msg: oaMsg('x') });
    expect(bad.body).toMatchObject({ errcode: 88, sub_code: '40014' });
  });

  it('creates a to-do once per sourceId and marks it done', async () => {
    const c = client();
    const token = await c.dingtalkToken();
    const corps = (await c.control('GET', '/corps')).body;
    const e3 = corps[0].people.find((p: any) => p.employeeNo === 'E0003').ids.dingtalk.unionId;
    const headers = { 'x-acs-dingtalk-access-token': token };
    const body = { sourceId: 'approval-42', subject: '审批：张伟的请假申请', creatorId: e3, executorIds: [e3], detailUrl: { appUrl: detail('42'), pcUrl: detail('42') }, dueTime: 1_900_000_000_000 };
    const a = await c.post(`/v1.0/todo/users/${e3}/tasks`, { query: { operatorId: e3 }, json: body, headers });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ id: expect.any(String), subject: body.subject, done: false, sourceId: 'approval-42' });
    const again = await c.post(`/v1.0/todo/users/${e3}/tasks`, { query: { operatorId: e3 }, json: body, headers });
    expect(again.body.id).toBe(a.body.id);
    let todos = (await inbox(c, 'dingtalk', 'E0003')).filter((i) => i.kind === 'todo');
    expect(todos).toHaveLength(1);
    expect(todos[0]).toMatchObject({ state: 'open', link: detail('42') });
    const done = await c.call('PUT', `/v1.0/todo/users/${e3}/tasks/${a.body.id}`, { query: { operatorId: e3 }, json: { done: true }, headers });
    expect(done.body.result).toBe(true);
    todos = (await inbox(c, 'dingtalk', 'E0003')).filter((i) => i.kind === 'todo');
    expect(todos[0]).toMatchObject({ state: 'done', statusText: '已完成' });
    const noToken = await c.post(`/v1.0/todo/users/${e3}/tasks`, { json: body });
    expect(noToken.status).toBe(400);
  });
});

function buttonCard(taskId: string) {
  return {
    card_type: 'button_interaction',
    task_id: taskId,
    main_title: { title: '张伟的请假申请', desc: '年假 2 天' },
    horizontal_content_list: [{ keyname: '类型', value: '年假' }, { keyname: '状态', value: '待审批' }],
    button_list: [
      { text: '同意', style: 1, key: `approve:${taskId}` },
      { text: '拒绝', style: 2, key: `reject:${taskId}` },
    ],
    card_action: { type: 1, url: detail(taskId) },
  };
}

describe('WeCom app messages and template cards', () => {
  const { client } = useSandbox({ h5Url: H5 });

  const send = (c: Client, token: string, body: any) => c.post('/cgi-bin/message/send', { query: { access_token: token }, json: body });
  const update = (c: Client, token: string, body: any) => c.post('/cgi-bin/message/update_template_card', { query: { access_token: token }, json: body });

  it('sends a button card, returns a single-use response_code, updates the button', async () => {
    const c = client();
    const token = await c.wecomToken();
    const r = await send(c, token, { touser: 'wx_E0003|ghost', msgtype: 'template_card', agentid: Number(demo.wecom.agentId), template_card: buttonCard('t1') });
    expect(r.body).toMatchObject({ errcode: 0, invaliduser: 'ghost', msgid: expect.any(String), response_code: expect.any(String) });
    const [item] = await inbox(c, 'wecom', 'E0003');
    expect(item).toMatchObject({ kind: 'template_card', title: '张伟的请假申请', state: 'actionable', statusText: '待审批' });
    expect(item.buttons).toEqual([{ key: 'approve:t1', text: '同意' }, { key: 'reject:t1', text: '拒绝' }]);

    const u = await update(c, token, { userids: ['wx_E0003'], agentid: demo.wecom.agentId, response_code: r.body.response_code, button: { replace_name: '已同意' } });
    expect(u.body.errcode).toBe(0);
    expect((await inbox(c, 'wecom', 'E0003'))[0]).toMatchObject({ state: 'updated', statusText: '已同意', buttons: [] });
    const reuse = await update(c, token, { userids: ['wx_E0003'], agentid: demo.wecom.agentId, response_code: r.body.response_code, button: { replace_name: 'x' } });
    expect(reuse.body.errcode).toBe(40058);
  });

  it('response_code expires after 72 hours', async () => {
    const c = client();
    const token = await c.wecomToken();
    const r = await send(c, token, { touser: 'wx_E0003', msgtype: 'template_card', agentid: demo.wecom.agentId, template_card: buttonCard('t2') });
    await c.control('POST', '/clock', { advanceSeconds: 72 * 3600 + 1 });
    const token2 = await c.wecomToken();
    const u = await update(c, token2, { userids: ['wx_E0003'], agentid: demo.wecom.agentId, response_code: r.body.response_code, button: { replace_name: '已同意' } });
    expect(u.body.errcode).toBe(40058);
  });

  it('81013 when nobody valid; 301002 for another agent; repeated task_id and duplicate check deliver nothing new', async () => {
    const c = client();
    const token = await c.wecomToken();
    expect((await send(c, token, { touser: 'ghost', msgtype: 'text', agentid: demo.wecom.agentId, text: { content: 'hi' } })).body.errcode).toBe(81013);
    expect((await send(c, token, { touser: 'wx_E0003', msgtype: 'text', agentid: 1000003, text: { content: 'hi' } })).body.errcode).toBe(301002);
    const first = await send(c, token, { touser: 'wx_E0005', msgtype: 'template_card', agentid: demo.wecom.agentId, template_card: buttonCard('t3') });
    const again = await send(c, token, { touser: 'wx_E0005', msgtype: 'template_card', agentid: demo.wecom.agentId, template_card: buttonCard('t3') });
    expect(first.body.errcode).toBe(0);
    expect(again.body.errcode).toBe(0);
    expect(await inbox(c, 'wecom', 'E0005')).toHaveLength(1);
    const text = { touser: 'wx_E0006', msgtype: 'text', agentid: demo.wecom.agentId, text: { content: '提醒' }, enable_duplicate_check: 1, duplicate_check_interval: 600 };
    await send(c, token, text);
    await send(c, token, text);
    expect(await inbox(c, 'wecom', 'E0006')).toHaveLength(1);
    await c.control('POST', '/clock', { advanceSeconds: 601 });
    await send(c, await c.wecomToken(), text);
    expect(await inbox(c, 'wecom', 'E0006')).toHaveLength(2);
  });
});

function feishuCard(id: string, withButtons = true, updateMulti = true) {
  return {
    config: { wide_screen_mode: true, ...(updateMulti ? { update_multi: true } : {}) },
    header: { title: { tag: 'plain_text', content: '张伟的请假申请' }, template: 'orange' },
    elements: [
      { tag: 'div', fields: [{ is_short: true, text: { tag: 'lark_md', content: '**类型：**\n年假' } }, { is_short: true, text: { tag: 'lark_md', content: '**状态：** 待审批' } }] },
      ...(withButtons
        ? [{ tag: 'action', actions: [
            { tag: 'button', text: { tag: 'plain_text', content: '同意' }, type: 'primary', value: { action: 'approve', id } },
            { tag: 'button', text: { tag: 'plain_text', content: '拒绝' }, type: 'danger', value: { action: 'reject', id } },
          ] }]
        : [{ tag: 'markdown', content: '**状态：** 已同意' }]),
    ],
    card_link: { url: detail(id) },
  };
}

describe('Feishu IM messages and cards', () => {
  const { client } = useSandbox({ h5Url: H5 });

  const sendMsg = (c: Client, token: string, body: any, type = 'user_id') =>
    c.post('/open-apis/im/v1/messages', { query: { receive_id_type: type }, json: body, headers: { authorization: `Bearer ${token}` } });
  const patch = (c: Client, token: string, id: string, card: any) =>
    c.call('PATCH', `/open-apis/im/v1/messages/${id}`, { json: { content: JSON.stringify(card) }, headers: { authorization: `Bearer ${token}` } });

  it('sends an interactive card (deduped by uuid) and patches it', async () => {
    const c = client();
    const token = await c.feishuToken();
    const body = { receive_id: 'fs_E0003', msg_type: 'interactive', content: JSON.stringify(feishuCard('9')), uuid: 'approval-9-E0003' };
    const a = await sendMsg(c, token, body);
    expect(a.body).toMatchObject({ code: 0, data: { message_id: expect.stringMatching(/^om_/), msg_type: 'interactive' } });
    const b = await sendMsg(c, token, body);
    expect(b.body.data.message_id).toBe(a.body.data.message_id);
    const items = await inbox(c, 'feishu', 'E0003');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'interactive', title: '张伟的请假申请', state: 'actionable', statusText: '待审批', link: detail('9') });
    expect(items[0].form).toEqual([{ key: '类型', value: '年假' }, { key: '状态', value: '待审批' }]);
    expect(items[0].buttons.map((x: any) => x.text)).toEqual(['同意', '拒绝']);

    const p = await patch(c, token, a.body.data.message_id, feishuCard('9', false));
    expect(p.body.code).toBe(0);
    expect((await inbox(c, 'feishu', 'E0003'))[0]).toMatchObject({ state: 'updated', statusText: '已同意', buttons: [] });
    // uuid window is 1 hour
    await c.control('POST', '/clock', { advanceSeconds: 3601 });
    const later = await sendMsg(c, await c.feishuToken(), body);
    expect(later.body.data.message_id).not.toBe(a.body.data.message_id);
  });

  it('refuses to patch a card without update_multi, after 14 days, or an unknown message', async () => {
    const c = client();
    const token = await c.feishuToken();
    const plain = await sendMsg(c, token, { receive_id: 'fs_E0004', msg_type: 'interactive', content: JSON.stringify(feishuCard('1', true, false)) });
    const r = await patch(c, token, plain.body.data.message_id, feishuCard('1', false));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(230099);
    expect((await inbox(c, 'feishu', 'E0004'))[0].state).toBe('actionable');
    const shared = await sendMsg(c, token, { receive_id: 'fs_E0004', msg_type: 'interactive', content: JSON.stringify(feishuCard('2')) });
    await c.control('POST', '/clock', { advanceSeconds: 14 * 86400 + 1 });
    const t2 = await c.feishuToken();
    expect((await patch(c, t2, shared.body.data.message_id, feishuCard('2', false))).body.code).toBe(230072);
    expect((await patch(c, t2, 'om_nope', feishuCard('2', false))).body.code).toBe(230001);
    const badUser = await sendMsg(c, t2, { receive_id: 'nobody', msg_type: 'text', content: '{"text":"hi"}' });
    expect(badUser.body.code).toBe(230001);
  });
});

describe('opening an inbox item', () => {
  const { client } = useSandbox({ h5Url: H5 });

  it('issues a fresh code and deep-links into the H5 app page', async () => {
    const c = client();
    const token = await c.dingtalkToken();
    await c.ding('/topapi/message/corpconversation/asyncsend_v2', token, { agent_id: demo.dingtalk.agentId, userid_list: 'dd_E0003', msg: oaMsg('77') });
    const [item] = await inbox(c, 'dingtalk', 'E0003');
    const r = await c.control('POST', `/inbox/${item.id}/open`);
    expect(r.status).toBe(200);
    const u = new URL(r.body.launchUrl);
    expect(u.origin + u.pathname).toBe(H5);
    expect(u.searchParams.get('platform')).toBe('dingtalk');
    expect(u.searchParams.get('corpId')).toBe(demo.dingtalk.corpId);
    expect(u.searchParams.get('redirect')).toBe('/pages/approvals/detail?id=77');
    // the code logs E0003 in
    const who = await c.ding('/topapi/v2/user/getuserinfo', token, { code: u.searchParams.get('code') });
    expect(who.body.result.userid).toBe('dd_E0003');
  });
});
