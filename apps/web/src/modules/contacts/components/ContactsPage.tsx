import { useParams } from 'react-router-dom';
import { ContactListPage } from './ContactListPage';
import { ContactProfilePage } from './ContactProfilePage';

/** `/contacts/:contactId?`: the list of contacts, or one contact's profile. */
export function ContactsPage() {
  const { contactId } = useParams();
  return contactId ? <ContactProfilePage contactId={contactId} /> : <ContactListPage />;
}
