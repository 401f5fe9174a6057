import { View, Text } from '@tarojs/components';
import type { Tone } from '../leave/format';

/** Coloured pill like the approvals StatusTag; `id` is on the element whose text is the label. */
export default function StatusPill({ status, label, tone, id }: { status: string; label: string; tone: Tone; id?: string }) {
  return (
    <View className={`status-tag status-tag--${tone}`} data-status={status}>
      <Text id={id}>{label}</Text>
    </View>
  );
}
