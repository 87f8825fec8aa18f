// What admins read about each machine-policy value in the templates (Group Policy editor, MDM profiles, the
// sample file): a display name, what it does, and for the template editors the control that sets it. One
// entry per managed value (sources/managed-values.ts); a test fails when a value has none, so a new policy
// setting cannot ship without reaching every template.
import { ANOMALY_KINDS, ENDPOINT_AUTH_MODES, UPDATE_CHANNELS } from '../document/policy-document';

export interface SettingDescription {
  readonly displayName: string;
  readonly explain: string;
  /** Numbers: their range (ADMX decimal). */
  readonly range?: { readonly min: number; readonly max: number };
  /** Text with a fixed set of values (ADMX enum / dropdown). */
  readonly choices?: readonly string[];
  /** The label of the edit control (ADML presentation). */
  readonly label?: string;
}

const JSON_NOTE = 'Enter JSON text, in the same form as in /etc/airlock/policy.json (see docs/admin/policy.md).';

export const SETTING_DESCRIPTIONS: Readonly<Record<string, SettingDescription>> = {
  Version: { displayName: 'Policy format version', explain: 'The version of the policy format. Set it to 1.', range: { min: 1, max: 1 }, label: 'Version' },
  Environments: { displayName: 'Allowed environments', explain: 'The Airlock environments (clouds and sandboxes) users may sign in to, one per line. * allows any.', label: 'Environment ids' },
  Tenants: { displayName: 'Allowed tenants', explain: 'The Entra ID tenant ids users may sign in with, one per line. * allows any. A sign-in from another tenant is signed out at once.', label: 'Tenant ids' },
  IdleLockMinutes: { displayName: 'Idle lock (minutes)', explain: 'After this many minutes without use, Airlock locks its token vault; the user unlocks it again.', range: { min: 1, max: 1440 }, label: 'Minutes' },
  MaxPayloadBytes: { displayName: 'Largest request payload (bytes)', explain: 'Test inference payloads larger than this are refused before they are sent.', range: { min: 1, max: 104_857_600 }, label: 'Bytes' },
  EndpointAuthModes: { displayName: 'Endpoint sign-in modes', explain: `The online endpoint authentication modes Airlock may invoke, one per line: ${ENDPOINT_AUTH_MODES.join(', ')}.`, label: 'Modes' },
  Routes: { displayName: 'Required private routes', explain: `The routes each kind of resource must be reached over, for example {"endpoint": "private"}. ${JSON_NOTE}`, label: 'Routes (JSON)' },
  LocalForwards: { displayName: 'Allow local port forwards', explain: "Enabled: users may open a 127.0.0.1 port forwarded to a private endpoint for their own tools. Disabled: they may not, and open forwards close." },
  HostKeyFirstUse: { displayName: 'Trust a new jump host key on first use', explain: 'Enabled: a jump host key that the environment does not pin may be trusted after the user confirms its fingerprint. Disabled: only pinned or remembered keys.' },
  AuditRetentionDays: { displayName: 'Audit records kept for (days)', explain: 'Local audit records older than this are removed.', range: { min: 1, max: 3650 }, label: 'Days' },
  HistoryRetentionDays: { displayName: 'Invocation history kept for (days)', explain: 'Local test-inference history older than this is removed. 0 keeps none.', range: { min: 0, max: 3650 }, label: 'Days' },
  Forwarding: { displayName: 'Audit forwarding', explain: `Where Airlock also sends its audit records (syslog over TLS), for example {"host": "siem.contoso.com", "port": 6514, "format": "cef"}. ${JSON_NOTE}`, label: 'Forwarding (JSON)' },
  AnomaliesBlock: { displayName: 'Anomaly hints that block', explain: `Anomaly hints that refuse the action instead of only warning, one per line: ${ANOMALY_KINDS.join(', ')}.`, label: 'Hints' },
  UpdatesEnabled: { displayName: 'Allow automatic updates', explain: 'Enabled: Airlock may update itself from the feed in "Update feed URL". Disabled or not configured: it never updates itself. (This version has no updater; the setting is honoured by later versions.)' },
  UpdateChannel: { displayName: 'Update channel', explain: `The release channel updates come from: ${UPDATE_CHANNELS.join(' or ')}.`, choices: UPDATE_CHANNELS, label: 'Channel' },
  UpdateFeedUrl: { displayName: 'Update feed URL', explain: 'The https:// address of the update feed. No user name or password in it.', label: 'Feed URL' },
  Rules: { displayName: 'Access rules', explain: `The rules that allow or deny actions (deny by default: without rules every action is refused). ${JSON_NOTE}`, label: 'Rules (JSON)' },
};
