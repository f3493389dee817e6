import { Module } from '@nestjs/common';
import { ContactMergesService } from './contact-merges.service';
import { ContactProfileService } from './contact-profile.service';
import { ContactsService } from './contacts.service';

@Module({
  providers: [ContactsService, ContactProfileService, ContactMergesService],
  exports: [ContactsService, ContactProfileService, ContactMergesService],
})
export class ContactsModule {}
