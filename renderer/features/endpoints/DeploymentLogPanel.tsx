// A deployment's log tail (ARM getLogs): which deployment, how many lines, Refresh. The text is inert: cleaned
// of control characters, direction overrides shown as markers, monospace in a bounded, keyboard-scrollable box,
// and cut to its newest part when long. Never rendered as markup, never linkified.
import { Button, Caption1, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DeploymentSummary } from '../../../shared/contract/schemas/endpoint';
import { cleanLine, cleanLines, tail } from '../../components/inert-text';
import { useStepUp } from '../session/step-up';
import { ReadProgress } from './ReadProgress';
import { useCancellableQuery } from './use-cancellable-query';

export const TAIL_CHOICES = [100, 300, 1000, 5000] as const;
/** Characters of log shown at most (the newest): enough for thousands of lines, bounded for the DOM. */
export const LOG_SHOWN_CHARS = 400_000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  controls: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  log: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '360px',
    minHeight: '80px',
    overflow: 'auto',
    // Long lines wrap (at any character: a log line may be one long token) rather than run off the right edge.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    unicodeBidi: 'isolate',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  note: { color: tokens.colorNeutralForeground2 },
});

export function DeploymentLogPanel(props: { workspaceId: string; endpointName: string; deployments: readonly DeploymentSummary[]; deployment: string | null; onDeployment: (name: string) => void }) {
  const styles = useStyles();
  const [lines, setLines] = useState<number>(300);
  const [generation, setGeneration] = useState(0);
  const deployment = props.deployment ?? props.deployments[0]?.name ?? null;
  if (!deployment) return <Caption1 className={styles.note}>This endpoint has no deployments, so it has no logs.</Caption1>;
  return (
    <div className={styles.root}>
      <div className={styles.controls}>
        <Field label="Deployment">
          <Select value={deployment} onChange={(_e, data) => props.onDeployment(data.value)} data-log-deployment>
            {props.deployments.map((d) => (
              <option key={d.name} value={d.name}>
                {cleanLine(d.name)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Lines">
          <Select value={String(lines)} onChange={(_e, data) => setLines(Number(data.value))} data-log-lines>
            {TAIL_CHOICES.map((n) => (
              <option key={n} value={n}>
                {`Last ${n.toLocaleString()}`}
              </option>
            ))}
          </Select>
        </Field>
        <Button icon={<ArrowClockwiseRegular />} onClick={() => setGeneration((g) => g + 1)} data-log-refresh>
          Refresh
        </Button>
      </div>
      {/* Keyed by what it reads: another deployment, line count or Refresh reads again. */}
      <LogTail key={`${deployment}\u0000${lines}\u0000${generation}`} {...props} deployment={deployment} lines={lines} />
    </div>
  );
}

function LogTail(props: { workspaceId: string; endpointName: string; deployment: string; lines: number }) {
  const styles = useStyles();
  const withStepUp = useStepUp();
  const logs = useCancellableQuery(() =>
    withStepUp(() => window.airlock.endpoint.logs({ workspaceId: props.workspaceId, endpointName: props.endpointName, deploymentName: props.deployment, tail: props.lines })),
  );
  if (logs.status !== 'ready') return <ReadProgress query={logs} what="the deployment's log" />;
  const shown = tail(cleanLines(logs.value.content), LOG_SHOWN_CHARS);
  const name = cleanLine(props.deployment);
  return (
    <>
      <Caption1 className={styles.note} data-log-summary>
        {logs.value.content.length === 0
          ? `The log of ${name} is empty.`
          : `${logs.value.lines.toLocaleString()} lines${logs.value.truncated || shown.truncated ? ', cut to the newest' : ''}.`}
      </Caption1>
      {logs.value.content.length > 0 ? (
        // A scrollable region is a tab stop, so the keyboard can scroll it (axe: scrollable-region-focusable).
        <pre className={styles.log} tabIndex={0} role="region" aria-label={`Log of deployment ${name}`} data-log-text>
          {shown.text}
        </pre>
      ) : null}
    </>
  );
}
