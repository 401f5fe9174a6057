import { Input } from '@tarojs/components';
import type { DateFieldProps } from './DateField';

/**
 * H5: a plain text input (YYYY-MM-DD / HH:mm), so browser tests set it deterministically with
 * `fill('#<id> input', '2025-10-09')`. The page normalises what is typed (2025/10/9 works too).
 */
export default function DateField({ id, mode, value, placeholder, onChange }: DateFieldProps) {
  return (
    <Input
      id={id}
      className="field__input date-field"
      type="text"
      maxlength={mode === 'date' ? 11 : 5}
      placeholder={placeholder || (mode === 'date' ? 'YYYY-MM-DD' : 'HH:mm')}
      value={value}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}
