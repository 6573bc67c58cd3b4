import { createTheme, type MantineColorsTuple } from '@mantine/core';

/*
 * Gobierno de México identity: guinda #691C32 / #9F2241, dorado #BC955C /
 * #DDC9A3, grays, Montserrat. Text on guinda is white (contrast 8:1 and more);
 * dorado is for rules and accents, never for text on white (contrast too low).
 */
const guinda: MantineColorsTuple = ['#fbeef1', '#f1d6dd', '#e3abb9', '#d47d93', '#c75673', '#be3d5e', '#9F2241', '#8a1d39', '#691C32', '#4d1424'];
const dorado: MantineColorsTuple = ['#faf6ef', '#f1e8d8', '#e6d6b9', '#DDC9A3', '#cfb282', '#BC955C', '#a57f48', '#87683b', '#6b522f', '#4f3c22'];

export const theme = createTheme({
  primaryColor: 'guinda',
  primaryShade: { light: 6, dark: 5 },
  colors: { guinda, dorado },
  fontFamily: 'Montserrat, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'Montserrat, "Helvetica Neue", Arial, sans-serif', fontWeight: '600' },
  defaultRadius: 'sm',
  focusRing: 'always',
  components: {
    // Icon-only close buttons need a name for screen readers.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Cerrar' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Cerrar aviso' } } },
    // Links are underlined everywhere: colour alone must not tell them apart (WCAG 1.4.1).
    Anchor: { defaultProps: { c: 'guinda.8', underline: 'always' } },
  },
});
