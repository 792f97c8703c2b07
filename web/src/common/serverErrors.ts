// A refused save: each server field error goes to its field (members.0.idNumber → the first member's
// ID box), and the whole refusal is summed up above the form. The form keeps every value.
import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';

export function toNamePath(field: string): (string | number)[] {
  return field.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export function applyServerErrors(form: FormInstance, error: ApiError) {
  const fields = error.errors.filter((e) => e.field);
  if (fields.length === 0) return;
  form.setFields(fields.map((e) => ({ name: toNamePath(e.field), errors: [e.message] })));
  const first = fields[0];
  if (first) form.scrollToField(toNamePath(first.field), { block: 'center' });
}

/** After a failed client-side check: bring the first field in error into view. */
export function scrollToFirstError(form: FormInstance) {
  const first = form.getFieldsError().find((f) => f.errors.length > 0);
  if (first) form.scrollToField(first.name, { block: 'center' });
}
