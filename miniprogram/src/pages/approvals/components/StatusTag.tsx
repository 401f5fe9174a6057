import { View, Text } from '@tarojs/components';
import { statusLabel, statusTagType } from '../../../approvals/labels';

/** 审批中 / 已同意 / 已拒绝 / 已撤回 as a coloured pill; `id` is on the element whose text is the label. */
export default function StatusTag({ status, id }: { status: string; id?: string }) {
  return (
    <View className={`status-tag status-tag--${statusTagType(status)}`} data-status={status}>
      <Text id={id}>{statusLabel(status)}</Text>
    </View>
  );
}
