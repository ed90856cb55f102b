import type { BarChartProps } from '@mantine/charts';
import type { NavigateFunction } from 'react-router';

// Bars whose data row carries `to` open it: the incident list filtered to that bar. The table
// under each chart has the same links for the keyboard.
export function openOnClick(navigate: NavigateFunction): BarChartProps['barProps'] {
  return {
    cursor: 'pointer',
    onClick: (item) => {
      const to = (item.payload as { to?: string } | undefined)?.to;
      if (to) void navigate(to);
    },
  };
}

// Room on the value axis for the longest of the labels, within what a phone can spare.
export function labelWidth(labels: readonly string[], max = 170): number {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  return Math.min(max, 24 + longest * 6.5);
}

export const seriesColors = [
  'blue.6',
  'orange.6',
  'teal.6',
  'grape.6',
  'red.6',
  'cyan.7',
  'yellow.7',
  'indigo.6',
  'lime.7',
  'pink.6',
];
