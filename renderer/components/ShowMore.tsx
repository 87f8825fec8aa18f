// Long text shortened to a few words, with a button that shows the whole of it (aria-expanded, so screen
// readers hear the state; a real button, so Enter and Space work). Text only: nothing here renders markup.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';

const useStyles = makeStyles({
  root: { display: 'inline' },
  toggle: { minWidth: 0, padding: `0 ${tokens.spacingHorizontalXS}`, height: 'auto', verticalAlign: 'baseline' },
});

/** Where to cut: at a word boundary before `limit` characters when there is one. */
function shortened(text: string, limit: number): string {
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function ShowMore(props: { text: string; limit?: number; label: string }) {
  const styles = useStyles();
  const limit = props.limit ?? 120;
  const [open, setOpen] = useState(false);
  const id = useId();
  if (props.text.length <= limit) return <span>{props.text}</span>;
  return (
    <span className={styles.root}>
      <span id={id}>{open ? props.text : shortened(props.text, limit)}</span>{' '}
      {/* One name in both states (the state is aria-expanded and the chevron), so it reads and finds the same. */}
      <Button
        className={styles.toggle}
        appearance="transparent"
        size="small"
        icon={open ? <ChevronUpRegular /> : <ChevronDownRegular />}
        iconPosition="after"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        Full {props.label}
      </Button>
    </span>
  );
}
