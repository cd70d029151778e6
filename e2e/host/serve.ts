/**
 * Serves the example host pages by hand, next to a running app:
 *
 *   npm start                     # the app and its Mailbox API (http://127.0.0.1:5173)
 *   npm run build:lib             # dist-lib/
 *   npx tsx e2e/host/serve.ts --api http://127.0.0.1:5173
 *
 * then open the printed host.html URL and, in the devtools console, mount the window with a session
 * (see docs/embedding.md, "Trying the example host").
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHostServer } from './host-server';

const { values } = parseArgs({ options: { api: { type: 'string', default: 'http://127.0.0.1:5173' }, lib: { type: 'string', default: 'dist-lib' } } });
const host = await startHostServer({ libDir: path.resolve(values.lib!), apiOrigin: values.api! });
console.log(`Example host: ${host.origin}/host.html  (library from ${values.lib}, /api → ${values.api})`);
console.log(`Iframe host:  ${host.origin}/iframe-host.html?compose=${encodeURIComponent(`${values.api}/compose.html?allowedOrigins=${host.origin}`)}`);
process.once('SIGINT', () => void host.close().then(() => process.exit(0)));
