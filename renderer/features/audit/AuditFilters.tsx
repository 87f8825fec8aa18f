// The Audit screen's filters: time range, action, outcome, account, resource. Native inputs under Fluent's
// Field, so every one has a label, is reachable with Tab and works with the keyboard alone. The list follows
// the form after a short pause (use-debounced-filter.ts).
import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { EMPTY_FORM, type FilterForm } from './audit-filter';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  time: { width: '190px' },
  text: { width: '170px' },
  outcome: { width: '140px' },
});

export function AuditFilters(props: { form: FilterForm; onChange: (form: FilterForm) => void }) {
  const styles = useStyles();
  const { form, onChange } = props;
  const set = (key: keyof FilterForm) => (_e: unknown, data: { value: string }) => onChange({ ...form, [key]: data.value });
  const blank = JSON.stringify(form) === JSON.stringify(EMPTY_FORM);
  return (
    <form className={styles.form} role="search" aria-label="Filter audit records" onSubmit={(e) => e.preventDefault()}>
      <Field label="From" className={styles.time}>
        <Input type="datetime-local" value={form.from} onChange={set('from')} data-filter="from" />
      </Field>
      <Field label="To" className={styles.time}>
        <Input type="datetime-local" value={form.to} onChange={set('to')} data-filter="to" />
      </Field>
      <Field label="Action" className={styles.text}>
        <Input value={form.action} onChange={set('action')} placeholder="workspace.*" data-filter="action" />
      </Field>
      <Field label="Outcome" className={styles.outcome}>
        <Select value={form.outcome} onChange={set('outcome')} data-filter="outcome">
          <option value="">Any</option>
          <option value="allow">Allowed</option>
          <option value="deny">Denied</option>
          <option value="ok">OK</option>
          <option value="error">Error</option>
        </Select>
      </Field>
      <Field label="Account" className={styles.text}>
        <Input value={form.account} onChange={set('account')} placeholder="name@example.com" data-filter="account" />
      </Field>
      <Field label="Resource" className={styles.text}>
        <Input value={form.resource} onChange={set('resource')} placeholder="workspace:*" data-filter="resource" />
      </Field>
      <Button icon={<DismissRegular />} disabled={blank} onClick={() => onChange(EMPTY_FORM)}>
        Clear filters
      </Button>
    </form>
  );
}
