// Email addresses are masked before they reach a log line.
import { maskEmail, maskEmailsIn } from '../../src/domain/mask';

describe('masking emails', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('ada.lovelace@acme.com')).toBe('a***@acme.com');
    expect(maskEmail('x@acme.com')).toBe('x***@acme.com');
    expect(maskEmail('not an email')).toBe('***');
  });

  it('masks every address inside a message and leaves the rest', () => {
    expect(maskEmailsIn('A contact with the email ada@acme.com already exists (also bob@globex.co.uk).')).toBe(
      'A contact with the email a***@acme.com already exists (also b***@globex.co.uk).',
    );
    expect(maskEmailsIn('Import job 42 failed: timeout')).toBe('Import job 42 failed: timeout');
  });
});
