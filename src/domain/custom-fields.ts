// Custom fields: checking a typed value against its field, matching field names, and the schema for defining a field.
import { z } from 'zod';
import { MAX_CUSTOM_VALUE_LENGTH, MAX_FIELD_NAME_LENGTH, MAX_PHONE_LENGTH, MAX_SELECT_OPTIONS } from './limits';
import { foldText, normaliseEmail } from './normalise';
import type { CustomField, CustomFieldType } from './records';
import { recordTypeSchema } from './schemas';

export type CustomValueResult = { ok: true; value: string } | { ok: false; message: string };

// The mapped type makes the compiler flag a CustomFieldType added in records.ts but missing here.
const FIELD_TYPES = {
  text: 'text',
  number: 'number',
  date: 'date',
  url: 'url',
  email: 'email',
  phone: 'phone',
  select: 'select',
} as const satisfies { [K in CustomFieldType]: K };

const MAX_OPTIONS_IN_MESSAGE = 10;
// 15 significant digits is what a double holds exactly; beyond that the stored number would differ from the typed one.
const MAX_SIGNIFICANT_DIGITS = 15;

const NUMBER_SHAPE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PHONE_SHAPE = /^[\d\s+().-]+(?:ext\.?\s*\d+)?$/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Checks a raw value against its field and returns the canonical text to store. An empty value is valid for every
 * type: it clears the field.
 */
export function validateCustomValue(field: Pick<CustomField, 'type' | 'options' | 'name'>, raw: string): CustomValueResult {
  const value = raw.trim();
  if (!value) return { ok: true, value: '' };
  const result = canonicalValue(field, value);
  if (result.ok && result.value.length > MAX_CUSTOM_VALUE_LENGTH) {
    return fail(field, value, `is longer than ${MAX_CUSTOM_VALUE_LENGTH} characters; shorten it or keep it in a note`);
  }
  return result;
}

/** The key a CSV header and a field name are matched on: case, accents and punctuation ignored. */
export function fieldNameKey(name: string): string {
  return foldText(name);
}

function canonicalValue(field: Pick<CustomField, 'type' | 'options' | 'name'>, value: string): CustomValueResult {
  switch (field.type) {
    case 'text':
      return { ok: true, value };
    case 'number':
      return canonicalNumber(field, value);
    case 'date':
      return isCalendarDate(value) ? { ok: true, value } : fail(field, value, 'is not a date; use YYYY-MM-DD.');
    case 'url':
      return canonicalUrl(field, value);
    case 'email': {
      const email = normaliseEmail(value);
      return email === null ? fail(field, value, 'is not an email address.') : { ok: true, value: email };
    }
    case 'phone':
      return canonicalPhone(field, value);
    case 'select':
      return matchOption(field, value);
  }
}

function canonicalNumber(field: Pick<CustomField, 'name'>, value: string): CustomValueResult {
  const plain = value.replace(/,/g, '');
  if (!NUMBER_SHAPE.test(value) || !/\d/.test(value)) {
    return fail(field, value, 'is not a number; use digits with an optional decimal point, like 1234.5.');
  }
  const number = Number(plain);
  const significant = plain.replace(/[^\d]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  // From 1e21 String() switches to exponent notation, which is not the canonical text we promise.
  if (!Number.isFinite(number) || Math.abs(number) >= 1e21) return fail(field, value, 'is too large to store as a number.');
  if (significant.length > MAX_SIGNIFICANT_DIGITS) {
    return fail(field, value, `has more than ${MAX_SIGNIFICANT_DIGITS} significant digits; store long codes in a text field.`);
  }
  return { ok: true, value: String(number) };
}

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

function canonicalUrl(field: Pick<CustomField, 'name'>, value: string): CustomValueResult {
  // A bare "acme.com/pricing" is how people type websites; anything with another scheme (javascript:, ftp:) is refused.
  const hasScheme = URL_SCHEME.test(value);
  if (!hasScheme && !/^[^/?#]+\.[^/?#]+/.test(value)) return fail(field, value, 'is not a web address; use a link starting with https://.');
  const withScheme = hasScheme ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(field, value, 'is not a web address; use a link starting with https://.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(field, value, 'is not a web address; only http:// and https:// links are allowed.');
  }
  return { ok: true, value: url.href };
}

function canonicalPhone(field: Pick<CustomField, 'name'>, value: string): CustomValueResult {
  const collapsed = value.replace(/\s+/g, ' ');
  const digits = collapsed.replace(/\D/g, '').length;
  if (collapsed.length < 3 || collapsed.length > MAX_PHONE_LENGTH || digits < 3 || !PHONE_SHAPE.test(collapsed)) {
    return fail(field, value, `is not a phone number; use digits, spaces, + - ( ) . and "ext", up to ${MAX_PHONE_LENGTH} characters.`);
  }
  return { ok: true, value: collapsed };
}

function matchOption(field: Pick<CustomField, 'options' | 'name'>, value: string): CustomValueResult {
  const wanted = value.toLowerCase();
  const option = field.options.find((o) => o.trim().toLowerCase() === wanted);
  if (option !== undefined) return { ok: true, value: option };
  if (field.options.length === 0) return fail(field, value, 'cannot be stored because this field has no options yet; ask an admin to add them.');
  const shown = field.options.slice(0, MAX_OPTIONS_IN_MESSAGE).join(', ');
  const more = field.options.length - MAX_OPTIONS_IN_MESSAGE;
  return fail(field, value, `is not one of the options: ${shown}${more > 0 ? ` and ${more} more` : ''}.`);
}

function fail(field: Pick<CustomField, 'name'>, value: string, problem: string): CustomValueResult {
  // Long cells are cut so one bad value cannot flood an import report.
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return { ok: false, message: `${field.name}: "${shown}" ${problem}` };
}

export const customFieldInputSchema = z
  .object({
    entity: recordTypeSchema,
    name: z
      .string()
      .trim()
      .min(1, 'Enter a field name')
      .max(MAX_FIELD_NAME_LENGTH, `A field name can be at most ${MAX_FIELD_NAME_LENGTH} characters`),
    type: z.enum(FIELD_TYPES),
    options: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'An option cannot be empty')
          .max(MAX_FIELD_NAME_LENGTH, `An option can be at most ${MAX_FIELD_NAME_LENGTH} characters`),
      )
      .max(MAX_SELECT_OPTIONS, `A select field can have at most ${MAX_SELECT_OPTIONS} options`)
      .default([]),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'select' && field.options.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'A select field needs at least one option', path: ['options'] });
    }
    if (field.type !== 'select' && field.options.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'Only select fields have options', path: ['options'] });
    }
    const seen = new Set<string>();
    field.options.forEach((option, index) => {
      const key = option.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `"${option}" is listed more than once`, path: ['options', index] });
      seen.add(key);
    });
  });

export type CustomFieldInput = z.infer<typeof customFieldInputSchema>;
