import { Tag } from 'antd';
import type { Platform } from '@hrlink/shared';
import { PLATFORM_COLOR, platformName } from '../utils/labels';

export function PlatformTag({ platform }: { platform: Platform }) {
  return (
    <Tag color={PLATFORM_COLOR[platform]} data-platform={platform}>
      {platformName(platform)}
    </Tag>
  );
}

export function PlatformTags({ platforms }: { platforms: Platform[] }) {
  if (!platforms.length) return <span style={{ color: '#999' }}>—</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {platforms.map((p) => (
        <PlatformTag key={p} platform={p} />
      ))}
    </span>
  );
}
