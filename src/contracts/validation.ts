// Turns a zod failure into the sentence and field name users see; shared so forms and resolvers word problems alike.
import type { z } from 'zod';

export type FieldProblem = { field: string; message: string };

/** Every problem, each naming its field as a dotted path ("custom.abc", "domains.2"); '' is the input as a whole. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** "email: Enter a valid email address" for the first problem; the message alone when it concerns the whole input. */
export function describeProblem(problem: FieldProblem): string {
  return problem.field ? `${problem.field}: ${problem.message}` : problem.message;
}
