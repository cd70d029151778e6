/**
 * Versioned schema migrations. Append a new file with the next version; never edit one that
 * has shipped (databases in users' data folders already ran it).
 */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

import { meta } from './001-meta';
import { accounts } from './002-accounts';
import { mail } from './003-mail';
import { loginFailuresLast } from './004-login-failures-last';

export const migrations: readonly Migration[] = [meta, accounts, mail, loginFailuresLast];
