// The administrative tree (行政区划) as a table: loaded from assets/regions by regions.repository.ts.
export interface RegionTable {
  /** 12-digit statistical code; a region's descendants all start with its significant prefix. */
  code: string;
  parentCode: string | null;
  /** 1 province … 5 village. */
  level: number;
  name: string;
  /** Other names officials write for it (科左中旗 for 科尔沁左翼中旗), from regions.rules.ts. */
  aliases: string[];
}

/** Which version of each shipped reference data set is loaded, so start-up can skip reloading it. */
export interface ReferenceDataTable {
  name: string;
  checksum: string;
  rows: number;
  loadedAt: Date;
}

/** 乡村振兴重点帮扶县 designations, each valid for a period (policy data). */
export interface KeyAssistanceCountyTable {
  countyCode: string;
  validFrom: string;
  validTo: string | null;
  /** The document that designates it. */
  source: string;
}
