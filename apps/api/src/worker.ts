import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger } from './core/logging/app-logger';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { prepareDatabase } from './database/prepare-database';

/** A worker process (ROLE=worker): the queue handlers and nothing that listens on a port. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.register(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(AppLogger));
  await prepareDatabase(app.get(DataSource), config);
  app.enableShutdownHooks();
  await app.init();
  return app;
}
