import { View, Text } from '@tarojs/components';
import type { DateFieldProps } from './DateField';

/** DingTalk: its picker component has no date mode, so the field opens dd.datePicker. */
export default function DateField({ id, mode, value, placeholder, onChange }: DateFieldProps) {
  const open = () => {
    dd.datePicker({
      format: mode === 'date' ? 'yyyy-MM-dd' : 'HH:mm',
      currentDate: value || undefined,
      success: (res) => {
        if (res && res.date) onChange(res.date);
      },
    });
  };
  return (
    <View id={id} className={`field__input date-field ${value ? '' : 'date-field--empty'}`} onClick={open}>
      <Text>{value || placeholder || (mode === 'date' ? '选择日期' : '选择时间')}</Text>
    </View>
  );
}
