// The Audit screen's filters: time range, action, outcome, account, resource. Native inputs under Fluent's
// Field, so every one has a label, is reachable with Tab and works with the keyboard alone. The list follows
// the form after a short pause (use-debounced-filter.ts).
import { Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { FilterForm } from './audit-filter';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  time: { width: '176px' },
  text: { width: '150px' },
  outcome: { width: '110px' },
  // Fluent's Input and Select keep their own minimum width; inside a sized Field they take the Field's.
  control: { width: '100%', minWidth: 0 },
});

export function AuditFilters(props: { form: FilterForm; onChange: (form: FilterForm) => void }) {
  const styles = useStyles();
  const { form, onChange } = props;
  const set = (key: keyof FilterForm) => (_e: unknown, data: { value: string }) => onChange({ ...form, [key]: data.value });
  return (
    <form className={styles.form} role="search" aria-label="Filter audit records" onSubmit={(e) => e.preventDefault()}>
      <Field label="From" className={styles.time}>
        <Input className={styles.control} type="datetime-local" value={form.from} onChange={set('from')} data-filter="from" />
      </Field>
      <Field label="To" className={styles.time}>
        <Input className={styles.control} type="datetime-local" value={form.to} onChange={set('to')} data-filter="to" />
      </Field>
      <Field label="Action" className={styles.text}>
        <Input className={styles.control} value={form.action} onChange={set('action')} placeholder="e.g. workspace.*" data-filter="action" />
      </Field>
      <Field label="Outcome" className={styles.outcome}>
        <Select className={styles.control} value={form.outcome} onChange={set('outcome')} data-filter="outcome">
          <option value="">Any</option>
          <option value="allow">Allowed</option>
          <option value="deny">Denied</option>
          <option value="ok">OK</option>
          <option value="error">Error</option>
        </Select>
      </Field>
      <Field label="Account" className={styles.text}>
        <Input className={styles.control} value={form.account} onChange={set('account')} placeholder="name or id" data-filter="account" />
      </Field>
      <Field label="Resource" className={styles.text}>
        <Input className={styles.control} value={form.resource} onChange={set('resource')} placeholder="e.g. workspace:*" data-filter="resource" />
      </Field>
    </form>
  );
}
