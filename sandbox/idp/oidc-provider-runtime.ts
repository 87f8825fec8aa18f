// oidc-provider prints "Unsupported runtime" when it loads on any Node whose LTS codename comes before Jod
// (Node 22): it checks the codename, not features. On Node 20.19+ everything it calls is there (crypto.hash
// since 20.12, URL.parse since 20.18, structuredClone) and the sandbox IdP's tests run on 20.20, the version
// our machines and CI have; so on those versions that one known line is dropped while oidc-provider loads.
// Must never hide any other warning, nor this one on a runtime nobody checked; console.warn is put back at once.

export const RUNTIME_WARNING = 'oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.';

// eslint-disable-next-line no-control-regex -- oidc-provider colours the line on a terminal
const ANSI = /\x1b\[[0-9;]*m/g;

/** Node 20 from 20.19 on: checked as above. (Node 22 and later LTS releases do not warn.) */
export function checkedRuntime(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major === 20 && minor >= 19;
}

/** Drops exactly RUNTIME_WARNING from console.warn until the returned function is called. */
export function quietRuntimeWarning(version: string = process.versions.node): () => void {
  if (!checkedRuntime(version)) return () => undefined;
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === 'string' && args[0].replace(ANSI, '') === RUNTIME_WARNING) return;
    warn.apply(console, args);
  };
  return () => {
    console.warn = warn;
  };
}
