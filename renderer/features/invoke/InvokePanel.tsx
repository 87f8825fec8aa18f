// The endpoint detail's "Test" section: a payload (CodeMirror, completion and marks from the deployment's
// schema, samples, load from a file, size against the policy's limit), a target (the endpoint's traffic split or
// one deployment), Send (Ctrl+Enter) → endpoint.score, and the answer. Credentials never appear here: main picks
// them from the endpoint's auth mode. Errors are typed: a bad payload is marked where it goes wrong, a too-large
// one says bytes against the limit, no route up offers to connect one and then sends again. Below: Copy as curl /
// Python (the credential a placeholder) and this endpoint's history (view, re-run, compare), refreshed when a send
// was kept.
import { Button, Caption1, Field, makeStyles, Select, Spinner, tokens, Tooltip } from '@fluentui/react-components';
import { DocumentArrowUpRegular, SendRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { DeploymentSummary, EndpointSummary, InvokeResultView, PayloadSchemaView } from '../../../shared/contract/schemas/endpoint';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { detailsOf } from '../../../shared/errors/details';
import { cleanLine } from '../../components/inert-text';
import { ErrorPanel } from '../../components/ErrorPanel';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { HistoryPanel } from '../history/HistoryPanel';
import { useStepUp } from '../session/step-up';
import { ConnectOffer } from './ConnectOffer';
import { CopyAsButtons } from './CopyAsButtons';
import { PayloadEditor, type PayloadEditorRef } from './PayloadEditor';
import { parseSchema } from './payload-schema';
import { checkSize, formatBytes, sizeWords, utf8Bytes } from './payload-size';
import { ResponseView } from './ResponseView';
import { useElapsedSeconds } from './use-elapsed';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '960px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end' },
  caption: { color: tokens.colorNeutralForeground2 },
  over: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  file: { display: 'none' },
});

type Schema = { status: 'loading' } | { status: 'ready'; view: PayloadSchemaView } | { status: 'error'; error: AirlockError };
/** An answer for one request (target and generation): another key means that answer is old, so: loading. */
type KeyedSchema = Schema & { key: string };
type Sending = { id: number; since: number } | null;
type Outcome = { kind: 'result'; result: InvokeResultView } | { kind: 'error'; error: AirlockError; whileSchemaRouteDown?: boolean } | { kind: 'cancelled' } | null;

export function InvokePanel(props: { workspaceId: string; endpoint: EndpointSummary; deployments: DeploymentSummary[] }) {
  const styles = useStyles();
  const id = useId().replace(/:/g, '');
  const withStepUp = useStepUp();
  const editor = useRef<PayloadEditorRef>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState('');
  const [schemaGeneration, setSchemaGeneration] = useState(0);
  const retrySchema = useCallback(() => setSchemaGeneration((g) => g + 1), []);
  const [answered, setAnswered] = useState<KeyedSchema>({ key: '', status: 'loading' });
  const [text, setText] = useState('{}');
  const [sending, setSending] = useState<Sending>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const nextSend = useRef(0);
  const elapsed = useElapsedSeconds(sending?.since ?? null);
  const endpointName = props.endpoint.name;
  const deploymentName = target === '' ? undefined : target;

  const schemaKey = `${target}|${schemaGeneration}`;
  const schema: Schema = answered.key === schemaKey ? answered : { status: 'loading' };

  useEffect(() => {
    let live = true;
    unwrap(withStepUp(() => window.airlock.endpoint.payloadSchema({ workspaceId: props.workspaceId, endpointName, ...(deploymentName ? { deploymentName } : {}) }))).then(
      (view) => {
        if (!live) return;
        setAnswered({ key: schemaKey, status: 'ready', view });
        // A first sample replaces the empty starting body, never what the user typed.
        const first = view.samples[0];
        if (first) setText((current) => (current.trim() === '{}' ? (editor.current?.setText(first.payload), first.payload) : current));
      },
      (thrown: unknown) => live && setAnswered({ key: schemaKey, status: 'error', error: asAirlockError(thrown) }),
    );
    return () => {
      live = false;
    };
  }, [props.workspaceId, endpointName, deploymentName, schemaKey, withStepUp]);

  // Whether the schema read was waiting for a route when a send failed for want of one: once the schema is read
  // (the route came up), that "not sent" is over and is not shown any more.
  const schemaRouteDown = schema.status === 'error' && schema.error.code === 'E_ROUTE_DOWN';
  const shownOutcome: Outcome = outcome?.kind === 'error' && outcome.error.code === 'E_ROUTE_DOWN' && outcome.whileSchemaRouteDown && schema.status === 'ready' ? null : outcome;

  const schemaText = schema.status === 'ready' ? schema.view.schema : null;
  const parsedSchema = useMemo(() => parseSchema(schemaText), [schemaText]);
  const limit = schema.status === 'ready' ? schema.view.maxPayloadBytes : null;
  const size = limit === null ? null : checkSize(utf8Bytes(text), limit);

  const replaceText = (next: string) => {
    setText(next);
    editor.current?.setText(next);
  };

  const send = useCallback(() => {
    if (sending) return;
    editor.current?.markServerProblem(null);
    if (size?.over) {
      setOutcome({ kind: 'error', error: new AirlockError('E_PAYLOAD_TOO_LARGE', { details: { bytes: size.bytes, limitBytes: size.limitBytes } }) });
      return;
    }
    const mine = { id: ++nextSend.current, since: Date.now() };
    setSending(mine);
    setOutcome(null);
    void unwrap(withStepUp(() => window.airlock.endpoint.score({ workspaceId: props.workspaceId, endpointName, payload: text, ...(deploymentName ? { deploymentName } : {}) })))
      .then(
        (result): Outcome => ({ kind: 'result', result }),
        (thrown: unknown): Outcome => ({ kind: 'error', error: asAirlockError(thrown), whileSchemaRouteDown: schemaRouteDown }),
      )
      .then((answer) => {
        // A cancelled send's answer is dropped: the user stopped waiting for it.
        if (nextSend.current !== mine.id) return;
        setSending(null);
        setOutcome(answer);
        if (answer?.kind === 'error' && answer.error.code === 'E_PAYLOAD_INVALID') {
          const d = detailsOf('E_PAYLOAD_INVALID', answer.error);
          editor.current?.markServerProblem({ pointer: d?.pointer ?? '', keyword: d?.keyword ?? d?.reason ?? 'schema', message: `breaks the deployment's schema (${d?.keyword ?? d?.reason ?? 'schema'}), checked by Airlock` });
        }
      });
  }, [sending, size, withStepUp, props.workspaceId, endpointName, text, deploymentName, schemaRouteDown]);

  const cancel = () => {
    nextSend.current += 1;
    setSending(null);
    setOutcome({ kind: 'cancelled' });
  };

  const loadFile = (file: File | undefined) => {
    if (!file) return;
    // The size is checked before the file is read, so a huge file never lands in the renderer.
    if (limit !== null && file.size > limit) {
      setOutcome({ kind: 'error', error: new AirlockError('E_PAYLOAD_TOO_LARGE', { details: { bytes: file.size, limitBytes: limit } }) });
      return;
    }
    file.text().then(replaceText, () => setOutcome({ kind: 'error', error: new AirlockError('E_INTERNAL', { message: 'Airlock could not read that file.' }) }));
  };

  const view = schema.status === 'ready' ? schema.view : null;
  return (
    <div className={styles.root} data-invoke-panel={endpointName}>
      <div className={styles.row}>
        <Field label="Send to">
          <Select value={target} onChange={(_, d) => setTarget(d.value)} data-invoke-target>
            <option value="">{`The endpoint (its traffic split)`}</option>
            {props.deployments.map((d) => (
              <option key={d.name} value={d.name}>{`Deployment ${cleanLine(d.name)} only`}</option>
            ))}
          </Select>
        </Field>
        {view && view.samples.length > 0 ? (
          <Field label="Sample">
            <Select value="" onChange={(_, d) => d.value !== '' && replaceText(view.samples[Number(d.value)]?.payload ?? text)} data-invoke-sample>
              <option value="">Choose a sample…</option>
              {view.samples.map((s, i) => (
                <option key={i} value={String(i)}>
                  {cleanLine(s.name).slice(0, 128)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {limit === null ? (
          // Focusable while it waits, so keyboard and screen-reader users hear why.
          <Tooltip content="Available once Airlock has read the deployment's schema and your size limit (a private route must be up)." relationship="description">
            <Button icon={<DocumentArrowUpRegular />} disabledFocusable>
              Load from file…
            </Button>
          </Tooltip>
        ) : (
          <Button icon={<DocumentArrowUpRegular />} onClick={() => fileInput.current?.click()}>
            Load from file…
          </Button>
        )}
        <input ref={fileInput} className={styles.file} type="file" accept=".json,application/json,text/plain" tabIndex={-1} aria-hidden="true" onChange={(e) => (loadFile(e.target.files?.[0]), (e.target.value = ''))} data-invoke-file />
      </div>
      {schema.status === 'loading' ? <Spinner size="tiny" label="Reading the deployment's schema…" /> : null}
      {schema.status === 'error' && schema.error.code === 'E_ROUTE_DOWN' ? (
        <ConnectOffer
          error={schema.error}
          title="Connect a private route to read this deployment's schema and send requests"
          what="read the deployment's schema"
          retryWhenUp
          onUp={retrySchema}
        />
      ) : null}
      {schema.status === 'error' && schema.error.code !== 'E_ROUTE_DOWN' ? <ErrorPanel error={schema.error} onRetry={retrySchema} /> : null}
      <Caption1 className={styles.caption} data-invoke-schema-source>
        {view ? (view.schema ? `Checked against ${cleanLine(view.source ?? 'the deployment’s schema')}` : 'This deployment publishes no schema Airlock can read: only JSON syntax is checked here.') : ''}
      </Caption1>
      <PayloadEditor ref={editor} id={id} label={`Request body for ${cleanLine(endpointName)} (JSON)`} text={text} schema={parsedSchema} onChange={setText} onSend={send} />
      <div className={styles.row}>
        <Button appearance="primary" icon={<SendRegular />} onClick={send} disabled={sending !== null} data-invoke-send>
          Send
        </Button>
        {sending ? (
          <>
            <Spinner size="tiny" label={`Waiting for the answer… ${elapsed} s`} data-invoke-waiting />
            <Button onClick={cancel} data-invoke-cancel>
              Cancel
            </Button>
          </>
        ) : null}
        {size ? (
          <span className={size.over ? styles.over : styles.caption} data-invoke-size={size.over ? 'over' : 'ok'}>
            {sizeWords(size)}
          </span>
        ) : null}
      </div>
      <CopyAsButtons scoringHost={props.endpoint.scoringHost} authMode={props.endpoint.authMode} deploymentName={deploymentName} payload={text} endpointName={endpointName} workspaceId={props.workspaceId} />
      <Outcome outcome={shownOutcome} onRetry={send} routeOfferAbove={schemaRouteDown} />
      <HistoryPanel workspaceId={props.workspaceId} endpointName={endpointName} refreshKey={outcome?.kind === 'result' ? outcome.result.historyId : null} />
    </div>
  );
}

function Outcome(props: { outcome: Outcome; onRetry: () => void; routeOfferAbove: boolean }) {
  const o = props.outcome;
  if (!o) return null;
  if (o.kind === 'cancelled') return <div role="status" data-invoke-cancelled>Stopped waiting. The request may still complete in Airlock (it was already on its way); its answer will not be shown here.</div>;
  if (o.kind === 'result')
    return (
      <>
        {o.result.historyId !== null ? (
          <div role="status" data-invoke-saved={o.result.historyId}>
            Saved to history.
          </div>
        ) : null}
        <ResponseView result={o.result} />
      </>
    );
  if (o.error.code === 'E_ROUTE_DOWN') {
    // One offer on the screen: the one above (for the schema) already connects a route.
    if (props.routeOfferAbove)
      return (
        <div role="status" data-invoke-not-sent="route-down">
          Not sent: no private route is up. Connect one above, then send again.
        </div>
      );
    return <ConnectOffer error={o.error} what="send the request again" onUp={props.onRetry} />;
  }
  const tooLarge = detailsOf('E_PAYLOAD_TOO_LARGE', o.error);
  return (
    <div>
      <ErrorPanel error={o.error} onRetry={props.onRetry} />
      {tooLarge ? <div data-invoke-too-large>{`The body is ${formatBytes(tooLarge.bytes)} (${tooLarge.bytes.toLocaleString('en-US')} bytes); the limit is ${formatBytes(tooLarge.limitBytes)} (${tooLarge.limitBytes.toLocaleString('en-US')} bytes).`}</div> : null}
    </div>
  );
}
