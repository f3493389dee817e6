import { useContext } from 'react';
import type { RealtimeConnection } from '../../../api/socket';
import { RealtimeContext } from '../states/realtime-context';

export function useRealtimeConnection(): RealtimeConnection | null {
  return useContext(RealtimeContext);
}
