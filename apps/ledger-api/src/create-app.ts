import { DynamicModule, INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CLOCK, Clock } from '@ikrar/application';
import { IkrarConfig } from '@ikrar/config';
import { AppModule, LedgerApiPorts } from './app.module';
import { installBodyParsing } from './http/body-parsing';
import { IkrarRequest, requestIdOf } from './http/command-context.decorator';
import { securityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';

/**
 * Builds the HTTP app around already-open ports, so tests and `main` assemble it the same way.
 * `extraModules` (the benchmark's baseline route) are imported beside the app module; production passes none.
 */
export async function createApp(
  ports: LedgerApiPorts,
  config: Pick<IkrarConfig, 'bodyLimitBytes' | 'logLevel'> & Partial<Pick<IkrarConfig, 'corsOrigins'>>,
  extraModules: ReadonlyArray<Type | DynamicModule> = [],
): Promise<INestApplication> {
  const levels = (['error', 'warn', 'log', 'debug'] as const).slice(0, ['error', 'warn', 'log', 'debug'].indexOf(config.logLevel) + 1);
  const appModule = AppModule.register(ports);
  const root = extraModules.length === 0 ? appModule : { ...appModule, imports: [...(appModule.imports ?? []), ...extraModules] };
  // Fastify rather than Express: on this stack it serves several times the requests per core (bench/README.md).
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, routerOptions: { ignoreTrailingSlash: true } });
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, { bodyParser: false, logger: [...levels] });
  const fastify = app.getHttpAdapter().getInstance();
  const corsOrigins = config.corsOrigins ?? [];
  if (corsOrigins.length > 0) {
    app.enableCors({
      origin: [...corsOrigins],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Request-Id', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
  const clock = app.get<symbol, Clock>(CLOCK);
  const security = securityHeaders();
  fastify.addHook('onRequest', (req: IkrarRequest, reply, done) => {
    req.receivedAt = clock.now();
    reply.headers(security);
    reply.header('X-Request-Id', requestIdOf(req));
    done();
  });
  installBodyParsing(fastify, config.bodyLimitBytes);
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ikrar ledger API')
      .setDescription('The partnership commitment ledger: every agreement, commitment, role and accountability report as an immutable event.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token from your identity provider, or `npm run --silent ikrar -- token --role <role>` locally' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  Logger.log(`Body limit ${config.bodyLimitBytes} bytes`, 'Ikrar');
  // Fastify serves only once its plugins are loaded; callers (tests with supertest) get an app that answers.
  await app.init();
  await fastify.ready();
  return app;
}
