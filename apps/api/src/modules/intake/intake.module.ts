import { Module } from '@nestjs/common';
import { InboundAdminController } from './inbound-admin.controller';
import { InboundIntakeService } from './inbound-intake.service';

/** Durable intake (used by every adapter's entry point) and the admins' view of raw events. */
@Module({
  controllers: [InboundAdminController],
  providers: [InboundIntakeService],
  exports: [InboundIntakeService],
})
export class IntakeModule {}
