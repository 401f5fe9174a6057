import Taro from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import type { FieldCheckinView } from '@hrlink/shared';
import { formatTime } from '../../approvals/labels';
import { resolveFileUrl } from '../../attendance/format';
import { API_BASE } from '../../services';
import { MapLink } from './MapLink';

/**
 * One field check-in (我的外勤 / 团队考勤): customer, time, address, remark, 查看地图 (host map at the check-in's
 * GCJ-02 point), photo thumbnails (tap → preview).
 */
export function FieldRow({ c, showName }: { c: FieldCheckinView; showName?: boolean }) {
  const urls = c.photoUrls.map((u) => resolveFileUrl(u, API_BASE));
  return (
    <View className="field-row" data-id={c.id}>
      <Text className="punch-row__time">
        {showName ? `${c.employee.name} · ` : ''}
        {c.customerName}
      </Text>
      <Text className="muted">
        {formatTime(c.at)} · {c.address}
      </Text>
      {c.remark && <Text className="muted">{c.remark}</Text>}
      <MapLink latitude={c.latitude} longitude={c.longitude} name={showName ? `${c.employee.name} · ${c.customerName}` : c.customerName} address={c.address} />
      {urls.length > 0 && (
        <View className="thumbs">
          {urls.map((u) => (
            <Image key={u} className="thumb" src={u} mode="aspectFill" onClick={() => void Taro.previewImage({ current: u, urls })} />
          ))}
        </View>
      )}
    </View>
  );
}

