// Atlassian design tokens for the editor. Each colour is the token's CSS variable with the light theme's value as the
// fallback (from @atlaskit/tokens' atlassian-light theme), so the frame looks like Atlaskit without loading the tokens,
// and follows them if the page ever provides them. Syntax colours follow Atlaskit's CodeBlock on JSON.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const token = (name: string, light: string) => `var(--ds-${name}, ${light})`;

export const COLORS = {
  text: token('text', '#292A2E'),
  textSubtle: token('text-subtle', '#505258'),
  textSubtlest: token('text-subtlest', '#6B6E76'),
  textDanger: token('text-danger', '#AE2E24'),
  textWarning: token('text-warning', '#9E4C00'),
  input: token('background-input', '#FFFFFF'),
  inputHovered: token('background-input-hovered', '#F8F8F8'),
  borderInput: token('border-input', '#8C8F97'),
  borderFocused: token('border-focused', '#4688EC'),
  border: token('border', '#0B120E24'),
  neutral: token('background-neutral', '#0515240F'),
  neutralHovered: token('background-neutral-hovered', '#0B120E24'),
  selected: token('background-selected', '#E9F2FE'),
  selectedHovered: token('background-selected-hovered', '#CFE1FD'),
  textSelected: token('text-selected', '#1868DB'),
  danger: token('background-danger', '#FFECEB'),
  iconDanger: token('icon-danger', '#C9372C'),
  warning: token('background-warning', '#FFF5DB'),
  sunken: token('surface-sunken', '#F8F8F8'),
  overlay: token('surface-overlay', '#FFFFFF'),
  shadowOverlay: token('shadow-overlay', '0px 8px 12px #1E1F2126, 0px 0px 1px #1E1F214F'),
  accentBlue: token('text-accent-blue', '#1558BC'),
  accentGreen: token('text-accent-green', '#216E4E'),
  accentPurple: token('text-accent-purple', '#803FA5'),
  accentTeal: token('text-accent-teal', '#206A83'),
  matchingBracket: token('background-accent-blue-subtlest', '#E9F2FE'),
};

export const MONOSPACE = token('font-family-code', 'ui-monospace, Menlo, "Segoe UI Mono", "Ubuntu Mono", monospace');

export const atlassianTheme = EditorView.theme(
  {
    '&': {
      height: '100%',
      color: COLORS.text,
      backgroundColor: COLORS.input,
      border: `1px solid ${COLORS.borderInput}`,
      borderRadius: '4px',
      fontSize: '14px',
      boxSizing: 'border-box',
    },
    '&:hover': { backgroundColor: COLORS.inputHovered },
    // A visible focus ring (Atlaskit's inputs draw the focused border 2px wide, without moving the content).
    '&.cm-focused': {
      outline: 'none',
      borderColor: COLORS.borderFocused,
      boxShadow: `inset 0 0 0 1px ${COLORS.borderFocused}`,
      backgroundColor: COLORS.input,
    },
    '.cm-scroller': { fontFamily: MONOSPACE, lineHeight: '20px', overflow: 'auto' },
    '.cm-content': { caretColor: COLORS.text, padding: '4px 0' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: COLORS.text, borderLeftWidth: '2px' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
      backgroundColor: COLORS.selectedHovered,
    },
    '.cm-activeLine': { backgroundColor: 'transparent' },
    '&.cm-focused .cm-activeLine': { backgroundColor: COLORS.neutral },
    '.cm-gutters': {
      backgroundColor: COLORS.sunken,
      color: COLORS.textSubtlest,
      borderRight: `1px solid ${COLORS.border}`,
      borderTopLeftRadius: '3px',
      borderBottomLeftRadius: '3px',
    },
    '.cm-activeLineGutter': { backgroundColor: 'transparent' },
    '&.cm-focused .cm-activeLineGutter': { backgroundColor: COLORS.neutral, color: COLORS.text },
    '.cm-lineNumbers .cm-gutterElement': { padding: '0 4px 0 8px', minWidth: '24px' },
    '.cm-foldGutter .cm-gutterElement': { padding: '0 4px', cursor: 'pointer', color: COLORS.textSubtle },
    '.cm-foldGutter .cm-gutterElement:hover': { color: COLORS.text },
    '.cm-foldPlaceholder': {
      backgroundColor: COLORS.neutral,
      border: `1px solid ${COLORS.border}`,
      color: COLORS.textSubtle,
      borderRadius: '3px',
      padding: '0 4px',
      margin: '0 2px',
    },
    '&.cm-focused .cm-matchingBracket': { backgroundColor: COLORS.matchingBracket, outline: `1px solid ${COLORS.textSelected}` },
    '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: COLORS.danger, outline: `1px solid ${COLORS.iconDanger}` },
    '.cm-lintRange-error': {
      backgroundImage: 'none',
      textDecoration: `wavy underline ${COLORS.iconDanger}`,
      textUnderlineOffset: '3px',
      backgroundColor: COLORS.danger,
    },
    '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: `wavy underline ${COLORS.textWarning}` },
    // The lint package draws its markers and underlines as data: SVG images, which a Custom UI CSP without data: in
    // img-src refuses: plain CSS instead (the underline above, a dot here).
    '.cm-lint-marker-error, .cm-lint-marker-warning, .cm-lint-marker-info': {
      content: 'none',
      width: '8px',
      height: '8px',
      margin: '6px 4px',
      borderRadius: '50%',
      boxSizing: 'border-box',
    },
    '.cm-lint-marker-error': { backgroundColor: COLORS.iconDanger },
    '.cm-lint-marker-warning': { backgroundColor: COLORS.textWarning },
    '.cm-diagnostic': { fontFamily: 'inherit', padding: '4px 8px' },
    '.cm-diagnostic-error': { borderLeft: `4px solid ${COLORS.iconDanger}` },
    '.cm-tooltip': {
      backgroundColor: COLORS.overlay,
      color: COLORS.text,
      border: 'none',
      borderRadius: '4px',
      boxShadow: COLORS.shadowOverlay,
      fontFamily: MONOSPACE,
    },
    '.cm-tooltip-autocomplete > ul > li': { padding: '2px 8px', lineHeight: '20px' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: COLORS.selected, color: COLORS.textSelected },
    '.cm-completionMatchedText': { textDecoration: 'none', fontWeight: '653' },
    '.cm-completionDetail': { color: COLORS.textSubtlest, fontStyle: 'normal', marginLeft: '12px' },
    '.cm-completionInfo': { padding: '4px 8px', maxWidth: '280px', whiteSpace: 'pre-wrap' },
    '.cm-placeholder': { color: COLORS.textSubtlest },
  },
  { dark: false },
);

export const atlassianHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.propertyName, color: COLORS.accentPurple },
    { tag: tags.string, color: COLORS.accentGreen },
    { tag: tags.number, color: COLORS.accentBlue },
    { tag: [tags.bool, tags.null], color: COLORS.accentBlue, fontWeight: 'bolder' },
    { tag: [tags.separator, tags.brace, tags.squareBracket, tags.punctuation], color: COLORS.text },
    { tag: tags.invalid, color: COLORS.textDanger },
  ]),
);
