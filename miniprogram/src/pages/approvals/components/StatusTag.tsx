import { View } from '@tarojs/components';
import { Tag } from './ui';
import { statusLabel, statusTagType } from '../../../approvals/labels';

/** 审批中 / 已同意 / 已拒绝 / 已撤回 as a coloured tag; `id` goes on the wrapper (NutUI Tag drops it). */
export default function StatusTag({ status, id }: { status: string; id?: string }) {
  return (
    <View id={id} className="status-tag" data-status={status}>
      <Tag type={statusTagType(status)} plain round>
        {statusLabel(status)}
      </Tag>
    </View>
  );
}
