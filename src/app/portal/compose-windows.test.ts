import { describe, expect, it } from 'vitest';
import { ComposeWindows, MAX_WINDOWS } from './compose-windows';

describe('the open compose windows', () => {
  it('open in order with their own ids and close one by one', () => {
    const windows = new ComposeWindows();
    windows.open({ mode: 'new' });
    windows.open({ mode: 'reply', mailId: 'm1' });
    expect(windows.getSnapshot().windows.map((w) => [w.id, w.request.mode])).toEqual([
      [1, 'new'],
      [2, 'reply'],
    ]);
    windows.close(1);
    expect(windows.getSnapshot().windows.map((w) => w.id)).toEqual([2]);
  });

  it('never open the same draft twice, and refuse a window past the limit in plain words', () => {
    const windows = new ComposeWindows();
    expect(windows.open({ mode: 'draft', mailId: 'd1' })).toBe(true);
    // Already open: nothing new, and the answer is still "it is open".
    expect(windows.open({ mode: 'draft', mailId: 'd1' })).toBe(true);
    expect(windows.getSnapshot().windows).toHaveLength(1);
    for (let i = 1; i < MAX_WINDOWS; i++) expect(windows.open({ mode: 'new' })).toBe(true);
    expect(windows.open({ mode: 'new' })).toBe(false);
    // A refusal is not remembered as the answer to the next, unrefused open of an open draft.
    expect(windows.open({ mode: 'draft', mailId: 'd1' })).toBe(true);
    expect(windows.getSnapshot().windows).toHaveLength(MAX_WINDOWS);
    expect(windows.getSnapshot().refusal).toBe('You can have 3 messages open at once. Send or close one first.');
    windows.close(1);
    expect(windows.getSnapshot().refusal).toBeNull();
  });
});
