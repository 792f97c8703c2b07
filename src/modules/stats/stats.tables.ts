// Tables the statistics own: month figures summed per region above the village, and the village
// months whose sums are still to be settled (migration 0006_stats_region_figures).
import type { VillageMonthFiguresTable } from '../monitoring/monitoring.tables.js';

export interface RegionMonthFiguresTable extends Omit<VillageMonthFiguresTable, 'villageCode'> {
  /** The region's significant code prefix: 2 digits a province, 4 a city, 6 a county, 9 a town. */
  regionPrefix: string;
  parentPrefix: string;
}

export interface FiguresPendingTable {
  month: string;
  villageCode: string;
}
