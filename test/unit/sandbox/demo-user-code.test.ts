// `npm run sandbox -- code USER`: the demo user's current one-time code from a sandbox's environment.json,
// found by sign-in name or its local part; plain one-line refusals otherwise, never the secret itself.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../sandbox/command-line';
import { demoUserCode } from '../../../sandbox/demo-user-code';
import { totpAt } from '../../../sandbox/idp/totp';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const AT = new Date('2026-12-03T10:00:10Z'); // 10 s into its 30 s step

describe('sandbox code command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-code-'));
    await writeFile(path.join(dir, 'environment.json'), JSON.stringify({ users: [{ username: 'alice@contoso.example', password: 'pw', totpSecret: SECRET }] }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('parses code USER with an optional --state-dir, and refuses the rest in one sentence', () => {
    expect(parseCommandLine(['code', 'alice'])).toEqual({ kind: 'code', stateDir: path.resolve('.sandbox'), user: 'alice' });
    expect(parseCommandLine(['code', '--state-dir', 'x', 'alice'])).toEqual({ kind: 'code', stateDir: path.resolve('x'), user: 'alice' });
    expect(parseCommandLine(['code'])).toEqual({ kind: 'usage-error', message: 'code needs a user, for example: code alice' });
    expect(parseCommandLine(['code', 'alice', 'bob'])).toEqual({ kind: 'usage-error', message: 'unexpected argument bob' });
    expect(parseCommandLine(['code', 'alice', '--seed', 'x'])).toEqual({ kind: 'usage-error', message: 'unknown option --seed' });
  });

  it('prints the current code for the sign-in name or its local part, any case, and how long it lasts', async () => {
    for (const user of ['alice', 'ALICE@contoso.example']) {
      const answer = await demoUserCode(dir, user, AT);
      expect(answer).toEqual({ ok: true, text: `${totpAt(SECRET, AT)}  (code for alice@contoso.example, valid for 20 more seconds)` });
      expect(JSON.stringify(answer)).not.toContain(SECRET);
    }
  });

  it('says plainly when there is no such user or no running sandbox', async () => {
    expect(await demoUserCode(dir, 'mallory', AT)).toEqual({ ok: false, message: 'no demo user mallory; the sandbox has alice@contoso.example' });
    const missing = await demoUserCode(path.join(dir, 'nope'), 'alice', AT);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toMatch(/^no sandbox environment at .*: start the sandbox first/);
  });
});
