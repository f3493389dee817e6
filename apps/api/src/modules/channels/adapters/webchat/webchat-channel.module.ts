import { Module } from '@nestjs/common';
import { EmailChannelModule } from '../email';
import { VisitorStore } from './visitor-store';
import { WebchatAdapter } from './webchat.adapter';
import { WebchatVisitors } from './webchat-visitors.service';
import { WidgetNotifier } from './widget-notifier.service';

/**
 * The website chat's adapter and what reaches visitors from any process (every role: the inbound
 * worker parses, the outbound worker sends, the staff gateway reports agent typing). The widget's
 * socket gateway and script live in WebchatWidgetModule (api role).
 */
@Module({
  imports: [EmailChannelModule],
  providers: [WebchatAdapter, VisitorStore, WebchatVisitors, WidgetNotifier],
  exports: [WidgetNotifier, WebchatVisitors, VisitorStore],
})
export class WebchatChannelModule {}
