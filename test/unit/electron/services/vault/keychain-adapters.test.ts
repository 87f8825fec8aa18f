import { describe, expect, it } from 'vitest';
import { createKeytarKeychain, createMemoryKeychain, keytarBackendName, type KeytarApi } from '../../../../../electron/services/vault';

function failingKeytar(message: string): KeytarApi {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  return { getPassword: fail, setPassword: fail, deletePassword: fail };
}

describe('keytar keychain adapter', () => {
  it('names the backend per platform', () => {
    expect(keytarBackendName('linux')).toBe('Secret Service (libsecret)');
    expect(keytarBackendName('darwin')).toBe('macOS Keychain');
    expect(keytarBackendName('win32')).toBe('Windows Credential Manager');
  });

  it('a native module that cannot load → not-installed, in plain words, as E_KEYCHAIN_UNAVAILABLE', async () => {
    const keychain = createKeytarKeychain({ platform: 'linux', load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')) });
    expect(await keychain.backend()).toEqual({
      available: false,
      backend: 'Secret Service (libsecret)',
      failure: 'not-installed',
      reason: "Airlock's keychain support could not be loaded on this system",
    });
    const error = await keychain.getSecret('a').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_KEYCHAIN_UNAVAILABLE', details: { keychain: 'not-installed' } });
    expect(String((error as Error).message)).not.toContain('libsecret-1.so');
  });

  // The texts are what keytar/libsecret printed on this machine (see identity.md §15 and the integration tests).
  const cases = [
    ['The given address is empty', 'no-session-bus'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-session-bus'],
    ['Could not connect: No such file or directory', 'no-session-bus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-service'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ['User canceled the operation.', 'refused'],
    ['something else entirely', 'error'],
  ] as const;
  for (const [text, failure] of cases) {
    it(`"${text}" → ${failure}, without the native text in the error`, async () => {
      const keychain = createKeytarKeychain({ load: async () => failingKeytar(text) });
      const error = await keychain.setSecret('a', 'SECRET-VALUE').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_KEYCHAIN_UNAVAILABLE', details: { keychain: failure } });
      expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('SECRET-VALUE');
      expect(await keychain.backend()).toMatchObject({ available: false, failure });
    });
  }

  it('passes the fixed service name "Airlock" to keytar', async () => {
    const seen: string[] = [];
    const api: KeytarApi = {
      getPassword: async (service) => (seen.push(service), null),
      setPassword: async (service) => void seen.push(service),
      deletePassword: async (service) => (seen.push(service), true),
    };
    const keychain = createKeytarKeychain({ load: async () => api });
    await keychain.getSecret('a');
    await keychain.setSecret('a', 'b');
    await keychain.deleteSecret('a');
    expect(seen).toEqual(['Airlock', 'Airlock', 'Airlock']);
  });
});

describe('memory keychain', () => {
  it('stores, and simulates locked (reads null, writes fail) and missing (everything fails)', async () => {
    const keychain = createMemoryKeychain();
    await keychain.setSecret('a', '1');
    expect(await keychain.getSecret('a')).toBe('1');
    keychain.simulate('locked');
    expect(await keychain.getSecret('a')).toBeNull();
    await expect(keychain.setSecret('a', '2')).rejects.toMatchObject({ details: { keychain: 'locked' } });
    keychain.simulate('no-service');
    await expect(keychain.getSecret('a')).rejects.toMatchObject({ code: 'E_KEYCHAIN_UNAVAILABLE' });
    expect(await keychain.backend()).toMatchObject({ available: false, failure: 'no-service' });
    keychain.simulate(null);
    expect(await keychain.getSecret('a')).toBe('1');
  });
});
