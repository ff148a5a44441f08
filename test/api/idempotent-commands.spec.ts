import 'reflect-metadata';
import { RequestMethod, Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { AppModule, LedgerApiPorts } from '../../apps/ledger-api/src/app.module';
import { IdempotencyInterceptor } from '../../apps/ledger-api/src/http/idempotency.interceptor';

describe('Idempotency-Key on every command', () => {
  const controllers = (AppModule.register({} as LedgerApiPorts).controllers ?? []) as Type[];

  const postRoutes = (controller: Type): string[] =>
    Object.getOwnPropertyNames(controller.prototype).filter(
      (name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, controller.prototype[name]) === RequestMethod.POST,
    );

  it('is honoured by every controller that has POST routes', () => {
    const withPosts = controllers.filter((controller) => postRoutes(controller).length > 0);
    expect(withPosts.length).toBeGreaterThanOrEqual(6);
    for (const controller of withPosts) {
      expect({ controller: controller.name, interceptors: Reflect.getMetadata(INTERCEPTORS_METADATA, controller) ?? [] }).toEqual({
        controller: controller.name,
        interceptors: expect.arrayContaining([IdempotencyInterceptor]),
      });
    }
  });
});
