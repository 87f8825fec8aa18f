// One route of the active environment: its state badge and since when, target, bytes, latency, last error in
// words, the reconnect notice, and Connect / Disconnect (busy while connecting). A route the environment or the
// policy does not allow is shown disabled with the reason. Display only: the actions are the parent's.
import { Badge, Body1, Button, Caption1, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import type { RouteListEntry } from '../../../shared/contract/schemas/route';
import { timeWithZone } from '../../components/time-text';
import { bytesWords, reconnectWords, relativeWords, rttWords, stateWords, viaWords } from './route-words';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  disabled: { color: tokens.colorNeutralForegroundDisabled, backgroundColor: tokens.colorNeutralBackground2 },
  head: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  title: { margin: 0 },
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  error: { color: tokens.colorPaletteRedForeground1 },
  notice: { color: tokens.colorPaletteDarkOrangeForeground1 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: 'auto' },
});

export interface RouteCardProps {
  readonly route: RouteListEntry;
  readonly now: number;
  /** A connect this screen started and main has not answered yet. */
  readonly busy: boolean;
  /** A disconnect this screen started and main has not answered yet. */
  readonly disconnecting?: boolean;
  readonly onConnect: () => void;
  readonly onDisconnect: () => void;
}

export function RouteCard(props: RouteCardProps) {
  const styles = useStyles();
  const { route, now, busy } = props;
  const state = stateWords(route.state);
  const name = viaWords(route.via);
  const reconnect = reconnectWords(route, now);
  const connecting = busy || route.state === 'connecting';
  return (
    <section className={`${styles.card} ${route.allowed ? '' : styles.disabled}`} aria-label={name} data-route={route.via} data-route-state={route.state} aria-disabled={!route.allowed}>
      <div className={styles.head}>
        <Subtitle2 as="h3" className={styles.title}>
          {name}
        </Subtitle2>
        <Badge appearance={route.state === 'off' ? 'outline' : 'filled'} color={state.color} data-route-badge>
          {state.label}
        </Badge>
        <Caption1>
          since{' '}
          <time dateTime={route.since} title={timeWithZone(route.since)} data-route-since>
            {relativeWords(route.since, now)}
          </time>
        </Caption1>
      </div>
      {!route.allowed ? (
        <Body1 data-route-why>{`Not available: ${route.why ?? 'not allowed here'}`}</Body1>
      ) : null}
      <dl className={styles.facts}>
        <dt className={styles.term}>Target</dt>
        <dd className={styles.value}>{route.target || '—'}</dd>
        <dt className={styles.term}>Received / sent</dt>
        <dd className={styles.value} data-route-bytes>{`${bytesWords(route.bytesIn)} / ${bytesWords(route.bytesOut)}`}</dd>
        <dt className={styles.term}>Round trip</dt>
        <dd className={styles.value} data-route-rtt>{rttWords(route.rttMs)}</dd>
      </dl>
      {reconnect ? (
        <Body1 className={styles.notice} role="status" data-route-reconnect>
          {reconnect}
        </Body1>
      ) : null}
      {route.lastError ? (
        <Body1 className={styles.error} data-route-error={route.lastError.code}>
          {`Last error: ${route.lastError.message}`}
        </Body1>
      ) : null}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={!route.allowed || connecting || route.state === 'up' || route.state === 'degraded'}
          icon={connecting ? <Spinner size="tiny" /> : undefined}
          onClick={props.onConnect}
          aria-label={`Connect ${name}`}
        >
          {connecting ? 'Connecting…' : 'Connect'}
        </Button>
        <Button
          disabled={!route.allowed || props.disconnecting === true || (route.state === 'off' && !busy)}
          icon={props.disconnecting ? <Spinner size="tiny" /> : undefined}
          onClick={props.onDisconnect}
          aria-label={`Disconnect ${name}`}
        >
          {props.disconnecting ? 'Disconnecting…' : 'Disconnect'}
        </Button>
      </div>
    </section>
  );
}
