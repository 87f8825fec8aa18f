import { describe, expect, it } from 'vitest';
import { failureWords } from '../../../../../electron/services/invoke';
import { InvokeResultView } from '../../../../../shared/contract/schemas/endpoint';

describe("Azure's scoring failures in words", () => {
  it('has no failure for a success', () => {
    expect(failureWords(200)).toBeNull();
    expect(failureWords(204)).toBeNull();
  });

  it.each([401, 404, 408, 413, 424, 429, 502, 503])('says what happened and what to do for %i', (status) => {
    const words = failureWords(status)!;
    expect(words.title.length).toBeGreaterThan(0);
    expect(words.words.split('. ').length).toBeGreaterThanOrEqual(2); // what happened, then what to do
    expect(InvokeResultView.shape.failure.parse(words)).toEqual(words);
  });

  it('names the codes the issue lists in their own words', () => {
    expect(failureWords(404)!.words).toMatch(/deployment/);
    expect(failureWords(408)!.words).toMatch(/timeout/);
    expect(failureWords(424)!.words).toMatch(/logs/);
    expect(failureWords(429)!.words).toMatch(/Wait/);
  });

  it('falls back by class for codes it does not list', () => {
    expect(failureWords(418)!.title).toBe('Request refused (418)');
    expect(failureWords(599)!.title).toBe('Server error 599');
    expect(failureWords(302)!.words).toMatch(/redirect is never followed/);
  });
});
