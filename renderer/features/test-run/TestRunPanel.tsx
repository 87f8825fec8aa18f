// The endpoint detail's "Load test" tab (support staff): one payload sent N times at concurrency C, optionally
// paced, to the endpoint (its traffic split) or one deployment — testRun.* over the same route, guard and
// credentials as a single Send (main picks them; no credential is ever here). The form checks its numbers as they
// are typed; Start (or Ctrl+Enter in the editor) runs, progress comes from main's pushes, Cancel stops it; the
// report follows. A route that is down offers to connect one and then starts again.
import { Button, Caption1, Field, Input, makeStyles, Select, Spinner, tokens } from '@fluentui/react-components';
import { PlayRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { DeploymentSummary, EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { detailsOf } from '../../../shared/errors/details';
import { ErrorPanel } from '../../components/ErrorPanel';
import { cleanLine } from '../../components/inert-text';
import { ConnectOffer } from '../invoke/ConnectOffer';
import { PayloadEditor, type PayloadEditorRef } from '../invoke/PayloadEditor';
import { parseSchema } from '../invoke/payload-schema';
import { checkSize, sizeWords, utf8Bytes } from '../invoke/payload-size';
import { checkRunForm, DEFAULT_FORM, firstProblem, type RunFormField, type RunFormText } from './run-form';
import { RunProgress } from './RunProgress';
import { RunReport } from './RunReport';
import { usePayloadSchema } from './use-payload-schema';
import { useTestRun, type RunRequest } from './use-test-run';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '960px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-start' },
  number: { width: '11em' },
  caption: { color: tokens.colorNeutralForeground2 },
  over: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const FIELDS: ReadonlyArray<{ field: RunFormField; label: string; hint: string }> = [
  { field: 'count', label: 'Requests', hint: '1 to 10,000' },
  { field: 'concurrency', label: 'At once (concurrency)', hint: '1 to 64' },
  { field: 'rate', label: 'Rate limit (per second)', hint: 'Optional; empty: no limit' },
];

export function TestRunPanel(props: { workspaceId: string; endpoint: EndpointSummary; deployments: DeploymentSummary[] }) {
  const styles = useStyles();
  const id = useId().replace(/:/g, '');
  const editor = useRef<PayloadEditorRef>(null);
  const inputs = useRef<Partial<Record<RunFormField, HTMLInputElement | null>>>({});
  const [target, setTarget] = useState('');
  const [generation, setGeneration] = useState(0);
  const [text, setText] = useState('{}');
  const [form, setForm] = useState<RunFormText>(DEFAULT_FORM);
  const [refused, setRefused] = useState<AirlockError | null>(null);
  const run = useTestRun();
  const endpointName = props.endpoint.name;
  const deploymentName = target === '' ? undefined : target;
  const schema = usePayloadSchema(props.workspaceId, endpointName, deploymentName, generation);
  const view = schema.status === 'ready' ? schema.view : null;
  const parsedSchema = useMemo(() => parseSchema(view?.schema ?? null), [view]);
  const size = view ? checkSize(utf8Bytes(text), view.maxPayloadBytes) : null;
  const check = checkRunForm(form);
  const running = run.state.phase === 'running';

  // The first sample replaces the empty starting body, never what the user typed.
  const firstSample = view?.samples[0]?.payload;
  useEffect(() => {
    if (!firstSample) return;
    setText((current) => (current.trim() === '{}' ? (editor.current?.setText(firstSample), firstSample) : current));
  }, [firstSample]);

  const lastRequest = useRef<RunRequest | null>(null);
  const start = useCallback(() => {
    if (running) return;
    editor.current?.markServerProblem(null);
    const wrong = firstProblem(check);
    if (wrong || !check.numbers) {
      if (wrong) inputs.current[wrong]?.focus();
      return;
    }
    if (size?.over) {
      setRefused(new AirlockError('E_PAYLOAD_TOO_LARGE', { details: { bytes: size.bytes, limitBytes: size.limitBytes } }));
      return;
    }
    setRefused(null);
    const request: RunRequest = { workspaceId: props.workspaceId, endpointName, deploymentName, payload: text, ...check.numbers };
    lastRequest.current = request;
    run.start(request);
  }, [running, check, size, props.workspaceId, endpointName, deploymentName, text, run]);

  const again = () => lastRequest.current && run.start(lastRequest.current);

  const error = run.state.phase === 'error' ? run.state.error : refused;
  // Main's E_PAYLOAD_INVALID pointer is marked in the editor, as the Test tab does.
  useEffect(() => {
    const invalid = error ? detailsOf('E_PAYLOAD_INVALID', error) : undefined;
    if (!invalid) return;
    const keyword = invalid.keyword ?? invalid.reason ?? 'schema';
    editor.current?.markServerProblem({ pointer: invalid.pointer ?? '', keyword, message: `breaks the deployment's schema (${keyword}), checked by Airlock` });
  }, [error]);

  return (
    <div className={styles.root} data-test-run-panel={endpointName}>
      <div className={styles.row}>
        <Field label="Send to">
          <Select value={target} onChange={(_, d) => setTarget(d.value)} disabled={running} data-test-run-target>
            <option value="">{`The endpoint (its traffic split)`}</option>
            {props.deployments.map((d) => (
              <option key={d.name} value={d.name}>{`Deployment ${cleanLine(d.name)} only`}</option>
            ))}
          </Select>
        </Field>
        {view && view.samples.length > 0 ? (
          <Field label="Sample">
            <Select
              value=""
              disabled={running}
              onChange={(_, d) => {
                const next = d.value === '' ? null : view.samples[Number(d.value)]?.payload;
                if (next === undefined || next === null) return;
                setText(next);
                editor.current?.setText(next);
              }}
              data-test-run-sample
            >
              <option value="">Choose a sample…</option>
              {view.samples.map((s, i) => (
                <option key={i} value={String(i)}>
                  {cleanLine(s.name).slice(0, 128)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
      {schema.status === 'loading' ? <Spinner size="tiny" label="Reading the deployment's schema…" /> : null}
      {schema.status === 'error' && schema.error.code === 'E_ROUTE_DOWN' ? <ConnectOffer error={schema.error} what="read the deployment's schema" onUp={() => setGeneration((g) => g + 1)} /> : null}
      {schema.status === 'error' && schema.error.code !== 'E_ROUTE_DOWN' ? <ErrorPanel error={schema.error} onRetry={() => setGeneration((g) => g + 1)} /> : null}
      <PayloadEditor ref={editor} id={`${id}-payload`} label={`Load test body for ${cleanLine(endpointName)} (JSON)`} text={text} schema={parsedSchema} onChange={setText} onSend={start} />
      {size ? (
        <Caption1 className={size.over ? styles.over : styles.caption} data-test-run-size={size.over ? 'over' : 'ok'}>
          {sizeWords(size)}
        </Caption1>
      ) : null}
      <div className={styles.row}>
        {FIELDS.map(({ field, label, hint }) => (
          <Field
            key={field}
            label={label}
            hint={check.problems[field] ? undefined : (check.notes[field] ?? hint)}
            validationState={check.problems[field] ? 'error' : 'none'}
            validationMessage={check.problems[field]}
            data-test-run-field={field}
          >
            <Input
              ref={(el) => {
                inputs.current[field] = el;
              }}
              className={styles.number}
              inputMode={field === 'rate' ? 'decimal' : 'numeric'}
              value={form[field]}
              disabled={running}
              onChange={(_, d) => setForm((f) => ({ ...f, [field]: d.value }))}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                // Without this the same Enter went on to press Cancel, which takes the focus as the run starts.
                e.preventDefault();
                start();
              }}
              data-test-run-input={field}
            />
          </Field>
        ))}
      </div>
      <div className={styles.row}>
        <Button appearance="primary" icon={<PlayRegular />} onClick={start} disabled={running} data-test-run-start>
          Start load test
        </Button>
        <Caption1 className={styles.caption}>Ctrl+Enter in the body also starts it. Each request goes over the same route and checks as a single Send.</Caption1>
      </div>
      {run.state.phase === 'running' ? <RunProgress key="progress" state={run.state} onCancel={run.cancel} /> : null}
      {error?.code === 'E_ROUTE_DOWN' ? <ConnectOffer error={error} what="start the load test again" onUp={again} /> : null}
      {error && error.code !== 'E_ROUTE_DOWN' ? <ErrorPanel error={error} onRetry={again} /> : null}
      {run.state.phase === 'done' ? <RunReport key={run.state.report.runId} report={run.state.report} /> : null}
    </div>
  );
}
