// The demo population as COPY text for the households and persons tables, and the messages between
// the loader (demo.loader.ts) and the thread that generates it (population.worker.ts).
import { copyLine } from '../db/copy-text.js';
import { personValueFields } from '../modules/registry/registry.codes.js';
import type { DemoHousehold, PopulationOptions } from './population.js';

export const householdColumns = [
  'id',
  'villageCode',
  'householdNo',
  'category',
  'monitoringType',
  'relocation',
  'resettlementSite',
  'address',
] as const;

export const personColumns = ['householdId', 'villageCode', 'idNumber', ...personValueFields] as const;

/** What the generating thread is asked for (plain data: it crosses to another thread). */
export interface PopulationJob {
  population: Omit<PopulationOptions, 'countyName' | 'provinceName'>;
  /** Name of a county by its 6-digit code, for workplaces and employers. */
  countyNames: Record<string, string>;
  /** Id of the first household; the following ones are numbered on. */
  firstId: number;
  /** Appended to every household number (a second load into the same villages), or ''. */
  householdNoSuffix: string;
  chunkHouseholds: number;
  /** Chunks the thread may generate ahead of the one being loaded. */
  chunksAhead: number;
}

/** A chunk of households and their members as COPY text (lines without a final line end). */
export interface PopulationChunk {
  type: 'chunk';
  households: string;
  persons: string;
  householdCount: number;
}

export type PopulationMessage = PopulationChunk | { type: 'done' };

/** Appends a household's COPY line and those of its members. */
export function addCopyLines(
  household: DemoHousehold,
  id: number,
  householdNoSuffix: string,
  householdLines: string[],
  personLines: string[],
): void {
  householdLines.push(
    copyLine([
      id,
      household.villageCode,
      `${household.householdNo}${householdNoSuffix}`,
      household.category,
      household.monitoringType,
      household.relocation,
      household.resettlementSite,
      household.address,
    ]),
  );
  for (const p of household.members) {
    personLines.push(
      copyLine([id, household.villageCode, p.idNumber, ...personValueFields.map((field) => p[field])]),
    );
  }
}
