import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppLogger } from './core/logging/app-logger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { helmetOptions } from './core/http/security-headers';
import { useBodyParsers } from './core/http/body-parsing';
import { RedisIoAdapter } from './core/realtime/redis-io.adapter';
import { RedisPolicyMonitor } from './core/redis/redis-policy.monitor';
import { prepareDatabase, type PreparedDatabase } from './database/prepare-database';
import { DemoContentSeeder } from './modules/demo/demo-content.seeder';
import { DemoPageService } from './modules/demo/demo-page.service';

/** Creates, prepares and starts the HTTP + socket process (ROLE=api, or ROLE=all with the workers inside). */
export async function startHttpApp(
  config: AppConfig,
): Promise<{ app: NestExpressApplication; database: PreparedDatabase; demoPage: boolean }> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
    // Webhook signatures are computed over the exact bytes received.
    rawBody: true,
  });
  let database: PreparedDatabase;
  try {
    // Checked before anything else starts (migrations, the socket adapter's subscriptions), so a
    // refused start has nothing half-done to undo.
    await app.get(RedisPolicyMonitor).assertAcceptable();
    database = await prepareDatabase(app.get(DataSource), config);
    configureHttpApp(app);
    await app.listen(config.http.port, config.http.host);
  } catch (err) {
    // A refused start (e.g. Redis may evict keys) must not leave connections and workers running.
    await app.close().catch(() => undefined);
    throw err;
  }
  // Right after the demo seed only: the sample conversations follow in the background.
  if (database.outcome === 'demo-seeded') void app.get(DemoContentSeeder).startInBackground();
  const demoPage = (await app.get(DemoPageService).find()) !== null;
  return { app, database, demoPage };
}

/** Everything an HTTP process sets up around the modules; tests use it too, so they run what production runs. */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(AppLogger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(helmet(helmetOptions(config)));
  useBodyParsers(app);

  const adapter = new RedisIoAdapter(app);
  adapter.connectToRedis();
  app.useWebSocketAdapter(adapter);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Touchpoint API')
      .setDescription(
        'REST API of the Touchpoint inbox. Sign in with POST /api/auth/login, then send the access token as a bearer token.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(document), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  app.enableShutdownHooks();
}
