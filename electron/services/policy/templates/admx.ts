// The Windows Group Policy template (ADMX, with its en-US ADML): one machine policy per managed value,
// written where the registry source reads it (HKLM\Software\Policies\Airlock, the value's own name) in the
// registry type it expects — numbers and switches REG_DWORD, lists REG_MULTI_SZ (multiText), texts and the
// JSON structures REG_SZ. Generated from the policy's own value table, never written by hand.
import { MAX_POLICY_BYTES } from '../document/read-document';
import { MANAGED_VALUES, type ValueKind } from '../sources/managed-values';
import { WINDOWS_POLICY_KEY } from '../sources/registry-source';
import { SETTING_DESCRIPTIONS, type SettingDescription } from './setting-descriptions';
import { xmlText } from './xml-text';

const NAMESPACE = 'Airlock.Policies.Airlock';
const PREFIX = 'airlock';
const CATEGORY = 'Airlock';
const SUPPORTED = 'SUPPORTED_Airlock_0_1';
/** The key under HKLM that class="Machine" policies write to. */
const KEY = WINDOWS_POLICY_KEY.replace(/^HKLM\\/, '');

interface TemplateValue {
  readonly name: string;
  readonly kind: ValueKind;
  readonly about: SettingDescription;
}

function templateValues(): TemplateValue[] {
  return MANAGED_VALUES.map((v) => {
    const about = SETTING_DESCRIPTIONS[v.name];
    if (!about) throw new Error(`policy templates: no description for the managed value ${v.name}`);
    return { name: v.name, kind: v.kind, about };
  });
}

function element(v: TemplateValue): string | null {
  const id = xmlText(v.name);
  switch (v.kind) {
    case 'boolean':
      return null; // the policy's own Enabled/Disabled state writes 1/0
    case 'number':
      return `<decimal id="${id}" valueName="${id}" minValue="${v.about.range?.min ?? 0}" maxValue="${v.about.range?.max ?? 2147483647}" />`;
    case 'list':
      return `<multiText id="${id}" valueName="${id}" />`;
    case 'text':
      if (v.about.choices) {
        const items = v.about.choices.map((c) => `<item displayName="$(string.${id}_${xmlText(c)})"><value><string>${xmlText(c)}</string></value></item>`).join('');
        return `<enum id="${id}" valueName="${id}">${items}</enum>`;
      }
      return `<text id="${id}" valueName="${id}" maxLength="2048" />`;
    case 'structure':
      return `<text id="${id}" valueName="${id}" maxLength="${MAX_POLICY_BYTES}" />`;
  }
}

function policy(v: TemplateValue): string {
  const id = xmlText(v.name);
  const el = element(v);
  const head = `    <policy name="${id}" class="Machine" displayName="$(string.${id})" explainText="$(string.${id}_Explain)"${el ? ` presentation="$(presentation.${id})"` : ''} key="${xmlText(KEY)}"${el ? '' : ` valueName="${id}"`}>`;
  const body = [`      <parentCategory ref="${CATEGORY}" />`, `      <supportedOn ref="${SUPPORTED}" />`];
  if (el) body.push(`      <elements>${el}</elements>`);
  else body.push('      <enabledValue><decimal value="1" /></enabledValue>', '      <disabledValue><decimal value="0" /></disabledValue>');
  return [head, ...body, '    </policy>'].join('\n');
}

export function renderAdmx(): string {
  const values = templateValues();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <policyNamespaces>',
    `    <target prefix="${PREFIX}" namespace="${NAMESPACE}" />`,
    '    <using prefix="windows" namespace="Microsoft.Policies.Windows" />',
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0" />',
    `  <supportedOn><definitions><definition name="${SUPPORTED}" displayName="$(string.${SUPPORTED})" /></definitions></supportedOn>`,
    `  <categories><category name="${CATEGORY}" displayName="$(string.${CATEGORY})" /></categories>`,
    '  <policies>',
    ...values.map(policy),
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\n');
}

function presentation(v: TemplateValue): string | null {
  const id = xmlText(v.name);
  const label = xmlText(v.about.label ?? v.about.displayName);
  switch (v.kind) {
    case 'boolean':
      return null;
    case 'number':
      return `<presentation id="${id}"><decimalTextBox refId="${id}">${label}</decimalTextBox></presentation>`;
    case 'list':
      return `<presentation id="${id}"><multiTextBox refId="${id}">${label}</multiTextBox></presentation>`;
    case 'text':
      if (v.about.choices) return `<presentation id="${id}"><dropdownList refId="${id}" noSort="true" defaultItem="0">${label}</dropdownList></presentation>`;
      return `<presentation id="${id}"><textBox refId="${id}"><label>${label}</label></textBox></presentation>`;
    case 'structure':
      return `<presentation id="${id}"><textBox refId="${id}"><label>${label}</label></textBox></presentation>`;
  }
}

export function renderAdml(): string {
  const values = templateValues();
  const strings: [string, string][] = [
    [CATEGORY, 'Airlock'],
    [SUPPORTED, 'Airlock 0.1 and later'],
  ];
  for (const v of values) {
    strings.push([v.name, v.about.displayName], [`${v.name}_Explain`, v.about.explain]);
    for (const c of v.about.choices ?? []) strings.push([`${v.name}_${c}`, c]);
  }
  const presentations = values.map(presentation).filter((p): p is string => p !== null);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <displayName>Airlock</displayName>',
    '  <description>Machine policy for Airlock, the desktop client for private Azure Machine Learning workspaces.</description>',
    '  <resources>',
    '    <stringTable>',
    ...strings.map(([id, text]) => `      <string id="${xmlText(id)}">${xmlText(text)}</string>`),
    '    </stringTable>',
    '    <presentationTable>',
    ...presentations.map((p) => `      ${p}`),
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\n');
}
