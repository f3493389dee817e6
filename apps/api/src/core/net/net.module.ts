import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { OutboundClient } from './outbound.client';

/** Provides the one guarded client for everything that leaves the process. */
@Global()
@Module({
  providers: [
    {
      provide: OutboundClient,
      useFactory: (config: AppConfig) =>
        new OutboundClient({ allowHosts: config.outbound.allowHosts }),
      inject: [AppConfig],
    },
  ],
  exports: [OutboundClient],
})
export class NetModule {}
