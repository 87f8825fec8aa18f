// How a model's facts read in the table: Azure's type names in the words studio uses, dates in the user's
// locale. Plain strings only — what comes from ARM is shown as text, never as markup.
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

/** A date as the user's locale writes it, or null when ARM sent none (or something that is not a date). */
/** One formatter for every date cell: toLocaleDateString with options builds a new one per call, a scroll frame's worth at 10k rows. */
const DAY = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export function displayDate(iso: string | null): string | null {
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(time) ? null : DAY.format(time);
}

export type StageColor = 'success' | 'warning' | 'informative' | 'subtle';

/** Badge colours for the stages Azure ML uses; a team's own stage names stay neutral. */
export function stageColor(stage: string): StageColor {
  const s = stage.toLowerCase();
  if (s === 'production') return 'success';
  if (s === 'staging') return 'warning';
  if (s === 'archived') return 'subtle';
  return 'informative';
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
