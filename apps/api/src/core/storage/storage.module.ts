import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { FileLinks } from './file-links';
import { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';

@Global()
@Module({
  providers: [
    FileLinks,
    {
      provide: FileStorage,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new LocalFileStorage(c.storage.dir),
    },
  ],
  exports: [FileStorage, FileLinks],
})
export class StorageModule {}
