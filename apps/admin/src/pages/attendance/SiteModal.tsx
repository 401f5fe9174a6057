import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Modal, Row, Slider, Space, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import type { SiteView } from '@hrlink/shared';
import { ApiError } from '../../api/client';
import { createSite, updateSite } from '../../api/attendance';
import { showSuccess } from '../../api/notify';
import { NEW_SITE, RADIUS, clampRadius, formatCoord, normalizeBssid, siteErrors, siteRequest, type SiteDraft } from '../../utils/attendance';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';

interface Props {
  groupId: string;
  /** undefined = closed, null = new site. */
  editing: SiteView | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}

const toDraft = (s: SiteView): SiteDraft => ({
  name: s.name,
  address: s.address ?? '',
  latitude: s.latitude,
  longitude: s.longitude,
  radiusMeters: s.radiusMeters,
  wifi: s.wifi.map((w) => ({ ...w })),
});

/** One clock-in site: coordinates typed in (no map: no network here), radius slider + input, Wi-Fi list. */
export function SiteModal({ groupId, editing, onClose, onSaved }: Props) {
  const open = editing !== undefined;
  const [d, setD] = useState<SiteDraft>(NEW_SITE);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!open) return;
    setD(editing ? toDraft(editing) : NEW_SITE);
    setTried(false);
    setServerError(null);
  }, [open, editing]);

  const errors = tried ? siteErrors(d) : {};
  const set = (patch: Partial<SiteDraft>) => setD((x) => ({ ...x, ...patch }));
  const setWifi = (i: number, patch: Partial<SiteDraft['wifi'][number]>) =>
    setD((x) => ({ ...x, wifi: x.wifi.map((w, j) => (j === i ? { ...w, ...patch } : w)) }));
  const item = (key: keyof SiteDraft) => (errors[key] ? { validateStatus: 'error' as const, help: errors[key] } : {});

  const submit = async () => {
    setTried(true);
    if (Object.keys(siteErrors(d)).length) return;
    setSaving(true);
    setServerError(null);
    try {
      const body = siteRequest(d);
      if (editing) await updateSite(groupId, editing.id, body);
      else await createSite(groupId, body);
      showSuccess(editing ? '已保存' : '已添加');
      onSaved();
    } catch (err) {
      setServerError(err instanceof ApiError ? err : new ApiError('INTERNAL', String(err), 0));
    } finally {
      setSaving(false);
    }
  };

  const coordsOk = !siteErrors({ ...d, name: 'x', wifi: [] }).latitude && !siteErrors({ ...d, name: 'x', wifi: [] }).longitude;

  return (
    <Modal
      open={open}
      title={editing ? `编辑打卡地点：${editing.name}` : '添加打卡地点'}
      width={720}
      okText="保存"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'site-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="site-form">
        <Form.Item label="地点名称" required {...item('name')}>
          <Input id="site_name" value={d.name} maxLength={50} onChange={(e) => set({ name: e.target.value })} placeholder="如：总部大楼" />
        </Form.Item>
        <Form.Item label="地址" {...item('address')}>
          <Input id="site_address" value={d.address} maxLength={200} onChange={(e) => set({ address: e.target.value })} placeholder="如：上海市黄浦区人民大道 200 号" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="纬度（-90 ~ 90）" required {...item('latitude')}>
              <InputNumber id="site_latitude" min={-90} max={90} step={0.000001} precision={6} value={d.latitude} onChange={(v) => set({ latitude: v ?? null })} style={{ width: '100%' }} placeholder="31.230416" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="经度（-180 ~ 180）" required {...item('longitude')}>
              <InputNumber id="site_longitude" min={-180} max={180} step={0.000001} precision={6} value={d.longitude} onChange={(v) => set({ longitude: v ?? null })} style={{ width: '100%' }} placeholder="121.473701" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }} data-testid="site-coords">
          坐标：{coordsOk ? formatCoord(d.latitude, d.longitude) : '—'}（GCJ-02，即钉钉 / 企业微信 / 飞书定位默认返回的坐标系；可在地图工具中取点后填入）
        </Typography.Paragraph>
        <Form.Item label={`打卡范围（${RADIUS.min}–${RADIUS.max} 米）`} required {...item('radiusMeters')}>
          <Row gutter={12} align="middle">
            <Col flex="auto">
              <Slider min={RADIUS.min} max={RADIUS.max} step={50} value={d.radiusMeters} onChange={(v) => set({ radiusMeters: v })} data-testid="site-radius-slider" />
            </Col>
            <Col flex="140px">
              <InputNumber
                id="site_radiusMeters"
                min={RADIUS.min}
                max={RADIUS.max}
                precision={0}
                addonAfter="米"
                value={d.radiusMeters}
                onChange={(v) => set({ radiusMeters: v ?? NaN })}
                onBlur={() => Number.isFinite(d.radiusMeters) && set({ radiusMeters: clampRadius(d.radiusMeters) })}
              />
            </Col>
          </Row>
        </Form.Item>
        <Form.Item label="Wi-Fi（连上其中任一即在范围内）" {...item('wifi')}>
          <Space direction="vertical" style={{ width: '100%' }} data-testid="site-wifi">
            {d.wifi.map((w, i) => (
              <Space key={i} align="start" data-testid="wifi-row">
                <Input id={`wifi-${i}-ssid`} placeholder="名称（SSID）" value={w.ssid} onChange={(e) => setWifi(i, { ssid: e.target.value })} style={{ width: 220 }} />
                <Input
                  id={`wifi-${i}-bssid`}
                  placeholder="BSSID，如 a4:56:02:11:22:33"
                  value={w.bssid}
                  status={tried && !normalizeBssid(w.bssid) ? 'error' : undefined}
                  onChange={(e) => setWifi(i, { bssid: e.target.value })}
                  onBlur={() => {
                    const n = normalizeBssid(w.bssid);
                    if (n) setWifi(i, { bssid: n });
                  }}
                  style={{ width: 260, fontFamily: 'monospace' }}
                />
                <Button icon={<DeleteOutlined />} onClick={() => set({ wifi: d.wifi.filter((_, j) => j !== i) })} data-testid="wifi-remove" aria-label="删除" />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => set({ wifi: [...d.wifi, { ssid: '', bssid: '' }] })} data-testid="wifi-add">
              添加 Wi-Fi
            </Button>
          </Space>
        </Form.Item>
        <ServerErrorAlert error={serverError} testId="site-server-error" />
      </Form>
    </Modal>
  );
}
