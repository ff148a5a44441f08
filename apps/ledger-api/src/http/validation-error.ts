import { ValidationError } from 'class-validator';

export interface FieldProblem {
  readonly field: string;
  readonly problems: string[];
}

/** Raised for malformed input; answered as 400 naming every offending field. */
export class InvalidRequestError extends Error {
  constructor(readonly fields: FieldProblem[], message = 'The request is invalid') {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** Flattens class-validator's tree into `milestones[0].dueDate`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : parent ? `.${error.property}` : error.property;
    const path = `${parent}${segment}`;
    const own: FieldProblem[] = error.constraints ? [{ field: path, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
