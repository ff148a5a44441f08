import { Decider, DomainCommand, DomainEvent, DomainRuleViolation, fold } from '@ikrar/domain';

/**
 * given(events).when(command).then(events) | thenRejects(rule):
 * decider tests read like the rules they pin down.
 */
export function DeciderSpecification<C extends DomainCommand, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(...history: E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, fold(decider, history));
          return {
            then(...expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenRejects(rule: string) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainRuleViolation);
              expect((thrown as DomainRuleViolation).rule).toBe(rule);
            },
            /** For decisions whose events carry generated parts checked piecemeal. */
            thenEvents(check: (events: E[]) => void) {
              check(run());
            },
          };
        },
        thenState(check: (state: S) => void) {
          check(fold(decider, history));
        },
      };
    },
  };
}
