import { Alert, Button, Checkbox, DatePicker, Form, Space } from 'antd';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Role } from '@hrlink/shared';
import type { EmployeeDetail, UpdateEmployeeRequest } from '@hrlink/shared';
import { updateEmployee } from '../api/org';
import { showError, showSuccess } from '../api/notify';
import { ROLE_LABEL } from '../utils/labels';

interface Values {
  hireDate: Dayjs | null;
  firstWorkDate: Dayjs | null;
  roles: Role[];
}

const DATE = 'YYYY-MM-DD';
const toDay = (s: string | null) => (s ? dayjs(s, DATE) : null);
const toStr = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : null);
const roleOptions = Object.values(Role).map((r) => ({ value: r, label: ROLE_LABEL[r] }));

/** Hire date, first work date and roles: the employee fields HR maintains in hrlink. */
export function EmployeeEditForm({ employee, onSaved }: { employee: EmployeeDetail; onSaved: (e: EmployeeDetail) => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    form.setFieldsValue({
      hireDate: toDay(employee.hireDate),
      firstWorkDate: toDay(employee.firstWorkDate),
      roles: employee.roles,
    });
  }, [employee, form]);

  const submit = async (values: Values) => {
    const body: UpdateEmployeeRequest = {
      hireDate: toStr(values.hireDate),
      firstWorkDate: toStr(values.firstWorkDate),
      roles: values.roles,
    };
    setSaving(true);
    try {
      const saved = await updateEmployee(employee.id, body);
      showSuccess('已保存');
      onSaved(saved);
    } catch (err) {
      showError(err, '保存失败');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} name="employee-edit" layout="vertical" onFinish={submit} requiredMark={false}>
      <Form.Item
        label="入职日期"
        name="hireDate"
        rules={[
          {
            validator: (_, v: Dayjs | null) =>
              v && v.isAfter(dayjs().add(1, 'year'), 'day') ? Promise.reject(new Error('入职日期不能晚于一年后')) : Promise.resolve(),
          },
        ]}
      >
        <DatePicker style={{ width: '100%' }} placeholder="选择入职日期" />
      </Form.Item>
      <Form.Item
        label="首次参加工作日期"
        name="firstWorkDate"
        extra="用于计算法定年休假（累计工作年限）"
        dependencies={['hireDate']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: Dayjs | null) => {
              if (!v) return Promise.resolve();
              if (v.isAfter(dayjs(), 'day')) return Promise.reject(new Error('首次参加工作日期不能晚于今天'));
              const hire: Dayjs | null = getFieldValue('hireDate');
              if (hire && v.isAfter(hire, 'day')) return Promise.reject(new Error('首次参加工作日期不能晚于入职日期'));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} placeholder="选择首次参加工作日期" />
      </Form.Item>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="annual-recompute-hint"
        message="修改入职日期或首次参加工作日期后，年假额度不会立即变化"
        description={
          <span>
            请到 <Link to="/leave?tab=policy">假期 → 年假规则 → 年假发放</Link> 重新计算：预览会先列出每位员工额度的变化，确认后才发放。
          </span>
        }
      />
      <Form.Item label="角色" name="roles" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
        <Checkbox.Group options={roleOptions} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="employee-save">
          保存
        </Button>
        <Button onClick={() => form.resetFields()} disabled={saving}>
          重置
        </Button>
      </Space>
    </Form>
  );
}
