// Secrets hidden by percent-encoding (`refresh_token%3Dx`, a form body quoted in a URL, `%22password%22%3A…`,
// encoded twice): each run of text that holds `%XX` is decoded (a few rounds) and redacted; where that finds a
// secret, the decoded, redacted run takes its place, with quotes, backslashes and spaces encoded again so JSON
// text stays JSON. A run that hides nothing is left exactly as it was. Never throws.

/** A run between spaces, quotes and backslashes: what a URL, a form body or a token looks like in a line. */
const RUN = /[^\s"\\]+/g;
const ENCODED = /%[0-9A-Fa-f]{2}/;
const ENCODED_BYTES = /(?:%[0-9A-Fa-f]{2})+/g;
/** Enough for a value encoded twice inside a URL that is encoded again; each round only shrinks the run. */
const MAX_ROUNDS = 4;
/** What must not appear bare in a JSON string or split a run (quotes, backslashes, spaces, controls): encoded again. */
const UNSAFE = /[^\x21\x23-\x5b\x5d-\x7e\u00a0-\uffff]/g;

function decodeBytes(bytes: string): string {
  try {
    return decodeURIComponent(bytes);
  } catch {
    // Not UTF-8 (or a lone byte of it): byte by byte, so the ASCII of a secret's name still shows.
    return bytes.replace(/%([0-9A-Fa-f]{2})/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

function decoded(run: string): string {
  let text = run;
  for (let round = 0; round < MAX_ROUNDS && ENCODED.test(text); round += 1) text = text.replace(ENCODED_BYTES, decodeBytes);
  return text;
}

const encodeUnsafe = (text: string): string => text.replace(UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);

/** `redact`: the plain-text redactor, applied to each decoded run. */
export function redactPercentEncoded(text: string, redact: (text: string) => string): string {
  if (!ENCODED.test(text)) return text;
  return text.replace(RUN, (run) => {
    if (!ENCODED.test(run)) return run;
    const plain = decoded(run);
    const redacted = redact(plain);
    return redacted === plain ? run : encodeUnsafe(redacted);
  });
}
