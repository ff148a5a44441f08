import { DynamicModule, INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { CLOCK, Clock } from '@ikrar/application';
import { IkrarConfig } from '@ikrar/config';
import { AppModule, LedgerApiPorts } from './app.module';
import { installBodyParsing } from './http/body-parsing';
import { requestIdOf } from './http/command-context.decorator';
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
  const app = await NestFactory.create<NestExpressApplication>(root, { bodyParser: false, logger: [...levels] });
  app.disable('x-powered-by');
  app.use(helmet());
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
  app.set('etag', false);
  const clock = app.get<symbol, Clock>(CLOCK);
  app.use((req: Parameters<typeof requestIdOf>[0] & { receivedAt?: Date }, res: { setHeader(n: string, v: string): void }, next: () => void) => {
    req.receivedAt = clock.now();
    res.setHeader('X-Request-Id', requestIdOf(req));
    next();
  });
  installBodyParsing(app, config.bodyLimitBytes);
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
  return app;
}
