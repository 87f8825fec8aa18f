// The Audit screen's filter form and the audit.list filter it stands for. Blank fields are no filter, text is
// trimmed, the date-time inputs (local time, as the user reads the clock) become UTC instants. An unfinished
// or impossible date is left out rather than sent, so typing never produces a refused request.
import type { AuditFilterView, AuditOutcomeFilter } from './audit-types';

export interface FilterForm {
  /** `<input type="datetime-local">` values: 'YYYY-MM-DDTHH:MM', local time; '' = none. */
  readonly from: string;
  readonly to: string;
  readonly action: string;
  readonly outcome: AuditOutcomeFilter | '';
  readonly account: string;
  readonly resource: string;
}

export const EMPTY_FORM: FilterForm = { from: '', to: '', action: '', outcome: '', account: '', resource: '' };

function instant(local: string): string | undefined {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(local)) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function filterOf(form: FilterForm): AuditFilterView {
  const from = instant(form.from);
  const to = instant(form.to);
  const text = (value: string) => value.trim() || undefined;
  const action = text(form.action);
  const account = text(form.account);
  const resource = text(form.resource);
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(action ? { action } : {}),
    ...(form.outcome ? { outcome: form.outcome } : {}),
    ...(account ? { account } : {}),
    ...(resource ? { resource } : {}),
  };
}

export function isFiltered(filter: AuditFilterView): boolean {
  return Object.keys(filter).length > 0;
}
