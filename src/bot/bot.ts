/**
 * `npm start`: the Discord bot — the gateway (commands, buttons, reactions), and the HTTP server with
 * /healthz and the OAuth callback. Audits and unfollows run in the workers (`npm run worker`).
 * SIGTERM or SIGINT closes the gateway, the HTTP server and the connections cleanly.
 */
import { runProcess } from '../process.js';
import { startBot } from './start.js';

await runProcess('tend bot', () => startBot(process.env));
