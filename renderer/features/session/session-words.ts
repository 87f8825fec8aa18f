// The Session panel's words for how the account signed in: display text from the token's claims, nothing else.

/** The token's `amr` values (RFC 8176) in words; an unknown one stays as sent. */
const METHOD_WORDS: Readonly<Record<string, string>> = {
  pwd: 'password',
  mfa: 'multi-factor',
  otp: 'one-time code',
  sms: 'text message',
  tel: 'phone call',
  hwk: 'hardware key',
  swk: 'software key',
  fido: 'security key',
  rsa: 'certificate or key',
  sc: 'smart card',
  pin: 'PIN',
  face: 'face',
  fpt: 'fingerprint',
  wia: 'Windows sign-in',
  ngcmfa: 'Windows Hello',
};
/** "password, multi-factor (pwd, mfa)": the words, then the claim values support staff ask for. */
export function methodsWords(methods: readonly string[]): string {
  if (methods.length === 0) return 'not reported';
  return `${methods.map((m) => METHOD_WORDS[m] ?? m).join(', ')} (${methods.join(', ')})`;
}
