// sentiment-text-classifier: a bag-of-words classifier over a small fixed English lexicon, standing in for
// a custom_model (score.py) deployment. Tokenizes (NFKC, lower-case, letters and apostrophes), applies
// negation ("not good") and intensifiers ("very bad"), and takes a softmax over negative/neutral/positive.
// Output per text: {"label": <class>, "probabilities": {"negative", "neutral", "positive"}} (6 decimals).
// Accepts {"input_data": ["text", ...]} or {"input_data": {"columns": ["text"], "data": [["..."]]}}.
// It must never guess at non-string input: that is an InputError (400).
import { InputError, isRecord, preview, type ScoringModel } from './model';

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentClass = (typeof SENTIMENT_CLASSES)[number];

/** Word polarity; a word of polarity s adds [-s, -0.6|s|, +s] to the [negative, neutral, positive] logits. */
const LEXICON: Readonly<Record<string, number>> = {
  good: 1.5, great: 2, excellent: 2.5, amazing: 2.5, love: 2.2, loved: 2.2, like: 0.9, happy: 1.8, thanks: 1.2,
  thank: 1.2, helpful: 1.6, fast: 1, quick: 1, resolved: 1.4, fixed: 1.2, works: 1.1, perfect: 2.4, nice: 1.2,
  pleased: 1.6, easy: 1, smooth: 1.1, recommend: 1.5, bad: -1.6, terrible: -2.5, awful: -2.5, hate: -2.3,
  slow: -1.2, broken: -1.8, crash: -1.7, crashes: -1.7, crashed: -1.7, error: -1.2, errors: -1.2, fail: -1.6,
  fails: -1.6, failed: -1.6, useless: -2.2, angry: -2, disappointed: -1.9, frustrating: -2, worst: -2.6,
  poor: -1.5, problem: -1, issue: -0.8, unacceptable: -2.3, refund: -1, wrong: -1.3, lost: -1.2,
};
const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'hardly', 'without']);
const INTENSIFIERS: Readonly<Record<string, number>> = { very: 1.5, really: 1.4, extremely: 1.8, so: 1.3, totally: 1.5, quite: 1.2 };
const BIAS = [0, 0.8, 0] as const;
const NEUTRAL_DAMPING = 0.6;
const NEGATION_SPAN = 3;
const MAX_ROWS = 100;
const MAX_CHARS = 5000;

export function tokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
}

export function classify(text: string): { label: SentimentClass; probabilities: Record<SentimentClass, number> } {
  const logits: number[] = [...BIAS];
  let negateFor = 0;
  let intensity = 1;
  for (const token of tokenize(text)) {
    if (NEGATORS.has(token) || token.endsWith("n't")) {
      negateFor = NEGATION_SPAN;
      continue;
    }
    const boost = INTENSIFIERS[token];
    if (boost !== undefined) {
      intensity *= boost;
      continue;
    }
    const polarity = Object.hasOwn(LEXICON, token) ? LEXICON[token]! : 0;
    if (polarity !== 0) {
      const s = polarity * intensity * (negateFor > 0 ? -0.8 : 1);
      logits[0]! -= s;
      logits[1]! -= NEUTRAL_DAMPING * Math.abs(s);
      logits[2]! += s;
      negateFor = 0;
    } else if (negateFor > 0) {
      negateFor -= 1;
    }
    intensity = 1;
  }
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const probs = exps.map((e) => Math.round((e / sum) * 1e6) / 1e6);
  const best = probs.indexOf(Math.max(...probs));
  return {
    label: SENTIMENT_CLASSES[best]!,
    probabilities: { negative: probs[0]!, neutral: probs[1]!, positive: probs[2]! },
  };
}

function readTexts(inputData: unknown): string[] {
  let cells: unknown[];
  if (Array.isArray(inputData)) {
    // ["text", ...] or the 2-D form [["text"], ...]
    cells = inputData.map((row: unknown): unknown => (Array.isArray(row) && row.length === 1 ? (row as unknown[])[0] : row));
  } else if (isRecord(inputData)) {
    const { columns, data } = inputData;
    if (!Array.isArray(columns) || columns.length !== 1 || columns[0] !== 'text') {
      throw new InputError(`input_data.columns must be ["text"], got ${preview(columns)}.`);
    }
    if (!Array.isArray(data)) throw new InputError('input_data.data must be an array of rows like ["some text"].');
    cells = data.map((row, r) => {
      if (!Array.isArray(row) || row.length !== 1) throw new InputError(`input_data.data row ${r}: expected ["some text"], got ${preview(row)}.`);
      return (row as unknown[])[0];
    });
  } else {
    throw new InputError(`input_data must be an array of strings or {"columns": ["text"], "data": [["..."]]}, got ${preview(inputData)}.`);
  }
  if (cells.length === 0) throw new InputError('input_data has no rows.');
  if (cells.length > MAX_ROWS) throw new InputError(`input_data has ${cells.length} rows; this endpoint accepts at most ${MAX_ROWS} per request.`);
  return cells.map((cell, r) => {
    if (typeof cell !== 'string') throw new InputError(`input_data row ${r}: expected a string, got ${preview(cell)}.`);
    if (cell.length > MAX_CHARS) throw new InputError(`input_data row ${r}: text is ${cell.length} characters; at most ${MAX_CHARS}.`);
    return cell;
  });
}

export const sentimentModel: ScoringModel = {
  name: 'sentiment-text-classifier',
  maxRows: MAX_ROWS,
  description: {
    title: 'Ticket sentiment (bag of words)',
    inputSchema: {
      type: 'object',
      required: ['input_data'],
      properties: {
        input_data: {
          description: `An array of texts, or {"columns": ["text"], "data": [["..."]]}. At most ${MAX_ROWS} texts of ${MAX_CHARS} characters.`,
          type: 'array',
          maxItems: MAX_ROWS,
          items: { type: 'string', maxLength: MAX_CHARS },
        },
        params: { type: 'object', properties: { simulated_latency_ms: { type: 'integer', minimum: 0, description: 'Sandbox only: simulated model execution time.' } } },
      },
    },
    outputSchema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          label: { type: 'string', enum: [...SENTIMENT_CLASSES] },
          probabilities: { type: 'object', properties: Object.fromEntries(SENTIMENT_CLASSES.map((c) => [c, { type: 'number', format: 'double' }])) },
        },
      },
    },
    inputExample: { input_data: ['Thanks, the fix works great!'] },
    outputExample: [classify('Thanks, the fix works great!')],
  },
  prepare(inputData) {
    const texts = readTexts(inputData);
    return { rows: texts.length, run: () => texts.map(classify) };
  },
};
