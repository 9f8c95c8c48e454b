import { describe, it, expect } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import {
  renderAuditChart,
  renderFollowersChart,
  CHART_HEIGHT,
  CHART_WIDTH,
} from '../../../src/bot/render/chart.js';
import type { ShareEstimate } from '../../../src/model.js';
import { account, report } from './support.js';

/** The bar colours, as RGBA pixels: red for unfollow, amber for review, green for keep. */
const RED = '242,63,67,255';
const AMBER = '240,178,50,255';
const GREEN = '35,165,90,255';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function pixels(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return {
    width: image.width,
    height: image.height,
    data: ctx.getImageData(0, 0, image.width, image.height).data,
  };
}

function colorsOf(data: Uint8ClampedArray): Set<string> {
  const colors = new Set<string>();
  for (let i = 0; i < data.length; i += 4)
    colors.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
  return colors;
}

const flagged = report([
  account({ id: '1', verdict: 'unfollow', categories: ['bot'] }),
  account({ id: '2', verdict: 'unfollow', categories: ['bot', 'dormant'] }),
  account({ id: '3', verdict: 'review', categories: ['dormant'] }),
  account({ id: '4', verdict: 'keep', categories: [] }),
]);

describe('the audit chart', () => {
  it('is a PNG of a stable size', async () => {
    const png = await renderAuditChart(flagged);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // IHDR: width and height, big-endian, right after the chunk header.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    const big = await renderAuditChart(
      report(Array.from({ length: 300 }, (_, i) => account({ id: String(i), handle: 'a'.repeat(30) }))),
    );
    expect([big.readUInt32BE(16), big.readUInt32BE(20)]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  });

  it('is opaque all over, so it reads on Discord’s dark and light themes alike', async () => {
    const { data } = await pixels(await renderAuditChart(flagged));
    let transparent = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) transparent++;
    expect(transparent).toBe(0);
  });

  it('draws bars, labels and the verdict colours, not a blank card', async () => {
    const { data } = await pixels(await renderAuditChart(flagged));
    const colors = colorsOf(data);
    // Text is anti-aliased into many shades; a blank or single-colour image has one or two.
    expect(colors.size).toBeGreaterThan(50);
    expect(colors).toContain(RED);
    expect(colors).toContain(AMBER);
    expect(colors).toContain(GREEN);
  });

  it('writes its title: a font is there to draw text with', async () => {
    const { width, data } = await pixels(await renderAuditChart(flagged));
    const background = `${data[0]},${data[1]},${data[2]}`;
    let inked = 0;
    // The title's band, above every bar.
    for (let i = 0; i < width * 40 * 4; i += 4)
      if (`${data[i]},${data[i + 1]},${data[i + 2]}` !== background) inked++;
    expect(inked).toBeGreaterThan(1000);
  });

  it('draws a different picture for a different report', async () => {
    const other = report([account({ verdict: 'keep', categories: ['not_following_back'] })]);
    const [a, b] = await Promise.all([renderAuditChart(flagged), renderAuditChart(other)]);
    expect(a.equals(b)).toBe(false);
    const { data } = await pixels(b);
    // Nothing to unfollow or review: no bar of their colour.
    expect(colorsOf(data)).not.toContain(RED);
    expect(colorsOf(data)).toContain(GREEN);
  });

  it('renders a report with nothing in it', async () => {
    const png = await renderAuditChart(report([]));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});

describe('the followers chart', () => {
  const share = (count: number, of: number, exact: boolean): ShareEstimate => ({
    count,
    of,
    share: count / of,
    low: exact ? count / of : Math.max(0, count / of - 0.05),
    high: exact ? count / of : count / of + 0.05,
    exact,
  });
  const withFollowers = (exact: boolean) => {
    const r = report([]);
    r.followers = {
      summary: {
        followers: 400,
        population: exact ? 'all' : 'sample',
        sampled: 200,
        judged: 200,
        shape: {
          genuine: share(150, 200, exact),
          engaged: share(40, 400, true),
          fake: share(30, 200, exact),
          inactive: share(20, 200, exact),
        },
        byCategory: {
          fake: 30,
          inactive: 20,
          engaged: 40,
          loyal: 5,
          new: 0,
          lost: 0,
          churner: 0,
          not_followed_back: 3,
        },
        previousAuditAt: null,
        unconfirmedLost: 0,
        notes: [],
        cost: null,
      },
      followers: [],
    };
    return r;
  };

  it('draws each share in its colour, and the intervals only where the shares are estimated', async () => {
    const sampled = await pixels(await renderFollowersChart(withFollowers(false)));
    const exact = await pixels(await renderFollowersChart(withFollowers(true)));
    expect(sampled.width).toBe(CHART_WIDTH);
    for (const colour of [GREEN, RED]) expect(colorsOf(sampled.data)).toContain(colour);
    // The pale interval bands add colours the exact chart does not have.
    const plain = colorsOf(exact.data);
    const extra = [...colorsOf(sampled.data)].filter((c) => !plain.has(c));
    expect(extra.length).toBeGreaterThan(0);
  });
});
