// The left navigation rail: a vertical tab list, so arrow keys move between sections and Tab leaves it.
import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { BoxMultipleRegular, PlugConnectedRegular, VirtualNetworkRegular, SettingsRegular, ShieldTaskRegular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { SECTIONS, type SectionId } from './sections';

const ICONS: Record<SectionId, ReactElement> = {
  workspaces: <BoxMultipleRegular />,
  endpoints: <PlugConnectedRegular />,
  connections: <VirtualNetworkRegular />,
  audit: <ShieldTaskRegular />,
  settings: <SettingsRegular />,
};

const useStyles = makeStyles({
  rail: {
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    width: '176px',
    boxSizing: 'border-box',
  },
  brand: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalL}`,
  },
});

export function NavRail(props: { selected: SectionId; onSelect(id: SectionId): void }) {
  const styles = useStyles();
  return (
    <nav className={styles.rail} aria-label="Main navigation">
      <div className={styles.brand}>Airlock</div>
      <TabList vertical selectedValue={props.selected} onTabSelect={(_e, data) => props.onSelect(data.value as SectionId)}>
        {SECTIONS.map((s) => (
          <Tab key={s.id} value={s.id} icon={ICONS[s.id]} data-section={s.id}>
            {s.label}
          </Tab>
        ))}
      </TabList>
    </nav>
  );
}
