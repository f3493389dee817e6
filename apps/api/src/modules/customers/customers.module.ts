import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { CustomerContactsController } from './customer-contacts.controller';
import { CustomerContactsService } from './customer-contacts.service';

/** The contact as staff see and change it: list, profile, identities, consent, notes, merges. */
@Module({
  imports: [ContactsModule, ConversationsModule],
  controllers: [CustomerContactsController],
  providers: [CustomerContactsService],
})
export class CustomersModule {}
