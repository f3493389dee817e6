import { Module } from '@nestjs/common';
import { DemoMailCatcher } from './demo-mail-catcher.server';
import { DemoModule } from './demo.module';

/** The demo's mail catcher (worker role, like the SMTP intake). */
@Module({
  imports: [DemoModule],
  providers: [DemoMailCatcher],
  exports: [DemoMailCatcher],
})
export class DemoMailboxWorkerModule {}
