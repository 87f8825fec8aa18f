// Test connection: pick a workspace, type the endpoint's name, pick a route → route.check walks DNS/TCP/TLS/HTTP
// (VPN) or route/channel/TLS/HTTP (jump host, Bastion), each step with its time and, when it failed, the cause
// in words; the failed step stands out. The endpoint's host comes from ARM in main, never from this form.
import { Badge, Body1, Button, Field, Input, makeStyles, Select, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, DismissCircleRegular, SubtractCircleRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { RouteListEntry, TestConnectionView } from '../../../shared/contract/schemas/route';
import type { WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { ErrorPanel } from '../../components/ErrorPanel';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { msWords, stepWords, viaWords } from './route-words';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  field: { minWidth: '200px' },
  steps: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: {
    display: 'grid',
    gridTemplateColumns: '24px 80px 80px 1fr',
    gap: tokens.spacingHorizontalS,
    alignItems: 'start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThick} solid transparent`,
  },
  failed: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`, backgroundColor: tokens.colorPaletteRedBackground1 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  skipped: { color: tokens.colorNeutralForeground3 },
  name: { fontWeight: tokens.fontWeightSemibold },
  words: { display: 'flex', flexDirection: 'column', overflowWrap: 'anywhere' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: { margin: 0 },
  summary: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

function StepIcon(props: { ok: boolean; skipped: boolean | undefined }) {
  const styles = useStyles();
  if (props.skipped) return <SubtractCircleRegular className={styles.skipped} aria-label="skipped" />;
  return props.ok ? <CheckmarkCircleRegular className={styles.ok} aria-label="passed" /> : <DismissCircleRegular className={styles.bad} aria-label="failed" />;
}

export function TestResult(props: { result: TestConnectionView }) {
  const styles = useStyles();
  const { result } = props;
  return (
    <div className={styles.section} data-test-result={result.ok ? 'ok' : 'failed'}>
      <div className={styles.summary} role="status">
        <Badge color={result.ok ? 'success' : 'danger'}>{result.ok ? 'Passed' : 'Failed'}</Badge>
        <Body1>{`${result.host} over ${viaWords(result.via)} · ${msWords(result.totalMs)}`}</Body1>
      </div>
      <ol className={styles.steps} aria-label="Test steps">
        {result.steps.map((step) => {
          const failed = !step.ok && !step.skipped;
          return (
            <li key={step.name} className={`${styles.step} ${failed ? styles.failed : ''}`} data-step={step.name} data-step-state={step.skipped ? 'skipped' : step.ok ? 'ok' : 'failed'}>
              <StepIcon ok={step.ok} skipped={step.skipped} />
              <span className={styles.name}>{stepWords(step.name)}</span>
              <span>{step.skipped ? 'skipped' : msWords(step.ms)}</span>
              <span className={styles.words}>
                {step.detail ? <span>{step.detail}</span> : null}
                {step.cause ? <span className={styles.bad} data-step-cause>{step.cause}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function TestConnectionPanel(props: { workspaces: readonly WorkspaceSummary[]; routes: readonly RouteListEntry[] }) {
  const styles = useStyles();
  const allowed = props.routes.filter((r) => r.allowed);
  const [workspaceId, setWorkspaceId] = useState('');
  const [endpointName, setEndpointName] = useState('');
  const [via, setVia] = useState('');
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<{ result: TestConnectionView } | { error: AirlockError } | null>(null);
  const chosenWorkspace = workspaceId || props.workspaces[0]?.id || '';
  const chosenVia = (via || allowed[0]?.via || '') as RouteListEntry['via'] | '';

  const run = (event: FormEvent) => {
    event.preventDefault();
    if (!chosenWorkspace || !chosenVia || !endpointName.trim()) return;
    setRunning(true);
    setOutcome(null);
    unwrap(window.airlock.route.check({ via: chosenVia, workspaceId: chosenWorkspace, endpointName: endpointName.trim() }))
      .then(
        (result) => setOutcome({ result }),
        (thrown: unknown) => setOutcome({ error: asAirlockError(thrown) }),
      )
      .finally(() => setRunning(false));
  };

  return (
    <section aria-label="Test connection" className={styles.section} data-test-connection>
      <Subtitle2 as="h3" className={styles.title}>Test connection</Subtitle2>
      <form className={styles.form} onSubmit={run}>
        <Field label="Workspace" className={styles.field}>
          <Select value={chosenWorkspace} onChange={(_e, d) => setWorkspaceId(d.value)} data-test-field="workspace">
            {props.workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.displayName || w.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Endpoint name" className={styles.field}>
          <Input value={endpointName} onChange={(_e, d) => setEndpointName(d.value)} placeholder="e.g. credit-scoring" data-test-field="endpoint" />
        </Field>
        <Field label="Route" className={styles.field}>
          <Select value={chosenVia} onChange={(_e, d) => setVia(d.value)} data-test-field="route">
            {allowed.map((r) => (
              <option key={r.via} value={r.via}>
                {viaWords(r.via)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" appearance="primary" disabled={running || !chosenWorkspace || !chosenVia || !endpointName.trim()} icon={running ? <Spinner size="tiny" /> : undefined}>
          {running ? 'Testing…' : 'Test'}
        </Button>
      </form>
      {outcome && 'result' in outcome ? <TestResult result={outcome.result} /> : null}
      {outcome && 'error' in outcome ? <ErrorPanel error={outcome.error.toShape()} /> : null}
    </section>
  );
}
