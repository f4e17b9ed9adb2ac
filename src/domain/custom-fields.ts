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
export function validateCustomValue(field: Pick<CustomField, 'type' | 'options' | 'name'>, raw: string, options: DateOptions = {}): CustomValueResult {
  const value = raw.trim();
  if (!value) return { ok: true, value: '' };
  const result = canonicalValue(field, value, options);
  if (result.ok && result.value.length > MAX_CUSTOM_VALUE_LENGTH) {
    return fail(field, value, `is longer than ${MAX_CUSTOM_VALUE_LENGTH} characters; shorten it or keep it in a note`);
  }
  return result;
}

/** The key a CSV header and a field name are matched on: case, accents and punctuation ignored. */
export function fieldNameKey(name: string): string {
  return foldText(name);
}

function canonicalValue(field: Pick<CustomField, 'type' | 'options' | 'name'>, value: string, options: DateOptions): CustomValueResult {
  switch (field.type) {
    case 'text':
      return { ok: true, value };
    case 'number':
      return canonicalNumber(field, value);
    case 'date': {
      const date = parseDateText(value, options.dateOrder);
      return 'date' in date ? { ok: true, value: date.date } : fail(field, value, date.problem);
    }
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

/** Types the import wizard can give a field it creates (a select field needs its options defined first). */
export const NEW_FIELD_TYPES = ['text', 'number', 'date', 'url', 'email', 'phone'] as const satisfies readonly CustomFieldType[];
export type NewFieldType = (typeof NEW_FIELD_TYPES)[number];

/** How a column writes dates with numbers only: day first (31/12/2026), month first (12/31/2026). */
export type DateOrder = 'dmy' | 'mdy';
export type DateOptions = { dateOrder?: DateOrder };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YMD_SLASHED = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const DAY_MONTH_NAME = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{2,4})$/i;
const MONTH_NAME_DAY = /^([a-z]{3,9})\.?[\s-]+(\d{1,2}),?[\s-]+(\d{2,4})$/i;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;
// Excel's day 1 is 1900-01-01, and it counts a 29 February 1900 that never was: from day 61 on, day 0 is 1899-12-30.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DATE_HINT = 'use YYYY-MM-DD (a date and time, 31/12/2026 or Dec 31, 2026 also work).';

/**
 * A date as the app stores it (YYYY-MM-DD) from the ways spreadsheets write one: ISO dates and date-times (the date as
 * written), D/M/YYYY or M/D/YYYY (the order given, or the only one that makes sense), YYYY/MM/DD, "12 Jul 2018",
 * "Jul 12, 2018", and Excel serial numbers (five digits: 1927 to 2173). Two-digit years and quarters are refused.
 */
export function parseDateText(raw: string, order?: DateOrder): { date: string } | { problem: string } {
  const value = raw.trim();
  const iso = ISO_DATE.exec(value) ? value : ISO_DATE_TIME.exec(value)?.[1];
  if (iso !== undefined) return isCalendarDate(iso) ? { date: iso } : { problem: `is not a calendar date; ${DATE_HINT}` };
  if (EXCEL_SERIAL.test(value)) {
    const days = Math.floor(Number(value));
    return { date: new Date(EXCEL_EPOCH_MS + days * 86_400_000).toISOString().slice(0, 10) };
  }
  const ymd = YMD_SLASHED.exec(value);
  if (ymd) return fromParts(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const numeric = NUMERIC_DATE.exec(value);
  if (numeric) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    const chosen = order ?? (first > 12 && second <= 12 ? 'dmy' : second > 12 && first <= 12 ? 'mdy' : first === second ? 'dmy' : undefined);
    if (chosen === undefined) return { problem: `could be read day-first or month-first; choose the column's day/month order or ${DATE_HINT}` };
    return chosen === 'dmy' ? fromParts(year, second, first) : fromParts(year, first, second);
  }
  const named = DAY_MONTH_NAME.exec(value) ?? MONTH_NAME_DAY.exec(value);
  if (named) {
    const dayFirst = /^\d/.test(value);
    const [day, monthName, year] = dayFirst ? [named[1]!, named[2]!, named[3]!] : [named[2]!, named[1]!, named[3]!];
    const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
    if (month === 0) return { problem: `is not a date; ${DATE_HINT}` };
    if (year.length !== 4) return { problem: `has a two-digit year; write the year in full (2026), or ${DATE_HINT}` };
    return fromParts(Number(year), month, Number(day));
  }
  return { problem: `is not a date; ${DATE_HINT}` };
}

function fromParts(year: number, month: number, day: number): { date: string } | { problem: string } {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(date) ? { date } : { problem: `is not a calendar date; ${DATE_HINT}` };
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
