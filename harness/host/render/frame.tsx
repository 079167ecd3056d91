// Frame: a Custom UI resource of the app in an iframe, talking to the UI Kit app through the bridge's `events` (see
// harness/host/frames.ts for the page side and harness/host/frame-client.ts for the script injected into the resource).
import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { token } from '@atlaskit/tokens';
import { frameResource, mountFrame } from '../frames';
import { reportHostError } from '../host-errors';
import type { NodeComponent } from './types';

/** UI Kit accepts `px` and `%` for a Frame's height and width. */
const SIZE = /^\d+(\.\d+)?(px|%)$/;

function useSize(node: { props: Record<string, unknown> }, prop: 'height' | 'width'): string | undefined {
  const value = node.props[prop];
  const valid = value === undefined || (typeof value === 'string' && SIZE.test(value.trim()));
  const message = `Frame ${prop} ${JSON.stringify(value)} is not a length in px or % (UI Kit accepts only those); the host sizes the Frame to its content instead`;
  useEffect(() => {
    if (!valid) reportHostError('app-error', message);
  }, [valid, message]);
  return valid && typeof value === 'string' ? value.trim() : undefined;
}

/** UI Kit's answer to a resource the manifest does not have (or, here, one that is not built): "Not Found". */
function FrameNotFound({ resource, detail }: { resource: unknown; detail: string }) {
  const message = `Frame: resource ${JSON.stringify(resource)}: ${detail}`;
  useEffect(() => reportHostError('frame', message), [message]);
  return (
    <div
      data-testid="forge-frame-not-found"
      data-forge-type="Frame"
      role="alert"
      style={{
        border: `1px solid ${token('color.border')}`,
        borderRadius: token('radius.small'),
        padding: token('space.300'),
        textAlign: 'center',
        color: token('color.text.subtle'),
        font: token('font.body'),
      }}
    >
      <strong style={{ display: 'block', font: token('font.heading.small'), color: token('color.text') }}>Not Found</strong>
      <span>{detail}</span>
    </div>
  );
}

function FrameView({ resource, url, height, width }: { resource: string; url: string; height?: string; width?: string }) {
  const iframe = useRef<HTMLIFrameElement>(null);
  const [contentHeight, setContentHeight] = useState<number>();
  // Layout effect: the frame must be known before its document (fetched over the network) can send anything.
  useLayoutEffect(() => {
    const window_ = iframe.current?.contentWindow;
    if (!window_) return undefined;
    return mountFrame(window_, resource, (h) => setContentHeight(h));
  }, [resource, url]);
  return (
    <iframe
      ref={iframe}
      src={url}
      title={resource}
      data-testid="forge-frame"
      data-forge-type="Frame"
      data-forge-resource={resource}
      style={{
        display: 'block',
        border: 0,
        width: width ?? '100%',
        // Without `height`, the frame follows its content (the injected script reports it); the browser's default
        // 150px stands until the first report.
        height: height ?? (contentHeight === undefined ? undefined : `${contentHeight}px`),
      }}
    />
  );
}

export const frameComponents: Record<string, NodeComponent> = {
  Frame: ({ node }) => {
    const { resource } = node.props;
    const height = useSize(node, 'height');
    const width = useSize(node, 'width');
    const info = frameResource(resource);
    if (!info) return <FrameNotFound resource={resource} detail="manifest.yml declares no resource with this key" />;
    if ('problem' in info) return <FrameNotFound resource={resource} detail={info.problem} />;
    return <FrameView resource={resource as string} url={info.url} height={height} width={width} />;
  },
};
