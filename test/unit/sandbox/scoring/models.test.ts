// The small models on their own: fixed weights give stable, sensible predictions; tokenization, negation
// and input validation behave as documented.
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES, creditRiskModel, probabilityOfDefault } from '../../../../sandbox/scoring/models/credit-risk';
import { InputError } from '../../../../sandbox/scoring/models/model';
import { classify, sentimentModel, tokenize } from '../../../../sandbox/scoring/models/sentiment';

const row = (o: Record<(typeof CREDIT_FEATURES)[number], number>) => CREDIT_FEATURES.map((f) => o[f]);
const base = { age: 40, income: 45000, debt_ratio: 0.35, credit_lines: 4, late_payments: 1, employment_years: 8 };

describe('credit-risk-logreg', () => {
  it('moves the probability of default in the direction of each feature’s weight', () => {
    const p = probabilityOfDefault(row(base));
    expect(p).toBeGreaterThan(0.1);
    expect(p).toBeLessThan(0.25);
    expect(probabilityOfDefault(row({ ...base, late_payments: 5 }))).toBeGreaterThan(p);
    expect(probabilityOfDefault(row({ ...base, debt_ratio: 0.8 }))).toBeGreaterThan(p);
    expect(probabilityOfDefault(row({ ...base, income: 120000 }))).toBeLessThan(p);
    expect(probabilityOfDefault(row({ ...base, employment_years: 25 }))).toBeLessThan(p);
  });

  it('is deterministic and returns one probability per row', () => {
    const prepared = creditRiskModel.prepare([row(base), row(base)]);
    expect(prepared.rows).toBe(2);
    const out = prepared.run();
    expect(out).toEqual(creditRiskModel.prepare({ columns: [...CREDIT_FEATURES].reverse(), data: [row(base).reverse(), row(base).reverse()] }).run());
  });

  it('throws a model error (not an input error) for income <= 0', () => {
    const prepared = creditRiskModel.prepare([row({ ...base, income: 0 })]);
    expect(() => prepared.run()).toThrow(/ValueError/);
    expect(() => prepared.run()).not.toThrow(InputError);
  });

  it('rejects bad shapes with InputError', () => {
    for (const bad of [undefined, null, 7, [[1]], { columns: ['age'], data: [[1]] }, { columns: CREDIT_FEATURES, data: [row(base)], index: [1, 2] }, [[...row(base).slice(0, 5), Infinity]]]) {
      expect(() => creditRiskModel.prepare(bad), JSON.stringify(bad)).toThrow(InputError);
    }
  });
});

describe('sentiment-text-classifier', () => {
  it('tokenizes letters and apostrophes, case-folded', () => {
    expect(tokenize("It DOESN'T work — at all!!")).toEqual(['it', "doesn't", 'work', 'at', 'all']);
  });

  it('classifies positive, negative and neutral text, with negation and intensifiers', () => {
    expect(classify('I love it, great job').label).toBe('positive');
    expect(classify('awful, slow and broken').label).toBe('negative');
    expect(classify('The meeting is on Monday').label).toBe('neutral');
    expect(classify('not good').label).toBe('negative');
    expect(classify("isn't bad").label).toBe('positive');
    expect(classify('very good').probabilities.positive).toBeGreaterThan(classify('good').probabilities.positive);
    expect(classify('constructor __proto__ toString').label).toBe('neutral');
  });

  it('accepts both input forms and rejects others', () => {
    expect(sentimentModel.prepare(['a', 'b']).rows).toBe(2);
    expect(sentimentModel.prepare([['a']]).rows).toBe(1);
    expect(sentimentModel.prepare({ columns: ['text'], data: [['a']] }).rows).toBe(1);
    for (const bad of [{}, 'text', [1], [], { columns: ['text'], data: [['a', 'b']] }]) {
      expect(() => sentimentModel.prepare(bad), JSON.stringify(bad)).toThrow(InputError);
    }
  });
});
