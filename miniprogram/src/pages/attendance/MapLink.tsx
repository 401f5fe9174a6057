import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { openMap } from '../../platform/map';
import { isValidPoint, mapPoint, mapToastText } from '../../platform/map-args';

/**
 * "查看地图" on a check-in / punch: the host's built-in map at the stored GCJ-02 point (H5: the AMap marker page).
 * Renders nothing without valid coordinates; any failure (cancelled, no API, popup refused) becomes a toast.
 */
export function MapLink(props: { latitude: number | null; longitude: number | null; name?: string | null; address?: string | null; label?: string }) {
  const { latitude, longitude } = props;
  if (!isValidPoint({ latitude, longitude })) return null;
  const open = (e: { stopPropagation?: () => void }) => {
    e.stopPropagation?.();
    openMap(mapPoint(latitude as number, longitude as number, props.name, props.address)).catch((err) => {
      void Taro.showToast({ title: mapToastText(err), icon: 'none' });
    });
  };
  return (
    <Text className="map-link" data-lat={latitude} data-lng={longitude} onClick={open}>
      {props.label || '查看地图'}
    </Text>
  );
}
