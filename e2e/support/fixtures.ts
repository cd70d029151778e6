import { test as base, expect, type Page } from '@playwright/test';
import { MailboxApi, TestControl } from './mailbox-api';

export interface TestAccount {
  email: string;
  password: string;
  fullName: string;
}

interface Fixtures {
  /** The server's test control API: accounts and the server clock. */
  control: TestControl;
  /** A fresh account for this test only, so tests never see each other's mail. */
  account: TestAccount;
  /** A second fresh account in the same test, to receive mail. */
  recipient: TestAccount;
  /** Makes a fresh account on demand (for tests needing more than two). */
  makeAccount: (name: string) => Promise<TestAccount>;
  /** The test's own API view of an account (header login), to check what the server holds. */
  apiAs: (account: TestAccount) => Promise<MailboxApi>;
  /** Signs `account` in through the sign-in screen and waits for the portal. */
  signIn: (page: Page, account: TestAccount) => Promise<void>;
}

let counter = 0;
const unique = (name: string) => `${name}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export const test = base.extend<Fixtures>({
  control: async ({ request }, use) => {
    await use(new TestControl(request));
  },
  makeAccount: async ({ control }, use) => {
    await use(async (name) => {
      const account = { email: `${unique(name)}@example.test`, password: `pw-${unique('x')}`, fullName: name[0]!.toUpperCase() + name.slice(1) + ' Tester' };
      await control.createAccount(account.email, account.password, account.fullName);
      return account;
    });
  },
  account: async ({ makeAccount }, use) => {
    await use(await makeAccount('sender'));
  },
  recipient: async ({ makeAccount }, use) => {
    await use(await makeAccount('recipient'));
  },
  apiAs: async ({ request }, use) => {
    await use((account) => MailboxApi.login(request, account.email, account.password));
  },
  // Playwright reads a fixture's dependencies from the destructuring pattern: none is `{}`.
  // eslint-disable-next-line no-empty-pattern
  signIn: async ({}, use) => {
    await use(async (page, account) => {
      await page.goto('/');
      await page.getByLabel('Email').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('navigation', { name: 'Folders' })).toBeVisible();
    });
  },
});

export { expect };
