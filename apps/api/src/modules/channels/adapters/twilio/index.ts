// The Twilio channel as the rest of the app sees it; everything else in this folder is its own.
export { TwilioChannelModule } from './twilio-channel.module';
