// The shell: navigation rail, the selected section, the status bar, all under one Fluent theme.
import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { AuditView } from '../features/audit/AuditView';
import { ConnectionsView } from '../features/connections/ConnectionsView';
import { PassphraseDialog } from '../features/connections/PassphraseDialog';
import { RoutesProvider } from '../features/connections/routes-context';
import { EndpointsView } from '../features/endpoints/EndpointsView';
import { SettingsView } from '../features/settings/SettingsView';
import { EnvironmentChoiceProvider } from '../features/session/environment-choice';
import { SessionProvider } from '../features/session/session-context';
import { StepUpProvider } from '../features/session/step-up';
import { WorkspacesView } from '../features/workspaces/WorkspacesView';
import { useAirlockQuery } from '../ipc/use-airlock-query';
import { ErrorBoundary } from './ErrorBoundary';
import { NavRail } from './NavRail';
import type { SectionId } from './sections';
import { StatusBar } from './StatusBar';
import { FLUENT_THEMES, useTheme } from './theme';

const useStyles = makeStyles({
  shell: { display: 'grid', gridTemplateRows: '1fr auto', height: '100%', backgroundColor: tokens.colorNeutralBackground1 },
  body: { display: 'grid', gridTemplateColumns: 'auto 1fr', minHeight: 0 },
  main: { minWidth: 0, minHeight: 0, overflow: 'auto', display: 'flex', flexDirection: 'column' },
});

export function App() {
  const styles = useStyles();
  const theme = useTheme();
  const [section, setSection] = useState<SectionId>('workspaces');
  const info = useAirlockQuery(() => window.airlock.app.info());
  const health = useAirlockQuery(() => window.airlock.app.health());

  // No className on the provider: Fluent hands the provider's classes to its portals (dialogs, menus), so a
  // height there makes every portal's mount node cover the app. The page-level height is in base.css.
  return (
    <FluentProvider theme={FLUENT_THEMES[theme.resolved]} data-theme={theme.resolved}>
      <SessionProvider>
      <EnvironmentChoiceProvider info={info}>
      <StepUpProvider>
      <RoutesProvider>
      <div className={styles.shell}>
        <div className={styles.body}>
          <NavRail selected={section} onSelect={setSection} />
          <main className={styles.main} aria-label={section} data-section-view={section}>
            <ErrorBoundary resetKey={section}>
              {section === 'workspaces' ? <WorkspacesView info={info} onOpenEndpoints={() => setSection('endpoints')} /> : null}
              {section === 'endpoints' ? <EndpointsView onSignIn={() => setSection('workspaces')} /> : null}
              {section === 'connections' ? <ConnectionsView onSignIn={() => setSection('workspaces')} /> : null}
              {section === 'audit' ? <AuditView /> : null}
              {section === 'settings' ? <SettingsView theme={theme.preference} onThemeChange={theme.setPreference} info={info} /> : null}
            </ErrorBoundary>
          </main>
        </div>
        <StatusBar info={info} health={health} onOpenConnections={() => setSection('connections')} />
        <PassphraseDialog />
      </div>
      </RoutesProvider>
      </StepUpProvider>
      </EnvironmentChoiceProvider>
      </SessionProvider>
    </FluentProvider>
  );
}
