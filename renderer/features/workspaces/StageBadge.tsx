// A model stage as a badge (models table, model detail): its look from stageLook, its text from ARM through
// InertText (cleaned, bounded), never as markup.
import { Badge } from '@fluentui/react-components';
import { InertText } from '../../components/InertText';
import { stageLook } from './model-display';

export function StageBadge({ stage, className }: { stage: string; className?: string }) {
  const look = stageLook(stage);
  return (
    <Badge appearance={look.appearance} color={look.color} {...(className ? { className } : {})}>
      <InertText value={stage} max={40} />
    </Badge>
  );
}
