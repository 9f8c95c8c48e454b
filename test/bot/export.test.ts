/**
 * The export buttons of a large audit, through the real bot against the fake Discord, which refuses a
 * file over 10 MiB with a 413 (40005 Request entity too large) as Discord does for a bot in a server
 * without boosts.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import { ReportStore } from '../../src/store/reports.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { largeReport } from './render/support.js';
import { seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('export');
const MIB = 1024 * 1024;
let product: Product;
let ada: string;

const buttonId = (m: FakeMessage, prefix: string) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[])
    .flatMap((row) => row.components)
    .map((b) => (b as { custom_id?: string }).custom_id)
    .find((id) => id?.startsWith(prefix))!;

beforeAll(async () => {
  product = await startProduct(db);
  ada = product.discord.users[0]!.id;
}, 30_000);

afterAll(async () => {
  await product?.close();
});

describe('exporting a large audit', () => {
  it('Discord (the fake) takes a file of 10 MiB and refuses one byte more with 413, code 40005', async () => {
    const { client } = product.bot;
    await client.users.send(ada, { files: [{ attachment: Buffer.alloc(10 * MIB), name: 'fits.bin' }] });
    const refused = await client.users
      .send(ada, { files: [{ attachment: Buffer.alloc(10 * MIB + 1), name: 'over.bin' }] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ status: 413, code: 40005, message: 'Request entity too large' });
  });

  it('sends the JSON of a 22,000-account audit gzip-compressed, under the limit, saying why; the CSV as it is', async () => {
    const { discord } = product;
    const report = await largeReport(22_000);
    await new ReportStore(db.redis, db.prefix).save(ada, {
      auditId: 'audit-big',
      savedAt: Date.now(),
      report,
    });
    const shown = discord.sendCommand(ada, 'report');
    const summary = await seenWhen(discord, shown.id, (m) => m.components.length > 0);

    const json = discord.clickButton(ada, summary, buttonId(summary, 'export:json:'));
    const jsonReply = await seenWhen(
      discord,
      json.id,
      (m) => m.attachments.length > 0 || m.content.length > 0,
      60_000,
    );
    const gz = jsonReply.attachments.find((a) => a.filename === 'tend-audit-x-2026-11-20.json.gz');
    expect(gz, jsonReply.content).toBeDefined();
    expect(gz!.data.length).toBeLessThanOrEqual(10 * MIB);
    expect(JSON.parse(gunzipSync(gz!.data).toString('utf8'))).toEqual(report);
    expect(jsonReply.content).toMatch(/Compressed with gzip: 13\.\d MiB of JSON/);
    expect(jsonReply.ephemeral).toBe(true);

    const csv = discord.clickButton(ada, summary, buttonId(summary, 'export:csv:'));
    const csvReply = await seenWhen(
      discord,
      csv.id,
      (m) => m.attachments.length > 0 || m.content.length > 0,
      60_000,
    );
    expect(csvReply.attachments.map((a) => a.filename)).toEqual(['tend-audit-x-2026-11-20.csv']);
    expect(csvReply.attachments[0]!.data.length).toBeGreaterThan(6 * MIB);
  }, 120_000);
});
