// Local forwards for the user's own tools: the open ones (forward.list) with the address ready to copy, target,
// route, bytes and End (forward.close), and a "Forward a port" form (workspace, endpoint, route, optional local
// port → forward.open), kept current by forward.state pushes (open, change, close; bytes alone do not push, so
// Refresh re-reads them). A forward Airlock closed itself (a policy change) leaves a warning saying why.
// Listens on 127.0.0.1 only — main decides; this screen only shows what main answered.
import { Body1, Button, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Select, Spinner, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, CopyRegular } from '@fluentui/react-icons';
import { useEffect, useState, type FormEvent } from 'react';
import type { ForwardState, ForwardView, RouteListEntry } from '../../../shared/contract/schemas/route';
import type { WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { ErrorPanel } from '../../components/ErrorPanel';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useAirlockQuery } from '../../ipc/use-airlock-query';
import { bytesWords, viaWords } from './route-words';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  field: { minWidth: '180px' },
  port: { width: '140px' },
  // Fluent's Input keeps its own minimum width; inside the sized port field it takes the field's.
  control: { minWidth: 0, width: '100%' },
  address: { fontFamily: tokens.fontFamilyMonospace },
  addressCell: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  // A scoring host is long: it wraps inside its column instead of running under the next one.
  wrap: { overflowWrap: 'anywhere', whiteSpace: 'normal', padding: `${tokens.spacingVerticalXS} 0` },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: { margin: 0 },
  text: { margin: 0 },
});

/** '' → none; else a whole number (main's schema checks the range and says so in words). */
function portOf(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

/** The pushes seen so far, in order, over the list main last answered: upserts and removals, so a push that the
 * list already reflects changes nothing. */
function withPushes(list: readonly ForwardView[], pushes: readonly ForwardState[]): readonly ForwardView[] {
  let rows = list;
  for (const p of pushes) {
    rows = rows.filter((f) => f.id !== p.forward.id);
    if (p.kind !== 'closed') rows = [...rows, p.forward];
  }
  return [...rows].sort((a, b) => a.openedAt.localeCompare(b.openedAt));
}

export function ForwardsPanel(props: { workspaces: readonly WorkspaceSummary[]; routes: readonly RouteListEntry[] }) {
  const styles = useStyles();
  const forwards = useAirlockQuery(() => window.airlock.forward.list());
  const [pushes, setPushes] = useState<readonly ForwardState[]>([]);
  useEffect(() => window.airlock.forward.onState((p) => setPushes((all) => [...all.slice(-199), p])), []);
  const rows = forwards.status === 'ready' ? withPushes(forwards.value.forwards, pushes) : [];
  // Forwards Airlock closed itself (the policy changed): said where the row was, until the user dismisses it.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const closedByAirlock = pushes.filter((p) => p.kind === 'closed' && p.closedBecause && !dismissed.has(p.forward.id));
  const allowed = props.routes.filter((r) => r.allowed);
  const [workspaceId, setWorkspaceId] = useState('');
  const [endpointName, setEndpointName] = useState('');
  const [via, setVia] = useState('');
  const [localPort, setLocalPort] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AirlockError | null>(null);
  const [said, setSaid] = useState('');
  const chosenWorkspace = workspaceId || props.workspaces[0]?.id || '';

  const open = (event: FormEvent) => {
    event.preventDefault();
    if (!chosenWorkspace || !endpointName.trim()) return;
    setBusy(true);
    setError(null);
    const port = portOf(localPort);
    unwrap(
      window.airlock.forward.open({
        workspaceId: chosenWorkspace,
        endpointName: endpointName.trim(),
        ...(via ? { via: via as RouteListEntry['via'] } : {}),
        ...(port === undefined ? {} : { localPort: port }),
      }),
    )
      .then(
        (view) => {
          setSaid(`Forwarding ${view.address} to ${view.target}.`);
          forwards.reload();
        },
        (thrown: unknown) => setError(asAirlockError(thrown)),
      )
      .finally(() => setBusy(false));
  };
  const end = (id: string, address: string) => {
    setError(null);
    unwrap(window.airlock.forward.close({ id })).then(
      () => {
        setSaid(`Ended the forward on ${address}.`);
        forwards.reload();
      },
      (thrown: unknown) => setError(asAirlockError(thrown)),
    );
  };
  const copy = (address: string) => {
    navigator.clipboard.writeText(address).then(
      () => setSaid(`Copied ${address}.`),
      () => setSaid(`Could not copy; the address is ${address}.`),
    );
  };

  return (
    <section aria-label="Local forwards" className={styles.section} data-forwards>
      <div className={styles.head}>
        <Subtitle2 as="h3" className={styles.title}>
          Local forwards
        </Subtitle2>
        <Button appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={forwards.reload} aria-label="Refresh forwards" />
      </div>
      <Body1 as="p" className={styles.text}>A port on this computer (127.0.0.1 only) that carries your own tools — notebooks, curl, SDKs — to a private endpoint over a route.</Body1>
      <form className={styles.form} onSubmit={open} aria-label="Forward a port">
        <Field label="Workspace" className={styles.field}>
          <Select value={chosenWorkspace} onChange={(_e, d) => setWorkspaceId(d.value)} data-forward-field="workspace">
            {props.workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.displayName || w.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Endpoint name" className={styles.field}>
          <Input value={endpointName} onChange={(_e, d) => setEndpointName(d.value)} data-forward-field="endpoint" />
        </Field>
        <Field label="Route" className={styles.field}>
          <Select value={via} onChange={(_e, d) => setVia(d.value)} data-forward-field="route">
            <option value="">Any route that is up</option>
            {allowed.map((r) => (
              <option key={r.via} value={r.via}>
                {viaWords(r.via)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Local port (optional)" className={styles.port}>
          <Input className={styles.control} value={localPort} onChange={(_e, d) => setLocalPort(d.value.replace(/[^0-9]/g, ''))} inputMode="numeric" placeholder="any" data-forward-field="port" />
        </Field>
        <Button type="submit" appearance="primary" disabled={busy || !chosenWorkspace || !endpointName.trim()} icon={busy ? <Spinner size="tiny" /> : undefined}>
          Forward a port
        </Button>
      </form>
      {error ? <ErrorPanel error={error.toShape()} /> : null}
      <Body1 role="status" aria-live="polite">{said}</Body1>
      {closedByAirlock.map((p) => (
        <MessageBar key={p.forward.id} intent="warning" layout="multiline" data-forward-closed={p.forward.id}>
          <MessageBarBody>
            <MessageBarTitle>{`Airlock closed the forward on ${p.forward.address} to ${p.forward.target}.`}</MessageBarTitle>
            {p.closedBecause}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setDismissed((all) => new Set([...all, p.forward.id]))}>Dismiss</Button>
          </MessageBarActions>
        </MessageBar>
      ))}
      {forwards.status === 'error' ? <ErrorPanel error={forwards.error.toShape()} onRetry={forwards.reload} /> : null}
      {forwards.status === 'ready' && rows.length === 0 ? <Body1 as="p" className={styles.text}>No local forwards are open.</Body1> : null}
      {forwards.status === 'ready' && rows.length > 0 ? (
        <Table aria-label="Open forwards" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Address</TableHeaderCell>
              <TableHeaderCell>Target</TableHeaderCell>
              <TableHeaderCell>Via</TableHeaderCell>
              <TableHeaderCell>Received / sent</TableHeaderCell>
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((f) => (
              <TableRow key={f.id} data-forward={f.id}>
                <TableCell>
                  <span className={styles.addressCell}>
                    <span className={styles.address}>{f.address}</span>
                    <Button size="small" appearance="subtle" icon={<CopyRegular />} onClick={() => copy(f.address)} aria-label={`Copy ${f.address}`}>
                      Copy
                    </Button>
                  </span>
                </TableCell>
                <TableCell>
                  <span className={styles.wrap}>{f.target}</span>
                </TableCell>
                <TableCell>{viaWords(f.via)}</TableCell>
                <TableCell>{`${bytesWords(f.bytesIn)} / ${bytesWords(f.bytesOut)}`}</TableCell>
                <TableCell>
                  <Button size="small" onClick={() => end(f.id, f.address)} aria-label={`End ${f.address}`}>
                    End
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}
