// Turns validation problems (from the contract's zod schemas here, or from the backend's answer) into messages per field.
import { z } from 'zod';
import { ApiCallError } from './bridge';

/** Field path ("email", "custom.<fieldId>", "domains") -> the sentence to show next to it; "" holds form-level problems. */
export type FieldErrors = Record<string, string>;

type Issue = { path: readonly PropertyKey[]; message: string };

const issuesSchema = z.array(z.object({ path: z.array(z.union([z.string(), z.number()])).default([]), message: z.string() }));
const detailsSchema = z.object({
  issues: issuesSchema.optional(),
  problems: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  fieldErrors: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  field: z.string().optional(),
  fieldId: z.string().optional(),
});

export function issuesToFieldErrors(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = fieldKey(issue.path);
    errors[key] ??= issue.message; // the first problem per field is the one to fix first
  }
  return errors;
}

/** The per-field messages in a failed call, or the whole message under "" when it names no field. */
export function failureToFieldErrors(failure: unknown): FieldErrors {
  if (!(failure instanceof ApiCallError)) return { '': failure instanceof Error ? failure.message : 'Saving failed. Try again.' };
  const details = detailsSchema.safeParse(failure.details ?? {});
  if (details.success) {
    const { issues, problems, fieldErrors, field, fieldId } = details.data;
    if (issues && issues.length > 0) return withMessage(issuesToFieldErrors(issues), failure.message);
    if (problems && problems.length > 0) return withMessage(issuesToFieldErrors(problems.map((p) => ({ path: p.field.split('.'), message: p.message }))), failure.message);
    if (fieldErrors) {
      const errors: FieldErrors = {};
      for (const [key, value] of Object.entries(fieldErrors)) errors[key] = Array.isArray(value) ? (value[0] ?? failure.message) : value;
      return withMessage(errors, failure.message);
    }
    if (fieldId) return { [`custom.${fieldId}`]: withoutPrefix(failure.message, `custom.${fieldId}`) };
    if (field) return { [fieldKey(field.split('.'))]: withoutPrefix(failure.message, field) };
  }
  return { '': failure.message };
}

/** "custom.<id>: Budget: ... is not a number" reads "Budget: ... is not a number" next to the field it names. */
function withoutPrefix(message: string, field: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

function withMessage(errors: FieldErrors, message: string): FieldErrors {
  return Object.keys(errors).length > 0 ? errors : { '': message };
}

function fieldKey(path: readonly PropertyKey[]): string {
  const [first, second] = path;
  if (first === undefined) return '';
  // Problems inside a list (one bad domain) belong to the list's field; custom values are keyed by field id.
  if (first === 'custom' && typeof second === 'string') return `custom.${second}`;
  return String(first);
}
