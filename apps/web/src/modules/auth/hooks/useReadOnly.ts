import { READ_ONLY_ROLES } from '@touchpoint/shared';
import { useMe } from './useMe';

/**
 * Whether the signed-in user reads without changing (the touchpoint manager): their screens show
 * no control the api would refuse them.
 */
export function useReadOnly(): boolean {
  const { data: me } = useMe();
  return me !== undefined && READ_ONLY_ROLES.includes(me.role);
}
