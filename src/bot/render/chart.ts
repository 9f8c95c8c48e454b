/**
 * The audit's breakdown as a PNG, drawn server-side with Chart.js on @napi-rs/canvas: one horizontal bar
 * panel for the verdicts and one for the categories, stacked, sharing the count axis.
 */
import { createCanvas } from '@napi-rs/canvas';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  SubTitle,
  Title,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { CATEGORIES, VERDICTS, type AuditReport } from '../../model.js';
import { PLATFORM_NAME } from '../../report/labels.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Title, SubTitle);

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 520;

/** Discord's dark card colours: opaque, so the image reads the same on the dark and the light theme. */
const THEME = { background: '#2b2d31', text: '#f2f3f5', muted: '#b5bac1', grid: '#3f4147' };
const FONT = 'DejaVu Sans, sans-serif';
const VERDICT_COLOR = {
  unfollow: '#f23f43',
  review: '#f0b232',
  nurture: '#00a8fc',
  keep: '#23a55a',
} as const;
const CATEGORY_COLOR = '#949cf7';

/** A PNG is transparent where Chart.js draws nothing: paint the card first. */
const background: Plugin<'bar'> = {
  id: 'tendBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = THEME.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Bars of 3 and of 0 look alike next to one of 300: each bar carries its count. */
const counts: Plugin<'bar'> = {
  id: 'tendCounts',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = THEME.text;
    ctx.font = `15px ${FONT}`;
    ctx.textBaseline = 'middle';
    chart.data.datasets.forEach((dataset, i) => {
      chart.getDatasetMeta(i).data.forEach((bar, j) => {
        const value = dataset.data[j];
        if (typeof value !== 'number') return;
        ctx.fillText(value.toLocaleString('en'), bar.x + 6, bar.y);
      });
    });
    ctx.restore();
  },
};

/** Renders the counts per verdict and per category of a report; every id is drawn, zeros included. */
export async function renderAuditChart(report: AuditReport): Promise<Buffer> {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const { byVerdict, byCategory, following } = report.summary;
  const verdictValues = VERDICTS.map((v) => byVerdict[v]);
  const categoryValues = CATEGORIES.map((c) => byCategory[c]);
  const ticks = { color: THEME.text, font: { family: FONT, size: 15 } };
  const panel = (text: string) => ({
    type: 'category' as const,
    stack: 'panels',
    offset: true,
    grid: { display: false },
    ticks: { ...ticks, autoSkip: false },
    title: { display: true, text, color: THEME.muted, font: { family: FONT, size: 14 } },
  });
  const owner = report.owner.handle ? `@${report.owner.handle}` : 'your account';
  const followers =
    report.summary.followers === null ? '' : ` · ${report.summary.followers.toLocaleString('en')} followers`;
  const config: ChartConfiguration<'bar', number[], string> = {
    type: 'bar',
    data: {
      labels: [],
      datasets: [
        {
          label: 'Verdict',
          data: verdictValues,
          yAxisID: 'verdicts',
          grouped: false,
          backgroundColor: VERDICTS.map((v) => VERDICT_COLOR[v]),
        },
        {
          label: 'Category',
          data: categoryValues,
          yAxisID: 'categories',
          grouped: false,
          backgroundColor: CATEGORY_COLOR,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: { top: 4, right: 24, bottom: 12, left: 12 } },
      scales: {
        // Two category axes stacked into panels: `weight` puts the verdicts on top, `stackWeight` shares
        // the height by rows, so both panels' bars are equally thick.
        verdicts: { ...panel('verdict'), labels: [...VERDICTS], stackWeight: VERDICTS.length, weight: 2 },
        categories: {
          ...panel('category'),
          labels: CATEGORIES.map((c) => c.replaceAll('_', ' ')),
          stackWeight: CATEGORIES.length,
          weight: 1,
        },
        // Room after the longest bar for its count.
        x: {
          type: 'linear',
          beginAtZero: true,
          grace: '12%',
          ticks: { ...ticks, precision: 0 },
          grid: { color: THEME.grid },
        },
      },
      plugins: {
        title: {
          display: true,
          text: `Tend audit of ${owner} on ${PLATFORM_NAME[report.platform]}`,
          color: THEME.text,
          font: { family: FONT, size: 20, weight: 'bold' },
          padding: { top: 12, bottom: 4 },
        },
        subtitle: {
          display: true,
          text: `${following.toLocaleString('en')} followed${followers} · as of ${report.generatedAt.slice(0, 10)}`,
          color: THEME.muted,
          font: { family: FONT, size: 14 },
          padding: { bottom: 10 },
        },
      },
    },
    plugins: [background, counts],
  };
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], config);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

const SHAPE = ['genuine', 'engaged', 'fake', 'inactive'] as const;
const SHAPE_COLOR = { genuine: '#23a55a', engaged: '#00a8fc', fake: '#f23f43', inactive: '#949ba4' } as const;
const INTERVAL_COLOR = 'rgba(242, 243, 245, 0.28)';

/** Each share's value, and its interval where estimated, beside its bar. */
const shareLabels: Plugin<'bar'> = {
  id: 'tendShares',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const labels = (chart.options.plugins as { tendShares?: { text: string[] } }).tendShares?.text ?? [];
    const meta = chart.getDatasetMeta(1);
    const intervals = chart.getDatasetMeta(0);
    ctx.save();
    ctx.fillStyle = THEME.text;
    ctx.font = `15px ${FONT}`;
    ctx.textBaseline = 'middle';
    meta.data.forEach((bar, i) => {
      const right = Math.max(bar.x, intervals.data[i]?.x ?? bar.x);
      ctx.fillText(labels[i] ?? '', right + 6, bar.y);
    });
    ctx.restore();
  },
};

const percent = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;

/**
 * The audience's shape as a PNG: a bar for each share (genuine, engaged, fake, inactive) in percent,
 * with its 95% interval drawn behind it as a paler band where the share is estimated from a sample.
 */
export async function renderFollowersChart(report: AuditReport): Promise<Buffer> {
  const audit = report.followers!;
  const { shape, followers, population, judged } = audit.summary;
  const canvas = createCanvas(CHART_WIDTH, 360);
  const ticks = { color: THEME.text, font: { family: FONT, size: 15 } };
  const owner = report.owner.handle ? `@${report.owner.handle}` : 'your account';
  const of =
    population === 'newest'
      ? `your newest ${followers.toLocaleString('en')} followers`
      : population === 'sample'
        ? `${judged.toLocaleString('en')} of ${followers.toLocaleString('en')} followers judged`
        : `all ${followers.toLocaleString('en')} followers`;
  const text = SHAPE.map((k) => {
    const s = shape[k];
    if (s.of === 0) return 'unknown';
    return s.exact ? percent(s.share) : `${percent(s.share)} (${percent(s.low)}–${percent(s.high)})`;
  });
  const config: ChartConfiguration<'bar', (number | [number, number])[], string> = {
    type: 'bar',
    data: {
      labels: [...SHAPE],
      datasets: [
        {
          label: '95% interval',
          data: SHAPE.map((k) => [shape[k].low * 100, shape[k].high * 100] as [number, number]),
          backgroundColor: INTERVAL_COLOR,
          grouped: false,
          barPercentage: 0.9,
          // Drawn first, behind the share's bar.
          order: 2,
        },
        {
          label: 'Share',
          data: SHAPE.map((k) => shape[k].share * 100),
          backgroundColor: SHAPE.map((k) => SHAPE_COLOR[k]),
          grouped: false,
          barPercentage: 0.5,
          order: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: { top: 4, right: 24, bottom: 12, left: 12 } },
      scales: {
        y: { grid: { display: false }, ticks },
        x: {
          type: 'linear',
          min: 0,
          max: 130,
          ticks: { ...ticks, callback: (v) => (Number(v) <= 100 ? `${v}%` : '') },
          grid: { color: THEME.grid },
        },
      },
      plugins: {
        title: {
          display: true,
          text: `Followers of ${owner} on ${PLATFORM_NAME[report.platform]}`,
          color: THEME.text,
          font: { family: FONT, size: 20, weight: 'bold' },
          padding: { top: 12, bottom: 4 },
        },
        subtitle: {
          display: true,
          text: `${of} · as of ${report.generatedAt.slice(0, 10)}`,
          color: THEME.muted,
          font: { family: FONT, size: 14 },
          padding: { bottom: 10 },
        },
        ...({ tendShares: { text } } as object),
      },
    },
    plugins: [background as unknown as Plugin<'bar', (number | [number, number])[]>, shareLabels],
  };
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], config);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
