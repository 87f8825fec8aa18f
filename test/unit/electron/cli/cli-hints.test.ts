// The CLI's next step in commands: a code's default hint (written for the app: "Open Connections", "the editor
// marks them") becomes the CLI's own; a hint a service wrote for the case stays as it is.
import { describe, expect, it } from 'vitest';
import { cliHint } from '../../../../electron/cli/cli-hints';
import { ERROR_CODES, ERROR_DEFAULTS } from '../../../../shared/errors/codes';

describe('cliHint', () => {
  it('says the default hints in commands, naming no screen, editor or button of the app', () => {
    for (const code of ERROR_CODES) {
      const hint = cliHint(code, ERROR_DEFAULTS[code].hint) ?? '';
      expect(hint, code).not.toMatch(/Open Connections|in Connections|Connections shows|the editor|Refresh the list|Settings →|restart Airlock and report/);
    }
    expect(cliHint('E_ROUTE_DOWN', ERROR_DEFAULTS.E_ROUTE_DOWN.hint)).toContain('airlock route connect');
  });
  it("keeps a service's own hint", () => {
    expect(cliHint('E_NOT_FOUND', 'Pick one of the deployments the endpoint lists.')).toBe('Pick one of the deployments the endpoint lists.');
    expect(cliHint('E_NOT_FOUND', undefined)).toBeUndefined();
  });
});
