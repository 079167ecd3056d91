// Icon, and the icons Button's iconBefore/iconAfter name. UI Kit accepts several hundred glyph names (legacy and new);
// this host maps a subset to @atlaskit/icon's core icons and reports any other glyph as a host error.
import React from 'react';
import { token } from '@atlaskit/tokens';
import type { NewCoreIconProps } from '@atlaskit/icon';
import AddIcon from '@atlaskit/icon/core/add';
import EditIcon from '@atlaskit/icon/core/edit';
import DeleteIcon from '@atlaskit/icon/core/delete';
import RefreshIcon from '@atlaskit/icon/core/refresh';
import SearchIcon from '@atlaskit/icon/core/search';
import CheckMarkIcon from '@atlaskit/icon/core/check-mark';
import CrossIcon from '@atlaskit/icon/core/cross';
import CloseIcon from '@atlaskit/icon/core/close';
import InformationIcon from '@atlaskit/icon/core/information';
import WarningIcon from '@atlaskit/icon/core/warning';
import ErrorIcon from '@atlaskit/icon/core/error';
import PersonIcon from '@atlaskit/icon/core/person';
import PeopleGroupIcon from '@atlaskit/icon/core/people-group';
import SettingsIcon from '@atlaskit/icon/core/settings';
import CopyIcon from '@atlaskit/icon/core/copy';
import DownloadIcon from '@atlaskit/icon/core/download';
import UploadIcon from '@atlaskit/icon/core/upload';
import LockLockedIcon from '@atlaskit/icon/core/lock-locked';
import LockUnlockedIcon from '@atlaskit/icon/core/lock-unlocked';
import ChevronDownIcon from '@atlaskit/icon/core/chevron-down';
import ChevronUpIcon from '@atlaskit/icon/core/chevron-up';
import ChevronLeftIcon from '@atlaskit/icon/core/chevron-left';
import ChevronRightIcon from '@atlaskit/icon/core/chevron-right';
import QuestionCircleIcon from '@atlaskit/icon/core/question-circle';
import LinkIcon from '@atlaskit/icon/core/link';
import MoreIcon from '@atlaskit/icon/core/show-more-horizontal';
import StatusSuccessIcon from '@atlaskit/icon/core/status-success';
import StatusErrorIcon from '@atlaskit/icon/core/status-error';
import StatusWarningIcon from '@atlaskit/icon/core/status-warning';
import StatusInformationIcon from '@atlaskit/icon/core/status-information';
import { reportHostError } from '../host-errors';
import type { NodeComponent } from './types';

type CoreIcon = React.ComponentType<NewCoreIconProps>;

// UI Kit glyph name (legacy and new spellings) → core icon.
const GLYPHS: Record<string, CoreIcon> = {
  add: AddIcon,
  'add-circle': AddIcon,
  'editor-add': AddIcon,
  edit: EditIcon,
  'edit-filled': EditIcon,
  'editor-edit': EditIcon,
  trash: DeleteIcon,
  delete: DeleteIcon,
  'editor-remove': DeleteIcon,
  refresh: RefreshIcon,
  retry: RefreshIcon,
  search: SearchIcon,
  'editor-search': SearchIcon,
  check: CheckMarkIcon,
  'check-mark': CheckMarkIcon,
  'editor-done': CheckMarkIcon,
  cross: CrossIcon,
  close: CloseIcon,
  'editor-close': CloseIcon,
  info: InformationIcon,
  information: InformationIcon,
  'editor-info': InformationIcon,
  warning: WarningIcon,
  'editor-warning': WarningIcon,
  error: ErrorIcon,
  'editor-error': ErrorIcon,
  person: PersonIcon,
  'user-avatar-circle': PersonIcon,
  people: PeopleGroupIcon,
  'people-group': PeopleGroupIcon,
  settings: SettingsIcon,
  'editor-settings': SettingsIcon,
  copy: CopyIcon,
  download: DownloadIcon,
  upload: UploadIcon,
  lock: LockLockedIcon,
  'lock-locked': LockLockedIcon,
  unlock: LockUnlockedIcon,
  'lock-unlocked': LockUnlockedIcon,
  'chevron-down': ChevronDownIcon,
  'chevron-up': ChevronUpIcon,
  'chevron-left': ChevronLeftIcon,
  'chevron-right': ChevronRightIcon,
  'question-circle': QuestionCircleIcon,
  question: QuestionCircleIcon,
  link: LinkIcon,
  'editor-link': LinkIcon,
  more: MoreIcon,
  'show-more-horizontal': MoreIcon,
  'check-circle': StatusSuccessIcon,
  'status-success': StatusSuccessIcon,
  'cross-circle': StatusErrorIcon,
  'status-error': StatusErrorIcon,
  'status-warning': StatusWarningIcon,
  'status-information': StatusInformationIcon,
};

export const supportedGlyphs = (): string[] => Object.keys(GLYPHS).sort();

/** The core icon for a UI Kit glyph name; an unknown name is a host error and renders a visible placeholder. */
export function iconFor(glyph: string, props: { label: string; color?: string; size?: 'small' | 'medium' }): React.ReactElement {
  const Icon = GLYPHS[glyph];
  if (!Icon) {
    reportHostError('unsupported-component', `Unsupported UI Kit icon glyph: ${glyph}`);
    return (
      <span data-testid="forge-host-unsupported" data-forge-type={`Icon:${glyph}`} title={`Unsupported icon: ${glyph}`} style={{ color: token('color.text.danger') }}>
        ⊘
      </span>
    );
  }
  // Colours arrive as token names from the app (resolved by the caller to var(--ds-…)), which NewCoreIconProps types
  // as a closed union.
  return <Icon label={props.label} {...(props.color ? { color: props.color as NewCoreIconProps['color'] } : {})} {...(props.size ? { size: props.size } : {})} />;
}

export const iconComponents: Record<string, NodeComponent> = {
  Icon: ({ node }) => {
    const p = node.props;
    const color = p.color ?? p.primaryColor;
    // Core icons come in small (12px) and medium (16px); UI Kit's medium/large mean 24/32px canvases.
    return iconFor(String(p.glyph), { label: p.label ?? '', color: color ? token(color as Parameters<typeof token>[0]) : undefined, size: p.size === 'small' ? 'small' : 'medium' });
  },
};
