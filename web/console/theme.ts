// The console's antd theme: blue controls, and every text colour at WCAG AA (4.5:1 against what it
// sits on; docs/design/accessibility.md). antd's defaults are lighter than that in many places — its
// link blue, its error red, its greys for secondary, placeholder and empty text, the text of its
// coloured tags — so the tokens below darken each one where it is drawn, and nothing else.
import type { ThemeConfig } from 'antd';

/** The console's blue: controls, links, focus (6.1:1 on white). */
export const PRIMARY = '#1f5fbf';
/** The blue under the pointer (5.1:1 on white, and for white words on it) and pressed (8.6:1): antd's own are lighter, 3.9:1. */
const HOVER = '#2a6ccc';
const ACTIVE = '#174a96';
/** Red for danger and errors: buttons, messages, figures in red (5.6:1 on white; antd's #ff4d4f is 3.3:1). */
export const DANGER = '#cf1322';

// Blue, not the union red, for the console's controls: a red focus border reads as an error to the
// people filling in forms all day. The red stays in the logo and on the log-in page.
// antd's secondary and description greys (45% black) are 3.4:1 on white; 65% black is 5.7:1.
// Placeholders (25% black, 1.8:1) become 55% black: 4.7:1 on white, still lighter than a value.
const text = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
};

// A tag's words are its palette's 7th shade on its 1st; for these palettes that is below 4.5:1
// (green 3.4, orange 3.3, cyan 3.4, volcano 4.4 …), so the words take a darker shade of the same hue.
const tagWords = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
  // status tags (success, warning, error, processing) take their words from these
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
  colorError: DANGER,
  colorInfo: '#0958d9',
};

// Text antd draws in its "disabled" grey (25% black) that is not a disabled control: a table's
// empty text, an upload area's words while a choice above it is still to be made.
const readableDisabled = { colorTextDisabled: 'rgba(0, 0, 0, 0.55)' };

export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorPrimaryHover: HOVER,
    colorPrimaryActive: ACTIVE,
    colorLink: PRIMARY,
    colorLinkHover: HOVER,
    colorLinkActive: ACTIVE,
    colorError: DANGER,
    borderRadius: 4,
    ...text,
  },
  components: {
    Tag: tagWords,
    // Typography.Text type="success" / "warning" / "danger": antd's are 3.5:1, 2.9:1 and 4.4:1 on white
    Typography: { colorSuccessText: '#237804', colorWarningText: '#ad4e00', colorErrorText: DANGER },
    Table: readableDisabled,
    Upload: readableDisabled,
    // an empty list's words (暂无数据) and a plain (unbordered) description's labels: antd's are 2.5:1 and 4.0:1
    List: readableDisabled,
    Descriptions: { labelColor: 'rgba(0, 0, 0, 0.65)' },
    // the words inside a switch (开/关, 分批/不分批) are white on its track: antd's grey track is 1.8:1
    Switch: { colorTextQuaternary: 'rgba(0, 0, 0, 0.55)', colorTextTertiary: 'rgba(0, 0, 0, 0.65)' },
  },
};
