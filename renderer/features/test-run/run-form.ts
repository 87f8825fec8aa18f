// The load-test form's numbers, checked as the user types: how many requests (1..10,000), how many at once
// (1..64) and an optional pace (0.1..1,000 started per second), the same bounds as the contract's TestRunRequest,
// so main never has to refuse a number the form let through. Pure: the panel shows the words beside each field.

export const COUNT_MAX = 10_000;
export const CONCURRENCY_MAX = 64;
export const RATE_MIN = 0.1;
export const RATE_MAX = 1000;

export interface RunFormText {
  readonly count: string;
  readonly concurrency: string;
  /** Empty: as fast as the concurrency allows. */
  readonly rate: string;
}

export interface RunNumbers {
  readonly count: number;
  readonly concurrency: number;
  readonly ratePerSecond: number | null;
}

export type RunFormField = keyof RunFormText;

export interface RunFormCheck {
  /** The numbers to send, when every field is right. */
  readonly numbers: RunNumbers | null;
  /** What is wrong with each field, in words (absent: nothing). */
  readonly problems: Readonly<Partial<Record<RunFormField, string>>>;
  /** Words that do not block the run (more at once than requests). */
  readonly notes: Readonly<Partial<Record<RunFormField, string>>>;
}

export const DEFAULT_FORM: RunFormText = { count: '100', concurrency: '4', rate: '' };

// Digits only (with optional grouping commas or spaces a user might paste): "1e3", "0x10" and "12.5" are refused
// rather than read as something the user did not mean.
function wholeNumber(text: string, min: number, max: number, what: string): { value: number } | { problem: string } {
  const t = text.trim().replace(/[,\s_]/g, '');
  if (t === '') return { problem: `Enter ${what}.` };
  if (!/^\d+$/.test(t)) return { problem: `${capitalise(what)} must be a whole number.` };
  const value = Number(t);
  if (value < min || value > max) return { problem: `${capitalise(what)} must be from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.` };
  return { value };
}

function rate(text: string): { value: number | null } | { problem: string } {
  const t = text.trim();
  if (t === '') return { value: null };
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return { problem: 'The rate must be a number of requests per second (for example 20 or 0.5), or empty for no limit.' };
  const value = Number(t);
  if (value < RATE_MIN || value > RATE_MAX) return { problem: `The rate must be from ${RATE_MIN} to ${RATE_MAX.toLocaleString('en-US')} requests per second, or empty for no limit.` };
  return { value };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function checkRunForm(form: RunFormText): RunFormCheck {
  const count = wholeNumber(form.count, 1, COUNT_MAX, 'the number of requests');
  const concurrency = wholeNumber(form.concurrency, 1, CONCURRENCY_MAX, 'the concurrency');
  const pace = rate(form.rate);
  const problems: Partial<Record<RunFormField, string>> = {};
  const notes: Partial<Record<RunFormField, string>> = {};
  if ('problem' in count) problems.count = count.problem;
  if ('problem' in concurrency) problems.concurrency = concurrency.problem;
  if ('problem' in pace) problems.rate = pace.problem;
  if ('value' in count && 'value' in concurrency && concurrency.value > count.value) {
    notes.concurrency = `Only ${count.value.toLocaleString('en-US')} at once can run: there are no more requests than that.`;
  }
  const numbers = 'value' in count && 'value' in concurrency && 'value' in pace ? { count: count.value, concurrency: concurrency.value, ratePerSecond: pace.value } : null;
  return { numbers, problems, notes };
}

/** The first field with a problem, in the order the form shows them (where Start puts the focus). */
export function firstProblem(check: RunFormCheck): RunFormField | null {
  for (const f of ['count', 'concurrency', 'rate'] as const) if (check.problems[f]) return f;
  return null;
}
