import { LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Modal, Radio, Row, Select, Skeleton, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { CalendarYearView, DayKind } from '@hrlink/shared';
import { fetchCalendar, removeCalendarOverride, setCalendarOverride } from '../../api/leave';
import { showError, showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { DAY_CLASS_STYLE, DAY_KIND_LABEL, classifyDay, dayMap, monthGrid, yearCounts, type ClassifiedDay, type DayClass } from '../../utils/leave';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];
const KINDS: DayKind[] = ['holiday', 'workday', 'restday', 'makeup_workday'];
const KIND_HELP: Record<DayKind, string> = {
  holiday: '放假（如公司假日），请假不计入',
  workday: '正常上班',
  restday: '休息日',
  makeup_workday: '周末调休上班',
};

function Month({ year, month, view, onPick }: { year: number; month: number; view: Map<string, ClassifiedDay>; onPick: (d: ClassifiedDay) => void }) {
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8 }} data-month={month}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{month} 月</div>
      <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
        <thead>
          <tr>
            {WEEK.map((w) => (
              <th key={w} style={{ fontWeight: 400, color: '#999', fontSize: 12 }}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(year, month).map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => {
                if (!date) return <td key={j} />;
                const d = view.get(date)!;
                const style = DAY_CLASS_STYLE[d.cls];
                const tip = [date, d.name, DAY_KIND_LABEL[d.kind], d.overridden ? 'HR 自定义' : null].filter(Boolean).join(' · ');
                return (
                  <td key={j} style={{ padding: 1 }}>
                    <Tooltip title={tip} mouseEnterDelay={0.3}>
                      <button
                        type="button"
                        onClick={() => onPick(d)}
                        data-date={date}
                        data-kind={d.kind}
                        data-class={d.cls}
                        style={{
                          width: '100%',
                          height: 40,
                          border: date === today ? '1px solid #1677ff' : '1px solid transparent',
                          borderRadius: 4,
                          background: style.bg,
                          color: style.fg,
                          cursor: 'pointer',
                          padding: 0,
                          lineHeight: 1.1,
                          overflow: 'hidden',
                        }}
                      >
                        <div style={{ fontSize: 13 }}>{Number(date.slice(8))}</div>
                        <div style={{ fontSize: 10, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                          {d.kind === 'makeup_workday' ? '班' : d.name ?? ''}
                        </div>
                      </button>
                    </Tooltip>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OverrideModal({ day, onClose, onDone }: { day: ClassifiedDay | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ kind: DayKind; name: string }>();
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);

  const save = async () => {
    if (!day) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy('save');
    try {
      await setCalendarOverride({ date: day.date, kind: v.kind, name: v.name?.trim() || null });
      showSuccess(`已设置 ${day.date}`);
      onDone();
    } catch (err) {
      showError(err, '设置失败');
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (!day) return;
    setBusy('remove');
    try {
      await removeCalendarOverride(day.date);
      showSuccess(`已恢复 ${day.date} 的默认安排`);
      onDone();
    } catch (err) {
      showError(err, '移除失败');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      open={!!day}
      title={day ? `${day.date}（周${WEEK[(dayjs(day.date).day() + 6) % 7]}）` : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {day?.overridden && (
            <Button danger loading={busy === 'remove'} disabled={!!busy} onClick={remove} data-testid="override-remove">
              移除自定义
            </Button>
          )}
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy === 'save'} disabled={!!busy} onClick={save} data-testid="override-save">
            保存
          </Button>
        </Space>
      }
    >
      {day && (
        <div data-testid="calendar-override">
          <Typography.Paragraph type="secondary">
            当前：{DAY_KIND_LABEL[day.kind]}
            {day.name ? `（${day.name}）` : ''}
            {day.overridden ? ' · HR 自定义' : ''}
          </Typography.Paragraph>
          <Form
            form={form}
            name="calendar-override"
            layout="vertical"
            preserve={false}
            initialValues={{ kind: day.overridden ? day.kind : day.kind === 'workday' ? 'holiday' : day.kind, name: day.overridden ? day.name ?? '' : '' }}
          >
            <Form.Item label="设为" name="kind" rules={[{ required: true }]}>
              <Radio.Group>
                <Space direction="vertical">
                  {KINDS.map((k) => (
                    <Radio key={k} value={k}>
                      {k === 'holiday' ? '放假（公司假日）' : DAY_KIND_LABEL[k]}
                      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                        {KIND_HELP[k]}
                      </Typography.Text>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item label="名称" name="name" rules={[{ max: 50, message: '最多 50 个字' }]}>
              <Input placeholder="如：公司年会、国庆节" maxLength={50} />
            </Form.Item>
          </Form>
        </div>
      )}
    </Modal>
  );
}

export function CalendarTab() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [picked, setPicked] = useState<ClassifiedDay | null>(null);
  const cal = useRequest<CalendarYearView>(() => fetchCalendar(year), [year]);
  const data = cal.data && cal.data.year === year ? cal.data : undefined;

  const view = useMemo(() => {
    const map = dayMap(data?.days ?? []);
    const out = new Map<string, ClassifiedDay>();
    for (let m = 1; m <= 12; m++) for (const w of monthGrid(year, m)) for (const d of w) if (d) out.set(d, classifyDay(d, map));
    return { days: out, counts: yearCounts(year, map) };
  }, [data, year]);

  const years = Array.from({ length: 6 }, (_, i) => thisYear - 2 + i);

  return (
    <Card
      size="small"
      title="节假日日历"
      extra={
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label="上一年" />
          <Select
            id="calendar-year"
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[...new Set([...years, year])].sort().map((y) => ({ value: y, label: `${y} 年` }))}
          />
          <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label="下一年" />
          <Button icon={<ReloadOutlined />} onClick={cal.reload}>
            刷新
          </Button>
        </Space>
      }
    >
      {cal.error ? (
        <ErrorState error={cal.error} onRetry={cal.reload} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <div data-testid="holiday-calendar" data-year={year} data-published={String(data.published)}>
          {!data.published && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="该年度国家节假日尚未发布，仅按周末计算，请手动维护"
              description="国务院办公厅通常在上一年 11–12 月发布放假安排；发布并更新节假日数据前，可点击日期手动设置放假或调休上班。"
              data-testid="calendar-unpublished"
            />
          )}
          <Space wrap style={{ marginBottom: 12 }} data-testid="calendar-legend">
            {(Object.keys(DAY_CLASS_STYLE) as DayClass[]).map((c) => (
              <Space key={c} size={4} data-class={c}>
                <span
                  style={{
                    display: 'inline-block',
                    width: 14,
                    height: 14,
                    borderRadius: 3,
                    background: DAY_CLASS_STYLE[c].bg,
                    border: `1px solid ${DAY_CLASS_STYLE[c].fg}`,
                  }}
                />
                <span>
                  {DAY_CLASS_STYLE[c].label} {view.counts[c]}
                </span>
              </Space>
            ))}
            <Typography.Text type="secondary">点击日期可设置放假 / 上班，或移除自定义</Typography.Text>
          </Space>
          <Row gutter={[12, 12]}>
            {Array.from({ length: 12 }, (_, i) => (
              <Col key={i} xs={24} md={12} xl={8} xxl={6}>
                <Month year={year} month={i + 1} view={view.days} onPick={setPicked} />
              </Col>
            ))}
          </Row>
        </div>
      )}
      <OverrideModal
        day={picked}
        onClose={() => setPicked(null)}
        onDone={() => {
          setPicked(null);
          cal.reload();
        }}
      />
    </Card>
  );
}
