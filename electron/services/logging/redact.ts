// Scrubs secrets from text before it reaches a log line, a diagnostics export or an error, by shape and by
// name: JWTs and long opaque runs wherever they are, and any value — however short — under a secret's name
// (secret-names.ts) in JSON (string, number, array or object values; also JSON quoted inside JSON strings, up
// to three levels deep), quoted `key: "value"` / `key='value'` text (util.inspect, Python reprs), query
// strings and form bodies (also percent-encoded: percent-encoded.ts), credential headers, and `key=value` /
// `key: value` words. JSON stays JSON (only what is inside a value's quotes changes, or a non-string value
// becomes the string "[redacted]").
// Runs on every log line, so every pattern is linear: no nested quantifiers over the same characters, a run
// of backslashes or of a token is entered only at its start (lookbehind), brackets and quotes bound each scan.
// Never logs, never throws; MSAL's own PII logging is off as well.
import { redactPercentEncoded } from './percent-encoded';
import { isSecretValue, REDACTED } from './secret-names';

const NAME = '[A-Za-z][A-Za-z0-9_.-]{0,63}';
/** The quote before a JSON key at nesting level 0–3 (JSON in a string in a string …): 2^k − 1 backslashes. */
const JSON_QUOTE = String.raw`(?<!\\)(?<q>\\{7}|\\{3}|\\|)"`;
/** An array or object up to two deep (deeper ones: their inner names are redacted on their own). */
const INNER = String.raw`(?:[^\[\]{}]|\[[^\[\]{}]*\]|\{[^\[\]{}]*\})*`;
const BRACKETED = String.raw`\[${INNER}\]|\{${INNER}\}`;
const NUMBER = String.raw`-?\d[\d.eE+-]*(?![\w.])`;
/** `:`, `=`, or Ruby's and util.inspect's Map `=>`. */
const SEP = String.raw`(?<sep>\s*(?:=>|[:=])\s*)`;

type Groups = Record<string, string | undefined>;

/** A name with its value. `head`: the match up to where the value starts (scanning resumes there). */
interface PairRule {
  readonly pattern: RegExp;
  /** The text of the value as the name's owner wrote it (without its quotes). */
  readonly value: (g: Groups) => string;
  readonly redacted: (g: Groups) => string;
}

const PAIRS: readonly PairRule[] = [
  {
    // "name": "value" at any of the four levels; the value ends at a quote whose backslash run is the level's
    // own (2^k − 1 plus any number of escaped backslashes), so escaped quotes inside do not end it early.
    pattern: new RegExp(String.raw`(?<head>${JSON_QUOTE}(?<name>${NAME})\k<q>"(?<sep>\s*:\s*)\k<q>")(?<value>(?:[^"\\]|\\+(?=[^"\\])|\\+")*?)(?<!\\)\k<q>(?:\k<q>\k<q>\\\\)*"`, 'g'),
    value: (g) => g['value'] ?? '',
    redacted: (g) => `${g['q']}"${g['name']}${g['q']}"${g['sep']}${g['q']}"${REDACTED}${g['q']}"`,
  },
  {
    // A number, array or object under a name in double quotes (any level), single quotes, or bare.
    pattern: new RegExp(String.raw`(?<head>(?<![A-Za-z0-9_.\\-])(?<q>\\{7}"|\\{3}"|\\"|"|'|)(?<name>${NAME})\k<q>${SEP})(?<value>${NUMBER}|${BRACKETED})`, 'g'),
    value: (g) => g['value'] ?? '',
    redacted: (g) => `${g['q']}${g['name']}${g['q']}${g['sep']}${g['q']}${REDACTED}${g['q']}`,
  },
  {
    // name: "value", 'name': 'value', name='value' — outside JSON (util.inspect, Python, config text).
    pattern: new RegExp(String.raw`(?<head>(?<![A-Za-z0-9_.\\-])(?<q>["']?)(?<name>${NAME})\k<q>${SEP}(?<vq>["']))(?<value>(?:[^"'\\\r\n]|\\.|(?!\k<vq>)["'])*)\k<vq>`, 'g'),
    value: (g) => g['value'] ?? '',
    redacted: (g) => `${g['q']}${g['name']}${g['q']}${g['sep']}${g['vq']}${REDACTED}${g['vq']}`,
  },
  {
    // `name: value` text (one word), as in YAML-ish messages.
    pattern: new RegExp(String.raw`(?<head>(?<=^|[\s{,;'(])(?<name>${NAME})(?<sep>\s*:\s*))(?<value>[^\s"'\\,;&]+)`, 'g'),
    value: (g) => g['value'] ?? '',
    redacted: (g) => `${g['name']}${g['sep']}${REDACTED}`,
  },
  {
    // key=value in query strings, form bodies, connection strings and text. The value stops at the next `=`
    // (base64 padding aside, secrets do not hold one), so `x=password=…` is two pairs and no scan runs twice.
    pattern: new RegExp(String.raw`(?<head>(?<![A-Za-z0-9_.-])(?<name>${NAME})(?<sep>\s*=\s*))(?<value>[^&\s"'\\,;<>=]+)`, 'g'),
    value: (g) => g['value'] ?? '',
    redacted: (g) => `${g['name']}${g['sep']}${REDACTED}`,
  },
];

/**
 * Replaces each pair whose value is a secret. After a pair that is not, scanning resumes where its value
 * starts, so a secret inside it (JSON quoted in a message, `x=password=…`) is still found.
 */
function redactPairs(text: string, rule: PairRule): string {
  const { pattern } = rule;
  pattern.lastIndex = 0;
  let out = '';
  let copied = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const g: Groups = m.groups ?? {};
    if (isSecretValue(g['name'] ?? '', rule.value(g))) {
      out += text.slice(copied, m.index) + rule.redacted(g);
      copied = m.index + m[0].length;
    } else {
      pattern.lastIndex = m.index + (g['head'] ?? m[0]).length;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** A JWT, from a token's start only (starting inside a run would rescan it: quadratic on 'eyJeyJ…'). */
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** A credential after its scheme, wherever it stands (headers, messages). */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic|Negotiate|NTLM)(\s+)[A-Za-z0-9._~+/=-]+/gi;
/** Credential headers: the whole value, to the end of the line (or a quote, in JSON text). */
const CREDENTIAL_HEADER = /(^|[\s{,;"'(])(authorization|proxy-authorization|cookie|set-cookie)(\s*:\s*)(?=[^\s"\\])[^\r\n"\\]+/gim;
/** From a run's start only, for the same reason as JWT. */
const LONG_OPAQUE = /(?<![A-Za-z0-9_\-+/])[A-Za-z0-9_\-+/]{40,}={0,2}/g;
/**
 * A JSON string literal (on one line); one that holds escapes may hide any form above (`token: \"x\"`). It
 * starts only at a quote that is not escaped, else each escaped quote would start a scan to the line's end.
 */
const STRING_LITERAL = /(?<!\\)"(?:[^"\\\r\n]|\\.)*"/g;
/** JSON in a string in a string …: deeper than this, only the pair rules' four levels apply. */
const MAX_DEPTH = 3;

/** Each string literal with escapes, decoded, redacted like the text around it, and encoded again if that changed it. */
function redactInsideStrings(text: string, depth: number): string {
  if (depth === 0 || !text.includes('\\')) return text;
  return text.replace(STRING_LITERAL, (literal) => {
    if (!literal.includes('\\')) return literal;
    let inner: unknown;
    try {
      inner = JSON.parse(literal);
    } catch {
      return literal; // not JSON's escapes (or cut short): the pair rules' levels still cover it
    }
    if (typeof inner !== 'string') return literal;
    const redacted = redactPlain(inner, depth - 1);
    return redacted === inner ? literal : JSON.stringify(redacted);
  });
}

function redactPlain(text: string, depth = MAX_DEPTH): string {
  let out = text.replace(JWT, '[redacted-jwt]');
  out = redactPairs(out, PAIRS[0]!);
  out = redactPairs(out, PAIRS[1]!);
  out = redactPairs(out, PAIRS[2]!);
  out = out
    .replace(SCHEME_CREDENTIAL, (all, scheme: string, space: string) => (all.endsWith(REDACTED) ? all : `${scheme}${space}${REDACTED}`))
    .replace(CREDENTIAL_HEADER, (_all, before: string, name: string, sep: string) => `${before}${name}${sep}${REDACTED}`);
  out = redactPairs(out, PAIRS[3]!);
  out = redactPairs(out, PAIRS[4]!);
  return redactInsideStrings(out.replace(LONG_OPAQUE, REDACTED), depth);
}

/**
 * Text no rule here can match, returned as is without running them (event names, enum values, ids: most of
 * a log line's fields): under 40 characters (LONG_OPAQUE), only letters, digits, '_', '-' and '.', no 'eyJ'
 * (JWT). Nothing to pair (no ':' '=' quote or space), no scheme word, no percent escape.
 */
const PLAIN_WORD = /^(?!.*eyJ)[A-Za-z0-9_.-]{0,39}$/;

export function redactSecrets(text: string): string {
  if (PLAIN_WORD.test(text)) return text;
  return redactPercentEncoded(redactPlain(text), (plain) => redactPlain(plain));
}
