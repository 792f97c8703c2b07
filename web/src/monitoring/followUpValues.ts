// Between a follow-up as the API has it, the drawer's form values, and the entry the API takes. The
// employment part goes through the person form's own payload rules (job details only for the
// employed, empty text as null), so a follow-up is shaped exactly like a registry edit.
import { type FollowUpRecord, followUpFields } from '../../../src/modules/monitoring/monitoring.rules';
import { emptyPerson, type PersonFormValues, toPayload } from '../persons/form/personValues';

export type FollowUpFormValues = Pick<
  PersonFormValues,
  | 'employmentStatus'
  | 'employmentForm'
  | 'workLocation'
  | 'workplace'
  | 'employer'
  | 'employmentStart'
  | 'monthlyIncome'
  | 'notWorkingReason'
  | 'wantsWork'
  | 'wantsTraining'
  | 'organizedByCooperation'
  | 'cooperationName'
>;

export function fromRecord(record: FollowUpRecord): FollowUpFormValues {
  return { ...record };
}

/** The follow-up entry for one person, as POST …/follow-ups takes it. */
export function toEntry(personId: number, values: FollowUpFormValues) {
  const payload = toPayload({ ...emptyPerson(), ...values });
  const entry: Record<string, unknown> = { personId };
  for (const field of followUpFields) entry[field] = payload[field];
  return entry;
}
