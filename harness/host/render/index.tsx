// forgeDoc → Atlaskit. Each UI Kit node type maps to the Atlaskit component UI Kit itself renders, with the props
// UI Kit documents for it (see @atlaskit/forge-react-types for the exact prop lists). Unknown types render a red
// "Unsupported UI Kit component" box and are reported to window.__hostErrors.
//
// Props mapped only approximately (for the release note):
// - Text: rendered as <p> unless `as` says otherwise; `as="strike"` is a <s> inside a span.
// - Heading: with only `as`, the size follows the level (h1 xlarge, h2 large, h3 medium, h4 small, h5 xsmall, h6 xxsmall).
// - Button/LoadingButton: `spacing="none"` renders as compact; `iconBefore`/`iconAfter` and Icon `glyph` support the
//   subset of glyphs in render/icon.tsx (any other glyph is a host error); Icon size `large` renders medium,
//   `primaryColor` is treated as `color`, `secondaryColor` is ignored.
// - Box: `xcss` goes through Atlaskit's runtime xcss(), without UI Kit's allow-list of properties.
// - Textfield, TextArea, Toggle, Checkbox with `value`/`isChecked`: the field mirrors what was typed until the app's
//   next commit; an app that ignores a change (never re-renders) leaves the typed text showing.
// - Select: `onChange` gets the app's own option objects (the real bridge passes serialised copies); `onBlur`/`onFocus`
//   get a serialisable event.
// - UserPicker: @atlaskit/select's AsyncSelect with avatars, not @atlaskit/user-picker; searches Jira's
//   /user/picker as the current account; no teams, groups or email-invite options.
// - User: avatar and display name from /rest/api/3/user as the current account; no profile card on hover.
// - DynamicTable: `onSort` gets `{ key, sortOrder }`; `onRankStart`/`onRankEnd` get Atlaskit's objects; rows'
//   onClick and `loadingLabel` are not passed.
// - Modal: `width`/`height` 'fullscreen' and 'resizable' become 'x-large'; named heights are ignored; `icon` and a
//   boolean `autoFocus` are ignored; `title` renders a ModalHeader + ModalTitle.
// - Tooltip: children are wrapped in a <span> (Atlaskit needs one element to attach to).
// - CodeBlock: highlighting for clike, markup, css, javascript, typescript, jsx, tsx, json, bash, yaml, sql, python,
//   java, diff (harness/host/refractor-subset.js); other languages render unhighlighted.
// - Link: `openNewTab` sets target=_blank; there is no product router, so relative links navigate this page.
// - Frame: the resource's folder is served by the local server from the page's own origin (Forge serves Custom UI from
//   a separate origin, under a content security policy this host does not apply); the bridge script is inlined at the
//   top of its index.html. Without `height` the frame follows its document's height (a document whose <html> is as
//   tall as the frame can grow it, not shrink it); without `width` it is 100% wide (no width auto-size). Inside the
//   frame the bridge answers `emit`, `on`, `getContext` (the module's own context) and `invoke` (the module's
//   resolver); any other command is a host error. Not supported: `dispatch` / `view.getFrameDispatch()` (global:ui
//   only) and the `<resource>/<entry>` form of `resource`, which renders "Not Found". More than one Frame at once is a
//   host error (UI Kit renders one per module). A missing or unbuilt resource renders "Not Found" and is a host error.
// - events: an emitted event reaches every subscription on the page (the UI Kit app's and every frame's), the emitter's
//   own included, asynchronously and as a structured clone; a payload that cannot be cloned makes `emit` reject.
//   Forge documents a narrower list (strings, numbers, booleans, null, Blobs, objects and arrays of those); Dates,
//   Maps and the like pass here. `emitPublic`/`onPublic` are not implemented (host error).
// - Element props (EmptyState actions, SectionMessage actions, DynamicTable emptyView, Textfield elemAfterInput):
//   app components inside them are evaluated once as plain functions (no hooks), as @forge/react does for table cells.
import { registerComponents, renderNode, supportedTypes } from './core';
import { layoutComponents } from './layout';
import { typographyComponents } from './typography';
import { codeComponents } from './code';
import { buttonComponents } from './buttons';
import { formComponents } from './forms';
import { userComponents } from './users';
import { tableComponents } from './table';
import { modalComponents } from './modal';
import { feedbackComponents } from './feedback';
import { tabComponents } from './tabs';
import { iconComponents } from './icon';
import { frameComponents } from './frame';

registerComponents({
  ...layoutComponents,
  ...typographyComponents,
  ...codeComponents,
  ...buttonComponents,
  ...formComponents,
  ...userComponents,
  ...tableComponents,
  ...modalComponents,
  ...feedbackComponents,
  ...tabComponents,
  ...iconComponents,
  ...frameComponents,
});

export { renderNode, supportedTypes };
export type { ForgeDoc } from './types';
