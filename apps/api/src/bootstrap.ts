// Builds the Nest application for each entry point (main, worker, embedded)
// and for the integration tests, so they all run the same wiring.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppOptions } from './app.module.js';
import { ErrorFilter } from './platform/errors/error.filter.js';
import { corsOptions, securityHeaders } from './platform/http/security.js';
import { createLogger, PinoNestLogger } from './platform/logging/logger.js';

export async function createHttpApp(opts: AppOptions): Promise<NestExpressApplication> {
  const logger = new PinoNestLogger(createLogger(opts.config.logLevel));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(opts), {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // First, so every answer carries them: errors from the body parser included.
  app.use(securityHeaders(opts.config.http));
  const cors = corsOptions(opts.config.http);
  if (cors) app.enableCors(cors);
  app.useBodyParser('json', { limit: '2mb' });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ErrorFilter());
  setupOpenApi(app);
  if (opts.config.webDist) serveWeb(app, opts.config.webDist);
  return app;
}

export async function createWorkerContext(opts: AppOptions): Promise<INestApplicationContext> {
  const logger = new PinoNestLogger(createLogger(opts.config.logLevel));
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(opts), {
    logger,
    abortOnError: false,
  });
  return ctx;
}

function setupOpenApi(app: INestApplication) {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Baton API')
      .setDescription('Forms and approval flows: the REST contract (docs/API.md).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, {
    jsonDocumentUrl: 'api/openapi.json',
    useGlobalPrefix: false,
  });
}

/** The built single-page app, with every non-API path falling back to index.html. */
function serveWeb(app: NestExpressApplication, dist: string) {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return;
  app.useStaticAssets(dist, { index: false, maxAge: '1h' });
  app.use(
    (
      req: { method: string; path: string },
      res: { sendFile(p: string): void },
      next: () => void,
    ) => {
      if ((req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/api'))
        return res.sendFile(index);
      next();
    },
  );
}

/**
 * Graceful stop on SIGINT/SIGTERM: stop taking work, let running jobs
 * finish, close pools (Nest's shutdown hooks, via close), then `after`, and
 * exit 0 so supervisors see a clean stop.
 */
export function exitOnSignals(close: () => Promise<void>, after?: () => Promise<void>) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      await close().catch(() => undefined);
      await after?.().catch(() => undefined);
      process.exit(0);
    });
  }
}
