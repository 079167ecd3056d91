// Deep imports into Atlaskit's dist/esm that keep host.js small; these packages ship no types beside those files.

// The token theme artifacts: plain modules exporting a CSS string.
declare module '@atlaskit/tokens/dist/esm/artifacts/themes/*' {
  const css: string;
  export default css;
}

// The Jira icon alone (the package index builds every product logo at load time, ~230 KB).
declare module '@atlaskit/logo/dist/esm/artifacts/logo-components/jira/icon' {
  import type React from 'react';
  export function JiraIcon(props: { size?: 'xxsmall' | 'xsmall' | 'small' | 'medium' | 'large' | 'xlarge'; appearance?: 'brand' | 'neutral' | 'inverse'; label?: string; testId?: string }): React.JSX.Element;
}
