// Reads and validates a seed file; errors name the file and the path of each bad field.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Seed } from './seed-schema';

export const DEFAULT_SEED_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'default-seed.json');

export class SeedError extends Error {
  override name = 'SeedError';
}

export function parseSeed(raw: unknown, source = 'seed'): Seed {
  const parsed = Seed.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SeedError(`${source} is not a valid sandbox seed:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

export async function loadSeed(file: string = DEFAULT_SEED_PATH): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SeedError(`cannot read seed file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`seed file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSeed(json, file);
}
