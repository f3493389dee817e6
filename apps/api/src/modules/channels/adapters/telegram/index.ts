// The Telegram channel as the rest of the app sees it; everything else in this folder is its own.
export { TelegramChannelModule } from './telegram-channel.module';
