// The admin policy templates (issue 12): generated from the policy's value table, every value appears in
// every template, each template parses (ADMX/ADML and the profile as well-formed XML with the elements Group
// Policy and MDM expect), and the sample policy they carry is valid — read back through the same sources
// Airlock reads on each OS (file, registry values, managed preferences).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../../../shared/contract/channels';
import { createManagedPreferencesSource, createRegistryPolicySource, MANAGED_VALUE_NAMES, type RegistryValue } from '../../../../../electron/services/policy';
import { readPolicyDocument } from '../../../../../electron/services/policy/document/read-document';
import { validateDocument } from '../../../../../electron/services/policy/document/validate-document';
import { MANAGED_VALUES } from '../../../../../electron/services/policy/sources/managed-values';
import { managedValuesOf, policyTemplates, SAMPLE_POLICY, SETTING_DESCRIPTIONS } from '../../../../../electron/services/policy/templates';

type Node = Record<string, unknown>;
/** A plist's XML as JS values (dict key order kept), for reading the profile back. */
function plistOf(text: string): unknown {
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: true, commentPropName: '#comment' }).parse(text) as Node[];
  const plist = tree.find((n) => 'plist' in n)!['plist'] as Node[];
  const value = (node: Node): unknown => {
    const tag = Object.keys(node).find((k) => k !== '#comment' && k !== ':@')!;
    const children = (node[tag] as Node[]).filter((c) => !('#comment' in c));
    const textOf = () => String((children[0]?.['#text'] as string | number | undefined) ?? '');
    switch (tag) {
      case 'string': return textOf();
      case 'integer': return Number(textOf());
      case 'true': return true;
      case 'false': return false;
      case 'array': return children.map(value);
      case 'dict': {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < children.length; i += 2) out[String((children[i]!['key'] as Node[])[0]!['#text'])] = value(children[i + 1]!);
        return out;
      }
      default: throw new Error(`plist: unexpected <${tag}>`);
    }
  };
  return value(plist.find((n) => !('#comment' in n))!);
}

const files = Object.fromEntries(policyTemplates().map((f) => [f.path, f.text]));
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['policy', 'string', 'presentation', 'key', 'item'].includes(name) });

describe('admin policy templates', () => {
  it('describes every managed value (a new value cannot ship without reaching the templates)', () => {
    expect(Object.keys(SETTING_DESCRIPTIONS).sort()).toEqual([...MANAGED_VALUE_NAMES].sort());
  });

  it('ADMX: well-formed, one Machine policy per value under HKLM\\Software\\Policies\\Airlock, the registry type the source reads', () => {
    const text = files['windows/airlock.admx']!;
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text) as { policyDefinitions: { policyNamespaces: { target: Record<string, string> }; categories: unknown; policies: { policy: Record<string, unknown>[] } } };
    expect(doc.policyDefinitions.policyNamespaces.target['@namespace']).toBe('Airlock.Policies.Airlock');
    expect(doc.policyDefinitions.categories).toBeDefined();
    const policies = doc.policyDefinitions.policies.policy;
    expect(policies.map((p) => p['@name']).sort()).toEqual([...MANAGED_VALUE_NAMES].sort());
    for (const p of policies) {
      expect(p['@class']).toBe('Machine');
      expect(p['@key']).toBe('Software\\Policies\\Airlock');
      const kind = MANAGED_VALUES.find((v) => v.name === p['@name'])!.kind;
      const elements = p['elements'] as Record<string, Record<string, unknown>> | undefined;
      const expected = { boolean: undefined, number: 'decimal', list: 'multiText', text: SETTING_DESCRIPTIONS[p['@name'] as string]!.choices ? 'enum' : 'text', structure: 'text' }[kind];
      if (expected === undefined) {
        expect(p['@valueName']).toBe(p['@name']);
        expect(p['enabledValue']).toBeDefined();
        expect(p['disabledValue']).toBeDefined();
      } else {
        expect(Object.keys(elements!)).toEqual([expected]);
        expect(elements![expected]!['@valueName']).toBe(p['@name']);
      }
    }
  });

  it('ADML: a display name and explanation for every policy, and a presentation for every policy with an element', () => {
    const text = files['windows/en-US/airlock.adml']!;
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text) as { policyDefinitionResources: { resources: { stringTable: { string: Record<string, string>[] }; presentationTable: { presentation: Record<string, string>[] } } } };
    const ids = doc.policyDefinitionResources.resources.stringTable.string.map((s) => s['@id']);
    const presentations = doc.policyDefinitionResources.resources.presentationTable.presentation.map((p) => p['@id']);
    const admx = files['windows/airlock.admx']!;
    for (const name of MANAGED_VALUE_NAMES) {
      expect(ids).toContain(name);
      expect(ids).toContain(`${name}_Explain`);
      if (admx.includes(`presentation="$(presentation.${name})"`)) expect(presentations).toContain(name);
    }
    // Every $(string.X) the ADMX names exists in the ADML.
    for (const [, id] of admx.matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)) expect(ids).toContain(id);
  });

  it('mobileconfig: a well-formed profile forcing every value for the bundle id, read back by the managed-preferences source as a valid policy', async () => {
    const text = files['macos/airlock.mobileconfig']!;
    expect(XMLValidator.validate(text)).toBe(true);
    for (const name of MANAGED_VALUE_NAMES) expect(text).toContain(`<key>${name}</key>`);
    expect(text).toContain('<key>io.airlock.desktop</key>');
    expect(text).toContain('<key>mcx_preference_settings</key>');
    // What the profile forces, read back out of its XML (as the managed-preferences reader hands it over).
    const root = plistOf(text) as { PayloadContent: Array<{ PayloadContent: Record<string, { Forced: Array<{ mcx_preference_settings: Record<string, unknown> }> }> }> };
    const forced = root.PayloadContent[0]!.PayloadContent['io.airlock.desktop']!.Forced[0]!.mcx_preference_settings;
    expect(Object.keys(forced).sort()).toEqual([...MANAGED_VALUE_NAMES].sort());
    expect(forced).toEqual(managedValuesOf(SAMPLE_POLICY));
    const read = await createManagedPreferencesSource({ reader: { read: async () => ({ path: '/Library/Managed Preferences/io.airlock.desktop.plist', values: forced }) } }).read();
    if (read.state !== 'present') throw new Error(read.state);
    const checked = validateDocument(read.value, read.locate, CHANNELS);
    expect(checked.ok ? 'valid' : checked.problem.message).toBe('valid');
  });

  it('the Linux sample policy.json is valid as /etc/airlock/policy.json and sets every top-level setting', () => {
    const result = readPolicyDocument(files['linux/policy.json']!, { file: '/etc/airlock/policy.json', format: 'json' }, CHANNELS);
    expect(result.ok ? 'valid' : `${result.problem.message} (line ${result.problem.line})`).toBe('valid');
    if (result.ok) expect(result.document.set.size).toBeGreaterThanOrEqual(14);
  });

  it('the same policy set as registry values (what the ADMX writes) is valid too', async () => {
    const values: RegistryValue[] = Object.entries(managedValuesOf(SAMPLE_POLICY)).map(([name, value]) => {
      const kind = MANAGED_VALUES.find((v) => v.name === name)!.kind;
      if (kind === 'number') return { name, type: 'REG_DWORD', data: value as number };
      if (kind === 'boolean') return { name, type: 'REG_DWORD', data: value ? 1 : 0 };
      if (kind === 'list') return { name, type: 'REG_MULTI_SZ', data: value as string[] };
      if (kind === 'text') return { name, type: 'REG_SZ', data: value as string };
      return { name, type: 'REG_SZ', data: JSON.stringify(value) };
    });
    const read = await createRegistryPolicySource({ reader: { read: async () => values } }).read();
    if (read.state !== 'present') throw new Error(read.state);
    const checked = validateDocument(read.value, read.locate, CHANNELS);
    expect(checked.ok ? 'valid' : checked.problem.message).toBe('valid');
  });
});
