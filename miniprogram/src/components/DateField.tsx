import { Picker, View, Text } from '@tarojs/components';

export interface DateFieldProps {
  id: string;
  mode: 'date' | 'time';
  value: string;
  placeholder?: string;
  onChange(value: string): void;
}

/**
 * A date (YYYY-MM-DD) or time (HH:mm) field. WeCom / Feishu: the host's picker (mode date / time).
 * DingTalk: DateField.dd.tsx (dd.datePicker). H5: DateField.h5.tsx (a plain text input, so browser
 * tests can type into `#<id> input`).
 */
export default function DateField({ id, mode, value, placeholder, onChange }: DateFieldProps) {
  return (
    <Picker mode={mode} value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View id={id} className={`field__input date-field ${value ? '' : 'date-field--empty'}`}>
        <Text>{value || placeholder || (mode === 'date' ? '选择日期' : '选择时间')}</Text>
      </View>
    </Picker>
  );
}
