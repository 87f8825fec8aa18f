// One string from outside on screen: cleaned and cut (inert-text.ts), isolated in <bdi> so right-to-left text
// cannot reorder what stands beside it, the whole (cleaned) text on hover when it was cut, and an em dash for
// nothing. React text only — this component must never render markup from its input.
import { displayText } from './inert-text';

export function InertText(props: { value: unknown; max?: number; className?: string; empty?: string }) {
  const shown = displayText(props.value, props.max ?? 80);
  if (shown.empty) return <span className={props.className}>{props.empty ?? '—'}</span>;
  return (
    <bdi className={props.className} title={shown.truncated ? shown.full : undefined} data-truncated={shown.truncated || undefined}>
      {shown.text}
    </bdi>
  );
}
