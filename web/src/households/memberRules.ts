// Household rules on the client, the same as the server's: one head, at most one spouse
// (checkHouseholdMembers); monitoring type and resettlement site only where they belong (checkHousehold).
import type { FormInstance, FormRule } from 'antd';
import type {
  HouseholdCategory,
  MonitoringType,
  RelationToHead,
  Relocation,
} from '../../../src/modules/registry/registry.codes';
import { checkHousehold, checkHouseholdMembers } from '../../../src/modules/registry/registry.rules';
import { fieldMessage, type Language } from '../../../src/shared/i18n';

/** The relation of member `index` of a list, checked against the other members (plus `existing` ones). */
export function relationRule(
  lang: Language,
  relations: (form: FormInstance) => (string | undefined)[],
  index: number,
  existing: string[] = [],
): FormRule {
  return (form) => ({
    validator: async () => {
      const all = [...existing, ...relations(form as FormInstance)].map((r) => ({
        relationToHead: (r ?? 'other') as RelationToHead,
      }));
      const at = existing.length + index;
      const problem = checkHouseholdMembers(all).find(
        (p) => p.index === at || (p.code === 'household.headMissing' && at === 0 && existing.length === 0),
      );
      if (problem) throw new Error(fieldMessage('relationToHead', problem.code, lang));
    },
  });
}

/** The ID number of member `index` must not repeat another member's (the server refuses that too). */
export function sameIdRule(lang: Language, index: number): FormRule {
  return (form) => ({
    validator: async (_, value: string | undefined) => {
      const id = (value ?? '').trim().toUpperCase();
      if (!id) return;
      const members = ((form as FormInstance).getFieldValue('members') ?? []) as { idNumber?: string }[];
      const repeated = members.some((m, i) => i < index && (m?.idNumber ?? '').trim().toUpperCase() === id);
      if (repeated) throw new Error(fieldMessage('idNumber', 'conflict.idNumber', lang, { idNumber: id }));
    },
  });
}

/** At most this many members in one household (createHouseholdBody). */
export const maxMembers = 30;

export interface HouseholdFlagsValues {
  category?: string;
  monitoringType?: string | null;
  relocation?: string;
  resettlementSite?: string | null;
}

export function householdRule(field: 'monitoringType' | 'resettlementSite', lang: Language): FormRule {
  return (form) => ({
    validator: async () => {
      const v = (form as FormInstance).getFieldsValue(true) as HouseholdFlagsValues;
      const problem = checkHousehold({
        category: (v.category ?? 'povertyExited') as HouseholdCategory,
        monitoringType:
          v.category === 'monitored' ? ((v.monitoringType ?? null) as MonitoringType | null) : null,
        relocation: (v.relocation ?? 'none') as Relocation,
        resettlementSite: v.relocation !== 'none' ? (v.resettlementSite ?? null) : null,
      }).find((p) => p.field === field);
      if (problem) throw new Error(fieldMessage(field, problem.code, lang));
    },
  });
}
