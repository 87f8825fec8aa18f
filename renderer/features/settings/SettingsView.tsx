// Settings: appearance (theme), the session, the admin policy in force, diagnostics for support, and what this Airlock is (version,
// platform, known environments).
import { Body1, Caption1, Label, makeStyles, Radio, RadioGroup, Spinner, Subtitle1, tokens } from '@fluentui/react-components';
import type { AppInfo } from '../../../shared/contract/schemas/app';
import { THEME_PREFERENCES, type ThemePreference } from '../../app/theme';
import { ErrorPanel } from '../../components/ErrorPanel';
import { SessionPanel } from '../session/SessionPanel';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { PolicyPanel } from './PolicyPanel';
import type { QueryState } from '../../ipc/use-airlock-query';

const LABELS: Record<ThemePreference, string> = {
  system: 'Use system setting',
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High contrast',
};

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, overflowY: 'auto' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
});

export function SettingsView(props: {
  theme: ThemePreference;
  onThemeChange: (theme: ThemePreference) => void;
  info: QueryState<AppInfo> & { reload: () => void };
}) {
  const styles = useStyles();
  const { info } = props;
  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="appearance-heading">
        <Subtitle1 as="h2" id="appearance-heading">
          Appearance
        </Subtitle1>
        <Label id="theme-label">Theme</Label>
        <RadioGroup aria-labelledby="theme-label" value={props.theme} onChange={(_e, data) => props.onThemeChange(data.value as ThemePreference)}>
          {THEME_PREFERENCES.map((p) => (
            <Radio key={p} value={p} label={LABELS[p]} />
          ))}
        </RadioGroup>
      </section>
      <SessionPanel />
      <PolicyPanel />
      <DiagnosticsPanel />
      <section className={styles.section} aria-labelledby="about-heading">
        <Subtitle1 as="h2" id="about-heading">
          About Airlock
        </Subtitle1>
        {info.status === 'loading' ? <Spinner size="tiny" label="Loading…" /> : null}
        {info.status === 'error' ? <ErrorPanel error={info.error.toShape()} onRetry={info.reload} /> : null}
        {info.status === 'ready' ? (
          <div className={styles.facts}>
            <Caption1>Version</Caption1>
            <Body1 data-fact="version">{info.value.version}</Body1>
            <Caption1>Build</Caption1>
            <Body1 data-fact="build">
              {info.value.build}, {info.value.signature === 'signed' ? 'signed' : 'unsigned'}
            </Body1>
            <Caption1>Platform</Caption1>
            <Body1>
              {info.value.platform} ({info.value.arch})
            </Body1>
            <Caption1>Environments</Caption1>
            <Body1 data-fact="environments">{info.value.environments.map((e) => e.displayName).join(', ')}</Body1>
          </div>
        ) : null}
      </section>
    </div>
  );
}
