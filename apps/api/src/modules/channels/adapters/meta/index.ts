// WhatsApp, Messenger and Instagram as the rest of the app sees them; everything else in this folder is their own.
export { MetaChannelModule } from './meta-channel.module';
