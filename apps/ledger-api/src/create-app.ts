import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CLOCK, Clock } from '@ikrar/application';
import { IkrarConfig } from '@ikrar/config';
import { AppModule, LedgerApiPorts } from './app.module';
import { installBodyParsing } from './http/body-parsing';
import { requestIdOf } from './http/command-context.decorator';
import { createValidationPipe } from './http/validation';

/** Builds the HTTP app around already-open ports, so tests and `main` assemble it the same way. */
export async function createApp(ports: LedgerApiPorts, config: Pick<IkrarConfig, 'bodyLimitBytes' | 'logLevel'>): Promise<INestApplication> {
  const levels = (['error', 'warn', 'log', 'debug'] as const).slice(0, ['error', 'warn', 'log', 'debug'].indexOf(config.logLevel) + 1);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(ports), { bodyParser: false, logger: [...levels] });
  app.disable('x-powered-by');
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
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  Logger.log(`Body limit ${config.bodyLimitBytes} bytes`, 'Ikrar');
  return app;
}
