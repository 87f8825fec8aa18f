// The gate's check of what the built main bundle did app-wide while starting (window-probe.ts saw it): the
// weakenings that are not webPreferences, so Electronegativity only flags them for manual review (TENTATIVE),
// which the gate cannot block on. Each of these is refused:
//   - an app.commandLine switch (appendSwitch, or appendArgument that looks like one) that turns off TLS checks,
//     the sandbox, web security or site isolation, opens a debugger, exposes TLS keys or reroutes traffic;
//   - a 'certificate-error' listener on app or on any webContents (or session): Airlock never overrides Chromium's
//     certificate verdict, so none is registered at all (simpler to prove than "none ever calls back true");
//   - session.setCertificateVerifyProc / setProxy / setSSLConfig and app.importCertificate / setProxy: trust
//     and routing stay Chromium's and the OS's;
//   - Node's own TLS loosened for main's services: NODE_TLS_REJECT_UNAUTHORIZED, NODE_EXTRA_CA_CERTS,
//     SSLKEYLOGFILE, NODE_OPTIONS or ELECTRON_RUN_AS_NODE set by the app, https.globalAgent told not to verify,
//     or tls.DEFAULT_MIN_VERSION below TLS 1.2.
// It judges a report; it never runs anything.
import { gateFinding } from './gate-finding';
import type { Finding } from './electronegativity-scan';
import type { ProbeReport, ProbedSwitch } from './probe-report';

export const COMMAND_LINE_FINDING_ID = 'AIRLOCK_COMMAND_LINE';
export const TRUST_FINDING_ID = 'AIRLOCK_NETWORK_TRUST';

/** Switch names (lower case, without leading dashes) Airlock never appends, with what each would do. */
const DENIED_SWITCHES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^ignore-(certificate|ssl)-errors|^ignore-urlfetcher-cert-requests$/, 'turns off certificate checks'],
  [/^(allow-insecure-localhost|unsafely-treat-insecure-origin-as-secure|allow-running-insecure-content)$/, 'trusts insecure origins'],
  [/^(ssl-key-log-file|ssl-version-(min|max)|cipher-suite-blacklist|tls13-variant)$/, 'weakens TLS or writes its keys to a file'],
  [/^(no-sandbox|no-zygote|no-zygote-sandbox)$|^disable-.*sandbox/, 'turns off the Chromium sandbox'],
  [/^(disable-web-security|allow-file-access-from-files|site-isolation-trial-opt-out)$|^disable-site-isolation/, 'turns off web security or site isolation'],
  [/^remote-debugging-|^remote-allow-origins$|^inspect|^js-flags$|^auto-open-devtools-for-tabs$/, 'opens a debugger into the app'],
  [/^(enable-blink-features|enable-experimental-web-platform-features)$/, 'switches on what the window keeps off'],
  [/^(proxy-server|proxy-pac-url|proxy-bypass-list|host-rules|host-resolver-rules)$/, 'routes traffic somewhere else'],
  [/^(log-net-log|net-log-capture-mode)$/, 'writes network traffic to a file'],
];
/** Chromium features whose disabling turns site isolation off. */
const ISOLATION_FEATURES = /IsolateOrigins|site-per-process|SitePerProcess|StrictOriginIsolation/i;
const DENIED_LISTENERS = new Set(['certificate-error']);
const DENIED_ENVIRONMENT = new Set(['NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_EXTRA_CA_CERTS', 'SSLKEYLOGFILE', 'NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE']);
const WEAK_TLS_VERSIONS = new Set(['TLSv1', 'TLSv1.1']);

/** 'ignore-certificate-errors' for appendSwitch('--Ignore-Certificate-Errors') or appendArgument('--ignore-certificate-errors=1'). */
function switchOf(appended: ProbedSwitch): { name: string; value: string } | undefined {
  if (appended.via === 'appendArgument' && !appended.name.startsWith('-')) return undefined; // an argument, not a switch
  const [name = '', ...value] = appended.name.trim().replace(/^-+/, '').split('=');
  return { name: name.toLowerCase(), value: appended.via === 'appendArgument' ? value.join('=') : appended.value };
}

function whySwitchIsDenied(name: string, value: string): string | undefined {
  if (name === 'disable-features') return ISOLATION_FEATURES.test(value) ? 'turns off site isolation' : undefined;
  return DENIED_SWITCHES.find(([pattern]) => pattern.test(name))?.[1];
}

export function judgeAppTrust(report: ProbeReport): Finding[] {
  const out: Finding[] = [];
  for (const appended of report.commandLine) {
    const found = switchOf(appended);
    const why = found && whySwitchIsDenied(found.name, found.value);
    if (!found || !why) continue;
    const call = `app.commandLine.${appended.via}(${JSON.stringify(appended.name)}${appended.value ? `, ${JSON.stringify(appended.value)}` : ''})`;
    out.push(gateFinding(COMMAND_LINE_FINDING_ID, `--${found.name}`, call, `--${found.name} ${why}: Airlock never appends it.`));
  }
  for (const listener of report.listeners) {
    if (!DENIED_LISTENERS.has(listener.event)) continue;
    const setting = `${listener.on}.on('${listener.event}')`;
    out.push(gateFinding(TRUST_FINDING_ID, setting, `${listener.where}.on('${listener.event}', …)`, `${setting}: a listener could accept a certificate Chromium refused; Airlock registers none.`));
  }
  for (const { on, where, call } of report.trustCalls) {
    out.push(gateFinding(TRUST_FINDING_ID, `${on}.${call}`, `${where}.${call}(…)`, `${on}.${call} changes whom the app trusts or where its traffic goes; Airlock keeps Chromium's and the OS's.`));
  }
  for (const name of report.envChanged.filter((n) => DENIED_ENVIRONMENT.has(n))) {
    out.push(gateFinding(TRUST_FINDING_ID, `process.env.${name}`, `process.env.${name} changed while starting`, `${name} changes how Node trusts TLS or what runs; the app never sets it.`));
  }
  if (report.nodeTls.globalAgentRejectUnauthorized === false) {
    out.push(gateFinding(TRUST_FINDING_ID, 'https.globalAgent.options.rejectUnauthorized', 'https.globalAgent.options.rejectUnauthorized: false', "Node's https agent must verify certificates."));
  }
  if (WEAK_TLS_VERSIONS.has(report.nodeTls.defaultMinVersion)) {
    out.push(gateFinding(TRUST_FINDING_ID, 'tls.DEFAULT_MIN_VERSION', `tls.DEFAULT_MIN_VERSION: ${report.nodeTls.defaultMinVersion}`, "Node's TLS floor stays at TLS 1.2 or above."));
  }
  return out;
}
