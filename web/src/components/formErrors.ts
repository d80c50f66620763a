import type { FormInstance } from 'antd';
import { ApiError } from '../lib/api';

/** Puts the server's field messages on the form's fields; returns the overall message. */
export function applyServerErrors(form: FormInstance, e: unknown): string {
  if (e instanceof ApiError && e.fields) {
    const names = new Set(Object.keys(form.getFieldsValue(true)));
    const fields = Object.entries(e.fields)
      .filter(([k]) => names.has(k))
      .map(([name, err]) => ({ name, errors: [err] }));
    if (fields.length) form.setFields(fields);
  }
  return (e as Error).message;
}

/**
 * For a dialog's form: Enter in a date field picks the typed date, it does not submit the dialog
 * (a half-typed date would otherwise be saved with the rest).
 */
export function keepEnterInDateFields(e: { key: string; target: EventTarget; preventDefault: () => void }): void {
  if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('.ant-picker')) e.preventDefault();
}
