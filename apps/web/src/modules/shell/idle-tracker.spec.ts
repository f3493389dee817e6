import { IDLE_AFTER_MS, IdleTracker } from './idle-tracker';

const MINUTE = 60_000;

describe('IdleTracker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function start() {
    const changes: boolean[] = [];
    const tracker = new IdleTracker((idle) => changes.push(idle));
    tracker.start();
    return { tracker, changes };
  }

  it('goes idle once after the period without input, and runs no timer while idle', () => {
    const { changes } = start();
    expect(IDLE_AFTER_MS).toBe(10 * MINUTE);
    jest.advanceTimersByTime(IDLE_AFTER_MS - 1);
    expect(changes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(changes).toEqual([true]);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(60 * MINUTE);
    expect(changes).toEqual([true]);
  });

  it('counts the period from the last input, with one timer however much input comes', () => {
    const { tracker, changes } = start();
    for (let minute = 1; minute <= 9; minute++) {
      jest.advanceTimersByTime(MINUTE);
      for (let move = 0; move < 100; move++) tracker.input();
      expect(jest.getTimerCount()).toBe(1);
    }
    // Ten minutes after the start, but one after the last input: still active.
    jest.advanceTimersByTime(MINUTE);
    expect(changes).toEqual([]);
    jest.advanceTimersByTime(IDLE_AFTER_MS - MINUTE);
    expect(changes).toEqual([true]);
  });

  it('is active again at the first input after going idle, and idle again after another period', () => {
    const { tracker, changes } = start();
    jest.advanceTimersByTime(IDLE_AFTER_MS);
    tracker.input();
    tracker.input();
    expect(changes).toEqual([true, false]);
    jest.advanceTimersByTime(IDLE_AFTER_MS);
    expect(changes).toEqual([true, false, true]);
  });

  it('stops without reporting anything more', () => {
    const { tracker, changes } = start();
    tracker.stop();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(IDLE_AFTER_MS * 2);
    expect(changes).toEqual([]);
  });
});
