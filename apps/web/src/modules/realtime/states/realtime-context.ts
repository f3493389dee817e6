import { createContext } from 'react';
import type { RealtimeConnection } from '../../../api/socket';

/** The socket connection of the signed-in session; null while signed out. */
export const RealtimeContext = createContext<RealtimeConnection | null>(null);
