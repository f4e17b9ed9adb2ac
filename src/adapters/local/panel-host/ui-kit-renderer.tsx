// Renders a reconciled UI Kit tree (ForgeDoc) with the Atlaskit components UI Kit stands for; a component it does not
// know is shown as a visible warning box with its name, never dropped.
import { isValidElement, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk, ValidMessage } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import AddIcon from '@atlaskit/icon/core/add';
import CheckMarkIcon from '@atlaskit/icon/core/check-mark';
import CrossIcon from '@atlaskit/icon/core/cross';
import DeleteIcon from '@atlaskit/icon/core/delete';
import EditIcon from '@atlaskit/icon/core/edit';
import LinkBrokenIcon from '@atlaskit/icon/core/link-broken';
import SearchIcon from '@atlaskit/icon/core/search';
import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { ForgeDoc } from './forge-host';

type Props = Record<string, unknown>;
type IconComponent = typeof AddIcon;

// UI Kit names icons by their glyph; the ones this app uses, and a few common ones.
const ICONS: Record<string, IconComponent> = {
  add: AddIcon,
  unlink: LinkBrokenIcon,
  'link-broken': LinkBrokenIcon,
  search: SearchIcon,
  edit: EditIcon,
  trash: DeleteIcon,
  delete: DeleteIcon,
  cross: CrossIcon,
  'check-mark': CheckMarkIcon,
  check: CheckMarkIcon,
};

/** Every UI Kit component the host renders; the page lists the others it met. */
export const SUPPORTED_COMPONENTS = [
  'Root', 'String', 'Fragment', 'Stack', 'Inline', 'Box', 'Text', 'Heading', 'Button', 'LoadingButton', 'LinkButton',
  'Textfield', 'TextArea', 'Select', 'Checkbox', 'Label', 'ErrorMessage', 'HelperMessage', 'ValidMessage',
  'RequiredAsterisk', 'Lozenge', 'Badge', 'DynamicTable', 'Modal', 'ModalTransition', 'ModalHeader', 'ModalTitle',
  'ModalBody', 'ModalFooter', 'Form', 'FormHeader', 'FormFooter', 'FormSection', 'SectionMessage',
  'SectionMessageAction', 'Spinner', 'Link', 'Icon', 'EmptyState', 'ProgressBar', 'ContentWrapper',
] as const;

const fn = (value: unknown): ((...args: unknown[]) => unknown) | undefined => (typeof value === 'function' ? (value as (...args: unknown[]) => unknown) : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** The serialisable event UI Kit hands an app's handlers (a plain object, as it crosses Forge's bridge). */
const changeEvent = (target: { value?: unknown; checked?: boolean }) => ({ type: 'change', bubbles: true, cancelable: false, defaultPrevented: false, target });

function iconOf(name: unknown, label = ''): ReactNode {
  if (typeof name !== 'string') return null;
  const Glyph = ICONS[name];
  if (Glyph === undefined) return <Unsupported name={`Icon "${name}"`} />;
  return <Glyph label={label} />;
}

function Unsupported({ name }: { name: string }) {
  return (
    <span role="alert" data-unsupported-component={name} style={{ display: 'inline-block', border: '2px dashed #c9372c', color: '#ae2e24', padding: '2px 6px', fontFamily: 'monospace' }}>
      {`Unsupported UI Kit component: ${name}`}
    </span>
  );
}

/** A text field whose value follows the app's `value` prop, keeping keystrokes between the app's renders. */
function HostTextfield({ props }: { props: Props }) {
  const controlled = props.value !== undefined;
  const [value, setValue] = useState(String(props.value ?? props.defaultValue ?? ''));
  useEffect(() => {
    if (controlled) setValue(String(props.value ?? ''));
  }, [controlled, props.value]);
  const onChange = fn(props.onChange);
  return (
    <Textfield
      id={str(props.id)}
      name={str(props.name)}
      placeholder={str(props.placeholder)}
      type={str(props.type)}
      isRequired={props.isRequired === true}
      isInvalid={props.isInvalid === true}
      isDisabled={props.isDisabled === true}
      isReadOnly={props.isReadOnly === true}
      isCompact={props.isCompact === true}
      value={value}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setValue(next);
        onChange?.(changeEvent({ value: next }));
      }}
      onBlur={() => fn(props.onBlur)?.()}
      onFocus={() => fn(props.onFocus)?.()}
    />
  );
}

function HostCheckbox({ props }: { props: Props }) {
  // @atlaskit/checkbox is not among this project's packages: a native checkbox with its label, as accessible.
  const id = str(props.id) ?? `checkbox-${str(props.name) ?? ''}`;
  return (
    <label htmlFor={id} style={{ display: 'flex', gap: 8, alignItems: 'center', cursor: props.isDisabled === true ? 'not-allowed' : 'pointer' }}>
      <input
        id={id}
        type="checkbox"
        name={str(props.name)}
        checked={props.isChecked === true}
        disabled={props.isDisabled === true}
        onChange={(event) => fn(props.onChange)?.(changeEvent({ checked: event.currentTarget.checked, value: str(props.value) }))}
      />
      <span>{str(props.label) ?? ''}</span>
    </label>
  );
}

/** A React element passed in a prop (SectionMessage's `actions`): the same shape as a reconciled node. */
function elementToDoc(element: ReactElement, index: number): ForgeDoc {
  const { children, ...props } = (element.props ?? {}) as Props & { children?: unknown };
  const type = typeof element.type === 'string' ? element.type : 'Fragment';
  const kids = (Array.isArray(children) ? children : children === undefined ? [] : [children]).flatMap((child, i): ForgeDoc[] => {
    if (typeof child === 'string' || typeof child === 'number') return [{ type: 'String', key: `${index}-${i}`, props: { text: String(child) }, children: [] }];
    if (isValidElement(child)) return [elementToDoc(child, i)];
    return [];
  });
  return { type, key: String(element.key ?? index), props, children: kids };
}

export function renderDoc(node: ForgeDoc): ReactNode {
  const kids = () => node.children.map(renderDoc);
  const p = node.props;
  const key = node.key;
  switch (node.type) {
    case 'Root':
    case 'Fragment':
    case 'ContentWrapper':
      return <Stack key={key}>{kids()}</Stack>;
    case 'String':
      return String(p.text ?? '');
    case 'Stack':
      return (
        <Stack key={key} space={p.space as never} alignInline={p.alignInline as never} alignBlock={p.alignBlock as never} spread={p.spread as never} grow={p.grow as never}>
          {kids()}
        </Stack>
      );
    case 'Inline':
      return (
        <Inline key={key} space={p.space as never} rowSpace={p.rowSpace as never} alignInline={p.alignInline as never} alignBlock={p.alignBlock as never} spread={p.spread as never} grow={p.grow as never} shouldWrap={p.shouldWrap === true} separator={str(p.separator)}>
          {kids()}
        </Inline>
      );
    case 'Box':
      return (
        <Box key={key} padding={p.padding as never} backgroundColor={p.backgroundColor as never}>
          {kids()}
        </Box>
      );
    case 'Text':
      return (
        <Text key={key} size={p.size as never} weight={p.weight as never} color={p.color as never} align={p.align as never} maxLines={p.maxLines as never} as={(str(p.as) ?? 'p') as never}>
          {kids()}
        </Text>
      );
    case 'Heading':
      return (
        <Heading key={key} size={(str(p.size) ?? 'medium') as never} as={str(p.as) as never}>
          {kids()}
        </Heading>
      );
    case 'Button':
    case 'LoadingButton':
      return (
        <Button
          key={key}
          appearance={p.appearance as never}
          spacing={p.spacing as never}
          type={(str(p.type) ?? 'button') as never}
          isDisabled={p.isDisabled === true}
          isLoading={p.isLoading === true}
          isSelected={p.isSelected === true}
          shouldFitContainer={p.shouldFitContainer === true}
          iconBefore={p.iconBefore === undefined ? undefined : () => iconOf(p.iconBefore)}
          iconAfter={p.iconAfter === undefined ? undefined : () => iconOf(p.iconAfter)}
          onClick={() => fn(p.onClick)?.()}
        >
          {kids()}
        </Button>
      );
    case 'LinkButton':
      return (
        <a key={key} href={str(p.href)} target={str(p.target)}>
          {kids()}
        </a>
      );
    case 'Textfield':
      return <HostTextfield key={key} props={p} />;
    case 'TextArea':
      return (
        <TextArea
          key={key}
          name={str(p.name)}
          placeholder={str(p.placeholder)}
          value={str(p.value)}
          isDisabled={p.isDisabled === true}
          isInvalid={p.isInvalid === true}
          onChange={(event) => fn(p.onChange)?.(changeEvent({ value: event.currentTarget.value }))}
        />
      );
    case 'Select':
      return (
        <Select
          key={key}
          inputId={str(p.inputId) ?? str(p.id)}
          name={str(p.name)}
          options={(p.options as never) ?? []}
          value={p.value as never}
          placeholder={str(p.placeholder)}
          isMulti={p.isMulti === true}
          isClearable={p.isClearable === true}
          isDisabled={p.isDisabled === true}
          isSearchable={p.isSearchable !== false}
          onChange={(value) => fn(p.onChange)?.(value)}
        />
      );
    case 'Checkbox':
      return <HostCheckbox key={key} props={p} />;
    case 'Label':
      return (
        <Label key={key} htmlFor={str(p.labelFor) ?? ''}>
          {kids()}
        </Label>
      );
    case 'ErrorMessage':
      return <ErrorMessage key={key}>{kids()}</ErrorMessage>;
    case 'HelperMessage':
      return <HelperMessage key={key}>{kids()}</HelperMessage>;
    case 'ValidMessage':
      return <ValidMessage key={key}>{kids()}</ValidMessage>;
    case 'RequiredAsterisk':
      return <RequiredAsterisk key={key} />;
    case 'Lozenge':
      return (
        <Lozenge key={key} appearance={p.appearance as never} isBold={p.isBold === true}>
          {kids()}
        </Lozenge>
      );
    case 'Badge':
      return (
        <span key={key} style={{ borderRadius: 8, padding: '0 6px', background: 'var(--ds-background-neutral, #dfe1e6)' }}>
          {kids()}
        </span>
      );
    case 'DynamicTable':
      return <HostDynamicTable key={key} node={node} />;
    case 'ModalTransition':
      return <ModalTransition key={key}>{node.children.length > 0 ? kids() : null}</ModalTransition>;
    case 'Modal':
      return (
        <Modal key={key} onClose={() => fn(p.onClose)?.()} label={str(p.label)} width={p.width as never} shouldScrollInViewport={p.shouldScrollInViewport === true}>
          {kids()}
        </Modal>
      );
    case 'ModalHeader':
      return <ModalHeader key={key}>{kids()}</ModalHeader>;
    case 'ModalTitle':
      return <ModalTitle key={key} appearance={p.appearance as never}>{kids()}</ModalTitle>;
    case 'ModalBody':
      return <ModalBody key={key}>{kids()}</ModalBody>;
    case 'ModalFooter':
      return <ModalFooter key={key}>{kids()}</ModalFooter>;
    case 'Form':
      return (
        <form
          key={key}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const values = Object.fromEntries(new FormData(event.currentTarget).entries());
            fn(p.onSubmit)?.(values);
          }}
        >
          {kids()}
        </form>
      );
    case 'FormHeader':
      return (
        <Stack key={key} space="space.100">
          {str(p.title) !== undefined && <Heading size="medium">{str(p.title)}</Heading>}
          {kids()}
        </Stack>
      );
    case 'FormFooter':
      return (
        <Inline key={key} space="space.100" alignInline={p.align === 'start' ? 'start' : 'end'}>
          {kids()}
        </Inline>
      );
    case 'FormSection':
      return (
        <Stack key={key} space="space.100">
          {kids()}
        </Stack>
      );
    case 'SectionMessage': {
      const actions = Array.isArray(p.actions) ? p.actions.filter(isValidElement).map((element, i) => renderDoc(elementToDoc(element, i))) : undefined;
      return (
        <SectionMessage key={key} appearance={p.appearance as never} title={str(p.title)} actions={actions as never}>
          {kids()}
        </SectionMessage>
      );
    }
    case 'SectionMessageAction':
      return (
        <SectionMessageAction key={key} href={str(p.href)} onClick={fn(p.onClick) === undefined ? undefined : () => fn(p.onClick)?.()}>
          {node.children.map(renderDoc)}
        </SectionMessageAction>
      );
    case 'Spinner':
      return <Spinner key={key} size={p.size as never} label={str(p.label)} />;
    case 'Link':
      return (
        <Link key={key} href={str(p.href) ?? '#'} target={p.openNewTab === true ? '_blank' : undefined}>
          {kids()}
        </Link>
      );
    case 'Icon':
      return <span key={key}>{iconOf(p.glyph, str(p.label))}</span>;
    case 'EmptyState':
      return (
        <Stack key={key} space="space.100" alignInline="center">
          {str(p.header) !== undefined && <Heading size="small" as={`h${Number(p.headingLevel ?? 2)}` as never}>{str(p.header)}</Heading>}
          {str(p.description) !== undefined && <Text align="center">{str(p.description)}</Text>}
          {kids()}
        </Stack>
      );
    case 'ProgressBar':
      return <ProgressBar key={key} value={Number(p.value ?? 0)} isIndeterminate={p.isIndeterminate === true} ariaLabel={str(p.ariaLabel)} />;
    default:
      return <Unsupported key={key} name={node.type} />;
  }
}

/** UI Kit's DynamicTable arrives as Row and Cell nodes under two ContentWrappers (head, rows); Atlaskit wants objects. */
function HostDynamicTable({ node }: { node: ForgeDoc }) {
  const part = (name: string) => node.children.find((c) => c.type === 'ContentWrapper' && c.props.name === name)?.children ?? [];
  const cellsOf = (cells: ForgeDoc[]) => cells.map((cell) => ({ key: String(cell.props.cellKey ?? cell.key), content: <>{cell.children.map(renderDoc)}</> }));
  const head = part('head');
  const rows = part('rows').map((row) => ({ key: String(row.props.rowKey ?? row.key), cells: cellsOf(row.children) }));
  return (
    <DynamicTable
      caption={str(node.props.caption)}
      head={head.length > 0 ? { cells: cellsOf(head) } : undefined}
      rows={rows}
      rowsPerPage={typeof node.props.rowsPerPage === 'number' ? node.props.rowsPerPage : undefined}
      isLoading={node.props.isLoading === true}
      emptyView={<Text>{str(node.props.emptyView) ?? 'Nothing to show'}</Text>}
    />
  );
}
