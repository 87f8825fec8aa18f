// The Content-Security-Policy sent as a response header with every page of the UI (and repeated in a
// <meta> fallback). The renderer makes no network calls of its own — everything goes through main — so
// connect-src is 'self' and no remote origin appears anywhere. No 'unsafe-eval', no 'unsafe-inline' scripts.

export interface CspOptions {
  /** Per-response nonce for the style elements Fluent UI (Griffel) inserts at run time. */
  readonly styleNonce?: string;
  /** 'meta' leaves out frame-ancestors, which browsers ignore (and warn about) in a <meta> policy. */
  readonly delivery?: 'header' | 'meta';
}

export function buildCsp(options: CspOptions = {}): string {
  const styleSrc = options.styleNonce ? `'self' 'nonce-${options.styleNonce}'` : `'self'`;
  const directives: Array<[string, string]> = [
    ['default-src', `'self'`],
    ['script-src', `'self'`],
    ['style-src', styleSrc],
    ['img-src', `'self' data:`],
    ['font-src', `'self'`],
    ['connect-src', `'self'`],
    ['object-src', `'none'`],
    ['base-uri', `'none'`],
    ['form-action', `'none'`],
    ['frame-ancestors', `'none'`],
    ['frame-src', `'none'`],
    ['worker-src', `'none'`],
    ['manifest-src', `'none'`],
  ];
  return directives
    .filter(([name]) => options.delivery !== 'meta' || name !== 'frame-ancestors')
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
