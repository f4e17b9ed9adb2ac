// Validation problems keyed by their full dotted path ("roleMapping.2.group"), from zod here or from the backend's answer.
import { z } from 'zod';
import { fieldProblems } from '../../../../../src/contracts/validation';
import { ApiCallError } from '../../bridge';

/** Dotted path -> the sentence to show there; '' holds problems that belong to no field. */
export type PathErrors = Record<string, string>;

const problemsSchema = z.object({ field: z.string().optional(), problems: z.array(z.object({ field: z.string(), message: z.string() })).optional() });

function byPath(problems: readonly { field: string; message: string }[]): PathErrors {
  const errors: PathErrors = {};
  for (const problem of problems) errors[problem.field] ??= problem.message;
  return errors;
}

export function zodPathErrors(error: z.ZodError): PathErrors {
  return byPath(fieldProblems(error));
}

export function failurePathErrors(failure: unknown): PathErrors {
  if (!(failure instanceof ApiCallError)) return { '': failure instanceof Error ? failure.message : 'Saving failed. Try again.' };
  const details = problemsSchema.safeParse(failure.details ?? {});
  if (details.success && details.data.problems?.length) return byPath(details.data.problems);
  if (details.success && details.data.field) {
    const field = details.data.field;
    return { [field]: failure.message.startsWith(`${field}: `) ? failure.message.slice(field.length + 2) : failure.message };
  }
  return { '': failure.message };
}

/** The first problem at `path` or anywhere under it ("autoMatch.projectKeys" covers "autoMatch.projectKeys.3"). */
export function errorAt(errors: PathErrors, path: string): string | undefined {
  if (errors[path] !== undefined) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key === undefined ? undefined : errors[key];
}

/** Problems no field on the form shows, so they are not lost. */
export function unplaced(errors: PathErrors, placed: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([path]) => !placed.some((p) => path === p || path.startsWith(`${p}.`)))
    .map(([path, message]) => (path ? `${path}: ${message}` : message));
}
