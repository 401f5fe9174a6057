import { callbackUrl, deliveryKindName, prettyJson, timelineHeadline } from './approvalLabels';

describe('approval labels', () => {
  it('builds the callback URL from the origin and the binding path', () => {
    expect(callbackUrl('https://hr.example.com', '/callbacks/wecom/b-17')).toBe('https://hr.example.com/api/callbacks/wecom/b-17');
    expect(callbackUrl('http://127.0.0.1:3000/', 'callbacks/feishu/9')).toBe('http://127.0.0.1:3000/api/callbacks/feishu/9');
  });

  it('names timeline entries', () => {
    const wang = { id: 'e1', name: '王总' };
    const li = { id: 'e5', name: '李四' };
    expect(timelineHeadline({ action: 'approve', actor: wang, target: null })).toBe('王总 同意');
    expect(timelineHeadline({ action: 'transfer', actor: wang, target: li })).toBe('王总 转交给 李四');
    expect(timelineHeadline({ action: 'skip', actor: null, target: li })).toBe('系统 跳过 李四');
  });

  it('names delivery kinds and prints platform replies', () => {
    expect(deliveryKindName('card.send')).toBe('发送卡片');
    expect(deliveryKindName('todo.done')).toBe('完成待办');
    expect(deliveryKindName('approval.external')).toBe('approval.external');
    expect(prettyJson({ task_id: 123, errcode: 0 })).toBe('{\n  "task_id": 123,\n  "errcode": 0\n}');
    expect(prettyJson(null)).toBe('');
  });
});
