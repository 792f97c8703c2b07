// A date picker whose value is YYYY-MM-DD text (what the API and drafts hold), no later than today.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
}

export function DateField({ value, onChange, id, placeholder }: Props) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(date) => onChange?.(date ? date.format('YYYY-MM-DD') : null)}
      format="YYYY-MM-DD"
      placeholder={placeholder}
      disabledDate={(date) => date.isAfter(dayjs(), 'day')}
    />
  );
}
