// `showFlag` from @forge/bridge: the product's flag group (bottom-left toasts), here an Atlaskit FlagGroup.
import React, { useSyncExternalStore } from 'react';
import Flag, { AutoDismissFlag, FlagGroup } from '@atlaskit/flag';
import { token } from '@atlaskit/tokens';
import SuccessIcon from '@atlaskit/icon/core/status-success';
import ErrorIcon from '@atlaskit/icon/core/status-error';
import WarningIcon from '@atlaskit/icon/core/status-warning';
import InfoIcon from '@atlaskit/icon/core/status-information';

export type FlagType = 'info' | 'success' | 'warning' | 'error';

/** The options @forge/bridge's showFlag sends (its `type` defaults to 'info' before it reaches the host). */
export interface FlagOptions {
  id: string | number;
  title?: string;
  description?: string;
  type?: FlagType;
  appearance?: FlagType;
  actions?: Array<{ text: string; onClick: () => void }>;
  isAutoDismiss?: boolean;
}

let flags: FlagOptions[] = [];
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export function showFlag(options: FlagOptions): void {
  if (options === null || typeof options !== 'object' || (typeof options.id !== 'string' && typeof options.id !== 'number')) {
    throw new Error('showFlag: "id" must be defined in flag options');
  }
  // Jira shows a flag once per id; showing an id again replaces it.
  flags = [options, ...flags.filter((flag) => flag.id !== options.id)];
  emit();
}

/** @returns whether a flag with that id was open, which is what `flag.close()` resolves to. */
export function closeFlag(id: string | number): boolean {
  const before = flags.length;
  flags = flags.filter((flag) => flag.id !== id);
  emit();
  return flags.length !== before;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const ICONS: Record<FlagType, React.ReactNode> = {
  success: <SuccessIcon label="Success" color={token('color.icon.success')} />,
  error: <ErrorIcon label="Error" color={token('color.icon.danger')} />,
  warning: <WarningIcon label="Warning" color={token('color.icon.warning')} />,
  info: <InfoIcon label="Info" color={token('color.icon.information')} />,
};
// The bold variants sit on a coloured background, so their icons take the inverse colour.
const BOLD_ICONS: Record<FlagType, React.ReactNode> = {
  success: <SuccessIcon label="Success" color={token('color.icon.inverse')} />,
  error: <ErrorIcon label="Error" color={token('color.icon.inverse')} />,
  warning: <WarningIcon label="Warning" color={token('color.icon.warning.inverse')} />,
  info: <InfoIcon label="Info" color={token('color.icon.inverse')} />,
};
const BOLD_APPEARANCE = { success: 'success', error: 'error', warning: 'warning', info: 'info' } as const;

export function HostFlags() {
  const current = useSyncExternalStore(subscribe, () => flags);
  return (
    <FlagGroup onDismissed={(id) => closeFlag(id as string | number)} label="App notifications">
      {current.map((flag) => {
        // Per the bridge: `type` picks the icon; `appearance`, when given, overrides it and makes the flag bold.
        const type: FlagType = flag.appearance ?? flag.type ?? 'info';
        const common = {
          id: flag.id,
          title: flag.title ?? '',
          description: flag.description,
          testId: `forge-flag-${flag.id}`,
          actions: flag.actions?.map((action) => ({ content: action.text, onClick: () => action.onClick() })),
        };
        const visual = flag.appearance
          ? { appearance: BOLD_APPEARANCE[flag.appearance], icon: BOLD_ICONS[type] }
          : { icon: ICONS[type] };
        return flag.isAutoDismiss ? (
          <AutoDismissFlag key={String(flag.id)} {...common} {...visual} />
        ) : (
          <Flag key={String(flag.id)} {...common} {...visual} />
        );
      })}
    </FlagGroup>
  );
}
