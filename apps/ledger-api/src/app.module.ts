import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TokenVerifier } from '@ikrar/access';
import { ApplicationModule, ApplicationPorts } from '@ikrar/application';
import { AgreementsController } from './agreements/agreements.controller';
import { AuditController } from './audit/audit.controller';
import { SealsController } from './audit/seals.controller';
import { VerifyController } from './audit/verify.controller';
import { CommitmentsController } from './commitments/commitments.controller';
import { ForumsController } from './forums/forums.controller';
import { HealthController } from './health/health.controller';
import { AuthenticationGuard, TOKEN_VERIFIER } from './http/auth/authentication.guard';
import { RATE_LIMITER, RateLimitGuard } from './http/auth/rate-limit.guard';
import { RateLimiter } from './http/auth/rate-limiter';
import { IdempotencyModule } from './http/idempotency.interceptor';
import { IdempotencyStore } from './http/idempotency-store';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { PartnersController } from './partners/partners.controller';
import { ReportsController } from './reports/reports.controller';
import { RoleAssignmentsController } from './role-assignments/role-assignments.controller';
import { VIEW_CONTROLLERS } from './views';

export interface LedgerApiPorts extends ApplicationPorts {
  readonly idempotencyStore: IdempotencyStore;
  /** Verifies bearer tokens (HS256 secret or an identity provider's JWKS). */
  readonly tokenVerifier: TokenVerifier;
  /** Requests per minute per caller. */
  readonly rateLimitPerMinute: number;
}

@Module({})
export class AppModule {
  static register(ports: LedgerApiPorts): DynamicModule {
    return {
      module: AppModule,
      imports: [ApplicationModule.register(ports), IdempotencyModule.register(ports.idempotencyStore)],
      controllers: [
        HealthController,
        PartnersController,
        ForumsController,
        AgreementsController,
        CommitmentsController,
        RoleAssignmentsController,
        ReportsController,
        AuditController,
        SealsController,
        VerifyController,
        ...VIEW_CONTROLLERS,
      ],
      providers: [
        { provide: TOKEN_VERIFIER, useValue: ports.tokenVerifier },
        { provide: RATE_LIMITER, useValue: new RateLimiter(ports.rateLimitPerMinute) },
        // Authentication first, so the rate limit counts per user rather than per address.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
