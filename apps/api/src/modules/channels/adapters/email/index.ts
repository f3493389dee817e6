// The email channel as the rest of the app sees it; everything else in this folder is its own.
export { EmailChannelModule } from './email-channel.module';
export { EmailChannelWorkerModule } from './email-channel-worker.module';
export { EmailAdapter, parseStoredEmail } from './email.adapter';
// Channels that answer by email (form, website chat) send through an email channel's relay.
export { EmailSender } from './email-sender.service';
// The route from a recipient address to its channel, for mail taken in other than by SMTP.
export { EmailRecipientRouter, type MailRoute } from './email-recipient.router';
export { checkedConfig, configForReply, findEmailRelay } from './email-relay';
// What the demo seeder stores as an email delivery.
export { emailProviderMessageId } from './email-address';
export type { EmailEnvelope } from './email-message.parser';
