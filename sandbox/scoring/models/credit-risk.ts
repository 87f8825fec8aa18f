// credit-risk-logreg: a logistic regression over six applicant features with fixed weights, standing in for
// an MLflow sklearn pipeline (log-transform of income, standardization, LogisticRegression).
// Output: one number per row, the probability of default in [0, 1] (rounded to 6 decimals) — what
// `predict_proba(X)[:, 1]` would return; higher means riskier.
// Like the real pipeline it raises on values its transforms cannot take (income <= 0 → log → -inf): that is
// a model error (424), not an input-schema error (400). It must never clamp or guess such values.
import { type ScoringModel } from './model';
import { readTabular } from './tabular-input';

export const CREDIT_FEATURES = ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years'] as const;

interface Feature {
  readonly transform: (x: number) => number;
  readonly mean: number;
  readonly std: number;
  readonly weight: number;
}

/** Fixed weights, in the order of CREDIT_FEATURES, applied to standardized (transformed) values. */
const FEATURES: readonly Feature[] = [
  { transform: (x) => x, mean: 40, std: 12, weight: -0.35 }, // age (years)
  { transform: (x) => Math.log(x), mean: 10.7, std: 0.6, weight: -0.8 }, // income (yearly, EUR), log-transformed
  { transform: (x) => x, mean: 0.35, std: 0.2, weight: 1.1 }, // debt_ratio (debt payments / income)
  { transform: (x) => x, mean: 4, std: 3, weight: 0.15 }, // credit_lines (open lines)
  { transform: (x) => x, mean: 1, std: 1.5, weight: 0.9 }, // late_payments (last 2 years)
  { transform: (x) => x, mean: 8, std: 7, weight: -0.45 }, // employment_years
];
const INTERCEPT = -1.6;
const MAX_ROWS = 1000;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function probabilityOfDefault(row: readonly number[]): number {
  let z = INTERCEPT;
  FEATURES.forEach((f, i) => {
    const value = f.transform(row[i]!);
    if (!Number.isFinite(value)) {
      throw new Error(`ValueError: Input X contains infinity or a value too large for dtype('float64'). (feature '${CREDIT_FEATURES[i]}')`);
    }
    z += (f.weight * (value - f.mean)) / f.std;
  });
  return Math.round(sigmoid(z) * 1e6) / 1e6;
}

const exampleRow = { age: 35, income: 52000, debt_ratio: 0.3, credit_lines: 3, late_payments: 0, employment_years: 6 };

export const creditRiskModel: ScoringModel = {
  name: 'credit-risk-logreg',
  maxRows: MAX_ROWS,
  description: {
    title: 'Credit risk (logistic regression)',
    inputSchema: {
      type: 'object',
      required: ['input_data'],
      properties: {
        input_data: {
          description: `pandas split ({columns, index?, data}; columns by name, any order) or a 2-D array in the order ${CREDIT_FEATURES.join(', ')}. At most ${MAX_ROWS} rows.`,
          type: 'object',
          properties: {
            columns: { type: 'array', items: { type: 'string', enum: [...CREDIT_FEATURES] } },
            index: { type: 'array', items: { type: 'integer' } },
            data: { type: 'array', maxItems: MAX_ROWS, items: { type: 'array', minItems: 6, maxItems: 6, items: { type: 'number', format: 'double' } } },
          },
        },
        params: { type: 'object', properties: { simulated_latency_ms: { type: 'integer', minimum: 0, description: 'Sandbox only: simulated model execution time.' } } },
      },
    },
    outputSchema: { type: 'array', description: 'Probability of default per row (0..1).', items: { type: 'number', format: 'double' } },
    inputExample: { input_data: { columns: Object.keys(exampleRow), index: [0], data: [Object.values(exampleRow)] } },
    outputExample: [probabilityOfDefault(Object.values(exampleRow))],
  },
  prepare(inputData) {
    const rows = readTabular(inputData, { columns: CREDIT_FEATURES, maxRows: MAX_ROWS });
    return { rows: rows.length, run: () => rows.map(probabilityOfDefault) };
  },
};
