import { describe, expect, it, vi } from 'vitest';
import { apiErrorResponse, apiUrl, http, HttpResponse, recordRequests, startMswServer, TEST_ORIGIN } from '../testing/msw';
import { EmbedController } from './embed-controller';
import type { EmbedAuth } from './types';

const server = startMswServer();
const FRESH: EmbedAuth = { sessid: 'fresh', authorization: 'Basic ZnJlc2g6cHc=' };

/** /folders answers 401 to the first session and 200 to the fresh one. */
function sessionBoundFolders() {
  server.use(
    http.get(apiUrl('/folders'), ({ request }) =>
      request.headers.get('X-Axigen-Session') === 'fresh' ? HttpResponse.json({ items: [] }) : apiErrorResponse(401, 'Session expired'),
    ),
  );
}

const controllerWith = (onSessionExpired?: () => unknown) =>
  new EmbedController({ apiBaseUrl: TEST_ORIGIN, auth: { sessid: 'old', authorization: 'Basic b2xkOnB3' }, ...(onSessionExpired ? { onSessionExpired: onSessionExpired as never } : {}) });

describe('EmbedController', () => {
  it('sends the host session as header auth', async () => {
    const requests = recordRequests(server);
    server.use(http.get(apiUrl('/folders'), () => HttpResponse.json({ items: [] })));
    await controllerWith().api.request('GET', '/folders');
    expect(requests[0]!.headers['x-axigen-session']).toBe('old');
    expect(requests[0]!.headers.authorization).toBe('Basic b2xkOnB3');
  });

  it('tells the host once per expiry, takes the fresh auth its handler resolves, and resumes', async () => {
    sessionBoundFolders();
    const handler = vi.fn(async () => FRESH);
    const controller = controllerWith(handler);
    const expired = vi.fn();
    const resumed = vi.fn();
    controller.on('sessionExpired', expired);
    controller.onResume(resumed);

    await expect(controller.api.request('GET', '/folders')).rejects.toMatchObject({ status: 401 });
    await expect(controller.api.request('GET', '/folders')).resolves.toEqual({ items: [] });
    expect(expired).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(resumed).toHaveBeenCalledTimes(1);
    expect(controller.isSessionExpired).toBe(false);
  });

  it('stays expired without a handler answer until the host supplies auth, and ignores repeated 401s meanwhile', async () => {
    sessionBoundFolders();
    const controller = controllerWith(() => undefined);
    const expired = vi.fn();
    const resumed = vi.fn();
    controller.on('sessionExpired', expired);
    controller.onResume(resumed);

    await expect(controller.api.request('GET', '/folders')).rejects.toMatchObject({ status: 401 });
    await expect(controller.api.request('GET', '/folders')).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledTimes(1);
    expect(controller.isSessionExpired).toBe(true);
    expect(resumed).not.toHaveBeenCalled();

    controller.supplyAuth(FRESH);
    expect(resumed).toHaveBeenCalledTimes(1);
    await expect(controller.api.request('GET', '/folders')).resolves.toEqual({ items: [] });
  });

  it('ignores a late handler answer once fresh auth came another way', async () => {
    sessionBoundFolders();
    let answer: (auth: EmbedAuth) => void = () => {};
    const controller = controllerWith(() => new Promise<EmbedAuth>((resolve) => (answer = resolve)));
    await expect(controller.api.request('GET', '/folders')).rejects.toMatchObject({ status: 401 });
    controller.supplyAuth(FRESH);
    answer({ sessid: 'stale', authorization: 'Basic c3RhbGU6cHc=' });
    await Promise.resolve();
    await Promise.resolve();
    expect(controller.api.getAuth()).toMatchObject({ sessid: 'fresh' });
  });

  it('keeps telling the other listeners when one of the host’s listeners throws', () => {
    const controller = controllerWith();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const second = vi.fn();
    const any = vi.fn();
    controller.on('draftSaved', () => {
      throw new Error('host bug');
    });
    controller.on('draftSaved', second);
    controller.onAny(any);
    controller.emit('draftSaved', { mailId: 'd1' });
    expect(second).toHaveBeenCalledWith({ mailId: 'd1' });
    expect(any).toHaveBeenCalledWith({ type: 'draftSaved', detail: { mailId: 'd1' } });
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('stops listening when unsubscribed', () => {
    const controller = controllerWith();
    const listener = vi.fn();
    const stop = controller.on('closed', listener);
    stop();
    controller.emit('closed', { result: { kind: 'discarded' } });
    expect(listener).not.toHaveBeenCalled();
  });
});
