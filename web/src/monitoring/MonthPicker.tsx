// The month a monitoring screen shows, kept in the address (?month=); no month to come.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useQueryParams } from '../common/useQueryParams';
import { useLang } from '../i18n/lang';
import { currentMonth, useReportingMonth } from './month';

export function MonthPicker() {
  const { t } = useLang();
  const month = useReportingMonth();
  const { update } = useQueryParams();
  const latest = dayjs(`${currentMonth()}-01`);
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${month}-01`)}
      format="YYYY-MM"
      aria-label={t('月份', 'Month')}
      data-testid="month-picker"
      disabledDate={(d) => d.isAfter(latest, 'month')}
      onChange={(d) => d && update({ month: d.format('YYYY-MM') })}
    />
  );
}
