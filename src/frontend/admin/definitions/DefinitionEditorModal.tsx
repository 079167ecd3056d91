import React, { useMemo, useState } from 'react';
import {
  Button,
  ButtonGroup,
  ErrorMessage as FieldError,
  HelperMessage,
  Inline,
  Label,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  Stack,
  Text,
  TextArea,
  Textfield,
  Toggle,
} from '@forge/react';
import type { ErrorBody, PreferenceDefinition } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagError, flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { JsonField } from '../editor/JsonField';
import { checkNewKey, KeyField } from '../editor/KeyField';
import { firstInexactNumber, lossyValue, parseJsonText, type ParsedJson } from '../../shared/json-text';
import { flushEditorFrame } from '../../shared/json-editor/use-editor-frame';
import { checkDefault, type DefaultCheck } from './default-check';
import { SCHEMA_TEMPLATES } from './schema-templates';

// The resolver's limits (src/domain/definitions.ts); it has the final word and its message is shown on refusal.
export const MAX_TITLE = 100;
export const MAX_DESCRIPTION = 1_000;

interface Props {
  /** The definition to edit; absent to create one. */
  definition?: PreferenceDefinition;
  existingKeys: readonly string[];
  onEditExisting(key: string): void;
  onClose(): void;
  onSaved(): void;
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
// A preference's schema and default are the app's own settings, stored as JavaScript values (not property texts).
const formatJson = (value: unknown) => JSON.stringify(value, null, 2);
const valueOf = (parsed: ParsedJson) => (parsed.ok ? lossyValue(parsed) : undefined);
/** Refused rather than rounded: the settings store JavaScript values, which hold a number only as a double. */
function inexactProblem(parsed: ParsedJson, what: string): string | undefined {
  const number = parsed.ok ? firstInexactNumber(parsed.tree) : undefined;
  return number === undefined ? undefined : `${what} holds ${number}, which the app's settings cannot keep exactly (they would round it); write it as a string or with fewer digits.`;
}

function titleProblem(title: string): string | undefined {
  if (title.trim() === '') return 'Enter a title: it is what users see in My preferences.';
  if (title.length > MAX_TITLE) return `The title is ${title.length} characters long; at most ${MAX_TITLE}.`;
  return undefined;
}

function checkDefinition(schema: ParsedJson, defaultValue: ParsedJson, defaultText: string): DefaultCheck | undefined {
  const schemaValue = valueOf(schema);
  if (!isObject(schemaValue) || !defaultValue.ok) return undefined;
  return checkDefault(schemaValue as Record<string, unknown>, valueOf(defaultValue), defaultText);
}

/**
 * Create or edit a preference definition. Key, title and JSON are checked as typed, and the default against the
 * schema (ajv, as the resolver does): Create/Save is offered only when this page's own checks pass. The resolver checks
 * again and has the final word; its message is shown in the dialog when it refuses.
 */
export const DefinitionEditorModal = ({ definition, existingKeys, onEditExisting, onClose, onSaved }: Props) => {
  const [key, setKey] = useState(definition?.key ?? '');
  const [title, setTitle] = useState(definition?.title ?? '');
  const [description, setDescription] = useState(definition?.description ?? '');
  const [schemaText, setSchemaText] = useState(formatJson(definition?.schema ?? { type: 'string' }));
  const [defaultText, setDefaultText] = useState(formatJson(definition?.defaultValue ?? ''));
  const [userEditable, setUserEditable] = useState(definition?.userEditable ?? true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorBody>();

  const keyCheck = definition
    ? ({ ok: true } as const)
    : checkNewKey(key, existingKeys, { existsMessage: (k) => `A preference "${k}" is already defined.` });
  const schema = parseJsonText(schemaText);
  const schemaValue = valueOf(schema);
  const schemaProblem = schema.ok && !isObject(schemaValue) ? 'A schema is a JSON object, like {"type": "boolean"}.' : inexactProblem(schema, 'The schema');
  const defaultValue = parseJsonText(defaultText);
  // The page's verdict on the default (not the editor frame's: see default-check.ts); both inputs derive from the texts.
  const verdict = useMemo(() => checkDefinition(schema, defaultValue, defaultText), [schemaText, defaultText]);
  const schemaCompileProblem = verdict?.status === 'bad-schema' ? verdict.message : undefined;
  // While the schema cannot be used, this page says so for the default too (rather than the frame's own verdict).
  const defaultProblem =
    inexactProblem(defaultValue, 'The default') ??
    (verdict?.status === 'invalid' ? verdict.message : verdict?.status === 'bad-schema' ? 'The default is checked once the schema above can be used.' : undefined);
  const titleCheck = titleProblem(title);
  const descriptionProblem =
    description.length > MAX_DESCRIPTION ? `The description is ${description.length} characters long; at most ${MAX_DESCRIPTION}.` : undefined;
  const formOk = keyCheck.ok && !titleCheck && !descriptionProblem && schema.ok && !schemaProblem && defaultValue.ok && !inexactProblem(defaultValue, '');
  const canSave = !saving && formOk && verdict?.status !== 'invalid' && verdict?.status !== 'bad-schema';

  const applyTemplate = (index: number) => {
    const template = SCHEMA_TEMPLATES[index];
    setSchemaText(formatJson(template.schema));
    setDefaultText(formatJson(template.defaultValue));
  };

  const save = async () => {
    if (!schema.ok) return;
    setSaving(true);
    setError(undefined);
    // The code editor reports edits after a pause, and this handler runs with the state last rendered: take the text
    // the editor shows now (it also goes to the form), and check it again before sending it.
    const shown = (await flushEditorFrame()) ?? defaultText;
    const value = shown === defaultText ? defaultValue : parseJsonText(shown);
    const check = shown === defaultText ? verdict : checkDefinition(schema, value, shown);
    if (!value.ok || inexactProblem(value, '') || check?.status === 'invalid' || check?.status === 'bad-schema') {
      // The form now holds that text and says what is wrong with it.
      setSaving(false);
      return;
    }
    const answer = await call('saveDefinition', {
      definition: {
        key,
        title: title.trim(),
        description: description.trim(),
        schema: schemaValue as Record<string, unknown>,
        defaultValue: valueOf(value),
        userEditable,
      },
    });
    setSaving(false);
    if (answer.success) {
      flagSuccess(definition ? 'Preference saved' : 'Preference created', `"${answer.data.title}" (${answer.data.key}) is saved.`);
      onSaved();
    } else {
      setError(answer.error);
      flagError('The preference was not saved', answer.error);
    }
  };

  return (
    <ModalTransition>
      <Modal onClose={onClose} width="x-large">
        <ModalHeader>
          <ModalTitle>{definition ? `Edit preference "${definition.key}"` : 'New preference'}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            {definition ? null : (
              <KeyField
                value={key}
                check={keyCheck}
                onChange={setKey}
                onEditExisting={() => onEditExisting(key)}
                helper={'The user property key the preference is stored under, like "costCenter" or "myapp.theme".'}
              />
            )}
            <Stack space="space.050">
              <Label labelFor="definition-title">Title</Label>
              <Textfield id="definition-title" name="title" value={title} isInvalid={title !== '' && titleCheck !== undefined} onChange={(e) => setTitle(e.target.value)} />
              {title !== '' && titleCheck ? <FieldError>{titleCheck}</FieldError> : <HelperMessage>{`Shown to users; 1 to ${MAX_TITLE} characters.`}</HelperMessage>}
            </Stack>
            <Stack space="space.050">
              <Label labelFor="definition-description">Description</Label>
              <TextArea
                id="definition-description"
                name="description"
                minimumRows={2}
                value={description}
                isInvalid={descriptionProblem !== undefined}
                onChange={(e) => setDescription(e.target.value)}
              />
              {descriptionProblem ? <FieldError>{descriptionProblem}</FieldError> : <HelperMessage>{`Optional help for users; at most ${MAX_DESCRIPTION} characters.`}</HelperMessage>}
            </Stack>
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <Text>Start from a template:</Text>
              <ButtonGroup label="Schema templates">
                {SCHEMA_TEMPLATES.map((template, index) => (
                  <Button key={template.label} spacing="compact" onClick={() => applyTemplate(index)}>
                    {template.label}
                  </Button>
                ))}
              </ButtonGroup>
            </Inline>
            <JsonField
              id="definition-schema"
              name="schema"
              label="Schema (JSON Schema)"
              minimumRows={6}
              text={schemaText}
              parsed={schema}
              problem={schemaProblem ?? schemaCompileProblem}
              onChange={setSchemaText}
            />
            {/* The default is edited in the code editor, checked live against the schema being defined (by the frame for
                its underlines, by this page for the message and for Create). */}
            <JsonField
              id="definition-default"
              name="defaultValue"
              label="Default value (JSON)"
              minimumRows={3}
              text={defaultText}
              parsed={defaultValue}
              problem={defaultProblem}
              onChange={setDefaultText}
              editor={{ schema: isObject(schemaValue) ? (schemaValue as Record<string, unknown>) : undefined }}
            />
            <Inline space="space.100" alignBlock="center">
              <Toggle id="definition-user-editable" name="userEditable" isChecked={userEditable} onChange={() => setUserEditable(!userEditable)} />
              <Label labelFor="definition-user-editable">Users may edit this themselves</Label>
            </Inline>
            {error ? <ErrorMessage error={error} /> : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <LoadingButton appearance="primary" isLoading={saving} isDisabled={!canSave} onClick={() => void save()}>
            {definition ? 'Save' : 'Create'}
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};
