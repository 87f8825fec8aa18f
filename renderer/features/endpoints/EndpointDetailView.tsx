// One online endpoint: its facts, its deployments, a deployment's log tail, and a Test section with two tabs: a
// single request (the invoke panel, renderer/features/invoke) and a load test (renderer/features/test-run). A tab
// is mounted when first chosen and then kept (hidden), so switching never loses a body or a running load test.
// Until the detail answers, the row the user opened is shown so the screen never jumps; the facts then come from
// endpoint.detail. Everything from ARM is inert text.
import { Badge, Button, makeStyles, Subtitle1, Subtitle2, Tab, TabList, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowLeftRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { DeploymentSummary, EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import { cleanLine, cleanLines, FULL_TEXT_BOUND, truncate } from '../../components/inert-text';
import { InertText } from '../../components/InertText';
import { ShowMore } from '../../components/ShowMore';
import { useStepUp } from '../session/step-up';
import { InvokePanel } from '../invoke/InvokePanel';
import { TestRunPanel } from '../test-run/TestRunPanel';
import { dayText } from '../../components/time-text';
import { DeploymentLogPanel } from './DeploymentLogPanel';
import { DeploymentsTable } from './DeploymentsTable';
import { authModeLabel, provisioningTone, publicAccessLabel, trafficLabel } from './endpoint-display';
import { ReadProgress } from './ReadProgress';
import { useCancellableQuery } from './use-cancellable-query';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { margin: 0, marginRight: 'auto', overflowWrap: 'anywhere' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionTitle: { margin: 0 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere', minWidth: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

function Fact(props: { term: string; name: string; children: ReactNode; mono?: boolean }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{props.term}</dt>
      <dd className={props.mono ? `${styles.value} ${styles.mono}` : styles.value} data-endpoint-fact={props.name}>
        {props.children}
      </dd>
    </>
  );
}

function When(props: { iso: unknown }) {
  const text = typeof props.iso === 'string' ? dayText(props.iso) : null;
  return text ? <time dateTime={props.iso as string}>{text}</time> : <>—</>;
}

export function EndpointFacts(props: { endpoint: EndpointSummary }) {
  const styles = useStyles();
  const e = props.endpoint;
  const description = truncate(cleanLines(e.description).trim(), FULL_TEXT_BOUND).text;
  return (
    <dl className={styles.facts}>
      <Fact term="Auth mode" name="authMode">
        {authModeLabel(e.authMode)}
      </Fact>
      <Fact term="Scoring host" name="scoringHost" mono>
        <InertText value={e.scoringHost} max={253} empty="None Airlock accepts" />
      </Fact>
      <Fact term="Public network access" name="publicNetworkAccess">
        {publicAccessLabel(e.publicNetworkAccess)}
      </Fact>
      <Fact term="Traffic" name="traffic">
        <InertText value={trafficLabel(e.traffic)} max={400} />
      </Fact>
      <Fact term="State" name="provisioningState">
        <Badge appearance="tint" color={provisioningTone(e.provisioningState)}>
          <InertText value={e.provisioningState} max={32} />
        </Badge>
      </Fact>
      <Fact term="Created" name="createdAt">
        <When iso={e.createdAt} />
      </Fact>
      <Fact term="Modified" name="modifiedAt">
        <When iso={e.modifiedAt} />
      </Fact>
      <Fact term="Description" name="description">
        {description ? (
          <bdi>
            <ShowMore text={description} label="description" limit={240} />
          </bdi>
        ) : (
          '—'
        )}
      </Fact>
      <Fact term="Resource id" name="id" mono>
        <InertText value={e.id} max={512} />
      </Fact>
    </dl>
  );
}

export function EndpointDetailView(props: { workspaceId: string; summary: EndpointSummary; onBack: () => void }) {
  const styles = useStyles();
  const withStepUp = useStepUp();
  const [generation, setGeneration] = useState(0);
  const back = useRef<HTMLButtonElement>(null);
  // Keyboard users land on Back, the first thing in the view, rather than at the top of the page.
  useEffect(() => back.current?.focus(), []);
  const name = cleanLine(props.summary.name);
  return (
    <div className={styles.root} data-endpoint-detail={props.summary.name}>
      <div className={styles.heading}>
        <Button ref={back} icon={<ArrowLeftRegular />} onClick={props.onBack}>
          Back to endpoints
        </Button>
        <Subtitle1 as="h2" className={styles.title}>
          <InertText value={props.summary.name} max={64} />
        </Subtitle1>
        <Button icon={<ArrowClockwiseRegular />} onClick={() => setGeneration((g) => g + 1)} aria-label={`Refresh endpoint ${name}`}>
          Refresh
        </Button>
      </div>
      <DetailBody key={generation} workspaceId={props.workspaceId} summary={props.summary} withStepUp={withStepUp} />
    </div>
  );
}

function DetailBody(props: { workspaceId: string; summary: EndpointSummary; withStepUp: ReturnType<typeof useStepUp> }) {
  const styles = useStyles();
  const detail = useCancellableQuery(() => props.withStepUp(() => window.airlock.endpoint.detail({ workspaceId: props.workspaceId, endpointName: props.summary.name })));
  const [deployment, setDeployment] = useState<string | null>(null);
  const endpoint = detail.status === 'ready' ? detail.value.endpoint : props.summary;
  const name = cleanLine(props.summary.name);
  return (
    <>
      <section className={styles.section} aria-labelledby="endpoint-facts">
        <Subtitle2 as="h3" id="endpoint-facts" className={styles.sectionTitle}>
          Endpoint
        </Subtitle2>
        <EndpointFacts endpoint={endpoint} />
      </section>
      <ReadProgress query={detail} what="the endpoint and its deployments" />
      {detail.status === 'ready' ? (
        <>
          <section className={styles.section} aria-labelledby="endpoint-deployments">
            <Subtitle2 as="h3" id="endpoint-deployments" className={styles.sectionTitle}>
              {`Deployments (${detail.value.deployments.length})`}
            </Subtitle2>
            {detail.value.deployments.length > 0 ? (
              <DeploymentsTable label={`Deployments of ${name}`} deployments={detail.value.deployments} selected={deployment} onSelect={(d) => setDeployment(d.name)} />
            ) : (
              <span>This endpoint has no deployments.</span>
            )}
          </section>
          <section className={styles.section} aria-labelledby="endpoint-logs">
            <Subtitle2 as="h3" id="endpoint-logs" className={styles.sectionTitle}>
              Deployment log
            </Subtitle2>
            <DeploymentLogPanel
              workspaceId={props.workspaceId}
              endpointName={props.summary.name}
              deployments={detail.value.deployments}
              deployment={deployment}
              onDeployment={setDeployment}
            />
          </section>
          <section className={styles.section} aria-labelledby="endpoint-test">
            <Subtitle2 as="h3" id="endpoint-test" className={styles.sectionTitle}>
              Test
            </Subtitle2>
            <TestTabs workspaceId={props.workspaceId} endpoint={detail.value.endpoint} deployments={detail.value.deployments} />
          </section>
        </>
      ) : null}
    </>
  );
}

type TestTab = 'single' | 'load';

function TestTabs(props: { workspaceId: string; endpoint: EndpointSummary; deployments: DeploymentSummary[] }) {
  const [tab, setTab] = useState<TestTab>('single');
  const [opened, setOpened] = useState<ReadonlySet<TestTab>>(() => new Set(['single']));
  const choose = (next: TestTab) => (setTab(next), setOpened((o) => new Set(o).add(next)));
  return (
    <>
      <TabList selectedValue={tab} onTabSelect={(_, d) => choose(d.value as TestTab)} aria-label="Test kind">
        <Tab id="endpoint-test-single" value="single" aria-controls="endpoint-test-single-panel">
          Single request
        </Tab>
        <Tab id="endpoint-test-load" value="load" aria-controls="endpoint-test-load-panel">
          Load test
        </Tab>
      </TabList>
      <div role="tabpanel" id="endpoint-test-single-panel" aria-labelledby="endpoint-test-single" hidden={tab !== 'single'}>
        <InvokePanel workspaceId={props.workspaceId} endpoint={props.endpoint} deployments={props.deployments} />
      </div>
      <div role="tabpanel" id="endpoint-test-load-panel" aria-labelledby="endpoint-test-load" hidden={tab !== 'load'}>
        {opened.has('load') ? <TestRunPanel workspaceId={props.workspaceId} endpoint={props.endpoint} deployments={props.deployments} /> : null}
      </div>
    </>
  );
}
