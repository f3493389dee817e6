import { act, fireEvent, render } from '@testing-library/react';
import { REALTIME_PRESENCE_ACTIVITY } from '@touchpoint/shared';
import { RealtimeConnection } from '../../../api/socket';
import { FakeSocket } from '../../../../test/fake-socket';
import { RealtimeContext } from '../../realtime/states/realtime-context';
import { IDLE_AFTER_MS } from '../idle-tracker';
import { IdlePresenceEffect } from './IdlePresenceEffect';

function setup() {
  const socket = new FakeSocket();
  const connection = new RealtimeConnection({ socket, renewAccessToken: async () => true });
  connection.open();
  socket.accept();
  const view = render(
    <RealtimeContext.Provider value={connection}>
      <IdlePresenceEffect />
    </RealtimeContext.Provider>,
  );
  const reported = () => socket.sentPayloads(REALTIME_PRESENCE_ACTIVITY);
  return { socket, connection, view, reported };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  fireEvent(document, new Event('visibilitychange'));
}

describe('IdlePresenceEffect', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => 'visible',
    });
  });

  it('tells the server when the tab goes idle and, at the first input, that it is back', () => {
    const { reported } = setup();
    fireEvent.pointerMove(window);
    act(() => jest.advanceTimersByTime(IDLE_AFTER_MS - 1000));
    expect(reported()).toEqual([]);
    act(() => jest.advanceTimersByTime(1000));
    expect(reported()).toEqual([{ idle: true }]);

    fireEvent.keyDown(window, { key: 'a' });
    fireEvent.pointerDown(window);
    fireEvent.wheel(window);
    expect(reported()).toEqual([{ idle: true }, { idle: false }]);
  });

  it('counts input in the tab, and coming back to a hidden tab, as activity', () => {
    const { reported } = setup();
    act(() => jest.advanceTimersByTime(IDLE_AFTER_MS - 1000));
    fireEvent.keyDown(window, { key: 'Shift' });
    act(() => jest.advanceTimersByTime(IDLE_AFTER_MS - 1000));
    expect(reported()).toEqual([]);

    setVisibility('hidden');
    act(() => jest.advanceTimersByTime(IDLE_AFTER_MS));
    expect(reported()).toEqual([{ idle: true }]);
    setVisibility('visible');
    expect(reported()).toEqual([{ idle: true }, { idle: false }]);
  });

  it('sends nothing while disconnected, and keeps the state for the next handshake', () => {
    const { socket, connection, reported } = setup();
    socket.drop();
    act(() => jest.advanceTimersByTime(IDLE_AFTER_MS));
    expect(reported()).toEqual([]);
    expect(connection.isIdle()).toBe(true);
  });

  it('stops listening when it unmounts', () => {
    const { view, reported } = setup();
    view.unmount();
    expect(jest.getTimerCount()).toBe(0);
    act(() => jest.advanceTimersByTime(IDLE_AFTER_MS));
    expect(reported()).toEqual([]);
  });
});
