import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger } from './core/logging/app-logger';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { prepareDatabase, type PreparedDatabase } from './database/prepare-database';
import { DemoContentSeeder } from './modules/demo/demo-content.seeder';

/** A worker process (ROLE=worker): the queue handlers and nothing that listens on a port. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.register(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(AppLogger));
  let outcome: PreparedDatabase['outcome'];
  try {
    ({ outcome } = await prepareDatabase(app.get(DataSource), config));
    app.enableShutdownHooks();
    await app.init();
  } catch (err) {
    // A refused start (e.g. Redis may evict keys) must not leave connections and workers running.
    await app.close().catch(() => undefined);
    throw err;
  }
  // Right after the demo seed only: the sample conversations follow in the background.
  if (outcome === 'demo-seeded') void app.get(DemoContentSeeder).startInBackground();
  return app;
}
