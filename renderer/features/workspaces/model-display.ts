// How a model's facts read in the table: Azure's type names in the words studio uses, stage badges, tags on one
// line (dates read as every date does: components/time-text.ts). Plain strings only — what comes from ARM is
// shown as text, never as markup.
import type { ModelSummary } from '../../../shared/contract/schemas/workspace';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  mlflow_model: 'MLflow',
  mlflowmodel: 'MLflow',
  custom_model: 'Custom',
  custommodel: 'Custom',
  triton_model: 'Triton',
  tritonmodel: 'Triton',
};

/** "MLflow · sklearn", "Custom", "lightgbm", or an em dash when neither is known. */
export function modelTypeLabel(model: Pick<ModelSummary, 'modelType' | 'framework'>): string {
  const type = model.modelType ? (TYPE_NAMES[model.modelType.toLowerCase()] ?? model.modelType) : null;
  return [type, model.framework].filter(Boolean).join(' · ') || '—';
}

export interface StageLook {
  readonly appearance: 'outline' | 'tint';
  readonly color: 'success' | 'warning' | 'informative' | 'subtle';
}

/**
 * Badge looks for the stages Azure ML uses; a team's own stage names stay neutral. Archived is muted as a
 * grey tint: Fluent's outline 'subtle' is white text meant for dark fills, invisible on a light row.
 */
export function stageLook(stage: string): StageLook {
  const s = stage.toLowerCase();
  if (s === 'production') return { appearance: 'outline', color: 'success' };
  if (s === 'staging') return { appearance: 'outline', color: 'warning' };
  if (s === 'archived') return { appearance: 'tint', color: 'subtle' };
  return { appearance: 'outline', color: 'informative' };
}

/**
 * A model's tags on one line, for a fixed-height row: the first `shown` as "key: value", then "+n" for the rest;
 * '' when it has none. Raw text from ARM: show it through InertText (which cleans it), never as markup.
 */
export function tagsLine(tags: ModelSummary['tags'], shown: number): string {
  const first = tags.slice(0, Math.max(0, shown)).map((t) => `${t.key}: ${t.value}`).join(', ');
  const rest = tags.length - Math.min(tags.length, Math.max(0, shown));
  return rest > 0 ? `${first} +${rest}`.trim() : first;
}
