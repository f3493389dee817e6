import { Module } from '@nestjs/common';
import { InboundModule } from '../../../inbound/inbound.module';
import { ChannelsModule } from '../../channels.module';
import { EmailChannelModule } from '../email/email-channel.module';
import { FormController } from './form.controller';
import { FormAdapter } from './form.adapter';
import { FormSubmissionService } from './form-submission.service';
import { FormThrottlerGuard } from './form-throttler.guard';

/**
 * The contact form channel: public endpoint and embed page (api role), adapter (worker role; harmless
 * in the api). Answers go out through the email channel's EmailSender.
 */
@Module({
  imports: [ChannelsModule, EmailChannelModule, InboundModule],
  controllers: [FormController],
  providers: [FormAdapter, FormSubmissionService, FormThrottlerGuard],
})
export class FormChannelModule {}
