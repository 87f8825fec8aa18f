// The answer to a test inference: status and the useful headers, Azure's failure in words, the timing phases as
// a small bar, and the body pretty-printed. Everything is inert text (the body is the deployment's data); a big
// body is shown a bounded number of lines at a time.
import { Badge, Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { InvokeResultView } from '../../../shared/contract/schemas/endpoint';
import { InertText } from '../../components/InertText';
import { formatBytes } from './payload-size';
import { msText, prettyBody, timingPhases } from './response-display';

const LINES_PER_PAGE = 400;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  facts: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere', minWidth: 0, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  bar: { display: 'flex', height: '12px', borderRadius: tokens.borderRadiusSmall, overflow: 'hidden', border: `1px solid ${tokens.colorNeutralStroke1}`, backgroundColor: tokens.colorNeutralBackground3 },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, margin: 0, padding: 0, listStyle: 'none', fontSize: tokens.fontSizeBase200 },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginRight: tokens.spacingHorizontalXS, border: `1px solid ${tokens.colorNeutralStroke1}` },
  body: { margin: 0, padding: tokens.spacingHorizontalS, maxHeight: '420px', overflow: 'auto', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1, border: `1px solid ${tokens.colorNeutralStroke2}`, whiteSpace: 'pre', tabSize: 2 },
  // Each segment ends in a line of the page's background, so phases stay apart where the palette colours are one
  // (high contrast maps them all to the same system colour).
  segment: { boxSizing: 'border-box', borderRight: `2px solid ${tokens.colorNeutralBackground1}` },
  dns: { backgroundColor: tokens.colorPaletteBerryBackground3 },
  connect: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  tls: { backgroundColor: tokens.colorPaletteLightGreenBackground3 },
  ttfb: { backgroundColor: tokens.colorBrandBackground },
  download: { backgroundColor: tokens.colorPaletteTealBackground2 },
});

function Fact(props: { term: string; name: string; value: unknown; max: number }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{props.term}</dt>
      <dd className={styles.value} data-response-fact={props.name}>
        <InertText value={props.value} max={props.max} empty="—" />
      </dd>
    </>
  );
}

function TimingBar(props: { timings: InvokeResultView['timings'] }) {
  const styles = useStyles();
  const phases = timingPhases(props.timings);
  const words = `${phases.map((p) => `${p.label} ${msText(p.ms)}`).join(', ')}; total ${msText(props.timings.totalMs)}`;
  return (
    <div data-response-timings>
      <div className={styles.bar} role="img" aria-label={`Timing: ${words}`}>
        {phases.map((p) => (
          <span key={p.key} className={`${styles.segment} ${styles[p.key]}`} style={{ width: `${p.percent}%` }} data-phase={p.key} />
        ))}
      </div>
      <ul className={styles.legend} aria-hidden="true">
        {phases.map((p) => (
          <li key={p.key}>
            <span className={`${styles.swatch} ${styles[p.key]}`} />
            {`${p.label} ${msText(p.ms)}`}
          </li>
        ))}
        <li>{`Total ${msText(props.timings.totalMs)}`}</li>
      </ul>
    </div>
  );
}

function Body(props: { result: InvokeResultView }) {
  const styles = useStyles();
  const pretty = useMemo(() => prettyBody(props.result.body), [props.result.body]);
  const lines = useMemo(() => pretty.text.split('\n'), [pretty.text]);
  const [shown, setShown] = useState(LINES_PER_PAGE);
  return (
    <div>
      <pre className={styles.body} tabIndex={0} aria-label={`Response body${pretty.json ? ' (JSON)' : ''}`} data-response-body={pretty.json ? 'json' : 'text'}>
        {lines.slice(0, shown).join('\n')}
      </pre>
      {lines.length > shown ? (
        <Button appearance="subtle" onClick={() => setShown((s) => s + LINES_PER_PAGE * 5)}>{`Show more (${(lines.length - shown).toLocaleString('en-US')} more lines)`}</Button>
      ) : null}
      <div>{`${formatBytes(props.result.bodyBytes)}${props.result.bodyTruncated ? ' — cut by Airlock at its display bound' : ''}`}</div>
    </div>
  );
}

/** `label` names the region when a page shows more than one response (history's view and re-run). */
export function ResponseView(props: { result: InvokeResultView; label?: string }) {
  const styles = useStyles();
  const r = props.result;
  return (
    <section className={styles.root} aria-label={props.label ?? 'Response'} data-response-status={r.status}>
      <div>
        <Badge appearance="filled" color={r.ok ? 'success' : 'danger'} data-response-badge>{`HTTP ${r.status}`}</Badge>
      </div>
      {r.failure ? (
        <MessageBar intent="error" layout="multiline" data-response-failure>
          <MessageBarBody>
            <MessageBarTitle>
              <InertText value={r.failure.title} max={200} />
            </MessageBarTitle>
            <InertText value={r.failure.words} max={1000} />
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <dl className={styles.facts}>
        <Fact term="Request id" name="requestId" value={r.requestId} max={128} />
        <Fact term="Answered by deployment" name="modelDeployment" value={r.modelDeployment} max={64} />
        <Fact term="run() failure" name="runFunctionFailure" value={r.runFunctionFailure} max={1024} />
        <Fact term="Content type" name="contentType" value={r.contentType} max={128} />
        <Fact term="Route" name="route" value={`${r.route.via} (${r.route.id})`} max={140} />
      </dl>
      <TimingBar timings={r.timings} />
      <Body result={r} />
    </section>
  );
}
