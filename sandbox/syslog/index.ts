// The sandbox's syslog collector (RFC 5425 over TLS on loopback): its face for start-sandbox and tests.
export { startSyslogReceiver, type AirlockRecordCount, type ReceivedSyslog, type SyslogProblem, type SyslogReceiver, type SyslogReceiverOptions } from './syslog-receiver';
export type { SyslogMessage } from './syslog-message';
