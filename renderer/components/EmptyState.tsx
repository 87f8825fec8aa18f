// A calm placeholder for screens with nothing to show yet: what goes here and what to do next.
import { Body1, makeStyles, Subtitle1, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    height: '100%',
    textAlign: 'center',
    color: tokens.colorNeutralForeground2,
    padding: tokens.spacingHorizontalXXL,
  },
  icon: { fontSize: '48px', color: tokens.colorBrandForeground1 },
  body: { maxWidth: '480px' },
});

export function EmptyState(props: { icon: ReactNode; title: string; children: ReactNode; action?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="region" aria-label={props.title}>
      <span className={styles.icon} aria-hidden="true">
        {props.icon}
      </span>
      <Subtitle1 as="h2">{props.title}</Subtitle1>
      <Body1 className={styles.body}>{props.children}</Body1>
      {props.action}
    </div>
  );
}
