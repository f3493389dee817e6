// The API channel as the rest of the app sees it; everything else in this folder is its own.
export { ApiChannelModule } from './api-channel.module';
export { ApiChannelAdapter } from './api-channel.adapter';
export { SIGNATURE_HEADER, sign } from './api-signature';
