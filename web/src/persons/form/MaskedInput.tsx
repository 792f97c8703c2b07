// An ID or phone number the server sent masked (150521********6481): shown as it is and left out of
// the save until the user chooses to correct it, which clears the box for the full new number.
import { Button, Input, Space } from 'antd';
import { useLang } from '../../i18n/lang';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  masked?: string;
  maxLength: number;
  inputMode?: 'numeric' | 'tel' | 'text';
  placeholder?: string;
  testId?: string;
}

export function MaskedInput({
  value,
  onChange,
  id,
  masked,
  maxLength,
  inputMode,
  placeholder,
  testId,
}: Props) {
  const { t } = useLang();
  const input = (disabled: boolean) => (
    <Input
      id={id}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange?.(e.target.value)}
      maxLength={maxLength}
      inputMode={inputMode}
      placeholder={placeholder}
      autoComplete="off"
      data-testid={testId}
    />
  );
  if (!masked) return input(false);
  const correcting = value !== masked;
  return (
    <Space.Compact style={{ width: '100%' }}>
      {input(!correcting)}
      <Button
        onClick={() => onChange?.(correcting ? masked : '')}
        data-testid={testId && `${testId}-correct`}
      >
        {correcting ? t('取消更正', 'Undo') : t('更正', 'Correct')}
      </Button>
    </Space.Compact>
  );
}
