// The macOS configuration profile (.mobileconfig) for MDM (Jamf, Intune): the sample policy as forced
// managed preferences of Airlock's bundle id — what the managed-preferences source reads from
// /Library/Managed Preferences. One key per managed value, in native plist types (the JSON structures as
// dictionaries and arrays). Generated from the value table, so every value appears.
import { MACOS_BUNDLE_ID } from '../sources/managed-preferences-source';
import { managedValuesOf } from './managed-values-of';
import { SAMPLE_POLICY } from './sample-policy';
import { SETTING_DESCRIPTIONS } from './setting-descriptions';
import { xmlText } from './xml-text';

// Fixed, so the generated file is reproducible; an organization may replace them with its own.
const PROFILE_UUID = '6c1f1d2e-2b7a-4c55-9a43-0d6a4b8f1a01';
const PAYLOAD_UUID = '6c1f1d2e-2b7a-4c55-9a43-0d6a4b8f1a02';

function plistValue(value: unknown, indent: string): string {
  if (typeof value === 'string') return `<string>${xmlText(value)}</string>`;
  if (typeof value === 'boolean') return value ? '<true/>' : '<false/>';
  if (typeof value === 'number') return Number.isInteger(value) ? `<integer>${value}</integer>` : `<real>${value}</real>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '<array/>';
    return `<array>\n${value.map((v) => `${indent}  ${plistValue(v, `${indent}  `)}`).join('\n')}\n${indent}</array>`;
  }
  if (typeof value === 'object' && value !== null) return plistDict(value as Record<string, unknown>, indent);
  throw new Error(`mobileconfig: cannot write ${typeof value}`);
}

function plistDict(dict: Record<string, unknown>, indent: string, comments?: Readonly<Record<string, string>>): string {
  const lines = Object.entries(dict).flatMap(([key, v]) => [
    ...(comments?.[key] ? [`${indent}  <!-- ${xmlText(comments[key]).replace(/--/g, '- -')} -->`] : []),
    `${indent}  <key>${xmlText(key)}</key>`,
    `${indent}  ${plistValue(v, `${indent}  `)}`,
  ]);
  return `<dict>\n${lines.join('\n')}\n${indent}</dict>`;
}

export function renderMobileconfig(): string {
  const forced = managedValuesOf(SAMPLE_POLICY);
  const comments = Object.fromEntries(Object.keys(forced).map((name) => [name, SETTING_DESCRIPTIONS[name]?.displayName ?? name]));
  const settings = plistDict(forced, '                  ', comments);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>PayloadContent</key>',
    '  <array>',
    '    <dict>',
    '      <key>PayloadType</key><string>com.apple.ManagedClient.preferences</string>',
    '      <key>PayloadVersion</key><integer>1</integer>',
    `      <key>PayloadIdentifier</key><string>${MACOS_BUNDLE_ID}.policy.settings</string>`,
    `      <key>PayloadUUID</key><string>${PAYLOAD_UUID}</string>`,
    '      <key>PayloadDisplayName</key><string>Airlock machine policy (forced preferences)</string>',
    '      <key>PayloadContent</key>',
    '      <dict>',
    `        <key>${MACOS_BUNDLE_ID}</key>`,
    '        <dict>',
    '          <key>Forced</key>',
    '          <array>',
    '            <dict>',
    '              <key>mcx_preference_settings</key>',
    `                  ${settings}`,
    '            </dict>',
    '          </array>',
    '        </dict>',
    '      </dict>',
    '    </dict>',
    '  </array>',
    '  <key>PayloadDisplayName</key><string>Airlock machine policy</string>',
    `  <key>PayloadIdentifier</key><string>${MACOS_BUNDLE_ID}.policy</string>`,
    '  <key>PayloadScope</key><string>System</string>',
    '  <key>PayloadType</key><string>Configuration</string>',
    `  <key>PayloadUUID</key><string>${PROFILE_UUID}</string>`,
    '  <key>PayloadVersion</key><integer>1</integer>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
