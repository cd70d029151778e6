import { expect, test } from '@playwright/test';

test('the built app reaches the Mailbox API server through the /api proxy', async ({ page, request }) => {
  const version = (await (await request.get('/api/')).json()) as { apiVersion: string; serverVersion: string };
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toHaveText(
    `Connected to ${version.serverVersion} (Mailbox API ${version.apiVersion})`,
  );
});
