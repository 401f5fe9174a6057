import { Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { PlatformBindingInput, PlatformBindingView, PlatformCredentialField, PlatformMeta } from '@hrlink/shared';
import { createBinding, updateBinding } from '../api/integrations';
import { showError, showSuccess } from '../api/notify';
import { TODO_LABEL } from './BindingCard';

type Values = Partial<Record<PlatformCredentialField['key'], string>> & { enabled: boolean; isOrgSource: boolean; todoEnabled: boolean };

interface Props {
  meta: PlatformMeta | null;
  /** Present when editing. */
  binding: PlatformBindingView | null;
  /** First binding of the tenant: it becomes the org source by default. */
  isFirst: boolean;
  onClose: () => void;
  onSaved: (b: PlatformBindingView) => void;
}

function secretIsSet(b: PlatformBindingView, key: PlatformCredentialField['key']): boolean {
  if (key === 'appSecret') return b.appSecretSet;
  if (key === 'callbackToken') return b.callbackTokenSet;
  if (key === 'callbackAesKey') return b.callbackAesKeySet;
  return false;
}

/** Add / edit form rendered from the platform's credential metadata. */
export function BindingFormModal({ meta, binding, isFirst, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const editing = !!binding;

  useEffect(() => {
    if (!meta) return;
    form.resetFields();
    const values: Values = {
      enabled: binding?.enabled ?? true,
      isOrgSource: binding?.isOrgSource ?? isFirst,
      todoEnabled: binding?.todoEnabled ?? false,
    };
    for (const f of meta.fields) {
      if (f.secret) continue;
      const v = binding ? (binding as unknown as Record<string, unknown>)[f.key] : undefined;
      values[f.key] = typeof v === 'string' ? v : undefined;
    }
    form.setFieldsValue(values);
  }, [meta, binding, isFirst, form]);

  if (!meta) return null;
  const todoLabel = TODO_LABEL[meta.platform];

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body: PlatformBindingInput = { platform: meta.platform, corpId: '', enabled: values.enabled };
    if (!binding || binding.isOrgSource !== values.isOrgSource) body.isOrgSource = values.isOrgSource;
    // Only sent when it changes, like isOrgSource (servers without the field reject unknown properties).
    if (todoLabel && !!values.todoEnabled !== !!binding?.todoEnabled) body.todoEnabled = !!values.todoEnabled;
    for (const f of meta.fields) {
      const v = values[f.key]?.trim() ?? '';
      // Secrets left empty on edit mean "unchanged": omit them.
      if (f.secret && editing && !v) continue;
      (body as unknown as Record<string, unknown>)[f.key] = v || (editing ? null : undefined);
    }
    setSaving(true);
    try {
      const saved = binding ? await updateBinding(binding.id, body) : await createBinding(body);
      showSuccess(editing ? '绑定已更新' : '绑定已添加');
      onSaved(saved);
    } catch (err) {
      showError(err, '保存失败');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${editing ? '编辑' : '添加'}${meta.displayName}绑定`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<Values> form={form} layout="vertical" name={`binding-${meta.platform}`} preserve={false} requiredMark>
        {meta.fields.map((f) => {
          const required = f.required && !(f.secret && editing);
          const placeholder =
            f.secret && binding && secretIsSet(binding, f.key) ? '已设置，留空表示不修改' : f.secret && editing ? '未设置，留空表示不设置' : undefined;
          return (
            <Form.Item
              key={f.key}
              name={f.key}
              label={f.label}
              extra={f.help}
              rules={[
                { required, whitespace: true, message: `请输入${f.label}` },
                { max: 512, message: '内容过长' },
              ]}
            >
              {f.secret ? (
                <Input.Password placeholder={placeholder} autoComplete="new-password" />
              ) : (
                <Input placeholder={placeholder} autoComplete="off" />
              )}
            </Form.Item>
          );
        })}
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="isOrgSource"
          label="组织架构数据源"
          valuePropName="checked"
          extra="数据源平台的同步负责部门、上下级和员工档案；其他平台只按匹配字段关联身份"
        >
          <Switch />
        </Form.Item>
        {todoLabel && (
          <Form.Item
            name="todoEnabled"
            label={todoLabel}
            valuePropName="checked"
            extra={
              meta.platform === 'dingtalk'
                ? '开启后，每个审批任务还会在审批人的钉钉待办中创建一条待办，审批完成后自动完成'
                : '开启后，审批同步到飞书审批中心（三方审批实例），审批人可在飞书审批中查看'
            }
          >
            <Switch data-testid={`todo-switch-${meta.platform}`} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
