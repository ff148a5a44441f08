import { CallHandler, DynamicModule, ExecutionContext, Global, Inject, Injectable, Module, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { HttpReply } from './http-types';
import { Observable, of, tap } from 'rxjs';
import { IdempotencyKeyReusedError } from '@ikrar/application';
import { idempotencyKeyOf, IkrarRequest, requestHashOf } from './command-context.decorator';
import { IdempotencyStore } from './idempotency-store';

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

const REPLAYED_HEADERS = ['location', 'etag'];

/**
 * `Idempotency-Key` on a POST: the first successful response is kept and replayed for a retry
 * with the same body; the same key with another body is refused. The command layer's
 * deterministic event ids cover the window where events were appended but the response was
 * never stored (a crash, a lost connection).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<IkrarRequest>();
    const res = context.switchToHttp().getResponse<HttpReply>();
    if (req.method !== 'POST') return next.handle();
    const key = idempotencyKeyOf(req);
    if (key === null) return next.handle();
    // Keys are per caller: two users cannot replay each other's responses.
    const scope = `${req.principal?.userId ?? 'anonymous'}\u0000${key}`;
    const requestHash = requestHashOf(req);
    const earlier = this.store.find(scope);
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
      res.status(earlier.statusCode);
      for (const [name, value] of Object.entries(earlier.headers)) res.header(name, value);
      res.header('Idempotent-Replayed', 'true');
      return of(earlier.body);
    }
    return next.handle().pipe(
      tap((body) => {
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = res.getHeader(name);
          if (typeof value === 'string') headers[name] = value;
        }
        this.store.save(scope, { requestHash, statusCode: res.statusCode, body, headers });
      }),
    );
  }
}

/**
 * On a controller whose POST routes record commands. Only those controllers carry the interceptor:
 * every interceptor layer costs each request some CPU, and reads have no use for this one.
 */
export const IdempotentCommands = (): ClassDecorator & MethodDecorator => UseInterceptors(IdempotencyInterceptor);

/** The idempotency store and interceptor for every module with command controllers. */
@Global()
@Module({})
export class IdempotencyModule {
  static register(store: IdempotencyStore): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [{ provide: IDEMPOTENCY_STORE, useValue: store }, IdempotencyInterceptor],
      exports: [IDEMPOTENCY_STORE, IdempotencyInterceptor],
    };
  }
}
