import { customFieldInputSchema, fieldNameKey, validateCustomValue } from '../../src/domain/custom-fields';
import { MAX_CUSTOM_VALUE_LENGTH, MAX_SELECT_OPTIONS } from '../../src/domain/limits';
import type { CustomField, CustomFieldType } from '../../src/domain/records';

const field = (type: CustomFieldType, name = 'Field', options: string[] = []): Pick<CustomField, 'type' | 'options' | 'name'> => ({
  type,
  name,
  options,
});

const accepted = (f: Pick<CustomField, 'type' | 'options' | 'name'>, raw: string) => {
  const result = validateCustomValue(f, raw);
  if (!result.ok) throw new Error(`expected "${raw}" to be accepted, got: ${result.message}`);
  return result.value;
};

const refused = (f: Pick<CustomField, 'type' | 'options' | 'name'>, raw: string) => {
  const result = validateCustomValue(f, raw);
  if (result.ok) throw new Error(`expected "${raw}" to be refused, got: ${result.value}`);
  return result.message;
};

describe('validateCustomValue', () => {
  it('accepts an empty value for every type, which clears the field', () => {
    for (const type of ['text', 'number', 'date', 'url', 'email', 'phone', 'select'] as const) {
      expect(accepted(field(type, 'F', ['A']), '   ')).toBe('');
    }
  });

  describe('text', () => {
    it('keeps the text trimmed', () => {
      expect(accepted(field('text'), '  Gold  customer \n')).toBe('Gold  customer');
    });

    it(`refuses text longer than ${MAX_CUSTOM_VALUE_LENGTH} characters`, () => {
      expect(accepted(field('text'), 'x'.repeat(MAX_CUSTOM_VALUE_LENGTH))).toHaveLength(MAX_CUSTOM_VALUE_LENGTH);
      expect(refused(field('text', 'Summary'), 'x'.repeat(MAX_CUSTOM_VALUE_LENGTH + 1))).toMatch(/^Summary: "x+\.\.\." is longer than 2000/);
    });
  });

  describe('number', () => {
    it('accepts thousands separators and stores the plain number', () => {
      expect(accepted(field('number'), '1,234.5')).toBe('1234.5');
      expect(accepted(field('number'), '1234.5')).toBe('1234.5');
      expect(accepted(field('number'), '1,234,567')).toBe('1234567');
    });

    it('stores one canonical text for equal numbers', () => {
      expect(accepted(field('number'), '007.50')).toBe('7.5');
      expect(accepted(field('number'), '-0')).toBe('0');
      expect(accepted(field('number'), '+.25')).toBe('0.25');
      expect(accepted(field('number'), '-12')).toBe('-12');
    });

    it('refuses text, misplaced separators and decimal commas', () => {
      for (const raw of ['abc', '1,5', '12,34.5', '1.2.3', '1e5', 'NaN', 'Infinity', '-', '.', '$5']) {
        expect(refused(field('number', 'Seats'), raw)).toBe(`Seats: "${raw}" is not a number; use digits with an optional decimal point, like 1234.5.`);
      }
    });

    it('refuses numbers too large or too precise to store exactly', () => {
      expect(refused(field('number'), '9'.repeat(400))).toMatch(/too large/);
      expect(refused(field('number'), '1234567890123456789')).toMatch(/significant digits/);
      expect(accepted(field('number'), '1000000000000000000')).toBe('1000000000000000000');
    });
  });

  describe('date', () => {
    it('accepts a real calendar date in YYYY-MM-DD', () => {
      expect(accepted(field('date'), ' 2024-02-29 ')).toBe('2024-02-29');
      expect(accepted(field('date'), '2000-02-29')).toBe('2000-02-29');
    });

    it('refuses dates that do not exist', () => {
      for (const raw of ['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '0000-01-01', '31/02/2024']) {
        expect(refused(field('date', 'Renewal date'), raw)).toMatch(new RegExp(`^Renewal date: "${raw.replace(/[/]/g, '\\/')}" is not a calendar date; use YYYY-MM-DD`));
      }
    });

    it('takes the date of an ISO date-time as written, whatever its zone', () => {
      expect(accepted(field('date'), '2018-07-12T11:12:00Z')).toBe('2018-07-12');
      expect(accepted(field('date'), '2018-07-12 23:30')).toBe('2018-07-12');
      expect(accepted(field('date'), '2018-07-12T23:30:00.123-05:00')).toBe('2018-07-12');
    });

    it('reads Excel serial dates, counting past its 29 February 1900', () => {
      expect(accepted(field('date'), '43293')).toBe('2018-07-12');
      expect(accepted(field('date'), '45658.75')).toBe('2025-01-01');
    });

    it('reads day/month numbers in the order the column uses, or the only order that makes sense', () => {
      expect(validateCustomValue(field('date'), '3/4/2024', { dateOrder: 'dmy' })).toEqual({ ok: true, value: '2024-04-03' });
      expect(validateCustomValue(field('date'), '3/4/2024', { dateOrder: 'mdy' })).toEqual({ ok: true, value: '2024-03-04' });
      expect(accepted(field('date'), '31.12.2026')).toBe('2026-12-31');
      expect(accepted(field('date'), '12/31/2026')).toBe('2026-12-31');
      expect(accepted(field('date'), '2026/12/31')).toBe('2026-12-31');
      expect(refused(field('date', 'Renewal date'), '3/4/2024')).toMatch(/could be read day-first or month-first; choose the column's day\/month order/);
    });

    it('reads month names, and refuses two-digit years and quarters with a hint', () => {
      expect(accepted(field('date'), '12 Jul 2018')).toBe('2018-07-12');
      expect(accepted(field('date'), 'July 12, 2018')).toBe('2018-07-12');
      expect(refused(field('date'), '27 Oct 26')).toMatch(/two-digit year/);
      expect(refused(field('date'), 'Q2 2019')).toMatch(/is not a date; use YYYY-MM-DD/);
      expect(refused(field('date'), '2024-3-4')).toMatch(/use YYYY-MM-DD/);
    });
  });

  describe('url', () => {
    it('stores the canonical form of an http or https link', () => {
      expect(accepted(field('url'), 'HTTPS://Acme.com/Pricing?x=1')).toBe('https://acme.com/Pricing?x=1');
      expect(accepted(field('url'), 'http://acme.com')).toBe('http://acme.com/');
    });

    it('reads a bare website as https', () => {
      expect(accepted(field('url'), 'www.acme.com/about')).toBe('https://www.acme.com/about');
    });

    it('refuses other schemes', () => {
      expect(refused(field('url', 'Website'), 'javascript:alert(1)')).toBe(
        'Website: "javascript:alert(1)" is not a web address; only http:// and https:// links are allowed.',
      );
      expect(refused(field('url'), 'ftp://acme.com/file')).toMatch(/only http/);
    });

    it('refuses text that is not a link', () => {
      expect(refused(field('url'), 'not a link')).toMatch(/is not a web address/);
      expect(refused(field('url'), 'https://')).toMatch(/is not a web address/);
    });
  });

  describe('email', () => {
    it('stores the normalised address', () => {
      expect(accepted(field('email'), ' Billing@Acme.COM ')).toBe('billing@acme.com');
    });

    it('refuses text that is not an address', () => {
      expect(refused(field('email', 'Billing email'), 'billing at acme')).toBe('Billing email: "billing at acme" is not an email address.');
    });
  });

  describe('phone', () => {
    it('keeps the number as typed, with spaces collapsed', () => {
      expect(accepted(field('phone'), ' +44 (0)20  7946 0958 ')).toBe('+44 (0)20 7946 0958');
      expect(accepted(field('phone'), '555-0100 ext. 12')).toBe('555-0100 ext. 12');
      expect(accepted(field('phone'), '555.0100 EXT 7')).toBe('555.0100 EXT 7');
    });

    it('refuses letters, too few digits and overlong numbers', () => {
      expect(refused(field('phone', 'Mobile'), 'call me')).toMatch(/^Mobile: "call me" is not a phone number/);
      expect(refused(field('phone'), '12')).toMatch(/not a phone number/);
      expect(refused(field('phone'), '(-)')).toMatch(/not a phone number/);
      expect(refused(field('phone'), '1'.repeat(65))).toMatch(/not a phone number/);
    });
  });

  describe('select', () => {
    const tier = field('select', 'Tier', ['Gold', 'Silver', 'Bronze']);

    it('matches an option case-insensitively and stores it as defined', () => {
      expect(accepted(tier, ' gOLD ')).toBe('Gold');
    });

    it('lists the allowed options when the value is not one of them', () => {
      expect(refused(tier, 'Platinum')).toBe('Tier: "Platinum" is not one of the options: Gold, Silver, Bronze.');
    });

    it('shows at most 10 options in the message', () => {
      const many = field('select', 'Region', Array.from({ length: 14 }, (_, i) => `R${i + 1}`));
      expect(refused(many, 'Mars')).toBe('Region: "Mars" is not one of the options: R1, R2, R3, R4, R5, R6, R7, R8, R9, R10 and 4 more.');
    });
  });
});

describe('fieldNameKey', () => {
  it('matches headers that differ only in case, accents and punctuation', () => {
    expect(fieldNameKey('Renewal Date')).toBe(fieldNameKey(' renewal_date '));
    expect(fieldNameKey('Catégorie')).toBe(fieldNameKey('CATEGORIE'));
    expect(fieldNameKey('Renewal date')).not.toBe(fieldNameKey('Renewal'));
  });
});

describe('customFieldInputSchema', () => {
  it('accepts a text field with a trimmed name and no options', () => {
    expect(customFieldInputSchema.parse({ entity: 'company', name: '  Renewal date ', type: 'date' })).toEqual({
      entity: 'company',
      name: 'Renewal date',
      type: 'date',
      options: [],
    });
  });

  it('accepts a select field with trimmed options', () => {
    expect(customFieldInputSchema.parse({ entity: 'contact', name: 'Tier', type: 'select', options: [' Gold', 'Silver '] }).options).toEqual([
      'Gold',
      'Silver',
    ]);
  });

  it('requires options for a select field', () => {
    const result = customFieldInputSchema.safeParse({ entity: 'contact', name: 'Tier', type: 'select', options: [] });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['options'], message: 'A select field needs at least one option' })]);
  });

  it('refuses options on other types', () => {
    const result = customFieldInputSchema.safeParse({ entity: 'contact', name: 'Seats', type: 'number', options: ['1'] });
    expect(result.error?.issues[0]?.message).toBe('Only select fields have options');
  });

  it('refuses options that repeat ignoring case', () => {
    const result = customFieldInputSchema.safeParse({ entity: 'contact', name: 'Tier', type: 'select', options: ['Gold', 'gold '] });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['options', 1], message: '"gold" is listed more than once' })]);
  });

  it(`refuses more than ${MAX_SELECT_OPTIONS} options`, () => {
    const options = Array.from({ length: MAX_SELECT_OPTIONS + 1 }, (_, i) => `Option ${i}`);
    expect(customFieldInputSchema.safeParse({ entity: 'contact', name: 'Tier', type: 'select', options }).success).toBe(false);
  });

  it('refuses an empty or overlong name, an unknown type and an unknown entity', () => {
    const base = { entity: 'contact', name: 'Tier', type: 'text' };
    expect(customFieldInputSchema.safeParse({ ...base, name: '   ' }).success).toBe(false);
    expect(customFieldInputSchema.safeParse({ ...base, name: 'x'.repeat(101) }).success).toBe(false);
    expect(customFieldInputSchema.safeParse({ ...base, type: 'colour' }).success).toBe(false);
    expect(customFieldInputSchema.safeParse({ ...base, entity: 'issue' }).success).toBe(false);
  });
});
