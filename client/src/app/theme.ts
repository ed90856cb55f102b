import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// The one place for colours, type and spacing. A calm, dense work tool: one deep blue for
// actions, neutral greys for everything else, the system font people read all day.
const vigilBlue: MantineColorsTuple = [
  '#e8f1fb',
  '#cfe0f3',
  '#9fbfe6',
  '#6c9cd9',
  '#427fce',
  '#286cc8',
  '#1862c6',
  '#0b5cad',
  '#004794',
  '#003d84',
];

export const theme = createTheme({
  primaryColor: 'vigil',
  // white on shade 4 is 4:1, short of AA; shade 6 is 5.8:1
  primaryShade: { light: 7, dark: 6 },
  colors: { vigil: vigilBlue },
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Khmer', 'Noto Sans Myanmar', 'Noto Sans Thai', sans-serif",
  fontFamilyMonospace: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.6rem', lineHeight: '1.25' },
      h2: { fontSize: '1.2rem', lineHeight: '1.3' },
      h3: { fontSize: '1.05rem', lineHeight: '1.35' },
    },
  },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  // focus rings on keyboard focus only, always visible then
  focusRing: 'auto',
  autoContrast: true,
  components: {
    Badge: { defaultProps: { radius: 'sm', variant: 'light' } },
    Button: { defaultProps: { radius: 'sm' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md', p: 'md' } },
    Tooltip: { defaultProps: { multiline: true, maw: 320, withArrow: true } },
  },
});

// Mantine's default dimmed greys and dark-scheme links fall short of WCAG AA contrast (4.5:1)
// for small text: dimmed text, error text, links and the primary blue are a step stronger here.
const lightVariantColors = ['vigil', 'gray', 'blue', 'green', 'teal', 'red', 'orange', 'dark'];

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // text of the light variant (status badges, light buttons, alerts' titles) on its tint
    ...Object.fromEntries(
      lightVariantColors.map((color) => [
        `--mantine-color-${color}-light-color`,
        `var(--mantine-color-${color}-9)`,
      ]),
    ),
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-5)',
    '--mantine-color-anchor': 'var(--mantine-color-vigil-2)',
  },
});
