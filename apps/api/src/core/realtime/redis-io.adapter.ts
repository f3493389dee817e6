import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { ServerOptions, Server } from 'socket.io';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';
import { SOCKET_IO_KEY } from './realtime-publisher';

/** socket.io over Redis pub/sub, so every api process reaches every room. */
export class RedisIoAdapter extends IoAdapter {
  private adapterConstructor?: ReturnType<typeof createAdapter>;

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  connectToRedis(): void {
    const factory = this.app.get(RedisConnectionFactory);
    const pub = factory.create('pubsub-pub');
    const sub = factory.create('pubsub-sub');
    this.adapterConstructor = createAdapter(pub, sub, { key: SOCKET_IO_KEY(factory.prefix) });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, serveClient: false });
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    return server;
  }
}
