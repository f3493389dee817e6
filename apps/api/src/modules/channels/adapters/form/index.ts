// The contact form channel as the rest of the app sees it; everything else in this folder is its own.
export { FormChannelModule } from './form-channel.module';
export { FormAdapter } from './form.adapter';
// What the demo seeder stores as a form delivery.
export type { StoredFormSubmission } from './form-submission.dto';
