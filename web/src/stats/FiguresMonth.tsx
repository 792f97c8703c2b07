// The month a figures screen (月度统计, 目标进度, 预警) opens on when the address names none: the
// latest month a village of the region has submitted, not the current month — early in a month
// villages have reported nothing of it yet (they submit by mid-month), and an official opening the
// statistics on the 3rd should see last month's figures, not an empty page. The month is written
// into the address, so the month picker, links, exports and a reload all agree on it.
import { Skeleton } from 'antd';
import { useEffect } from 'react';
import { Outlet } from 'react-router-dom';
import { isAbort } from '../api/client';
import { useQueryParams } from '../common/useQueryParams';
import { currentMonth } from '../monitoring/month';
import { useRegion } from '../region/RegionContext';
import { statsApi } from './statsApi';

/** The layout route around those screens: renders them once the address names a month. */
export function FiguresMonth() {
  const { params, update } = useQueryParams();
  const { code } = useRegion();
  const given = params.has('month');

  useEffect(() => {
    if (given) return;
    const controller = new AbortController();
    statsApi.figuresMonth(code, controller.signal).then(
      (answer) => update({ month: answer.month }, { keepPage: true, replace: true }),
      (error: unknown) => {
        // The screen itself shows what went wrong when it loads the current month.
        if (!isAbort(error)) update({ month: currentMonth() }, { keepPage: true, replace: true });
      },
    );
    return () => controller.abort();
  }, [given, code, update]);

  return given ? <Outlet /> : <Skeleton active paragraph={{ rows: 8 }} />;
}
