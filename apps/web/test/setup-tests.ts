import '@testing-library/jest-dom';
import { cleanup } from '@testing-library/react';
import { sessionNoticeStore } from '../src/modules/auth/states/session-notice.store';
import { sessionStore } from '../src/modules/auth/states/session.store';
import { resetInboxState } from '../src/modules/inbox/states/reset-inbox-state';

afterEach(() => {
  cleanup(); // unmount first, so ending the session below re-renders nothing
  sessionStore.clear();
  sessionNoticeStore.clear();
  window.localStorage.clear();
  resetInboxState();
});
