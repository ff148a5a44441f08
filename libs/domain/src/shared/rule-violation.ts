/**
 * A command that breaks a business rule. `rule` is a stable kebab-case code
 * (for example `commitment-not-pledged`) that clients can switch on; the API
 * answers it as 422 problem details naming the rule.
 */
export class DomainRuleViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}

export function rule(condition: unknown, code: string, message: string, details?: Record<string, unknown>): asserts condition {
  if (!condition) throw new DomainRuleViolation(code, message, details);
}
