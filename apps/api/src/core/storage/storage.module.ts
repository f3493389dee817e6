import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';

@Global()
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new LocalFileStorage(c.storage.dir),
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
