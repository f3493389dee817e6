import type { ComponentType } from 'react';
import { useMe } from '../../auth/hooks/useMe';
import { ContactsPage } from '../../contacts/components/ContactsPage';
import { HandoffsPage } from '../../handoffs/components/HandoffsPage';
import { InboxPage } from '../../inbox/components/InboxPage';
import { SettingsPage } from '../../settings/components/SettingsPage';
import { SupervisorPage } from '../../supervisor/components/SupervisorPage';
import { rolesFor, type Section } from '../navigation';
import { ComingSoonPage } from './ComingSoonPage';
import { NoAccessPage } from './NoAccessPage';

/** The sections built so far; the others show "coming soon". */
const SECTION_PAGES: Partial<Record<Section, ComponentType>> = {
  inbox: InboxPage,
  handoffs: HandoffsPage,
  supervisor: SupervisorPage,
  contacts: ContactsPage,
  settings: SettingsPage,
};

/** A section page, or "no access" when the user's role does not include it. */
export function SectionRoute({ section }: { section: Section }) {
  const { data: me } = useMe();
  if (!me) return null; // the shell renders only once the user is loaded
  if (!rolesFor(section).includes(me.role)) return <NoAccessPage />;
  const Page = SECTION_PAGES[section];
  return Page ? <Page /> : <ComingSoonPage section={section} />;
}
