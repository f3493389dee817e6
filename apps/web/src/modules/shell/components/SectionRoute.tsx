import type { ComponentType } from 'react';
import { useMe } from '../../auth/hooks/useMe';
import { ContactsPage } from '../../contacts/components/ContactsPage';
import { GoalsPage } from '../../goals/components/GoalsPage';
import { HandoffsPage } from '../../handoffs/components/HandoffsPage';
import { InboxPage } from '../../inbox/components/InboxPage';
import { JourneysPage } from '../../journeys/components/JourneysPage';
import { SettingsPage } from '../../settings/components/SettingsPage';
import { SupervisorPage } from '../../supervisor/components/SupervisorPage';
import { rolesFor, type Section } from '../navigation';
import { NoAccessPage } from './NoAccessPage';

/** The page of each section. */
const SECTION_PAGES: Record<Section, ComponentType> = {
  inbox: InboxPage,
  handoffs: HandoffsPage,
  supervisor: SupervisorPage,
  journeys: JourneysPage,
  goals: GoalsPage,
  contacts: ContactsPage,
  settings: SettingsPage,
};

/** A section page, or "no access" when the user's role does not include it. */
export function SectionRoute({ section }: { section: Section }) {
  const { data: me } = useMe();
  if (!me) return null; // the shell renders only once the user is loaded
  if (!rolesFor(section).includes(me.role)) return <NoAccessPage />;
  const Page = SECTION_PAGES[section];
  return <Page />;
}
