import { Button, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DAY_STATUS_NAMES } from '@hrlink/shared';
import type { DayStatus, EmployeeRef } from '@hrlink/shared';
import { EmployeePicker } from '../../components/EmployeePicker';
import { DeptSelect } from './DeptSelect';

export interface ResultFilters {
  range: [Dayjs, Dayjs];
  departmentId?: string;
  employee: EmployeeRef | null;
  status?: DayStatus;
}

/** This whole month (not "up to today": the server's today is in the tenant's time zone, the browser's may be behind). */
export const defaultFilters = (): ResultFilters => ({ range: [dayjs().startOf('month'), dayjs().endOf('month')], employee: null });

export function filterQuery(f: ResultFilters) {
  return {
    from: f.range[0].format('YYYY-MM-DD'),
    to: f.range[1].format('YYYY-MM-DD'),
    departmentId: f.departmentId,
    employeeId: f.employee?.id,
    status: f.status,
  };
}

/** Date range (required), department, employee and (optionally) day status; ids are `<prefix>-range|department|employee|status`. */
export function FilterBar(props: {
  prefix: string;
  value: ResultFilters;
  onChange: (f: ResultFilters) => void;
  statuses?: DayStatus[];
}) {
  const f = props.value;
  const set = (patch: Partial<ResultFilters>) => props.onChange({ ...f, ...patch });
  const touched = !!(f.departmentId || f.employee || f.status);
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <DatePicker.RangePicker
        id={`${props.prefix}-range`}
        allowClear={false}
        value={f.range}
        onChange={(v) => v && v[0] && v[1] && set({ range: [v[0], v[1]] })}
        presets={[
          { label: '今天', value: [dayjs(), dayjs()] },
          { label: '昨天', value: [dayjs().subtract(1, 'day'), dayjs().subtract(1, 'day')] },
          { label: '本月', value: [dayjs().startOf('month'), dayjs().endOf('month')] },
          { label: '上月', value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
        ]}
      />
      <DeptSelect id={`${props.prefix}-department`} value={f.departmentId} onChange={(v) => set({ departmentId: v })} placeholder="全部部门" style={{ width: 180 }} />
      <EmployeePicker id={`${props.prefix}-employee`} placeholder="员工" includeLeft value={f.employee} onChange={(v) => set({ employee: v })} style={{ width: 180 }} />
      {props.statuses && (
        <Select
          id={`${props.prefix}-status`}
          allowClear
          placeholder="全部状态"
          style={{ width: 130 }}
          value={f.status}
          onChange={(v) => set({ status: v })}
          options={props.statuses.map((s) => ({ value: s, label: DAY_STATUS_NAMES[s] }))}
        />
      )}
      {touched && (
        <Button type="link" onClick={() => props.onChange({ ...f, departmentId: undefined, employee: null, status: undefined })}>
          清空筛选
        </Button>
      )}
    </Space>
  );
}
