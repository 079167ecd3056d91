// Atlaskit tokens resolve to CSS variables that a theme defines. setGlobalTheme() would load every theme through a
// dynamic import (inlined whole into an IIFE bundle), so the host installs the light theme's CSS itself, statically.
import light from '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-light';
import typography from '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-typography';
import spacing from '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-spacing';
import shape from '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-shape';
import { THEME_ATTRIBUTE } from './config';

export function installTheme(): void {
  const root = document.documentElement;
  root.setAttribute('data-theme', THEME_ATTRIBUTE);
  root.setAttribute('data-color-mode', 'light');
  for (const [id, css] of Object.entries({ light, typography, spacing, shape })) {
    if (document.head.querySelector(`style[data-theme="${id}"]`)) continue;
    const style = document.createElement('style');
    style.dataset.theme = id;
    style.textContent = css;
    document.head.appendChild(style);
  }
}
