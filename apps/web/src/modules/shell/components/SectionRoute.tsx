import { useMe } from '../../auth/hooks/useMe';
import { rolesFor, type Section } from '../navigation';
import { ComingSoonPage } from './ComingSoonPage';
import { NoAccessPage } from './NoAccessPage';

/** A section page, or "no access" when the user's role does not include it. */
export function SectionRoute({ section }: { section: Section }) {
  const { data: me } = useMe();
  if (!me) return null; // the shell renders only once the user is loaded
  if (!rolesFor(section).includes(me.role)) return <NoAccessPage />;
  return <ComingSoonPage section={section} />;
}
