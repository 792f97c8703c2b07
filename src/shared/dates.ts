// Calendar days as officials live them: China has one time zone, so "today" is the date in
// Asia/Shanghai wherever the server's clock is set.
const chinaDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD of `instant` in China. */
export function localDay(instant: Date): string {
  return chinaDay.format(instant);
}
