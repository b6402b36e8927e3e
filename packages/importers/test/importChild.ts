/**
 * Runs one `importFiles` in its own process (for the memory test): `node --max-old-space-size=N
 * --import tsx importChild.ts <file> <server> <email> <password>`; prints one JSON line with what was
 * added and the peak resident memory of this process.
 */
import { AccountClient, openOwnerSession } from '@sdt/pod';
import { importFiles } from '../src/index.ts';

const [file, serverUrl, email, password] = process.argv.slice(2) as [string, string, string, string];
const client = new AccountClient({ serverUrl });
const token = await client.login(email, password);
if (token === undefined) throw new Error(`no account ${email}`);
const webId = Object.keys(await client.listWebIds(token))[0]!;
const podUrl = Object.keys(await client.listPods(token))[0]!;
const session = await openOwnerSession(client, token, webId);
const baselineRssMb = process.memoryUsage.rss() / 1048576;
const report = await importFiles({ podUrl, webId, fetch: session.fetch }, [file]);
await session.close();
process.stdout.write(
  `${JSON.stringify({ added: report.files[0]!.added, resources: report.resourcesWritten.length, baselineRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
process.exit(0);
