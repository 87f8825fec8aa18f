// Changes to the machine policy are picked up while Airlock runs: a real folder (standing in for
// /etc/airlock), real fs.watch events, the service's debounce on the real scheduler. Files are replaced the
// way configuration management does it (write a temp file, rename over). The test waits for the service's
// onChange promise, never for wall-clock time.
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinuxPolicyFileSource, createPolicyService, type PolicyRequest, type PolicyService } from '../../../electron/services/policy';

const ME = process.getuid?.() ?? 0;
const CHANNELS = ['app.info', 'auth.signOut', 'workspace.list', 'workspace.models'];
let root: string;
let dir: string;
let service: PolicyService | undefined;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'airlock-policy-reload-'));
  dir = path.join(root, 'airlock');
  mkdirSync(dir);
  chmodSync(dir, 0o755);
});
afterEach(() => {
  service?.dispose();
  rmSync(root, { recursive: true, force: true });
});

function replace(name: string, text: string): void {
  const staged = path.join(root, `.staged-${name}`);
  writeFileSync(staged, text);
  chmodSync(staged, 0o644);
  renameSync(staged, path.join(dir, name));
}

function nextChange(s: PolicyService): Promise<void> {
  return new Promise((resolve) => {
    const stop = s.onChange(() => {
      stop();
      resolve();
    });
  });
}

const request = (channel: string): PolicyRequest => ({
  channel,
  resource: { type: 'workspace', id: 'w' },
  account: null,
  environmentId: 'sandbox',
  mfa: { satisfied: true },
  machine: { addresses: [] },
  route: 'none',
  time: new Date(),
});

describe('policy hot reload (real folder, fs.watch)', () => {
  it('follows the machine policy as it appears, breaks, is fixed and is removed', async () => {
    const s = await createPolicyService({ machine: createLinuxPolicyFileSource({ directory: dir, trustedOwnerUids: [ME] }), channels: CHANNELS, debounceMs: 25 });
    service = s;
    expect(s.effective().source.kind).toBe('default');

    let changed = nextChange(s);
    replace('policy.yaml', 'version: 1\nrules:\n  - { id: list-only, effect: allow, actions: [workspace.list] }\n');
    await changed;
    expect(s.effective()).toMatchObject({ status: 'ok', source: { kind: 'file', location: path.join(dir, 'policy.yaml') } });
    expect(s.decide(request('workspace.list'))).toMatchObject({ effect: 'allow', rule: 'list-only' });
    expect(s.decide(request('workspace.models'))).toMatchObject({ effect: 'deny', rule: null });

    changed = nextChange(s);
    replace('policy.yaml', 'version: 1\nrules:\n  - { id: list-only, effect: allow, actions: [workspace.list] }\n  - { id: oops, effect: allow, actions: [workspace.lsit] }\n');
    await changed;
    expect(s.effective()).toMatchObject({ status: 'broken', problem: { file: path.join(dir, 'policy.yaml'), line: 4 } });
    expect(s.decide(request('workspace.list')).effect).toBe('deny');
    expect(s.decide(request('auth.signOut')).effect).toBe('allow');

    changed = nextChange(s);
    replace('policy.yaml', 'version: 1\nrules:\n  - { id: both, effect: allow, actions: ["workspace.*"] }\n');
    await changed;
    expect(s.decide(request('workspace.models'))).toMatchObject({ effect: 'allow', rule: 'both' });

    changed = nextChange(s);
    rmSync(path.join(dir, 'policy.yaml'));
    await changed;
    expect(s.effective().source.kind).toBe('default');
  });

  it('refuses a policy file once it becomes writable by others (re-read on request)', async () => {
    replace('policy.json', '{"version": 1, "rules": [{"id": "all", "effect": "allow", "actions": ["*"]}]}');
    const s = await createPolicyService({ machine: createLinuxPolicyFileSource({ directory: dir, trustedOwnerUids: [ME] }), channels: CHANNELS, watch: false });
    service = s;
    expect(s.decide(request('workspace.models')).effect).toBe('allow');
    chmodSync(path.join(dir, 'policy.json'), 0o666);
    await s.reload();
    expect(s.effective()).toMatchObject({ status: 'broken', problem: { message: expect.stringMatching(/other users can change it/) as unknown } });
    expect(s.decide(request('workspace.models')).effect).toBe('deny');
  });
});
