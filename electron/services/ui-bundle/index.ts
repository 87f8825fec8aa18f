// The UI bundle: how Airlock's built renderer is served (a path strictly inside the bundle folder, a MIME
// type, the CSP header with a per-page style nonce) and the CSP the build writes into index.html. Pure Node,
// so the Electron host (app://), the Chromium host (preview) and the build all serve the same bytes the same way.
export { NONCE_PLACEHOLDER, readBundleFile, resolveBundlePath, type BundleResponse } from './bundle-files';
export { buildCsp, type CspOptions } from './csp';
