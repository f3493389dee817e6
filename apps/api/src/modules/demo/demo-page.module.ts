import { Module } from '@nestjs/common';
import { DemoPageController } from './demo-page.controller';
import { DemoModule } from './demo.module';

/** `GET /demo`, the demo company's website with the chat widget and the contact form (api role). */
@Module({
  imports: [DemoModule],
  controllers: [DemoPageController],
})
export class DemoPageModule {}
